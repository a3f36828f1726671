package io.aimon.detectors.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.config.DropThreshold;
import io.aimon.detectors.label.LabelledPrediction;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.model.OutcomeSettings;
import io.aimon.detectors.outcome.OutcomeAccumulator;
import io.aimon.detectors.outcome.OutcomeAccumulatorCodec;
import io.aimon.detectors.profile.ReferenceProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Performance and label-based fairness checks of one window, from labelled predictions. */
class OutcomeChecksTest {
  private static final long T0 = 1_706_745_600_000L;
  private static final long HOUR = 3_600_000L;

  private static ModelSpec spec(boolean regression, int minGroupSize) {
    return new ModelSpec(
            "m",
            "v1",
            HOUR,
            4,
            List.of("x"),
            List.of(),
            true,
            true,
            "1",
            List.of("sex"),
            100,
            Map.of("accuracy", new DropThreshold(0.05, 0.10)))
        .withOutcomes(new OutcomeSettings(regression, HOUR, false, List.of(), minGroupSize));
  }

  private static LabelledPrediction p(String prediction, String label, double score, String sex) {
    return new LabelledPrediction(
        "m", "i", T0, prediction, score, label, new String[] {sex}, T0, "t", 1);
  }

  private static ReferenceProfile reference(Map<String, Double> performance) {
    return new ReferenceProfile("m", 100, Map.of(), Map.of(), null, null, "digest", performance);
  }

  private static Map<String, CheckResult> byKey(List<CheckResult> results) {
    Map<String, CheckResult> out = new HashMap<>();
    results.forEach(r -> out.put(r.metric() + "/" + r.attribute() + "/" + r.group(), r));
    return out;
  }

  @Test
  void binaryMetricsCarryTheConfusionCountsAndDropsAreJudgedAgainstTheReference() {
    ModelSpec spec = spec(false, 1);
    OutcomeAccumulator acc = OutcomeAccumulator.create(spec);
    // 6 events: tp, tp, fp, tn, fn, tn -> accuracy 4/6
    acc.add(spec, p("1", "1", 0.9, "F"));
    acc.add(spec, p("1", "1", 0.8, "M"));
    acc.add(spec, p("1", "0", 0.7, "F"));
    acc.add(spec, p("0", "0", 0.2, "M"));
    acc.add(spec, p("0", "1", 0.4, "F"));
    acc.add(spec, p("0", "0", 0.1, "M"));
    Map<String, CheckResult> r =
        byKey(
            OutcomeChecks.evaluate(
                spec, reference(Map.of("accuracy", 0.80, "n", 100.0)), T0, T0 + HOUR, acc, false));
    CheckResult accuracy = r.get("accuracy/null/null");
    assertEquals(4.0 / 6, accuracy.value(), 1e-15);
    assertEquals(2L, accuracy.tp());
    assertEquals(1L, accuracy.fp());
    assertEquals(2L, accuracy.tn());
    assertEquals(1L, accuracy.fn());
    assertEquals(CheckStatus.CRITICAL, accuracy.status(), "0.80 - 0.667 >= 0.10");
    assertEquals(0.70, accuracy.threshold(), 1e-15);
    assertEquals(100L, accuracy.nReference());
    assertNull(accuracy.partial());
    assertEquals(8.0 / 9, r.get("roc_auc/null/null").value(), 1e-15);
    // sex=F: tp 1, fp 1, fn 1 -> tpr 1/2; sex=M: tp 1, tn 2 -> tpr 1, fpr 0
    assertEquals(0.5, r.get("tpr/sex/F").value(), 1e-15);
    assertEquals(1.0, r.get("tpr/sex/M").value(), 1e-15);
    assertTrue(r.get("tpr/sex/F").ciLower() < 0.5 && r.get("tpr/sex/F").ciUpper() > 0.5);
    assertEquals(0.5, r.get("equal_opportunity_difference/sex/null").value(), 1e-15);
  }

  @Test
  void labelBasedGapsOfAnAttributeMissingOnEveryEventAreInsufficientWithAReason() {
    ModelSpec spec = spec(false, 1);
    OutcomeAccumulator acc = OutcomeAccumulator.create(spec);
    String missing = io.aimon.detectors.event.InferenceEvent.MISSING;
    acc.add(spec, p("1", "1", 0.9, missing));
    acc.add(spec, p("1", "0", 0.8, missing));
    acc.add(spec, p("0", "0", 0.2, missing));
    acc.add(spec, p("0", "1", 0.4, missing));
    Map<String, CheckResult> r =
        byKey(OutcomeChecks.evaluate(spec, reference(Map.of()), T0, T0 + HOUR, acc, false));
    for (String gap :
        List.of(
            "equal_opportunity_difference", "equalized_odds_difference", "equalized_odds_ratio")) {
      CheckResult g = r.get(gap + "/sex/null");
      assertEquals(CheckStatus.INSUFFICIENT_DATA, g.status(), gap);
      assertEquals("attribute_missing", g.reason(), gap);
    }
    assertEquals(0.0, r.get("equal_opportunity_difference/sex/null").value(), "one group: 0");
    assertEquals(1.0, r.get("equalized_odds_ratio/sex/null").value(), "one group: 1");
  }

  @Test
  void equalizedOddsNeedTwoGroupsWithAnFprWhileEqualOpportunityIsJudged() {
    ModelSpec spec = spec(false, 1);
    OutcomeAccumulator acc = OutcomeAccumulator.create(spec);
    // F: positives only (no FPR); M: both classes
    acc.add(spec, p("1", "1", 0.9, "F"));
    acc.add(spec, p("0", "1", 0.3, "F"));
    acc.add(spec, p("1", "1", 0.8, "M"));
    acc.add(spec, p("0", "0", 0.1, "M"));
    Map<String, CheckResult> r =
        byKey(OutcomeChecks.evaluate(spec, reference(Map.of()), T0, T0 + HOUR, acc, false));
    CheckResult eod = r.get("equal_opportunity_difference/sex/null");
    assertEquals(0.5, eod.value(), 1e-15);
    assertNull(eod.reason());
    assertEquals(CheckStatus.INSUFFICIENT_DATA, r.get("equalized_odds_ratio/sex/null").status());
    assertEquals("too_few_groups", r.get("equalized_odds_ratio/sex/null").reason());
    assertEquals("too_few_groups", r.get("equalized_odds_difference/sex/null").reason());
  }

  @Test
  void groupsBelowMinGroupSizeAreInsufficientData() {
    ModelSpec spec = spec(false, 5);
    OutcomeAccumulator acc = OutcomeAccumulator.create(spec);
    acc.add(spec, p("1", "1", 0.9, "F"));
    acc.add(spec, p("0", "0", 0.1, "M"));
    Map<String, CheckResult> r =
        byKey(OutcomeChecks.evaluate(spec, reference(Map.of()), T0, T0 + HOUR, acc, true));
    assertEquals(CheckStatus.INSUFFICIENT_DATA, r.get("tpr/sex/F").status());
    assertEquals(Boolean.TRUE, r.get("accuracy/null/null").partial());
    assertEquals(
        CheckStatus.INSUFFICIENT_DATA, r.get("accuracy/null/null").status(), "2 < min_samples 4");
  }

  @Test
  void regressionGivesErrorMetricsAndRejectsNonNumbers() {
    ModelSpec spec = spec(true, 1);
    OutcomeAccumulator acc = OutcomeAccumulator.create(spec);
    assertTrue(acc.add(spec, p("2.5", "3", Double.NaN, "F")));
    assertTrue(acc.add(spec, p("0", "-0.5", Double.NaN, "F")));
    assertTrue(acc.add(spec, p("2", "2", Double.NaN, "F")));
    assertTrue(acc.add(spec, p("8", "7", Double.NaN, "F")));
    assertEquals(false, acc.add(spec, p("high", "3", Double.NaN, "F")));
    OutcomeAccumulator restored =
        OutcomeAccumulatorCodec.decode(OutcomeAccumulatorCodec.encode(acc));
    Map<String, CheckResult> r =
        byKey(OutcomeChecks.evaluate(spec, reference(Map.of()), T0, T0 + HOUR, restored, false));
    // sklearn: mean_absolute_error([3,-0.5,2,7],[2.5,0,2,8]) = 0.5, r2_score = 0.9486081370449679
    assertEquals(0.5, r.get("mae/null/null").value(), 1e-15);
    assertEquals(Math.sqrt(0.375), r.get("rmse/null/null").value(), 1e-15);
    assertEquals(0.9486081370449679, r.get("r2/null/null").value(), 1e-12);
    assertEquals(4, r.get("mae/null/null").n());
  }
}
