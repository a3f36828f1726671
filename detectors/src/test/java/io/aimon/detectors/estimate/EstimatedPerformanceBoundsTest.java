package io.aimon.detectors.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aimon.detectors.multivariate.ReconstructionMean;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The new checks' window state is the same size after a thousand events and after a million. */
class EstimatedPerformanceBoundsTest {

  @Test
  void theEstimatedStateDoesNotGrowWithEvents() {
    SplittableRandom r = new SplittableRandom(7);
    double[] scores = new double[2000];
    boolean[] positive = new boolean[scores.length];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = r.nextDouble();
      positive[i] = r.nextDouble() < scores[i];
    }
    IsotonicCalibration calibration = IsotonicCalibration.fit(scores, positive);
    EstimatedPerformance e = EstimatedPerformance.create(calibration);
    int empty = EstimatedPerformanceCodec.encode(e).length;
    for (int i = 0; i < 1000; i++) {
      e.add(r.nextDouble(), r.nextBoolean());
    }
    int thousand = EstimatedPerformanceCodec.encode(e).length;
    for (int i = 0; i < 1_000_000; i++) {
      e.add(r.nextDouble() * 2 - 0.5, r.nextBoolean()); // scores beyond the reference's too
    }
    assertEquals(empty, thousand);
    assertEquals(thousand, EstimatedPerformanceCodec.encode(e).length);
    assertEquals(1_001_000, e.result().n());
    System.out.printf(
        "estimated performance state: %d bytes for %d calibration points, after 1,001,000 events%n",
        thousand, calibration.size());

    ReconstructionMean m = new ReconstructionMean();
    for (int i = 0; i < 1_000_000; i++) {
      m.add(r.nextDouble());
    }
    assertEquals(1_000_000, m.n());
    assertEquals(0.5, m.mean(), 1e-3);
  }
}
