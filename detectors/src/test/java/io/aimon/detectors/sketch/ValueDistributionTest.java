package io.aimon.detectors.sketch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.detectors.common.EmpiricalCdf;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ValueDistributionTest {
  private static final int K = ValueDistribution.DEFAULT_SKETCH_K;

  @BeforeEach
  void seedKll() {
    KllRandom.seed(42);
  }

  private static ValueDistribution of(int exactLimit, int k, double... xs) {
    ValueDistribution d = ValueDistribution.create(exactLimit, k);
    for (double x : xs) {
      d.add(x);
    }
    return d;
  }

  private static void assertSameCdf(EmpiricalCdf expected, EmpiricalCdf actual) {
    assertArrayEquals(expected.values(), actual.values());
    assertArrayEquals(expected.counts(), actual.counts());
    assertEquals(expected.n(), actual.n());
  }

  @Test
  void exactModeEqualsOfSamplesOnTiedInput() {
    double[] xs = {3, 1, 2, 3, 3, 1, 7.5, -2, 7.5, 0};
    ValueDistribution d = of(100, K, xs);
    assertTrue(d.isExact());
    assertSameCdf(EmpiricalCdf.ofSamples(xs), d.toCdf());
    assertEquals(10, d.n());
    assertEquals(-2, d.min());
    assertEquals(7.5, d.max());
    assertEquals(6, d.retainedItems());
    assertEquals(0.0, d.rankErrorBound());
  }

  @Test
  void exactModeEqualsOfSamplesOnSingleValue() {
    double[] xs = {4.25, 4.25, 4.25};
    ValueDistribution d = of(1, K, xs);
    assertTrue(d.isExact());
    assertSameCdf(EmpiricalCdf.ofSamples(xs), d.toCdf());
  }

  @Test
  void emptyDistributionHasNoValuesAndNanExtremes() {
    ValueDistribution d = of(10, K);
    assertTrue(d.isExact());
    assertEquals(0, d.n());
    assertTrue(d.toCdf().isEmpty());
    assertSameCdf(EmpiricalCdf.ofSamples(new double[0]), d.toCdf());
    assertTrue(Double.isNaN(d.min()));
    assertTrue(Double.isNaN(d.max()));
  }

  @Test
  void negativeZeroIsCountedAsZero() {
    ValueDistribution d = of(10, K, -0.0, 0.0);
    assertEquals(1, d.retainedItems());
    assertArrayEquals(new long[] {2}, d.toCdf().counts());
  }

  @Test
  void convertsExactlyAtExactLimitPlusOneDistinctValues() {
    ValueDistribution d = ValueDistribution.create(5, K);
    for (int i = 0; i < 5; i++) {
      d.add(i);
      d.add(i); // repeats never count towards the limit
    }
    assertTrue(d.isExact());
    assertEquals(5, d.retainedItems());
    d.add(5);
    assertFalse(d.isExact());
    assertEquals(11, d.n());
    assertEquals(0, d.min());
    assertEquals(5, d.max());
    // below the first compaction the sketch still holds every value
    assertSameCdf(
        EmpiricalCdf.ofSamples(new double[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5}), d.toCdf());
  }

  @Test
  void exactLimitZeroConvertsOnFirstValue() {
    ValueDistribution d = ValueDistribution.create(0, K);
    assertTrue(d.isExact());
    d.add(1.5);
    assertFalse(d.isExact());
    assertEquals(1, d.n());
    assertEquals(ValueDistribution.normalizedRankError(K), d.rankErrorBound());
  }

  @Test
  void nAndExtremesArePreservedThroughConversionUnderCompaction() {
    Random r = new Random(7);
    ValueDistribution d = ValueDistribution.create(1000, 64);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < 50_000; i++) {
      double x = r.nextGaussian() * 10;
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      d.add(x);
    }
    assertFalse(d.isExact());
    assertEquals(50_000, d.n());
    assertEquals(lo, d.min());
    assertEquals(hi, d.max());
    EmpiricalCdf cdf = d.toCdf();
    assertEquals(50_000, cdf.n());
    assertEquals(lo, cdf.value(0));
    assertEquals(hi, cdf.value(cdf.size() - 1));
  }

  @Test
  void mergeOfTwoExactStaysExactWithinLimit() {
    ValueDistribution a = of(10, K, 1, 2, 2, 3);
    ValueDistribution b = of(10, K, 3, 4, 4);
    a.merge(b);
    assertTrue(a.isExact());
    assertSameCdf(EmpiricalCdf.ofSamples(new double[] {1, 2, 2, 3, 3, 4, 4}), a.toCdf());
    assertEquals(3, b.n()); // other unchanged
  }

  @Test
  void mergeOfTwoExactConvertsWhenUnionExceedsLimit() {
    ValueDistribution a = of(4, K, 1, 2, 3);
    ValueDistribution b = of(4, K, 3, 4, 5, 6);
    a.merge(b);
    assertFalse(a.isExact());
    assertEquals(7, a.n());
    assertEquals(1, a.min());
    assertEquals(6, a.max());
    assertSameCdf(EmpiricalCdf.ofSamples(new double[] {1, 2, 3, 3, 4, 5, 6}), a.toCdf());
  }

  @Test
  void mergeOfExactAndSketchGivesSketchInEitherOrder() {
    double[] left = {1, 1, 2};
    double[] right = {5, 6, 7, 8};
    double[] all = {1, 1, 2, 5, 6, 7, 8};
    ValueDistribution exactIntoSketch = of(0, K, right);
    exactIntoSketch.merge(of(10, K, left));
    ValueDistribution sketchIntoExact = of(10, K, left);
    sketchIntoExact.merge(of(0, K, right));
    for (ValueDistribution d : new ValueDistribution[] {exactIntoSketch, sketchIntoExact}) {
      assertFalse(d.isExact());
      assertEquals(7, d.n());
      assertEquals(1, d.min());
      assertEquals(8, d.max());
      assertSameCdf(EmpiricalCdf.ofSamples(all), d.toCdf());
    }
  }

  @Test
  void mergeOfTwoSketchesStaysWithinRankError() {
    Random r = new Random(11);
    int k = 256;
    ValueDistribution a = ValueDistribution.create(0, k);
    ValueDistribution b = ValueDistribution.create(0, k);
    double[] all = new double[40_000];
    for (int i = 0; i < all.length; i++) {
      all[i] = i < 20_000 ? r.nextGaussian() : 1 + r.nextGaussian();
      (i < 20_000 ? a : b).add(all[i]);
    }
    a.merge(b);
    assertFalse(a.isExact());
    assertEquals(40_000, a.n());
    double maxError = maxCdfDifference(EmpiricalCdf.ofSamples(all), a.toCdf());
    assertTrue(maxError <= a.rankErrorBound(), "max |F_sketch - F| = " + maxError);
  }

  @Test
  void mergeIntoItselfDoublesCounts() {
    ValueDistribution d = of(10, K, 1, 2);
    d.merge(d);
    assertSameCdf(EmpiricalCdf.ofSamples(new double[] {1, 1, 2, 2}), d.toCdf());
  }

  @Test
  void badArgumentsAreRejectedNamingTheParameterAndBound() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ValueDistribution.create(-1, K));
    assertTrue(
        e.getMessage().contains("exactLimit") && e.getMessage().contains("10000000"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ValueDistribution.create(10_000_001, K));
    e = assertThrows(IllegalArgumentException.class, () -> ValueDistribution.create(10, 7));
    assertTrue(
        e.getMessage().contains("sketchK") && e.getMessage().contains("[8, 65535]"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ValueDistribution.create(10, 65536));
    assertThrows(IllegalArgumentException.class, () -> ValueDistribution.normalizedRankError(4));
    ValueDistribution d = ValueDistribution.create(10, K);
    e = assertThrows(IllegalArgumentException.class, () -> d.add(Double.NaN));
    assertTrue(e.getMessage().contains("finite"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.add(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> d.add(Double.NEGATIVE_INFINITY));
    assertEquals(0, d.n());
  }

  @Test
  void normalizedRankErrorOfDefaultKIsWellInsideKsTolerance() {
    double eps = ValueDistribution.normalizedRankError(ValueDistribution.DEFAULT_SKETCH_K);
    assertTrue(eps < 0.001, "eps = " + eps);
    assertTrue(2 * eps < 0.01 / 5, "both sketched: " + 2 * eps);
  }

  @Test
  void stateStaysBoundedAfterAMillionDistinctValues() {
    int k = K;
    ValueDistribution d = ValueDistribution.create(1000, k);
    long peakBytes = 0;
    for (int i = 0; i < 1_000_000; i++) {
      d.add(i * 0.001);
      if (i % 10_000 == 0) {
        peakBytes = Math.max(peakBytes, d.estimatedBytes());
      }
    }
    assertEquals(1_000_000, d.n());
    // KLL level capacities are max(8, k (2/3)^depth): at most 3k plus 8 per level, < 64 levels.
    int bound = 3 * k + 8 * 64;
    assertTrue(d.retainedItems() <= bound, d.retainedItems() + " retained > " + bound);
    assertTrue(peakBytes <= 8L * bound + 4096, "peak bytes " + peakBytes);
    System.out.printf(
        "k=%d after 1e6 distinct values: retained=%d, estimatedBytes=%d, encoded=%d%n",
        k, d.retainedItems(), d.estimatedBytes(), ValueDistributionCodec.encode(d).length);
  }

  @Test
  void exactModeMemoryIsBoundedByExactLimit() {
    ValueDistribution d = ValueDistribution.create(ValueDistribution.DEFAULT_EXACT_LIMIT, K);
    for (int i = 0; i < ValueDistribution.DEFAULT_EXACT_LIMIT; i++) {
      d.add(i);
      d.add(i);
    }
    assertTrue(d.isExact());
    long tableBytes = 16L * DoubleCountMap.tableSizeFor(ValueDistribution.DEFAULT_EXACT_LIMIT);
    assertTrue(d.estimatedBytes() <= tableBytes + 256, "estimatedBytes " + d.estimatedBytes());
  }

  @Test
  void exactModeIsIndependentOfInsertionOrder() {
    Random r = new Random(3);
    double[] xs = new double[5000];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = r.nextInt(700) * 0.5;
    }
    ValueDistribution forward = of(1000, K, xs);
    double[] reversed = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      reversed[i] = xs[xs.length - 1 - i];
    }
    ValueDistribution backward = of(1000, K, reversed);
    assertSameCdf(EmpiricalCdf.ofSamples(xs), forward.toCdf());
    assertSameCdf(forward.toCdf(), backward.toCdf());
  }

  /** sup over the union of support points of |F_a - F_b|. */
  static double maxCdfDifference(EmpiricalCdf a, EmpiricalCdf b) {
    int i = 0;
    int j = 0;
    long ca = 0;
    long cb = 0;
    double d = 0;
    while (i < a.size() || j < b.size()) {
      double x =
          Math.min(
              i < a.size() ? a.value(i) : Double.POSITIVE_INFINITY,
              j < b.size() ? b.value(j) : Double.POSITIVE_INFINITY);
      while (i < a.size() && a.value(i) == x) {
        ca += a.count(i++);
      }
      while (j < b.size() && b.value(j) == x) {
        cb += b.count(j++);
      }
      d = Math.max(d, Math.abs((double) ca / a.n() - (double) cb / b.n()));
    }
    return d;
  }
}
