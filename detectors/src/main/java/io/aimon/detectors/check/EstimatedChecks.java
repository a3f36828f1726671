package io.aimon.detectors.check;

import io.aimon.config.MetricIds;
import io.aimon.detectors.estimate.EstimatedMetrics;
import io.aimon.detectors.estimate.ReferenceEstimation;
import io.aimon.detectors.estimate.SamplingError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The window's performance estimated without labels ({@code estimated_accuracy}, {@code
 * estimated_precision}, {@code estimated_recall}, {@code estimated_f1}, {@code
 * estimated_specificity}, {@code estimated_roc_auc}): each with its sampling-error band for the
 * window's size, judged like the realized metric, by its drop from the reference's realized value.
 * Results rest on the window's scored events; fewer than {@code min_samples} are {@code
 * insufficient_data}.
 */
final class EstimatedChecks {
  /** Estimated metric id to the realized metric its band and reference value are of. */
  static final Map<String, SamplingError.Metric> METRICS = new LinkedHashMap<>();

  static {
    METRICS.put(MetricIds.ESTIMATED_ACCURACY, SamplingError.Metric.ACCURACY);
    METRICS.put(MetricIds.ESTIMATED_PRECISION, SamplingError.Metric.PRECISION);
    METRICS.put(MetricIds.ESTIMATED_RECALL, SamplingError.Metric.RECALL);
    METRICS.put(MetricIds.ESTIMATED_F1, SamplingError.Metric.F1);
    METRICS.put(MetricIds.ESTIMATED_SPECIFICITY, SamplingError.Metric.SPECIFICITY);
    METRICS.put(MetricIds.ESTIMATED_ROC_AUC, SamplingError.Metric.ROC_AUC);
  }

  private EstimatedChecks() {}

  /** Appends the estimated metrics of {@code estimated} to the window's results. */
  static void evaluate(CheckEmitter window, ReferenceEstimation reference, EstimatedMetrics m) {
    CheckEmitter e = window.feature(null, m.n(), (long) reference.outcomes().size());
    for (Map.Entry<String, SamplingError.Metric> k : METRICS.entrySet()) {
      Double value = m.of(k.getValue());
      Double band = value == null ? null : reference.outcomes().band(k.getValue(), m.n());
      Double ref = reference.referenceValue(k.getValue());
      e.performance(k.getKey(), value, ref == null ? Double.NaN : ref, band, null);
    }
  }
}
