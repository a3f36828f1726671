package io.aimon.detectors.check;

import static io.aimon.detectors.check.CheckFixtures.WINDOW_END;
import static io.aimon.detectors.check.CheckFixtures.WINDOW_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aimon.config.DefaultThresholds;
import io.aimon.config.MetricIds;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.fairness.FairnessAccumulator;
import io.aimon.detectors.fairness.FairnessCalculator;
import io.aimon.detectors.fairness.FairnessResult;
import io.aimon.detectors.fairness.GroupCounts;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Selection-rate fairness checks: a gap over fewer than two real groups is {@code
 * insufficient_data} with a reason, never ok (docs/metrics.md, Fairness).
 */
class FairnessChecksTest {
  private static final String M = FairnessAccumulator.MISSING;
  private static final String OTHER = FairnessAccumulator.OTHER;

  /** The model of CheckFixtures with the fairness attribute sex, min_group_size 30. */
  private static final ModelSpec SPEC =
      new ModelSpec(
          "m1",
          null,
          86_400_000L,
          CheckFixtures.MIN_SAMPLES,
          List.of("x", "y"),
          List.of("c"),
          true,
          true,
          "1",
          List.of("sex"),
          10_000,
          DefaultThresholds.all());

  /** n events: every second one selected; sex given by {@code sexOf(i)}. */
  private static List<InferenceEvent> events(int n, java.util.function.IntFunction<String> sexOf) {
    List<InferenceEvent> plain = CheckFixtures.events(5, n, 0, 0);
    List<InferenceEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      InferenceEvent e = plain.get(i);
      out.add(
          new InferenceEvent(
              e.inferenceId(),
              e.modelId(),
              e.modelVersion(),
              e.timestamp(),
              e.numeric(),
              e.categorical(),
              i % 2 == 0 ? "1" : "0",
              e.score(),
              e.label(),
              new String[] {sexOf.apply(i)},
              e.latencyMs(),
              e.typeMismatches(),
              e.source(),
              e.position()));
    }
    return out;
  }

  private static Map<String, CheckResult> evaluate(List<InferenceEvent> window) {
    ReferenceProfile ref = CheckFixtures.reference(SPEC, events(400, i -> "F"));
    Map<String, CheckResult> out = new HashMap<>();
    for (CheckResult r : DriftChecks.evaluate(SPEC, ref, CheckFixtures.window(SPEC, ref, window))) {
      out.put(r.metric() + "/" + r.attribute() + "/" + r.group(), r);
    }
    return out;
  }

  @Test
  void anAttributeMissingOnEveryEventGivesInsufficientGapsNotParity() {
    Map<String, CheckResult> r = evaluate(events(300, i -> M));
    CheckResult ratio = r.get("demographic_parity_ratio/sex/null");
    // one group (__MISSING__) is at parity with itself: 1.0, which must not read as ok
    assertEquals(1.0, ratio.value());
    assertEquals(CheckStatus.INSUFFICIENT_DATA, ratio.status());
    assertEquals("attribute_missing", ratio.reason());
    assertNull(ratio.threshold());
    CheckResult difference = r.get("demographic_parity_difference/sex/null");
    assertEquals(0.0, difference.value());
    assertEquals(CheckStatus.INSUFFICIENT_DATA, difference.status());
    assertEquals("attribute_missing", difference.reason());
    CheckResult smallest = r.get("min_group_size/sex/null");
    assertEquals(300.0, smallest.value(), "the __MISSING__ group's size, not a real group's");
    assertEquals(CheckStatus.INSUFFICIENT_DATA, smallest.status());
    assertEquals("attribute_missing", smallest.reason());
    // the per-group results are still reported
    assertEquals(300.0, r.get("count/sex/" + M).value());
    assertEquals(0.5, r.get("selection_rate/sex/" + M).value());
  }

  @Test
  void twoRealGroupsAreJudgedAsBeforeWithoutAReason() {
    // F: events 0, 2, 4, ... all selected; M: odd events, none selected
    Map<String, CheckResult> r = evaluate(events(300, i -> i % 2 == 0 ? "F" : "M"));
    CheckResult ratio = r.get("demographic_parity_ratio/sex/null");
    assertEquals(0.0, ratio.value(), "min 0 / max 1");
    assertEquals(CheckStatus.CRITICAL, ratio.status());
    assertNull(ratio.reason());
    CheckResult difference = r.get("demographic_parity_difference/sex/null");
    assertEquals(1.0, difference.value());
    assertNull(difference.reason());
    assertEquals(CheckStatus.OK, difference.status(), "no default threshold for the difference");
    assertEquals(CheckStatus.OK, r.get("min_group_size/sex/null").status());
    assertNull(r.get("min_group_size/sex/null").reason());

    Map<String, CheckResult> mixed = evaluate(events(300, i -> i % 4 == 0 ? "F" : "M"));
    CheckResult judged = mixed.get("demographic_parity_ratio/sex/null");
    // F (every fourth event) all selected, M one in three: ratio (1/3) / 1 < 0.8
    assertEquals(1.0 / 3, judged.value(), 1e-12);
    assertEquals(CheckStatus.CRITICAL, judged.status(), judged.toString());
    assertNull(judged.reason());
  }

  @Test
  void oneRealGroupNextToMissingValuesIsTooFewGroups() {
    Map<String, CheckResult> r = evaluate(events(300, i -> i % 3 == 0 ? M : "F"));
    CheckResult ratio = r.get("demographic_parity_ratio/sex/null");
    assertEquals(CheckStatus.INSUFFICIENT_DATA, ratio.status());
    assertEquals("too_few_groups", ratio.reason());
    assertEquals(CheckStatus.OK, r.get("min_group_size/sex/null").status());
  }

  // ---- the rule itself, on calculator results --------------------------------------------------

  private static FairnessResult result(String attribute, int minGroupSize, Object... groups) {
    Map<String, GroupCounts> m = new LinkedHashMap<>();
    for (int i = 0; i < groups.length; i += 2) {
      m.put((String) groups[i], (GroupCounts) groups[i + 1]);
    }
    return FairnessCalculator.evaluate(attribute, m, minGroupSize);
  }

  /**
   * count events with tp, fp, tn, fn as given; predicted positives and half the unlabelled
   * selected.
   */
  private static GroupCounts g(long count, long tp, long fp, long tn, long fn) {
    long unlabelled = count - tp - fp - tn - fn;
    return GroupCounts.of(count, tp + fp + unlabelled / 2, tp, fp, tn, fn);
  }

  @Test
  void onlyOverflowIsOverflowOnlyAndMissingEverywhereIsAttributeMissing() {
    assertEquals(
        InsufficientReason.OVERFLOW_ONLY,
        GapGroups.reason(
            result("sex", 30, OTHER, g(500, 0, 0, 0, 0), M, g(40, 0, 0, 0, 0)),
            GapGroups.Rate.SELECTION));
    assertEquals(
        InsufficientReason.ATTRIBUTE_MISSING,
        GapGroups.reason(result("sex", 30, M, g(500, 0, 0, 0, 0)), GapGroups.Rate.SELECTION));
  }

  @Test
  void groupsBelowTheMinimumOrWithoutTheRateDoNotCount() {
    FairnessResult small =
        result(
            "sex", 30, "F", g(500, 0, 0, 0, 0), "M", g(10, 0, 0, 0, 0), OTHER, g(90, 0, 0, 0, 0));
    assertEquals(
        InsufficientReason.TOO_FEW_GROUPS, GapGroups.reason(small, GapGroups.Rate.SELECTION));
    // F has no labelled negatives (no FPR): equal opportunity is judged, equalized odds is not
    FairnessResult noNegatives =
        result("sex", 1, "F", g(100, 40, 0, 0, 10), "M", g(100, 30, 5, 60, 5));
    assertNull(GapGroups.reason(noNegatives, GapGroups.Rate.TPR));
    assertEquals(
        InsufficientReason.TOO_FEW_GROUPS,
        GapGroups.reason(noNegatives, GapGroups.Rate.TPR, GapGroups.Rate.FPR));
    assertEquals(
        InsufficientReason.TOO_FEW_GROUPS,
        GapGroups.reason(result("sex", 1), GapGroups.Rate.SELECTION),
        "no group at all");
  }

  @Test
  void anIntersectionGroupMissingOneAttributeIsNoRealGroup() {
    FairnessResult race =
        result(
            "race|sex",
            1,
            "White|" + M,
            g(300, 0, 0, 0, 0),
            "Black|" + M,
            g(200, 0, 0, 0, 0),
            M + "|" + M,
            g(20, 0, 0, 0, 0));
    assertEquals(
        InsufficientReason.ATTRIBUTE_MISSING, GapGroups.reason(race, GapGroups.Rate.SELECTION));
    FairnessResult both =
        result("race|sex", 1, "White|F", g(300, 0, 0, 0, 0), "Black|M", g(200, 0, 0, 0, 0));
    assertNull(GapGroups.reason(both, GapGroups.Rate.SELECTION));
  }

  // ---- the reason on the result record --------------------------------------------------------

  private static CheckResult.Builder insufficient() {
    return CheckResult.builder()
        .checkId("c")
        .modelId("m1")
        .window(WINDOW_START, WINDOW_END)
        .metric(MetricIds.DEMOGRAPHIC_PARITY_RATIO)
        .group("sex", null)
        .value(1.0)
        .n(300)
        .status(CheckStatus.INSUFFICIENT_DATA);
  }

  @Test
  void theReasonIsWrittenAfterTheStatusAndReadBackAndAbsentReadsAsNull() throws Exception {
    CheckResult r = insufficient().reason(InsufficientReason.ATTRIBUTE_MISSING).build();
    String json = OutputJson.checkResult(r);
    assertEquals(
        "{\"check_id\":\"c\",\"model_id\":\"m1\",\"window_start\":\"2024-02-01T00:00:00Z\","
            + "\"window_end\":\"2024-02-02T00:00:00Z\",\"metric\":\"demographic_parity_ratio\","
            + "\"attribute\":\"sex\",\"value\":1.0,\"n\":300,\"status\":\"insufficient_data\","
            + "\"reason\":\"attribute_missing\"}",
        json);
    ObjectMapper mapper = new ObjectMapper();
    assertEquals(r, OutputJson.readCheckResult(mapper.readTree(json)));
    CheckResult without = insufficient().build();
    assertNull(
        OutputJson.readCheckResult(mapper.readTree(OutputJson.checkResult(without))).reason());
  }

  @Test
  void aReasonNeedsStatusInsufficientData() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                insufficient()
                    .status(CheckStatus.OK)
                    .reason(InsufficientReason.TOO_FEW_GROUPS)
                    .build());
    assertEquals(
        "reason: expected a code with status insufficient_data only, found 'too_few_groups' with"
            + " status ok",
        e.getMessage());
    assertEquals(InsufficientReason.OVERFLOW_ONLY, InsufficientReason.ofCode("overflow_only"));
    assertThrows(IllegalArgumentException.class, () -> InsufficientReason.ofCode("nope"));
  }
}
