package io.aimon.detectors.estimate;

/**
 * A window's performance estimated without labels (docs/metrics.md, "Estimated performance"): each
 * value null where its denominator is 0.
 *
 * @param n events with a score that the estimate rests on
 * @param accuracy estimated accuracy
 * @param precision estimated precision
 * @param recall estimated recall
 * @param f1 estimated f1
 * @param specificity estimated specificity
 * @param rocAuc estimated ROC AUC ({@link EstimatedPerformance#rocAuc()}), null without both an
 *     expected positive and an expected negative
 * @param rocAucBound how far {@code rocAuc} can be from the unbinned definition, in [0, 0.5]
 */
public record EstimatedMetrics(
    long n,
    Double accuracy,
    Double precision,
    Double recall,
    Double f1,
    Double specificity,
    Double rocAuc,
    double rocAucBound) {

  /** The value of the estimated metric of {@code metric}'s kind. */
  public Double of(SamplingError.Metric metric) {
    return switch (metric) {
      case ACCURACY -> accuracy;
      case PRECISION -> precision;
      case RECALL -> recall;
      case F1 -> f1;
      case SPECIFICITY -> specificity;
      case ROC_AUC -> rocAuc;
    };
  }
}
