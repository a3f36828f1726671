package io.aimon.detectors.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RegressionAccumulatorTest {
  @Test
  void emptyAccumulatorHasNoMetrics() {
    RegressionMetrics m = new RegressionAccumulator().result();
    assertEquals(new RegressionMetrics(0, null, null, null, null, null), m);
  }

  @Test
  void singlePairHasErrorsButNoR2() {
    RegressionAccumulator acc = new RegressionAccumulator();
    acc.add(2.0, 3.0);
    RegressionMetrics m = acc.result();
    assertEquals(1.0, m.mae());
    assertEquals(1.0, m.rmse());
    assertEquals(0.5, m.mape());
    assertNull(m.r2(), "sklearn returns NaN for fewer than two samples");
  }

  @Test
  void constantTargetsFollowForceFinite() {
    RegressionAccumulator perfect = new RegressionAccumulator();
    RegressionAccumulator off = new RegressionAccumulator();
    for (int i = 0; i < 5; i++) {
      perfect.add(7.0, 7.0);
      off.add(7.0, 7.0 + 0.1 * i);
    }
    assertEquals(1.0, perfect.result().r2());
    assertEquals(0.0, off.result().r2());
    assertEquals(0.0, off.m2Y(), "M2 of a constant is exactly 0");
  }

  @Test
  void zeroTargetsUseEpsInMape() {
    RegressionAccumulator acc = new RegressionAccumulator();
    acc.add(0.0, 1.0);
    assertEquals(1.0 / RegressionAccumulator.MAPE_EPS, acc.result().mape());
  }

  @Test
  void rejectsNonFiniteValuesWithoutChangingState() {
    RegressionAccumulator acc = new RegressionAccumulator();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> acc.add(Double.NaN, 1.0));
    assertEquals("y: expected a finite number, found NaN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> acc.add(1.0, Double.NEGATIVE_INFINITY));
    assertEquals("yhat: expected a finite number, found -Infinity", e.getMessage());
    assertEquals(0, acc.n());
  }

  @Test
  void mergeEqualsSinglePass() {
    Random random = new Random(9);
    RegressionAccumulator single = new RegressionAccumulator();
    RegressionAccumulator[] parts = new RegressionAccumulator[4];
    for (int p = 0; p < parts.length; p++) {
      parts[p] = new RegressionAccumulator();
    }
    for (int i = 0; i < 10_000; i++) {
      double y = 50 + 10 * random.nextGaussian();
      double yhat = y + random.nextGaussian();
      single.add(y, yhat);
      parts[random.nextInt(parts.length)].add(y, yhat);
    }
    RegressionAccumulator merged = new RegressionAccumulator();
    for (RegressionAccumulator p : parts) {
      merged.merge(p);
    }
    RegressionMetrics a = single.result();
    RegressionMetrics b = merged.result();
    assertEquals(a.n(), b.n());
    assertEquals(a.mae(), b.mae(), 1e-13 * a.mae());
    assertEquals(a.rmse(), b.rmse(), 1e-13 * a.rmse());
    assertEquals(a.mape(), b.mape(), 1e-13 * a.mape());
    assertEquals(a.r2(), b.r2(), 1e-13);
    assertEquals(single.meanY(), merged.meanY(), 1e-12);
    assertEquals(single.m2Y(), merged.m2Y(), 1e-12 * single.m2Y());
  }

  @Test
  void mergingIntoItselfDoublesCounts() {
    RegressionAccumulator acc = new RegressionAccumulator();
    acc.add(1.0, 1.5);
    acc.add(3.0, 2.0);
    double m2 = acc.m2Y();
    acc.merge(acc);
    assertEquals(4, acc.n());
    assertEquals(2.0, acc.meanY());
    assertEquals(2 * m2, acc.m2Y(), 1e-15);
    assertEquals(0.75, acc.result().mae(), 1e-15);
  }

  /** Welford keeps SStot accurate for a large offset, where sum(y^2) - n mean^2 would cancel. */
  @Test
  void r2IsStableForLargeOffsets() {
    RegressionAccumulator acc = new RegressionAccumulator();
    double offset = 1e9;
    double[] d = {-2, -1, 0, 1, 2};
    for (double x : d) {
      acc.add(offset + x, offset + 0.5 * x);
    }
    // SStot = 10, SSres = 0.25 * 10 = 2.5.
    assertEquals(10.0, acc.m2Y(), 1e-6);
    assertEquals(0.75, acc.result().r2(), 1e-9);
    assertTrue(acc.result().mape() < 1e-8);
  }
}
