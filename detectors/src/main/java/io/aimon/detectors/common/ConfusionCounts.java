package io.aimon.detectors.common;

/**
 * The confusion counts of binary predictions against labels, shared by the performance metrics of a
 * window and the fairness rates of a group.
 *
 * @param tp predicted positive, actually positive, >= 0
 * @param fp predicted positive, actually negative, >= 0
 * @param tn predicted negative, actually negative, >= 0
 * @param fn predicted negative, actually positive, >= 0
 */
public record ConfusionCounts(long tp, long fp, long tn, long fn) {
  /** No labelled predictions. */
  public static final ConfusionCounts NONE = new ConfusionCounts(0, 0, 0, 0);

  /**
   * @throws IllegalArgumentException naming the counts when one is negative
   */
  public ConfusionCounts {
    if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
      throw new IllegalArgumentException(
          "confusion counts: expected >= 0, found " + toText(tp, fp, tn, fn));
    }
  }

  /** Labelled predictions: {@code tp + fp + tn + fn}. */
  public long n() {
    return tp + fp + tn + fn;
  }

  /** The true positive rate {@code tp / (tp + fn)}; null without actual positives. */
  public Double tpr() {
    return rate(tp, tp + fn);
  }

  /** The false positive rate {@code fp / (fp + tn)}; null without actual negatives. */
  public Double fpr() {
    return rate(fp, fp + tn);
  }

  /** The precision {@code tp / (tp + fp)}; null without predicted positives. */
  public Double precision() {
    return rate(tp, tp + fp);
  }

  @Override
  public String toString() {
    return toText(tp, fp, tn, fn);
  }

  private static String toText(long tp, long fp, long tn, long fn) {
    return "tp=" + tp + " fp=" + fp + " tn=" + tn + " fn=" + fn;
  }

  private static Double rate(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
