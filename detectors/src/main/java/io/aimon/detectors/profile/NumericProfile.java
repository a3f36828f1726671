package io.aimon.detectors.profile;

import io.aimon.detectors.common.EmpiricalCdf;
import java.io.Serializable;
import java.util.Objects;

/**
 * The distribution of one numeric feature (or the score) over a reference or a window: counts per
 * reference-decile bin, a bounded summary of the values for KS and Wasserstein, and the number of
 * missing values.
 *
 * @param edges the reference's decile bin edges (right-closed bins, see {@code Bins})
 * @param binCounts count per bin, length edges.length + 1 (exact counters)
 * @param values the non-missing values as a step CDF (exact, or a sketch's weighted items)
 * @param exact whether {@code values} is the exact distribution
 * @param missing number of missing values (absent, null, NaN, wrong type)
 */
public record NumericProfile(
    double[] edges, long[] binCounts, EmpiricalCdf values, boolean exact, long missing)
    implements Serializable {

  public NumericProfile {
    Objects.requireNonNull(values, "values");
    if (binCounts.length != edges.length + 1) {
      throw new IllegalArgumentException(
          "binCounts: expected length " + (edges.length + 1) + ", found " + binCounts.length);
    }
    if (missing < 0) {
      throw new IllegalArgumentException("missing: expected >= 0, found " + missing);
    }
    edges = edges.clone();
    binCounts = binCounts.clone();
  }

  /** Number of non-missing values. */
  public long n() {
    return values.n();
  }

  /** Share of missing values among all, NaN when there are none at all. */
  public double missingRate() {
    long all = n() + missing;
    return all == 0 ? Double.NaN : (double) missing / all;
  }
}
