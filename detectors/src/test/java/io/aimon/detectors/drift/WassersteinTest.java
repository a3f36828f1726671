package io.aimon.detectors.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aimon.detectors.common.EmpiricalCdf;
import org.junit.jupiter.api.Test;

class WassersteinTest {
  @Test
  void shiftedSampleIsAtTheShiftDistance() {
    // scipy: wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.0
    assertEquals(
        5.0,
        Wasserstein.distance(
            EmpiricalCdf.ofSamples(new double[] {0, 1, 3}),
            EmpiricalCdf.ofSamples(new double[] {5, 6, 8})),
        1e-15);
  }

  @Test
  void tiedSamplesMatchScipy() {
    // scipy: wasserstein_distance([0, 0, 1], [0, 1, 1, 1]) = 0.41666666666666663
    assertEquals(
        0.41666666666666663,
        Wasserstein.distance(
            EmpiricalCdf.ofSamples(new double[] {0, 0, 1}),
            EmpiricalCdf.ofSamples(new double[] {0, 1, 1, 1})),
        1e-15);
  }

  @Test
  void singleEqualValuesAreAtDistanceZero() {
    EmpiricalCdf one = EmpiricalCdf.ofSamples(new double[] {7});
    assertEquals(0.0, Wasserstein.distance(one, one));
  }

  @Test
  void emptySampleIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Wasserstein.distance(
                EmpiricalCdf.ofSamples(new double[0]), EmpiricalCdf.ofSamples(new double[] {1})));
  }
}
