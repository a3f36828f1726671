package io.aimon.config;

import java.util.HashMap;
import java.util.Map;

/**
 * The values a metric can take, {@code [min, max]} with infinite ends where it is unbounded (the
 * bounds of docs/metrics.md): a chart's axis stays inside them, so a PSI axis never runs below zero
 * and a ratio's never above one.
 *
 * @param min the smallest possible value, or {@link Double#NEGATIVE_INFINITY}
 * @param max the largest possible value, or {@link Double#POSITIVE_INFINITY}
 */
public record MetricDomain(double min, double max) {
  /** [0, 1]: rates, shares, probabilities, bounded distances and ratios, p-values. */
  public static final MetricDomain UNIT = new MetricDomain(0, 1);

  /** [0, +inf): counts, divergences, errors in label units, latencies. */
  public static final MetricDomain NON_NEGATIVE = new MetricDomain(0, Double.POSITIVE_INFINITY);

  /** Any real number: a metric this version does not know. */
  public static final MetricDomain UNBOUNDED =
      new MetricDomain(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

  /** The domain of a test's p-value. */
  public static final MetricDomain P_VALUE = UNIT;

  private static final Map<String, MetricDomain> DOMAINS = new HashMap<>();

  static {
    for (String m :
        new String[] {
          MetricIds.PSI,
          MetricIds.CHALLENGER_PSI,
          MetricIds.WASSERSTEIN,
          MetricIds.CHI_SQUARE,
          MetricIds.COUNT,
          MetricIds.LOG_LOSS,
          MetricIds.MAE,
          MetricIds.RMSE,
          MetricIds.MAPE,
          MetricIds.MIN_GROUP_SIZE,
          MetricIds.LATENCY_P50,
          MetricIds.LATENCY_P95,
          MetricIds.LATENCY_P99,
          MetricIds.RECONSTRUCTION_ERROR,
          MetricIds.COST
        }) {
      DOMAINS.put(m, NON_NEGATIVE);
    }
    for (String m :
        new String[] {
          MetricIds.JENSEN_SHANNON,
          MetricIds.HELLINGER,
          MetricIds.KS,
          MetricIds.MISSING_RATE,
          MetricIds.ERROR_RATE,
          MetricIds.FINISH_REASON_RATE,
          MetricIds.OUT_OF_RANGE_RATE,
          MetricIds.UNSEEN_CATEGORY_RATE,
          MetricIds.TYPE_MISMATCH_RATE,
          MetricIds.ACCURACY,
          MetricIds.CHALLENGER_ACCURACY,
          MetricIds.CHALLENGER_PRECISION,
          MetricIds.CHALLENGER_RECALL,
          MetricIds.CHALLENGER_F1,
          MetricIds.CHALLENGER_ROC_AUC,
          MetricIds.ESTIMATED_ACCURACY,
          MetricIds.ESTIMATED_PRECISION,
          MetricIds.ESTIMATED_RECALL,
          MetricIds.ESTIMATED_F1,
          MetricIds.ESTIMATED_SPECIFICITY,
          MetricIds.ESTIMATED_ROC_AUC,
          MetricIds.PRECISION,
          MetricIds.RECALL,
          MetricIds.F1,
          MetricIds.ROC_AUC,
          MetricIds.BRIER,
          MetricIds.DEMOGRAPHIC_PARITY_DIFFERENCE,
          MetricIds.DEMOGRAPHIC_PARITY_RATIO,
          MetricIds.EQUAL_OPPORTUNITY_DIFFERENCE,
          MetricIds.EQUALIZED_ODDS_DIFFERENCE,
          MetricIds.EQUALIZED_ODDS_RATIO,
          MetricIds.SELECTION_RATE,
          MetricIds.TPR,
          MetricIds.FPR
        }) {
      DOMAINS.put(m, UNIT);
    }
    DOMAINS.put(MetricIds.R2, new MetricDomain(Double.NEGATIVE_INFINITY, 1));
    DOMAINS.put(MetricIds.CHANGE_POINT, UNBOUNDED);
    DOMAINS.put(MetricIds.CHALLENGER_R2, new MetricDomain(Double.NEGATIVE_INFINITY, 1));
  }

  public MetricDomain {
    if (Double.isNaN(min) || Double.isNaN(max) || min >= max) {
      throw new IllegalArgumentException("domain: expected min < max, found " + min + ", " + max);
    }
  }

  /** The domain of {@code metric}'s value (not its p-value), {@link #UNBOUNDED} when unknown. */
  public static MetricDomain of(String metric) {
    return DOMAINS.getOrDefault(metric, UNBOUNDED);
  }

  /** Whether {@code metric} is a metric id with a known domain. */
  public static boolean known(String metric) {
    return DOMAINS.containsKey(metric);
  }

  /** {@code v} moved into the domain. */
  public double clamp(double v) {
    return Math.max(min, Math.min(max, v));
  }
}
