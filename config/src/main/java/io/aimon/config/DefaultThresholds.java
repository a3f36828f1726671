package io.aimon.config;

import java.util.Map;

/**
 * The default drift thresholds suggested in METRICS.md; a model's {@code checks} and {@code
 * feature_checks} override them. Metrics without a default ({@code hellinger}, {@code wasserstein},
 * {@code missing_rate}) are reported without a status unless configured.
 *
 * <table>
 * <caption>defaults</caption>
 * <tr><th>metric</th><th>warning</th><th>critical</th></tr>
 * <tr><td>psi</td><td>&gt;= 0.1</td><td>&gt;= 0.25</td></tr>
 * <tr><td>jensen_shannon</td><td>&gt;= 0.1</td><td>&gt;= 0.2</td></tr>
 * <tr><td>ks</td><td>p &lt; 0.05 and D &gt;= 0.1</td><td>p &lt; 0.01 and D &gt;= 0.1</td></tr>
 * <tr><td>chi_square</td><td>p &lt; 0.05 and JS &gt;= 0.1</td><td>p &lt; 0.01 and JS &gt;= 0.1</td></tr>
 * </table>
 */
public final class DefaultThresholds {

  private static final Map<String, CheckThreshold> ALL =
      Map.of(
          MetricIds.PSI, new ValueThreshold(0.1, 0.25),
          MetricIds.JENSEN_SHANNON, new ValueThreshold(0.1, 0.2),
          MetricIds.KS, new PValueThreshold(0.05, 0.01, 0.1),
          MetricIds.CHI_SQUARE, new PValueThreshold(0.05, 0.01, 0.1));

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
