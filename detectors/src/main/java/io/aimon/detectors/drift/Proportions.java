package io.aimon.detectors.drift;

/** Package-private helpers shared by the proportion-based calculators: validation and counts/n. */
final class Proportions {
  private Proportions() {}

  /** count_i / n with n = sum of counts, each a double division (numpy's counts / n). */
  static double[] of(long[] counts, long n) {
    double[] p = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      p[i] = (double) counts[i] / n;
    }
    return p;
  }

  /** The sum of non-negative counts. */
  static long total(long[] counts, String name) {
    if (counts == null) {
      throw new IllegalArgumentException(name + ": expected an array, found null");
    }
    long n = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException(
            name + "[" + i + "]: expected a count >= 0, found " + counts[i]);
      }
      n += counts[i];
    }
    return n;
  }

  /** Checks that p and q are non-null, equally long and hold finite values >= 0. */
  static void check(double[] p, double[] q) {
    checkOne(p, "p");
    checkOne(q, "q");
    if (p.length != q.length) {
      throw new IllegalArgumentException(
          "q: expected the same length as p (" + p.length + "), found " + q.length);
    }
  }

  private static void checkOne(double[] p, String name) {
    if (p == null) {
      throw new IllegalArgumentException(name + ": expected an array, found null");
    }
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] >= 0) || p[i] == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            name + "[" + i + "]: expected a finite proportion >= 0, found " + p[i]);
      }
    }
  }
}
