package io.aimon.detectors.profile;

import io.aimon.detectors.drift.Bins;
import io.aimon.detectors.sketch.ValueDistribution;

/**
 * Mutable counts for one numeric feature in one window: exact bin counters over fixed edges, a
 * bounded {@link ValueDistribution} and a missing counter.
 *
 * <p>Invariants: (1) sum(bins) == values.n(); (2) edges never change after construction; (3) memory
 * is bounded by the edges and the distribution's exact limit / sketch size.
 */
public final class NumericAccumulator {
  final double[] edges;
  final long[] bins;
  final ValueDistribution values;
  long missing;

  NumericAccumulator(double[] edges, long[] bins, ValueDistribution values, long missing) {
    this.edges = edges;
    this.bins = bins;
    this.values = values;
    this.missing = missing;
  }

  /** An empty accumulator binning by the given reference edges. */
  public static NumericAccumulator create(double[] edges, int exactLimit) {
    return new NumericAccumulator(
        edges.clone(),
        new long[edges.length + 1],
        ValueDistribution.create(exactLimit, ValueDistribution.DEFAULT_SKETCH_K),
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
  }

  /** An immutable snapshot. */
  public NumericProfile toProfile() {
    return new NumericProfile(edges, bins, values.toCdf(), values.isExact(), missing);
  }
}
