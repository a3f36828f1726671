package io.aimon.detectors.common;

/**
 * A Neumaier (improved Kahan) compensated sum: the running sum and the rounding error it has lost.
 * The accumulators' sums of doubles (regression errors, reconstruction errors) use it so that the
 * order of events and merges changes a total only in the rarest of cases.
 *
 * <p>The error of {@link #value()} is about one ulp of the result plus {@code n * ulp^2} of the sum
 * of magnitudes, instead of the {@code n * ulp} of a plain loop. Once the running sum overflows to
 * an infinity the compensation is frozen and {@link #value()} returns that infinity; NaN is never
 * produced from finite or infinite non-NaN inputs of one sign.
 */
public final class CompensatedSum {
  private double sum;
  private double compensation;

  public CompensatedSum() {}

  /** A sum restored from its two parts (for the codec). */
  public static CompensatedSum of(double sum, double compensation) {
    CompensatedSum s = new CompensatedSum();
    s.sum = sum;
    s.compensation = compensation;
    return s;
  }

  public void add(double x) {
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
  public void add(CompensatedSum other) {
    double s = other.sum;
    double c = other.compensation;
    add(s);
    add(c);
  }

  /** The compensated total. */
  public double value() {
    return Double.isFinite(sum) ? sum + compensation : sum;
  }

  /** The running (uncompensated) sum (for the codec). */
  public double sum() {
    return sum;
  }

  /** The accumulated rounding error (for the codec). */
  public double compensation() {
    return compensation;
  }
}
