package io.aimon.detectors.performance;

/**
 * A Neumaier (improved Kahan) compensated sum: the running sum and the rounding error it has lost.
 * Package-private helper of the accumulators; not a general-purpose summation API.
 *
 * <p>The error of {@link #value()} is about one ulp of the result plus {@code n * ulp^2} of the sum
 * of magnitudes, instead of the {@code n * ulp} of a plain loop. Once the running sum overflows to
 * an infinity the compensation is frozen and {@link #value()} returns that infinity; NaN is never
 * produced from finite or infinite non-NaN inputs of one sign.
 */
final class CompensatedSum {
  private double sum;
  private double compensation;

  CompensatedSum() {}

  /** A sum restored from its two parts (for the codec). */
  static CompensatedSum of(double sum, double compensation) {
    CompensatedSum s = new CompensatedSum();
    s.sum = sum;
    s.compensation = compensation;
    return s;
  }

  void add(double x) {
    double t = sum + x;
    if (Double.isFinite(t)) {
      if (Math.abs(sum) >= Math.abs(x)) {
        compensation += (sum - t) + x;
      } else {
        compensation += (x - t) + sum;
      }
    }
    sum = t;
  }

  /** Adds the other sum's value (both of its parts); {@code other} is not changed. */
  void add(CompensatedSum other) {
    double s = other.sum;
    double c = other.compensation;
    add(s);
    add(c);
  }

  /** The compensated total. */
  double value() {
    return Double.isFinite(sum) ? sum + compensation : sum;
  }

  /** The running (uncompensated) sum (for the codec). */
  double sum() {
    return sum;
  }

  /** The accumulated rounding error (for the codec). */
  double compensation() {
    return compensation;
  }
}
