package io.aimon.detectors.fairness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WilsonTest {
  @Test
  void matchesTheVectorsTwoGroupsCase() {
    assertArrayEquals(
        new double[] {0.14602345258339752, 0.3808631898760393}, Wilson.interval(12, 49), 1e-15);
  }

  @Test
  void zeroSuccessesStartAtZeroAndAllSuccessesEndAtOne() {
    double[] none = Wilson.interval(0, 20);
    assertEquals(0.0, none[0]);
    assertEquals(0.16112515805281938, none[1], 1e-15);
    double[] all = Wilson.interval(1, 1);
    assertEquals(0.20654931437723745, all[0], 1e-15);
    assertEquals(1.0, all[1]);
  }

  @Test
  void intervalContainsTheProportion() {
    for (int n = 1; n <= 60; n++) {
      for (int k = 0; k <= n; k++) {
        double[] w = Wilson.interval(k, n);
        double p = (double) k / n;
        assertTrue(w[0] <= p && p <= w[1] && w[0] >= 0 && w[1] <= 1, k + "/" + n);
      }
    }
  }

  @Test
  void rejectsImpossibleCounts() {
    assertEquals(
        "n: expected an integer >= 1, found 0",
        assertThrows(IllegalArgumentException.class, () -> Wilson.interval(0, 0)).getMessage());
    assertEquals(
        "k: expected an integer in [0, 3], found 4",
        assertThrows(IllegalArgumentException.class, () -> Wilson.interval(4, 3)).getMessage());
  }
}
