package io.aimon.detectors.outcome;

import io.aimon.config.MetricIds;
import io.aimon.detectors.performance.BinaryClassificationMetrics;
import io.aimon.detectors.performance.RegressionMetrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference's performance, from the reference events' inline labels: the baseline that drop
 * thresholds ({@code accuracy: {warning_drop: 0.05}}) compare a window with.
 */
public final class ReferencePerformance {
  private ReferencePerformance() {}

  /**
   * Metric id to value, plus {@code n} (labelled reference events); empty when no reference event
   * had a label. Undefined values (e.g. ROC AUC with one class) are left out.
   */
  public static Map<String, Double> of(OutcomeAccumulator outcomes) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (outcomes.regression() != null) {
      RegressionMetrics m = outcomes.regression().result();
      if (m.n() == 0) {
        return out;
      }
      out.put("n", (double) m.n());
      put(out, MetricIds.MAE, m.mae());
      put(out, MetricIds.RMSE, m.rmse());
      put(out, MetricIds.MAPE, m.mape());
      put(out, MetricIds.R2, m.r2());
      return out;
    }
    BinaryClassificationMetrics m = outcomes.binary().result();
    if (m.n() == 0) {
      return out;
    }
    out.put("n", (double) m.n());
    put(out, MetricIds.ACCURACY, m.accuracy());
    put(out, MetricIds.PRECISION, m.precision());
    put(out, MetricIds.RECALL, m.recall());
    put(out, MetricIds.F1, m.f1());
    put(out, MetricIds.ROC_AUC, m.rocAuc());
    put(out, MetricIds.LOG_LOSS, m.logLoss());
    put(out, MetricIds.BRIER, m.brier());
    return out;
  }

  private static void put(Map<String, Double> out, String metric, Double value) {
    if (value != null && Double.isFinite(value)) {
      out.put(metric, value);
    }
  }
}
