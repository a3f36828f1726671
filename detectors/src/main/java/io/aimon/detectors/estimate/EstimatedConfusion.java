package io.aimon.detectors.estimate;

/**
 * A window's confusion matrix expected from calibrated probabilities, without labels: over the
 * events predicted positive TP is the sum of their probabilities p and FP the sum of 1 - p; over
 * those predicted negative TN is the sum of 1 - p and FN the sum of p. From it the estimated
 * accuracy, precision, recall, f1 and specificity, each none where its denominator is 0.
 *
 * <p>Exact sums. Each probability is counted in units of 2^-30 ({@link #UNIT}): p as round(p 2^30)
 * and 1 - p as 2^30 minus that, so the sums are integers, exactly the same whatever the order of
 * events and merges (a result of one shard equals that of two), and a sum is off by at most 2^-31
 * (4.7e-10) per event, every estimated metric by at most that.
 *
 * <p>Invariants: (1) {@code n} is the events added or merged, those without a probability (NaN) not
 * included; (2) TP + FP + TN + FN = n exactly, each sum in [0, n]; (3) merging adds the sums, so it
 * is associative and commutative exactly. Four longs and a count, whatever the number of events (up
 * to 2^33 events, 8.6 billion, per window).
 */
public final class EstimatedConfusion {
  /** The units a probability is counted in: 2^30. */
  public static final long UNIT = 1L << 30;

  private long n;
  private long tp;
  private long fp;
  private long tn;
  private long fn;

  public EstimatedConfusion() {}

  /** Sums as {@link #n}, {@link #tp}, ... gave them (a decoded state). */
  EstimatedConfusion(long n, long tp, long fp, long tn, long fn) {
    this.n = n;
    this.tp = tp;
    this.fp = fp;
    this.tn = tn;
    this.fn = fn;
  }

  /** Counts one event of calibrated probability {@code p}; NaN (no score) is not counted. */
  public void add(double p, boolean predictedPositive) {
    if (Double.isNaN(p)) {
      return;
    }
    n++;
    long q = units(p);
    if (predictedPositive) {
      tp += q;
      fp += UNIT - q;
    } else {
      fn += q;
      tn += UNIT - q;
    }
  }

  /** Adds another window's sums into these. */
  public void merge(EstimatedConfusion other) {
    n += other.n;
    tp += other.tp;
    fp += other.fp;
    tn += other.tn;
    fn += other.fn;
  }

  /** A probability in [0, 1] in units of 2^-30, rounded to the nearest. */
  public static long units(double p) {
    return Math.round(Math.min(1, Math.max(0, p)) * UNIT);
  }

  public long n() {
    return n;
  }

  /** TP in events (the sum in units over {@link #UNIT}). */
  public double tp() {
    return (double) tp / UNIT;
  }

  public double fp() {
    return (double) fp / UNIT;
  }

  public double tn() {
    return (double) tn / UNIT;
  }

  public double fn() {
    return (double) fn / UNIT;
  }

  long tpUnits() {
    return tp;
  }

  long fpUnits() {
    return fp;
  }

  long tnUnits() {
    return tn;
  }

  long fnUnits() {
    return fn;
  }

  /** (TP + TN) / n, or null without events. */
  public Double accuracy() {
    return ratio(tp + tn, n * UNIT);
  }

  /** TP / (TP + FP), or null when 0. */
  public Double precision() {
    return ratio(tp, tp + fp);
  }

  /** TP / (TP + FN), or null when 0. */
  public Double recall() {
    return ratio(tp, tp + fn);
  }

  /** 2PR / (P + R), or null when either is none or both are 0. */
  public Double f1() {
    Double p = precision();
    Double r = recall();
    return p == null || r == null ? null : ratio(2 * p * r, p + r);
  }

  /** TN / (TN + FP), or null when 0. */
  public Double specificity() {
    return ratio(tn, tn + fp);
  }

  private static Double ratio(long num, long den) {
    return den == 0 ? null : (double) num / den;
  }

  private static Double ratio(double num, double den) {
    return den == 0 ? null : num / den;
  }
}
