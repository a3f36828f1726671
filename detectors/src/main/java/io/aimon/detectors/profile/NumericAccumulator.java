package io.aimon.detectors.profile;

import io.aimon.detectors.drift.Bins;
import io.aimon.detectors.sketch.ValueDistribution;

/**
 * Mutable counts for one numeric feature in one window: exact bin counters over fixed edges, a
 * bounded {@link ValueDistribution}, a missing counter and a counter of values outside the
 * reference's range.
 *
 * <p>Invariants: (1) sum(bins) == values.n(); (2) edges and range never change after construction;
 * (3) outOfRange <= values.n(); (4) memory is bounded by the edges and the distribution's exact
 * limit / sketch size.
 */
public final class NumericAccumulator {
  final double[] edges;
  final long[] bins;
  final ValueDistribution values;
  long missing;
  final double rangeMin;
  final double rangeMax;
  long outOfRange;

  NumericAccumulator(
      double[] edges,
      long[] bins,
      ValueDistribution values,
      long missing,
      double rangeMin,
      double rangeMax,
      long outOfRange) {
    this.edges = edges;
    this.bins = bins;
    this.values = values;
    this.missing = missing;
    this.rangeMin = rangeMin;
    this.rangeMax = rangeMax;
    this.outOfRange = outOfRange;
  }

  /** An empty accumulator binning by the given reference edges, with no range check. */
  public static NumericAccumulator create(double[] edges, int exactLimit) {
    return create(edges, exactLimit, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /**
   * An empty accumulator binning by the given reference edges and counting values outside the
   * reference range [rangeMin, rangeMax].
   */
  public static NumericAccumulator create(
      double[] edges, int exactLimit, double rangeMin, double rangeMax) {
    return new NumericAccumulator(
        edges.clone(),
        new long[edges.length + 1],
        ValueDistribution.create(exactLimit, ValueDistribution.DEFAULT_SKETCH_K),
        0,
        rangeMin,
        rangeMax,
        0);
  }

  /** Adds one value; NaN counts as missing. */
  public void add(double x) {
    if (Double.isNaN(x)) {
      missing++;
      return;
    }
    bins[Bins.index(edges, x)]++;
    values.add(x);
    if (x < rangeMin || x > rangeMax) {
      outOfRange++;
    }
  }

  /** Number of values outside the reference range so far. */
  public long outOfRange() {
    return outOfRange;
  }

  /** Adds the other accumulator's counts (same edges) to this one. */
  public void merge(NumericAccumulator other) {
    if (other.bins.length != bins.length) {
      throw new IllegalArgumentException("merge: accumulators have different bin edges");
    }
    for (int i = 0; i < bins.length; i++) {
      bins[i] += other.bins[i];
    }
    values.merge(other.values);
    missing += other.missing;
    outOfRange += other.outOfRange;
  }

  /** An immutable snapshot. */
  public NumericProfile toProfile() {
    return new NumericProfile(edges, bins, values.toCdf(), values.isExact(), missing);
  }
}
