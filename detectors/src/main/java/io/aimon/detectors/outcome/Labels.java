package io.aimon.detectors.outcome;

/** How prediction and label strings map to the positive class or to numbers. */
public final class Labels {
  private Labels() {}

  /**
   * Whether a canonical prediction or label string is the positive class: equal to the configured
   * {@code positive_label}, with {@code true} and {@code 1} standing for each other.
   */
  public static boolean isPositive(String value, String positiveLabel) {
    if (value.equals(positiveLabel)) {
      return true;
    }
    return (positiveLabel.equals("1") && value.equals("true"))
        || (positiveLabel.equals("true") && value.equals("1"));
  }

  /** A regression target or prediction as a finite number, or NaN. */
  static double number(String value) {
    try {
      double d = Double.parseDouble(value);
      return Double.isFinite(d) ? d : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
