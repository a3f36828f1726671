package io.aimon.detectors.check;

import static io.aimon.detectors.check.CheckFixtures.MIN_SAMPLES;
import static io.aimon.detectors.check.CheckFixtures.REFERENCE_SEED;
import static io.aimon.detectors.check.CheckFixtures.SPEC;
import static io.aimon.detectors.check.CheckFixtures.WINDOW_END;
import static io.aimon.detectors.check.CheckFixtures.WINDOW_START;
import static io.aimon.detectors.check.CheckFixtures.events;
import static io.aimon.detectors.check.CheckFixtures.reference;
import static io.aimon.detectors.check.CheckFixtures.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aimon.config.CheckThreshold;
import io.aimon.config.DefaultThresholds;
import io.aimon.config.ModelConfig;
import io.aimon.config.ReferenceSource;
import io.aimon.config.ValueThreshold;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.detectors.profile.WindowProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriftChecksTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Reference events (seed {@link CheckFixtures#REFERENCE_SEED}). */
  private static final List<InferenceEvent> REF_EVENTS = events(REFERENCE_SEED, 500, 0.0, 0.0);

  private static final ReferenceProfile REF = reference(SPEC, REF_EVENTS);

  /** Distances of identical distributions: exact up to summation rounding. */
  private static final double IDENTICAL_DELTA = 1e-12;

  /** Hellinger: 1e-7 absolute (docs/metrics.md), its 1 - BC form cancels near 0. */
  private static final double HELLINGER_ABSOLUTE = 1e-7;

  private static List<CheckResult> evaluate(List<InferenceEvent> windowEvents) {
    return DriftChecks.evaluate(SPEC, REF, window(SPEC, REF, windowEvents));
  }

  private static CheckResult find(List<CheckResult> results, String metric, String feature) {
    List<CheckResult> found =
        results.stream()
            .filter(
                r -> r.metric().equals(metric) && java.util.Objects.equals(r.feature(), feature))
            .toList();
    assertEquals(1, found.size(), () -> "results for " + metric + "/" + feature + ": " + found);
    return found.get(0);
  }

  // ---- count and min_samples --------------------------------------------------------------------

  @Test
  void countIsInsufficientDataBelowMinSamples() {
    List<CheckResult> results = evaluate(events(7, MIN_SAMPLES - 1, 0.0, 0.0));
    CheckResult count = results.get(0);
    assertEquals("count", count.metric());
    assertEquals(99.0, count.value());
    assertEquals(99, count.n());
    assertEquals(500L, count.nReference());
    assertNull(count.threshold());
    assertEquals(CheckStatus.INSUFFICIENT_DATA, count.status());
  }

  @Test
  void testsBelowMinSamplesAreInsufficientDataButKeepTheirValue() {
    List<CheckResult> results = evaluate(events(7, MIN_SAMPLES - 1, 3.0, 0.0));
    CheckResult psi = find(results, "psi", "x");
    assertEquals(CheckStatus.INSUFFICIENT_DATA, psi.status());
    assertNull(psi.threshold());
    assertTrue(psi.value() > 0.25, () -> "psi " + psi.value());
    CheckResult ks = find(results, "ks", "x");
    assertEquals(CheckStatus.INSUFFICIENT_DATA, ks.status());
    assertTrue(ks.pValue() < 0.01);
  }

  @Test
  void countIsOkFromMinSamplesOnWithMinSamplesAsThreshold() {
    CheckResult count = evaluate(events(7, MIN_SAMPLES, 0.0, 0.0)).get(0);
    assertEquals(100.0, count.value());
    assertEquals(100, count.n());
    assertEquals(100.0, count.threshold());
    assertEquals(CheckStatus.OK, count.status());
  }

  // ---- identical and shifted windows ------------------------------------------------------------

  @Test
  void identicalWindowHasZeroDistancesAndOkStatuses() {
    List<CheckResult> results = evaluate(REF_EVENTS);
    for (String f : List.of("x", "y", "score")) {
      assertEquals(0.0, find(results, "psi", f).value(), 0.0, f);
      assertEquals(0.0, find(results, "jensen_shannon", f).value(), IDENTICAL_DELTA, f);
      assertEquals(0.0, find(results, "hellinger", f).value(), HELLINGER_ABSOLUTE, f);
      assertEquals(0.0, find(results, "wasserstein", f).value(), 0.0, f);
      CheckResult ks = find(results, "ks", f);
      assertEquals(0.0, ks.value(), 0.0, f);
      assertEquals(1.0, ks.pValue(), 0.0, f);
    }
    for (String f : List.of("c", "label")) {
      assertEquals(0.0, find(results, "psi", f).value(), 0.0, f);
      assertEquals(0.0, find(results, "chi_square", f).value(), 0.0, f);
      assertEquals(1.0, find(results, "chi_square", f).pValue(), 1e-12, f);
    }
    for (CheckResult r : results) {
      assertEquals(CheckStatus.OK, r.status(), r::toString);
      assertEquals(500, r.n(), r::toString);
      assertEquals(500L, r.nReference(), r::toString);
      assertEquals(REF.digest(), r.referenceDigest());
    }
    assertEquals(0.1, find(results, "psi", "x").threshold());
    assertEquals(0.1, find(results, "jensen_shannon", "x").threshold());
    assertEquals(0.05, find(results, "ks", "x").threshold());
    assertNull(find(results, "hellinger", "x").threshold());
    assertNull(find(results, "wasserstein", "x").threshold());
  }

  @Test
  void shiftedFeatureBreachesPsiJsAndKsAsCritical() {
    List<CheckResult> results = evaluate(events(7, 500, 2.0, 0.0));
    CheckResult psi = find(results, "psi", "x");
    assertEquals(CheckStatus.CRITICAL, psi.status());
    assertEquals(0.25, psi.threshold());
    assertTrue(psi.value() >= 0.25, () -> "psi " + psi.value());
    CheckResult js = find(results, "jensen_shannon", "x");
    assertEquals(CheckStatus.CRITICAL, js.status());
    assertEquals(0.2, js.threshold());
    CheckResult ks = find(results, "ks", "x");
    assertEquals(CheckStatus.CRITICAL, ks.status());
    assertEquals(0.01, ks.threshold());
    assertTrue(ks.value() >= 0.1 && ks.pValue() < 0.01, ks::toString);
    assertTrue(find(results, "wasserstein", "x").value() > 1.5);
  }

  @Test
  void unshiftedFeaturesOfAShiftedWindowStayOk() {
    List<CheckResult> results = evaluate(events(7, 500, 2.0, 0.0));
    for (String metric : List.of("psi", "jensen_shannon", "ks")) {
      assertEquals(CheckStatus.OK, find(results, metric, "y").status(), metric);
    }
    assertEquals(CheckStatus.OK, find(results, "chi_square", "c").status());
  }

  @Test
  void ksTinyShiftOnAHugeSampleStaysOkBecauseTheStatisticIsBelowMinStatistic() {
    ModelSpec spec = CheckFixtures.spec(DefaultThresholds.all(), 50_000);
    ReferenceProfile ref = reference(spec, events(REFERENCE_SEED, 20_000, 0.0, 0.0));
    WindowProfile win = window(spec, ref, events(7, 20_000, 0.06, 0.0));
    CheckResult ks = find(DriftChecks.evaluate(spec, ref, win), "ks", "x");
    assertTrue(ks.pValue() < 0.01, () -> "p " + ks.pValue());
    assertTrue(ks.value() < 0.1, () -> "D " + ks.value());
    assertEquals(CheckStatus.OK, ks.status());
    assertEquals(0.05, ks.threshold());
  }

  // ---- missing_rate -----------------------------------------------------------------------------

  @Test
  void missingRateIsTheShareOfMissingValuesAmongAllEvents() {
    List<InferenceEvent> win = new ArrayList<>(events(7, 400, 0.0, 0.25));
    long missingX = win.stream().filter(e -> Double.isNaN(e.numeric()[0])).count();
    for (int i = 0; i < 100; i++) {
      win.add(CheckFixtures.event("m1", "m-" + i, 0.5, 1.0, InferenceEvent.MISSING, 0.5, "1"));
    }
    List<CheckResult> results = evaluate(win);
    CheckResult x = find(results, "missing_rate", "x");
    assertEquals((double) missingX / 500, x.value(), 0.0);
    assertEquals(500, x.n());
    assertEquals(500L, x.nReference());
    assertEquals(CheckStatus.OK, x.status());
    assertNull(x.threshold());
    assertEquals(500 - missingX, find(results, "ks", "x").n());
    CheckResult c = find(results, "missing_rate", "c");
    assertEquals(100.0 / 500, c.value(), 0.0);
    assertEquals(500, c.n());
    assertEquals(0.0, find(results, "missing_rate", "y").value(), 0.0);
  }

  @Test
  void featureWithOnlyMissingValuesHasNoDriftValuesAndIsInsufficientData() {
    List<CheckResult> results = evaluate(events(7, 200, 0.0, 1.0));
    assertEquals(1.0, find(results, "missing_rate", "x").value(), 0.0);
    for (String metric : List.of("ks", "wasserstein", "psi", "jensen_shannon", "hellinger")) {
      CheckResult r = find(results, metric, "x");
      assertNull(r.value(), metric);
      assertNull(r.pValue(), metric);
      assertEquals(0, r.n(), metric);
      assertEquals(CheckStatus.INSUFFICIENT_DATA, r.status(), metric);
    }
  }

  // ---- thresholds -------------------------------------------------------------------------------

  private static ModelSpec specFrom(
      Map<String, CheckThreshold> checks, Map<String, Map<String, CheckThreshold>> featureChecks) {
    ModelConfig config =
        ModelConfig.builder("m1")
            .reference(ReferenceSource.ofProfile(Path.of("ref.profile.json").toAbsolutePath()))
            .numericFeatures(List.of("x", "y"))
            .categoricalFeatures(List.of("c"))
            .minSamples(MIN_SAMPLES)
            .window(java.time.Duration.ofDays(1))
            .checks(checks)
            .featureChecks(featureChecks)
            .build();
    return ModelSpec.from(config, 10_000);
  }

  @Test
  void featureOverrideThresholdWinsOverTheModelThreshold() {
    ModelSpec spec =
        specFrom(
            Map.of("psi", new ValueThreshold(0.01, 0.02)),
            Map.of("x", Map.of("psi", new ValueThreshold(50, 60))));
    ReferenceProfile ref = reference(spec, REF_EVENTS);
    List<CheckResult> results =
        DriftChecks.evaluate(spec, ref, window(spec, ref, events(7, 500, 2.0, 0.0)));
    CheckResult x = find(results, "psi", "x");
    assertEquals(CheckStatus.OK, x.status());
    assertEquals(50.0, x.threshold());
    CheckResult y = find(results, "psi", "y");
    assertTrue(Set.of(0.01, 0.02).contains(y.threshold()), y::toString);
  }

  @Test
  void modelThresholdWinsOverTheDefaultForFeaturesWithoutOverride() {
    ModelSpec spec =
        specFrom(
            Map.of("psi", new ValueThreshold(4, 5)),
            Map.of("y", Map.of("psi", new ValueThreshold(0.5, 0.6))));
    ReferenceProfile ref = reference(spec, REF_EVENTS);
    List<CheckResult> results =
        DriftChecks.evaluate(spec, ref, window(spec, ref, events(7, 500, 2.0, 0.0)));
    CheckResult x = find(results, "psi", "x");
    assertTrue(x.value() >= 0.25 && x.value() < 4, x::toString);
    assertEquals(CheckStatus.OK, x.status());
    assertEquals(4.0, x.threshold());
    assertEquals(0.5, find(results, "psi", "y").threshold());
    assertEquals(0.2, find(results, "jensen_shannon", "x").threshold());
  }

  @Test
  void configuredMissingRateThresholdIsApplied() {
    ModelSpec spec = specFrom(Map.of("missing_rate", new ValueThreshold(0.05, 0.2)), Map.of());
    ReferenceProfile ref = reference(spec, REF_EVENTS);
    List<CheckResult> results =
        DriftChecks.evaluate(spec, ref, window(spec, ref, events(7, 500, 0.0, 0.5)));
    CheckResult x = find(results, "missing_rate", "x");
    assertEquals(CheckStatus.CRITICAL, x.status());
    assertEquals(0.2, x.threshold());
  }

  // ---- layout and ids ---------------------------------------------------------------------------

  @Test
  void everyMetricOfEveryFeatureIsPresentInAFixedOrder() {
    List<String> expected =
        List.of(
            "count/null",
            "estimated_accuracy/null",
            "estimated_precision/null",
            "estimated_recall/null",
            "estimated_f1/null",
            "estimated_specificity/null",
            "estimated_roc_auc/null",
            "reconstruction_error/null",
            "missing_rate/x",
            "type_mismatch_rate/x",
            "out_of_range_rate/x",
            "ks/x",
            "wasserstein/x",
            "psi/x",
            "jensen_shannon/x",
            "hellinger/x",
            "missing_rate/y",
            "type_mismatch_rate/y",
            "out_of_range_rate/y",
            "ks/y",
            "wasserstein/y",
            "psi/y",
            "jensen_shannon/y",
            "hellinger/y",
            "missing_rate/c",
            "type_mismatch_rate/c",
            "unseen_category_rate/c",
            "chi_square/c",
            "psi/c",
            "jensen_shannon/c",
            "hellinger/c",
            "ks/score",
            "wasserstein/score",
            "psi/score",
            "jensen_shannon/score",
            "hellinger/score",
            "chi_square/label",
            "psi/label",
            "jensen_shannon/label",
            "hellinger/label");
    for (List<InferenceEvent> win :
        List.of(REF_EVENTS, events(7, 50, 1.0, 0.3), events(8, 300, 0.0, 0.0))) {
      List<String> actual =
          evaluate(win).stream().map(r -> r.metric() + "/" + r.feature()).toList();
      assertEquals(expected, actual);
    }
  }

  @Test
  void everyResultCarriesTheWindowModelAndNoFairnessFields() {
    for (CheckResult r : evaluate(events(7, 300, 0.0, 0.0))) {
      assertEquals("m1", r.modelId());
      assertNull(r.modelVersion());
      assertEquals(WINDOW_START, r.windowStart());
      assertEquals(WINDOW_END, r.windowEnd());
      assertNull(r.attribute());
      assertNull(r.group());
    }
  }

  @Test
  void checkIdsAreStableDistinctAndDerivedFromModelWindowMetricAndFeature() {
    List<CheckResult> first = evaluate(events(7, 300, 0.0, 0.0));
    List<CheckResult> again = evaluate(events(9, 250, 1.0, 0.1));
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < first.size(); i++) {
      CheckResult r = first.get(i);
      assertTrue(r.checkId().matches("[0-9a-f]{32}"), r.checkId());
      assertEquals(r.checkId(), again.get(i).checkId());
      assertEquals(
          CheckIds.of("m1", WINDOW_START, r.metric(), r.feature(), null, null), r.checkId());
      ids.add(r.checkId());
    }
    assertEquals(first.size(), ids.size());
  }

  @Test
  void checkIdsDifferByWindowStartModelAndField() {
    String id = CheckIds.of("m1", WINDOW_START, "psi", "x", null, null);
    assertNotEquals(id, CheckIds.of("m1", WINDOW_END, "psi", "x", null, null));
    assertNotEquals(id, CheckIds.of("m2", WINDOW_START, "psi", "x", null, null));
    assertNotEquals(id, CheckIds.of("m1", WINDOW_START, "psi", "y", null, null));
    assertNotEquals(
        CheckIds.of("m1", WINDOW_START, "rate", null, "sex", "F"),
        CheckIds.of("m1", WINDOW_START, "rate", null, "sexF", ""));
  }

  // ---- output JSON ------------------------------------------------------------------------------

  @Test
  void outputJsonWritesIsoTimesAndOmitsNullFields() throws Exception {
    CheckResult psi = find(evaluate(events(7, 500, 2.0, 0.0)), "psi", "x");
    JsonNode o = MAPPER.readTree(OutputJson.checkResult(psi));
    assertEquals("2024-02-01T00:00:00Z", o.get("window_start").textValue());
    assertEquals("2024-02-02T00:00:00Z", o.get("window_end").textValue());
    assertEquals("m1", o.get("model_id").textValue());
    assertEquals("psi", o.get("metric").textValue());
    assertEquals("x", o.get("feature").textValue());
    assertEquals(psi.value(), o.get("value").doubleValue(), 0.0);
    assertEquals(500, o.get("n").longValue());
    assertEquals(500, o.get("n_reference").longValue());
    assertEquals(0.25, o.get("threshold").doubleValue(), 0.0);
    assertEquals("critical", o.get("status").textValue());
    assertEquals(psi.checkId(), o.get("check_id").textValue());
    assertEquals(REF.digest(), o.get("reference_digest").textValue());
    for (String absent : List.of("model_version", "attribute", "group", "p_value")) {
      assertFalse(o.has(absent), absent);
    }
  }

  @Test
  void outputJsonWritesThePValueAndKeepsAnUncomputableValueAsNull() throws Exception {
    List<CheckResult> results = evaluate(events(7, 200, 0.0, 1.0));
    JsonNode ks = MAPPER.readTree(OutputJson.checkResult(find(results, "ks", "y")));
    assertTrue(ks.get("p_value").isNumber());
    JsonNode empty = MAPPER.readTree(OutputJson.checkResult(find(results, "ks", "x")));
    assertTrue(empty.has("value"));
    assertTrue(empty.get("value").isNull());
    assertFalse(empty.has("p_value"));
    assertFalse(empty.has("threshold"));
    assertEquals("insufficient_data", empty.get("status").textValue());
    assertEquals(0, empty.get("n").longValue());
  }

  @Test
  void outputJsonRoundTripsAllFieldsOfAFullResult() throws Exception {
    CheckResult r =
        CheckResult.builder()
            .checkId("abc")
            .modelId("m1")
            .modelVersion("v2")
            .window(WINDOW_START + 1, WINDOW_END)
            .metric("selection_rate")
            .group("sex", "F")
            .value(0.125)
            .pValue(0.5)
            .n(40)
            .nReference(400L)
            .threshold(0.1)
            .status(CheckStatus.WARNING)
            .referenceDigest("d1")
            .build();
    JsonNode o = MAPPER.readTree(OutputJson.checkResult(r));
    assertEquals("v2", o.get("model_version").textValue());
    assertEquals("2024-02-01T00:00:00.001Z", o.get("window_start").textValue());
    assertFalse(o.has("feature"));
    assertEquals("sex", o.get("attribute").textValue());
    assertEquals("F", o.get("group").textValue());
    assertEquals(0.5, o.get("p_value").doubleValue(), 0.0);
    assertEquals(
        List.of(
            "check_id",
            "model_id",
            "model_version",
            "window_start",
            "window_end",
            "metric",
            "attribute",
            "group",
            "value",
            "p_value",
            "n",
            "n_reference",
            "threshold",
            "status",
            "reference_digest"),
        fieldNames(o));
  }

  private static List<String> fieldNames(JsonNode o) {
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
