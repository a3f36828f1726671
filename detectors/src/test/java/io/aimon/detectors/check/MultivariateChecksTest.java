package io.aimon.detectors.check;

import static io.aimon.detectors.check.CheckFixtures.SPEC;
import static io.aimon.detectors.check.CheckFixtures.event;
import static io.aimon.detectors.check.CheckFixtures.reference;
import static io.aimon.detectors.check.CheckFixtures.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.config.MetricIds;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The reconstruction check sees a change in how two features move together that per-feature drift
 * cannot: x and y keep their marginals while their correlation flips from +0.9 to -0.9.
 */
class MultivariateChecksTest {

  /** x ~ N(0, 1), y = rho x + sqrt(1 - rho^2) N(0, 1): both N(0, 1) whatever rho. */
  private static List<InferenceEvent> correlated(long seed, int n, double rho) {
    SplittableRandom r = new SplittableRandom(seed);
    List<InferenceEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double x = r.nextGaussian();
      double y = rho * x + Math.sqrt(1 - rho * rho) * r.nextGaussian();
      String c = r.nextDouble() < 0.5 ? "a" : "b";
      double score = r.nextDouble();
      out.add(event("m1", "i-" + i, x, y, c, score, score > 0.5 ? "1" : "0"));
    }
    return out;
  }

  private static CheckResult result(List<CheckResult> results, String metric, String feature) {
    return results.stream()
        .filter(r -> r.metric().equals(metric) && java.util.Objects.equals(r.feature(), feature))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aFlippedCorrelationWithUnchangedMarginalsBreachesOnlyTheReconstruction() {
    ReferenceProfile ref = reference(SPEC, correlated(1, 5000, 0.9));
    // the two c columns share one component, x and y another: 0.5 + 0.475 of the variance
    assertEquals(2, ref.multivariate().transform().components());

    List<CheckResult> same =
        DriftChecks.evaluate(SPEC, ref, window(SPEC, ref, correlated(2, 1000, 0.9)));
    CheckResult calm = result(same, MetricIds.RECONSTRUCTION_ERROR, null);
    assertEquals(CheckStatus.OK, calm.status(), calm.toString());

    List<CheckResult> flipped =
        DriftChecks.evaluate(SPEC, ref, window(SPEC, ref, correlated(3, 1000, -0.9)));
    CheckResult joint = result(flipped, MetricIds.RECONSTRUCTION_ERROR, null);
    assertEquals(CheckStatus.CRITICAL, joint.status(), joint.toString());
    double bands = Math.abs(joint.value() - ref.multivariate().mean()) / joint.samplingError();
    assertTrue(bands > 20, "bands: " + bands);
    assertEquals(ref.multivariate().mean() + 4 * joint.samplingError(), joint.threshold(), 1e-12);
    for (String f : List.of("x", "y")) {
      for (String m : List.of(MetricIds.PSI, MetricIds.KS, MetricIds.JENSEN_SHANNON)) {
        assertEquals(CheckStatus.OK, result(flipped, m, f).status(), m + " of " + f);
      }
    }
    System.out.printf(
        "multivariate: reconstruction error %.3f against the reference's %.3f (band %.4f): "
            + "%.1f bands; same correlation %.3f%n",
        joint.value(), ref.multivariate().mean(), joint.samplingError(), bands, calm.value());
  }

  @Test
  void aWindowBelowMinSamplesIsInsufficient() {
    ReferenceProfile ref = reference(SPEC, correlated(1, 5000, 0.9));
    CheckResult r =
        result(
            DriftChecks.evaluate(SPEC, ref, window(SPEC, ref, correlated(3, 50, -0.9))),
            MetricIds.RECONSTRUCTION_ERROR,
            null);
    assertEquals(CheckStatus.INSUFFICIENT_DATA, r.status());
    assertEquals(50, r.n());
  }
}
