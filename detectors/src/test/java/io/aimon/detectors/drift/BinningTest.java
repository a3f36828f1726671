package io.aimon.detectors.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link QuantileEdges} and {@link Bins}. */
class BinningTest {
  @Test
  void emptyReferenceHasNoEdges() {
    assertArrayEquals(new double[0], QuantileEdges.of(new double[0]));
  }

  @Test
  void singleValueReferenceHasOneEdge() {
    assertArrayEquals(new double[] {4.5}, QuantileEdges.of(new double[] {4.5}));
  }

  @Test
  void tiedValuesCollapseEdges() {
    // numpy 1.24: quantile([0]*5 + [1]*5, linspace(0.1, 0.9, 9)) = [0, 0, 0, 0, 0.5, 1, 1, 1, 1]
    assertArrayEquals(
        new double[] {0.0, 0.5, 1.0},
        QuantileEdges.of(new double[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}),
        0.0);
  }

  @Test
  void decilesOfZeroToHundredCarryNumpysFloatArtefacts() {
    double[] x = new double[101];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    // numpy 1.24 (h = (n-1) p): 100 * 0.30000000000000004 = 30.000000000000004 (g = 3.6e-15 > 0),
    // while 100 * 0.7000000000000001 rounds to exactly 70
    assertArrayEquals(
        new double[] {10, 20, 30.000000000000004, 40, 50, 60, 70, 80, 90},
        QuantileEdges.of(x),
        0.0);
  }

  @Test
  void unsortedOrNonFiniteReferenceIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> QuantileEdges.of(new double[] {2, 1}));
    assertTrue(e.getMessage().startsWith("sortedFiniteReference[1]"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> QuantileEdges.of(new double[] {1, Double.NaN}));
  }

  @Test
  void binsAreRightClosed() {
    double[] edges = {1.0, 2.0};
    assertEquals(0, Bins.index(edges, 0.5));
    assertEquals(0, Bins.index(edges, 1.0));
    assertEquals(1, Bins.index(edges, 1.5));
    assertEquals(1, Bins.index(edges, 2.0));
    assertEquals(2, Bins.index(edges, 2.0000001));
    assertEquals(2, Bins.index(edges, Double.POSITIVE_INFINITY));
  }

  @Test
  void countSkipsNaN() {
    assertArrayEquals(
        new long[] {2, 1, 1},
        Bins.count(new double[] {1.0, 2.0}, new double[] {0, 1, Double.NaN, 1.5, 3}));
  }

  @Test
  void noEdgesMeansOneBin() {
    assertArrayEquals(new long[] {3}, Bins.count(new double[0], new double[] {1, 2, 3}));
  }

  @Test
  void decreasingEdgesAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Bins.count(new double[] {2, 1}, new double[0]));
    assertTrue(e.getMessage().startsWith("edges[1]"), e.getMessage());
  }
}
