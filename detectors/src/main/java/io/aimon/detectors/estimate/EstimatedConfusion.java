package io.aimon.detectors.estimate;

/**
 * A window's confusion matrix expected from calibrated probabilities, without labels: over the
 * events predicted positive TP is the sum of their probabilities p and FP the sum of 1 - p; over
 * those predicted negative TN is the sum of 1 - p and FN the sum of p. From it the estimated
 * accuracy, precision, recall, f1 and specificity, each none where its denominator is 0.
 *
 * <p>Invariants: (1) {@code n} is the events added or merged, those without a probability (NaN) not
 * included; (2) TP + FP + TN + FN = n up to rounding, each sum in [0, n]; (3) merging adds the
 * sums, so the order of events and merges changes a result only by rounding (about 1e-15 of n).
 * Four doubles and a count, whatever the number of events.
 */
public final class EstimatedConfusion {
  private long n;
  private double tp;
  private double fp;
  private double tn;
  private double fn;

  public EstimatedConfusion() {}

  /** Sums as {@link #n}, {@link #tp}, ... gave them (a decoded state). */
  EstimatedConfusion(long n, double tp, double fp, double tn, double fn) {
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
    if (predictedPositive) {
      tp += p;
      fp += 1 - p;
    } else {
      fn += p;
      tn += 1 - p;
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

  public long n() {
    return n;
  }

  public double tp() {
    return tp;
  }

  public double fp() {
    return fp;
  }

  public double tn() {
    return tn;
  }

  public double fn() {
    return fn;
  }

  /** (TP + TN) / n, or null without events. */
  public Double accuracy() {
    return ratio(tp + tn, n);
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

  private static Double ratio(double num, double den) {
    return den == 0 ? null : num / den;
  }
}
