package io.aimon.config;

import java.util.Set;

/**
 * The metric ids of METRICS.md, as used in check results, outputs and the {@code checks} section of
 * the configuration.
 */
public final class MetricIds {

  /** Population stability index: sum (q - p) ln(q / p), zero proportions replaced by 1e-4. */
  public static final String PSI = "psi";

  /** Jensen-Shannon distance, base 2, in [0, 1]. */
  public static final String JENSEN_SHANNON = "jensen_shannon";

  /** Hellinger distance, in [0, 1]. */
  public static final String HELLINGER = "hellinger";

  /** 1-D Wasserstein (earth mover's) distance in the feature's raw units. */
  public static final String WASSERSTEIN = "wasserstein";

  /** Two-sample Kolmogorov-Smirnov test (statistic D and p-value); numeric features only. */
  public static final String KS = "ks";

  /**
   * Chi-square goodness-of-fit test against the reference proportions; categorical features only.
   */
  public static final String CHI_SQUARE = "chi_square";

  /** Share of events whose feature value is missing (null or NaN), in [0, 1]. */
  public static final String MISSING_RATE = "missing_rate";

  /** Number of events in the window. */
  public static final String COUNT = "count";

  /** The drift metrics (window against reference). */
  public static final Set<String> DRIFT =
      Set.of(PSI, JENSEN_SHANNON, HELLINGER, WASSERSTEIN, KS, CHI_SQUARE);

  /** Drift metrics that apply to numeric features (and the model score). */
  public static final Set<String> NUMERIC_DRIFT =
      Set.of(PSI, JENSEN_SHANNON, HELLINGER, WASSERSTEIN, KS);

  /** Drift metrics that apply to categorical features (and the label). */
  public static final Set<String> CATEGORICAL_DRIFT =
      Set.of(PSI, JENSEN_SHANNON, HELLINGER, CHI_SQUARE);

  /** Metrics compared against a {@link ValueThreshold} (breach when value &gt;= threshold). */
  public static final Set<String> VALUE_THRESHOLD_METRICS =
      Set.of(PSI, JENSEN_SHANNON, HELLINGER, WASSERSTEIN, MISSING_RATE);

  /**
   * Metrics compared against a {@link PValueThreshold} (breach when p &lt; p_x and effect &gt;=
   * min_statistic).
   */
  public static final Set<String> P_VALUE_THRESHOLD_METRICS = Set.of(KS, CHI_SQUARE);

  /** Every metric id accepted as a key of {@code checks} and {@code feature_checks}. */
  public static final Set<String> CHECKABLE =
      Set.of(PSI, JENSEN_SHANNON, HELLINGER, WASSERSTEIN, KS, CHI_SQUARE, MISSING_RATE);

  private MetricIds() {}
}
