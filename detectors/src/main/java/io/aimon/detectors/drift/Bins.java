package io.aimon.detectors.drift;

/**
 * Right-closed bins over a set of edges: (-inf, e_1], (e_1, e_2], ..., (e_k, +inf).
 *
 * <p>Definition: bin(x) = number of edges strictly less than x, i.e. {@code
 * numpy.searchsorted(edges, x, side='left')}. Exact. NaN values belong to no bin ({@link #count}
 * skips them; {@link #index} returns edges.length for NaN, as numpy's searchsorted does). Infinite
 * values fall in the first or last bin.
 */
public final class Bins {
  private Bins() {}

  /**
   * The bin index of x, in [0, edges.length].
   *
   * @param edges strictly increasing edges (see {@link QuantileEdges}); not checked here
   */
  public static int index(double[] edges, double x) {
    if (Double.isNaN(x)) {
      return edges.length;
    }
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Counts per bin, NaN values ignored.
   *
   * @param edges strictly increasing finite edges
   * @param values the sample
   * @return an array of edges.length + 1 counts
   * @throws IllegalArgumentException if edges is null, holds a non-finite value or is not strictly
   *     increasing, or values is null
   */
  public static long[] count(double[] edges, double[] values) {
    checkEdges(edges);
    if (values == null) {
      throw new IllegalArgumentException("values: expected an array, found null");
    }
    long[] counts = new long[edges.length + 1];
    for (double x : values) {
      if (!Double.isNaN(x)) {
        counts[index(edges, x)]++;
      }
    }
    return counts;
  }

  static void checkEdges(double[] edges) {
    if (edges == null) {
      throw new IllegalArgumentException("edges: expected an array, found null");
    }
    for (int i = 0; i < edges.length; i++) {
      if (!Double.isFinite(edges[i])) {
        throw new IllegalArgumentException(
            "edges[" + i + "]: expected a finite number, found " + edges[i]);
      }
      if (i > 0 && !(edges[i] > edges[i - 1])) {
        throw new IllegalArgumentException(
            "edges["
                + i
                + "]: expected strictly increasing edges, found "
                + edges[i]
                + " after "
                + edges[i - 1]);
      }
    }
  }
}
