package io.aimon.detectors.check;

import static io.aimon.detectors.check.CheckFixtures.WINDOW_END;
import static io.aimon.detectors.check.CheckFixtures.WINDOW_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aimon.config.DefaultThresholds;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.fairness.FairnessAccumulator;
import io.aimon.detectors.label.LabelledPrediction;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.model.OutcomeSettings;
import io.aimon.detectors.outcome.OutcomeAccumulator;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.detectors.profile.WindowAccumulator;
import io.aimon.detectors.profile.WindowProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * An overflow bucket is never judged as a group: gaps over fewer than two real groups are {@code
 * insufficient_data} with a reason, the pooled group's own results are never {@code ok}, and the
 * results of a capped feature or attribute say how much was capped.
 */
class OverflowAndCapsChecksTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MIN_GROUP = 30;

  /** Numeric x, categorical c, one fairness attribute "a", min_group_size 30. */
  private static final ModelSpec SPEC =
      new ModelSpec(
              "m1",
              "1",
              86_400_000L,
              CheckFixtures.MIN_SAMPLES,
              List.of("x"),
              List.of("c"),
              false,
              false,
              "1",
              List.of("a"),
              10_000,
              DefaultThresholds.all())
          .withOutcomes(new OutcomeSettings(false, 3_600_000L, false, List.of(), MIN_GROUP));

  private static InferenceEvent event(int i, String category, String group, String version) {
    return new InferenceEvent(
        "i-" + i,
        "m1",
        version,
        WINDOW_START + i,
        new double[] {i % 10},
        new String[] {category},
        i % 3 == 0 ? "1" : "0",
        Double.NaN,
        null,
        new String[] {group},
        Double.NaN,
        new int[0],
        "test",
        i);
  }

  private static final ReferenceProfile REF = reference();

  private static ReferenceProfile reference() {
    List<InferenceEvent> events = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      events.add(event(i, i % 2 == 0 ? "p" : "q", i % 2 == 0 ? "F" : "M", "1"));
    }
    return CheckFixtures.reference(SPEC, events);
  }

  /** The drift-side results of n events with the given category, group and version. */
  private static List<CheckResult> window(
      int n, IntFunction<String> category, IntFunction<String> group, IntFunction<String> v) {
    WindowAccumulator a = WindowAccumulator.create(SPEC, REF);
    for (int i = 0; i < n; i++) {
      a.add(event(i, category.apply(i), group.apply(i), v.apply(i)));
    }
    WindowProfile p = a.toProfile(SPEC, WINDOW_START, WINDOW_END);
    return DriftChecks.evaluate(SPEC, REF, p);
  }

  private static Map<String, CheckResult> byKey(List<CheckResult> results) {
    Map<String, CheckResult> out = new HashMap<>();
    for (CheckResult r : results) {
      String key =
          r.metric()
              + "/"
              + (r.feature() != null ? r.feature() : r.attribute())
              + (r.group() == null ? "" : "/" + r.group());
      assertNull(out.put(key, r), key);
    }
    return out;
  }

  @Test
  void aParityGapOverTheOverflowBucketIsInsufficientDataNeverOk() {
    // 1,300 events, each its own group: 1,000 groups of 1 (below min_group_size) and 300 pooled
    List<CheckResult> results = window(1300, i -> "p", i -> "client-" + i, i -> "1");
    Map<String, CheckResult> r = byKey(results);
    for (String gap : List.of("demographic_parity_difference", "demographic_parity_ratio")) {
      CheckResult g = r.get(gap + "/a");
      assertEquals(CheckStatus.INSUFFICIENT_DATA, g.status(), gap);
      assertEquals("too_few_groups", g.reason(), gap);
      assertEquals(300L, g.capped(), gap);
      assertNull(g.truncated(), gap);
      assertNull(g.threshold(), gap);
    }
    CheckResult pooled = r.get("selection_rate/a/" + FairnessAccumulator.OTHER);
    assertEquals(CheckStatus.INSUFFICIENT_DATA, pooled.status());
    assertEquals("overflow_group", pooled.reason());
    assertEquals(300, pooled.n(), "reported with its size");
    assertEquals(100.0 / 300, pooled.value(), 1e-15, "events 1000..1299, every third selected");
    assertEquals("overflow_group", r.get("count/a/" + FairnessAccumulator.OTHER).reason());
    CheckResult smallest = r.get("min_group_size/a");
    assertEquals(1.0, smallest.value(), "client-0, a group of one, is the smallest");
    assertEquals(CheckStatus.INSUFFICIENT_DATA, smallest.status());
    assertEquals(300L, smallest.capped());
    for (CheckResult res : results) {
      if ("a".equals(res.attribute())) {
        assertNotEquals(CheckStatus.OK, res.status(), res.metric() + " " + res.group());
      }
    }
  }

  @Test
  void aGapOverOneRealGroupIsInsufficientDataWithTooFewGroups() {
    // F (700) and __MISSING__ (600): one real group, nothing pooled
    List<CheckResult> results = window(1300, i -> "p", i -> i < 700 ? "F" : null, i -> "1");
    CheckResult dpr = byKey(results).get("demographic_parity_ratio/a");
    assertEquals(CheckStatus.INSUFFICIENT_DATA, dpr.status());
    assertEquals("too_few_groups", dpr.reason());
    // F selects 234 of 700, __MISSING__ 200 of 600: the value is still reported
    assertEquals((200.0 / 600) / (234.0 / 700), dpr.value(), 1e-15);
    assertNull(dpr.capped());
  }

  @Test
  void aGapOverAnAttributeMissingOnEveryEventIsInsufficientData() {
    List<CheckResult> results = window(200, i -> "p", i -> null, i -> "1");
    CheckResult dpd = byKey(results).get("demographic_parity_difference/a");
    assertEquals(CheckStatus.INSUFFICIENT_DATA, dpd.status());
    assertEquals("attribute_missing", dpd.reason());
  }

  @Test
  void twoRealGroupsAreJudgedAsBeforeWithoutReasonOrCaps() {
    // F selects a third, M every event: ratio 1/3 < 0.8, critical
    WindowAccumulator a = WindowAccumulator.create(SPEC, REF);
    for (int i = 0; i < 300; i++) {
      InferenceEvent e = event(i, "p", i % 2 == 0 ? "F" : "M", "1");
      a.add(
          new InferenceEvent(
              e.inferenceId(),
              e.modelId(),
              e.modelVersion(),
              e.timestamp(),
              e.numeric(),
              e.categorical(),
              i % 2 == 1 || i % 3 == 0 ? "1" : "0",
              e.score(),
              null,
              e.groups(),
              Double.NaN,
              new int[0],
              "test",
              i));
    }
    Map<String, CheckResult> r =
        byKey(DriftChecks.evaluate(SPEC, REF, a.toProfile(SPEC, WINDOW_START, WINDOW_END)));
    CheckResult dpr = r.get("demographic_parity_ratio/a");
    assertEquals(CheckStatus.CRITICAL, dpr.status());
    assertEquals(50.0 / 150, dpr.value(), 1e-15);
    assertNull(dpr.reason());
    assertNull(dpr.capped());
    assertEquals(CheckStatus.OK, r.get("selection_rate/a/F").status(), "group rates: unjudged");
  }

  @Test
  void resultsOfACappedFeatureAndOfTheVersionsSayHowMuchWasCapped() {
    String tenKb = "o".repeat(10_000);
    List<CheckResult> results =
        window(1300, i -> tenKb + i, i -> i % 2 == 0 ? "F" : "M", i -> "build-" + i);
    for (CheckResult r : results) {
      if ("c".equals(r.feature())) {
        assertEquals(300L, r.capped(), r.metric());
        assertEquals(1300L, r.truncated(), r.metric());
      } else if (r.metric().equals("count") && r.attribute() == null) {
        assertEquals(1284L, r.capped(), "1,300 versions, 16 remembered");
        assertNull(r.truncated());
      } else {
        assertNull(r.capped(), r.metric() + " " + r.feature() + " " + r.attribute());
        assertNull(r.truncated());
      }
    }
    CheckResult psi = byKey(results).get("psi/c");
    assertEquals(CheckStatus.CRITICAL, psi.status(), "every category is unseen: the window drifts");
    assertTrue(psi.modelVersion().length() <= 256);
  }

  @Test
  void labelBasedGapsOverTheOverflowBucketAreInsufficientDataToo() {
    OutcomeAccumulator acc = OutcomeAccumulator.create(SPEC);
    for (int i = 0; i < 1300; i++) {
      acc.add(
          SPEC,
          new LabelledPrediction(
              "m1",
              "i-" + i,
              WINDOW_START,
              i % 2 == 0 ? "1" : "0",
              0.5,
              i % 3 == 0 ? "1" : "0",
              new String[] {"client-" + i},
              WINDOW_START,
              "t",
              i));
    }
    Map<String, CheckResult> r =
        byKey(
            OutcomeChecks.evaluate(SPEC, REF, WINDOW_START, WINDOW_START + 3_600_000L, acc, false));
    for (String gap :
        List.of(
            "equal_opportunity_difference", "equalized_odds_difference", "equalized_odds_ratio")) {
      assertEquals(CheckStatus.INSUFFICIENT_DATA, r.get(gap + "/a").status(), gap);
      assertEquals("too_few_groups", r.get(gap + "/a").reason(), gap);
      assertEquals(300L, r.get(gap + "/a").capped(), gap);
    }
    CheckResult tpr = r.get("tpr/a/" + FairnessAccumulator.OTHER);
    assertEquals(CheckStatus.INSUFFICIENT_DATA, tpr.status());
    assertEquals("overflow_group", tpr.reason());
  }

  @Test
  void reasonAndCapsAreWrittenOnlyWhenSetAndReadBack() throws Exception {
    List<CheckResult> results = window(1300, i -> "p", i -> "client-" + i, i -> "1");
    CheckResult dpr = byKey(results).get("demographic_parity_ratio/a");
    String line = OutputJson.checkResult(dpr);
    JsonNode o = MAPPER.readTree(line);
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    assertEquals("reason", names.get(names.indexOf("status") + 1));
    assertEquals("capped", names.get(names.size() - 1));
    assertEquals("too_few_groups", o.get("reason").textValue());
    assertEquals(300, o.get("capped").longValue());
    assertFalse(o.has("truncated"));
    assertEquals(dpr, OutputJson.readCheckResult(o));
    CheckResult psi = byKey(results).get("psi/x");
    JsonNode plain = MAPPER.readTree(OutputJson.checkResult(psi));
    for (String absent : List.of("reason", "capped", "truncated")) {
      assertFalse(plain.has(absent), absent);
    }
    assertEquals(psi, OutputJson.readCheckResult(plain));
  }
}
