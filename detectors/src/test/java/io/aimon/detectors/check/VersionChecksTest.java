package io.aimon.detectors.check;

import static io.aimon.detectors.check.CheckFixtures.SPEC;
import static io.aimon.detectors.check.CheckFixtures.events;
import static io.aimon.detectors.check.CheckFixtures.reference;
import static io.aimon.detectors.check.CheckFixtures.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.config.DropThreshold;
import io.aimon.config.MetricIds;
import io.aimon.detectors.drift.Psi;
import io.aimon.detectors.label.LabelledPrediction;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.outcome.OutcomeAccumulator;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.detectors.profile.WindowProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link VersionChecks}: per-version results and the champion/challenger comparison. */
class VersionChecksTest {
  private static final ReferenceProfile REF = reference(SPEC, events(42, 5000, 0, 0));

  /** A stable version of 2000 events like the reference, a canary of 300 with x shifted. */
  private static SortedMap<String, WindowProfile> stableAndCanary(double canaryShift) {
    SortedMap<String, WindowProfile> versions = new TreeMap<>();
    versions.put("7", window(SPEC, REF, events(1, 2000, 0, 0)));
    versions.put("8", window(SPEC, REF, events(2, 300, canaryShift, 0)));
    return versions;
  }

  @Test
  void theDriftedCanaryBreachesAgainstTheChampionAndTheChampionGetsNoSuchResult() {
    SortedMap<String, WindowProfile> versions = stableAndCanary(1.5);
    List<CheckResult> results = VersionChecks.evaluate(SPEC, REF, versions, true);

    assertEquals("7", VersionChecks.champion(Map.of("7", 2000L, "8", 300L)));
    assertEquals(
        "7", VersionChecks.champion(Map.of("8", 300L, "7", 300L)), "the smallest of equals");
    assertEquals(null, VersionChecks.champion(Map.of("7", 2000L)));
    List<CheckResult> challenger =
        results.stream().filter(r -> r.metric().equals(MetricIds.CHALLENGER_PSI)).toList();
    assertEquals(List.of("8"), challenger.stream().map(CheckResult::version).distinct().toList());
    // x, y, c, score, label
    assertEquals(5, challenger.size());
    CheckResult x = challenger.stream().filter(r -> "x".equals(r.feature())).findFirst().get();
    assertEquals(CheckStatus.CRITICAL, x.status());
    assertEquals(0.25, x.threshold());
    assertEquals(300, x.n());
    assertEquals(2000L, x.nReference());
    assertEquals("8", x.modelVersion());
    // the PSI of the canary's bins against the stable version's, both on the reference's edges
    long[] stable = versions.get("7").numeric().get("x").binCounts();
    long[] canary = versions.get("8").numeric().get("x").binCounts();
    assertEquals(Psi.of(shares(stable), shares(canary)), x.value(), 1e-12 * Math.abs(x.value()));
    assertTrue(x.value() > 1, "psi " + x.value());
    CheckResult y = challenger.stream().filter(r -> "y".equals(r.feature())).findFirst().get();
    assertEquals(CheckStatus.OK, y.status());
  }

  @Test
  void eachVersionIsAlsoCheckedAloneAgainstTheReferenceUnderItsOwnIds() {
    SortedMap<String, WindowProfile> versions = stableAndCanary(1.5);
    List<CheckResult> results = VersionChecks.evaluate(SPEC, REF, versions, true);
    Map<String, List<CheckResult>> perVersion =
        results.stream()
            .filter(r -> !r.metric().equals(MetricIds.CHALLENGER_PSI))
            .collect(Collectors.groupingBy(CheckResult::version));
    for (String v : List.of("7", "8")) {
      List<CheckResult> alone = DriftChecks.evaluate(SPEC, REF, versions.get(v));
      List<CheckResult> tagged = perVersion.get(v);
      assertEquals(alone.size(), tagged.size());
      for (int i = 0; i < alone.size(); i++) {
        assertEquals(alone.get(i).value(), tagged.get(i).value());
        assertEquals(alone.get(i).status(), tagged.get(i).status());
        assertEquals(v, tagged.get(i).version());
        assertNotEquals(alone.get(i).checkId(), tagged.get(i).checkId());
      }
    }
    CheckResult canaryPsi =
        perVersion.get("8").stream()
            .filter(r -> r.metric().equals(MetricIds.PSI) && "x".equals(r.feature()))
            .findFirst()
            .get();
    assertEquals(CheckStatus.CRITICAL, canaryPsi.status());
  }

  @Test
  void aSmallChampionMakesTheComparisonInsufficient() {
    SortedMap<String, WindowProfile> versions = new TreeMap<>();
    versions.put("7", window(SPEC, REF, events(1, 60, 0, 0)));
    versions.put("8", window(SPEC, REF, events(2, 50, 1.5, 0)));
    for (CheckResult r : VersionChecks.evaluate(SPEC, REF, versions, true)) {
      if (r.metric().equals(MetricIds.CHALLENGER_PSI)) {
        assertEquals(CheckStatus.INSUFFICIENT_DATA, r.status(), r.toString());
      }
    }
  }

  @Test
  void aWindowOfOneVersionGetsNoVersionResults() {
    SortedMap<String, WindowProfile> one = new TreeMap<>();
    one.put("7", window(SPEC, REF, events(1, 500, 0, 0)));
    assertEquals(List.of(), VersionChecks.evaluate(SPEC, REF, one, true));
    // one named version beside pooled events: its own results, no comparison
    List<CheckResult> results = VersionChecks.evaluate(SPEC, REF, one, false);
    assertEquals(DriftChecks.evaluate(SPEC, REF, one.get("7")).size(), results.size());
  }

  /**
   * n labelled predictions of which {@code right} are right (prediction = label, half positive).
   */
  private static OutcomeAccumulator outcomes(ModelSpec spec, int n, int right) {
    OutcomeAccumulator a = OutcomeAccumulator.create(spec);
    for (int i = 0; i < n; i++) {
      String label = i % 2 == 0 ? "1" : "0";
      String prediction = i < right ? label : (label.equals("1") ? "0" : "1");
      double score = prediction.equals("1") ? 0.8 : 0.2;
      a.add(
          spec,
          new LabelledPrediction(
              "m1", "i" + i, 0, prediction, score, label, new String[0], 0, "t", i));
    }
    return a;
  }

  @Test
  void aChallengerLessAccurateThanTheChampionBreachesByTheDropThreshold() {
    ModelSpec spec = CheckFixtures.spec(Map.of("accuracy", new DropThreshold(0.05, 0.10)), 10_000);
    SortedMap<String, OutcomeAccumulator> versions = new TreeMap<>();
    versions.put("7", outcomes(spec, 1000, 900)); // accuracy 0.90
    versions.put("8", outcomes(spec, 200, 164)); // accuracy 0.82: a drop of 0.08
    List<CheckResult> results =
        VersionChecks.outcomes(spec, REF, 0, 3_600_000, versions, true, false);

    Map<String, CheckResult> challenger =
        results.stream()
            .filter(r -> MetricIds.isChallenger(r.metric()))
            .collect(Collectors.toMap(CheckResult::metric, r -> r));
    assertEquals(
        Set.of(
            "challenger_accuracy",
            "challenger_precision",
            "challenger_recall",
            "challenger_f1",
            "challenger_roc_auc"),
        challenger.keySet());
    challenger.values().forEach(r -> assertEquals("8", r.version()));
    CheckResult accuracy = challenger.get("challenger_accuracy");
    assertEquals(0.82, accuracy.value(), 1e-12);
    assertEquals(0.90 - 0.05, accuracy.threshold(), 1e-12, "the champion's value minus the drop");
    assertEquals(CheckStatus.WARNING, accuracy.status());
    assertEquals(1000L, accuracy.nReference());
    // each version alone against the reference, under its own version
    CheckResult alone =
        results.stream()
            .filter(r -> r.metric().equals("accuracy") && "7".equals(r.version()))
            .findFirst()
            .get();
    assertEquals(0.90, alone.value(), 1e-12);
    // one version: nothing beyond the model's results
    assertEquals(
        List.of(),
        VersionChecks.outcomes(
            spec,
            REF,
            0,
            3_600_000,
            new TreeMap<>(Map.of("7", outcomes(spec, 100, 90))),
            true,
            false));
  }

  private static double[] shares(long[] counts) {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    double[] out = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = (double) counts[i] / n;
    }
    return out;
  }
}
