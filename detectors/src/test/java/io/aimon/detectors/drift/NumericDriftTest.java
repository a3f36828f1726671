package io.aimon.detectors.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.detectors.common.EmpiricalCdf;
import org.junit.jupiter.api.Test;

class NumericDriftTest {
  private static NumericDriftResult compare(double[] ref, double[] win) {
    double[] sorted = java.util.Arrays.stream(ref).filter(x -> !Double.isNaN(x)).sorted().toArray();
    double[] edges = QuantileEdges.of(sorted);
    return NumericDrift.compare(
        edges,
        Bins.count(edges, ref),
        EmpiricalCdf.ofSamples(ref),
        Bins.count(edges, win),
        EmpiricalCdf.ofSamples(win));
  }

  @Test
  void identicalSamplesShowNoDrift() {
    double[] x = {1, 2, 2, 3, 5, 8, 13};
    NumericDriftResult r = compare(x, x);
    assertEquals(new NumericDriftResult(7, 7, 0.0, 1.0, "exact", 0.0, 0.0, 0.0, r.hellinger()), r);
    // 1 - BC cancels: BC rounds to 1 - 2^-53 here, so H = 2^-26.5, within the 1e-7 tolerance
    assertEquals(0.0, r.hellinger(), DriftFixtures.HELLINGER_ABSOLUTE);
  }

  @Test
  void windowAboveTheReferenceRangeFallsInTheLastBin() {
    NumericDriftResult r = compare(new double[] {1, 2, 3, 4}, new double[] {10, 11});
    assertEquals(1.0, r.ksStatistic());
    assertEquals(8.0, r.wasserstein(), 1e-12); // separated samples: difference of means 10.5 - 2.5
    // edges 1.3, 1.6, ..., 3.7: the reference's 4 shares the last bin with the whole window,
    // p_last = 1/4, q_last = 1, so BC = 1/2 and H = sqrt(1/2)
    assertEquals(Math.sqrt(0.5), r.hellinger(), 1e-15);
    // PSI: (1 - 1/4) ln 4 + 9 bins of (1e-4 - 1/4) ln(4e-4)
    double expectedPsi = 0.75 * Math.log(4) + 3 * (1e-4 - 0.25) * Math.log(4e-4);
    assertEquals(expectedPsi, r.psi(), 1e-12);
  }

  @Test
  void emptyWindowIsRejected() {
    double[] edges = {1.0};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                NumericDrift.compare(
                    edges,
                    new long[] {1, 1},
                    EmpiricalCdf.ofSamples(new double[] {1, 2}),
                    new long[] {0, 0},
                    EmpiricalCdf.ofSamples(new double[] {Double.NaN})));
    assertTrue(e.getMessage().startsWith("winBinCounts:"), e.getMessage());
  }

  @Test
  void binTotalsMustMatchTheDistributions() {
    double[] edges = {1.0};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                NumericDrift.compare(
                    edges,
                    new long[] {1, 2},
                    EmpiricalCdf.ofSamples(new double[] {1, 2}),
                    new long[] {1, 1},
                    EmpiricalCdf.ofSamples(new double[] {0, 3})));
    assertTrue(e.getMessage().startsWith("refCdf:"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                NumericDrift.compare(
                    edges,
                    new long[] {2},
                    EmpiricalCdf.ofSamples(new double[] {1, 2}),
                    new long[] {1, 1},
                    EmpiricalCdf.ofSamples(new double[] {0, 3})));
    assertTrue(e.getMessage().startsWith("refBinCounts:"), e.getMessage());
  }

  @Test
  void resultRejectsOutOfRangeValues() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new NumericDriftResult(5, 5, 0.1, 0.5, "exact", 1.0, Double.NaN, 0.1, 0.1));
    assertTrue(e.getMessage().startsWith("psi:"), e.getMessage());
  }
}
