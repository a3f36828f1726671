package io.aimon.config;

import java.util.Map;

/**
 * The default thresholds suggested in docs/metrics.md; a model's {@code checks} and {@code
 * feature_checks} override them. Metrics without a default (e.g. {@code hellinger}, {@code
 * wasserstein}, {@code missing_rate}, {@code precision}, {@code mae}) are reported without a status
 * unless configured. Performance and fairness defaults apply only to models whose task they fit
 * ({@link ModelConfig#threshold}).
 *
 * <table>
 * <caption>defaults</caption>
 * <tr><th>metric</th><th>warning</th><th>critical</th></tr>
 * <tr><td>psi</td><td>&gt;= 0.1</td><td>&gt;= 0.25</td></tr>
 * <tr><td>jensen_shannon</td><td>&gt;= 0.1</td><td>&gt;= 0.2</td></tr>
 * <tr><td>ks</td><td>p &lt; 0.05 and D &gt;= 0.1</td><td>p &lt; 0.01 and D &gt;= 0.1</td></tr>
 * <tr><td>chi_square</td><td>p &lt; 0.05 and JS &gt;= 0.1</td><td>p &lt; 0.01 and JS &gt;= 0.1</td></tr>
 * <tr><td>demographic_parity_ratio</td><td>&lt; 0.9</td><td>&lt; 0.8 (four-fifths rule)</td></tr>
 * <tr><td>equalized_odds_difference</td><td>&gt;= 0.1</td><td>&gt;= 0.2</td></tr>
 * <tr><td>accuracy, f1, roc_auc</td><td>drop &gt;= 0.05 from the reference</td>
 *     <td>drop &gt;= 0.10</td></tr>
 * <tr><td>estimated_accuracy, estimated_f1, estimated_roc_auc</td><td>drop &gt;= 0.05 from the
 *     reference's realized value</td><td>drop &gt;= 0.10</td></tr>
 * <tr><td>error_rate</td><td>&gt;= 0.05</td><td>&gt;= 0.10</td></tr>
 * <tr><td>reconstruction_error</td><td>&gt;= 3 bands from the reference's mean</td>
 *     <td>&gt;= 4 bands</td></tr>
 * </table>
 */
public final class DefaultThresholds {

  private static final Map<String, CheckThreshold> ALL =
      Map.ofEntries(
          Map.entry(MetricIds.PSI, new ValueThreshold(0.1, 0.25)),
          Map.entry(MetricIds.JENSEN_SHANNON, new ValueThreshold(0.1, 0.2)),
          Map.entry(MetricIds.KS, new PValueThreshold(0.05, 0.01, 0.1)),
          Map.entry(MetricIds.CHI_SQUARE, new PValueThreshold(0.05, 0.01, 0.1)),
          Map.entry(MetricIds.DEMOGRAPHIC_PARITY_RATIO, new LowerBoundThreshold(0.9, 0.8)),
          Map.entry(MetricIds.EQUALIZED_ODDS_DIFFERENCE, new ValueThreshold(0.1, 0.2)),
          Map.entry(MetricIds.ACCURACY, new DropThreshold(0.05, 0.10)),
          Map.entry(MetricIds.F1, new DropThreshold(0.05, 0.10)),
          Map.entry(MetricIds.ROC_AUC, new DropThreshold(0.05, 0.10)),
          Map.entry(MetricIds.ESTIMATED_ACCURACY, new DropThreshold(0.05, 0.10)),
          Map.entry(MetricIds.ESTIMATED_F1, new DropThreshold(0.05, 0.10)),
          Map.entry(MetricIds.ESTIMATED_ROC_AUC, new DropThreshold(0.05, 0.10)),
          Map.entry(MetricIds.RECONSTRUCTION_ERROR, new ValueThreshold(3, 4)),
          Map.entry(MetricIds.ERROR_RATE, new ValueThreshold(0.05, 0.10)));

  private DefaultThresholds() {}

  /** Every default threshold by metric id (unmodifiable). */
  public static Map<String, CheckThreshold> all() {
    return ALL;
  }

  /** The default for {@code metric}, or null when it has none. */
  public static CheckThreshold of(String metric) {
    return ALL.get(metric);
  }
}
