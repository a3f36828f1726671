package io.aimon.config;

import java.util.HashSet;
import java.util.Set;

/**
 * The metric ids of docs/metrics.md, as used in check results, outputs and the {@code checks}
 * section of the configuration.
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

  /**
   * Share of events whose numeric feature value lies outside the reference's [min, max], in [0, 1];
   * numeric features only.
   */
  public static final String OUT_OF_RANGE_RATE = "out_of_range_rate";

  /**
   * Share of events whose categorical feature value never occurs in the reference, in [0, 1];
   * categorical features only.
   */
  public static final String UNSEEN_CATEGORY_RATE = "unseen_category_rate";

  /** Share of events whose feature value has the wrong JSON type, in [0, 1]. */
  public static final String TYPE_MISMATCH_RATE = "type_mismatch_rate";

  /** Number of events in the window. */
  public static final String COUNT = "count";

  // --- performance, binary classification (docs/metrics.md "Performance")
  // ---------------------------

  /** Share of labelled events whose prediction equals the label, in [0, 1]. */
  public static final String ACCURACY = "accuracy";

  /** tp / (tp + fp), zero_division = 0, in [0, 1]. */
  public static final String PRECISION = "precision";

  /** tp / (tp + fn), zero_division = 0, in [0, 1]. */
  public static final String RECALL = "recall";

  /** Harmonic mean of precision and recall, zero_division = 0, in [0, 1]. */
  public static final String F1 = "f1";

  /** Area under the ROC curve of {@code score}, in [0, 1]; none when one label class is present. */
  public static final String ROC_AUC = "roc_auc";

  /** Cross-entropy of {@code score} (clipped as sklearn does), &gt;= 0. */
  public static final String LOG_LOSS = "log_loss";

  /** Mean squared difference of {@code score} and the 0/1 label, in [0, 1]. */
  public static final String BRIER = "brier";

  // --- performance, regression -----------------------------------------------------------------

  /** Mean absolute error, &gt;= 0, in label units. */
  public static final String MAE = "mae";

  /** Root mean squared error, &gt;= 0, in label units. */
  public static final String RMSE = "rmse";

  /** Mean absolute percentage error as sklearn computes it (a fraction, not percent), &gt;= 0. */
  public static final String MAPE = "mape";

  /** Coefficient of determination, &lt;= 1 (negative when worse than predicting the mean). */
  public static final String R2 = "r2";

  // --- fairness (docs/metrics.md "Fairness"), binary classification
  // ---------------------------------

  /** max - min selection rate across groups, in [0, 1]. */
  public static final String DEMOGRAPHIC_PARITY_DIFFERENCE = "demographic_parity_difference";

  /** min / max selection rate across groups, in [0, 1]. */
  public static final String DEMOGRAPHIC_PARITY_RATIO = "demographic_parity_ratio";

  /** max - min true positive rate across groups, in [0, 1]. */
  public static final String EQUAL_OPPORTUNITY_DIFFERENCE = "equal_opportunity_difference";

  /** max(tpr gap, fpr gap) across groups, in [0, 1]. */
  public static final String EQUALIZED_ODDS_DIFFERENCE = "equalized_odds_difference";

  /** min(min/max tpr, min/max fpr) across groups, in [0, 1]. */
  public static final String EQUALIZED_ODDS_RATIO = "equalized_odds_ratio";

  /** Per group (reported, not judged): mean prediction, with a Wilson 95% interval. */
  public static final String SELECTION_RATE = "selection_rate";

  /** Per group (reported, not judged): true positive rate tp / (tp + fn), Wilson 95%. */
  public static final String TPR = "tpr";

  /** Per group (reported, not judged): false positive rate fp / (fp + tn), Wilson 95%. */
  public static final String FPR = "fpr";

  /** Per attribute: the smallest group's size, judged against fairness.min_group_size. */
  public static final String MIN_GROUP_SIZE = "min_group_size";

  // --- latency ---------------------------------------------------------------------------------

  /** Median inference latency in milliseconds. */
  public static final String LATENCY_P50 = "latency_p50";

  /** 95th percentile of the inference latency in milliseconds. */
  public static final String LATENCY_P95 = "latency_p95";

  /** 99th percentile of the inference latency in milliseconds. */
  public static final String LATENCY_P99 = "latency_p99";

  // --- LLM calls (input.format otlp) -------------------------------------------------------------

  /** Share of the window's LLM calls whose span status is ERROR. */
  public static final String ERROR_RATE = "error_rate";

  /**
   * Per finish reason (the result's {@code group}, attribute {@code finish_reason}): the share of
   * the window's LLM calls that ended with it; judged by {@code llm.finish_reasons}.
   */
  public static final String FINISH_REASON_RATE = "finish_reason_rate";

  /**
   * What the window's LLM calls cost by the model's {@code llm.price}: prompt and completion tokens
   * times their prices per million, in the configured currency.
   */
  public static final String COST = "cost";

  // --- estimated without labels (CBPE, binary classification) ------------------------------------

  /**
   * Accuracy estimated from the calibrated scores before labels arrive: (TP + TN) / n of the
   * expected confusion matrix; drop threshold against the reference's realized accuracy.
   */
  public static final String ESTIMATED_ACCURACY = "estimated_accuracy";

  /** Estimated precision TP / (TP + FP) of the expected confusion matrix. */
  public static final String ESTIMATED_PRECISION = "estimated_precision";

  /** Estimated recall TP / (TP + FN) of the expected confusion matrix. */
  public static final String ESTIMATED_RECALL = "estimated_recall";

  /** Estimated f1 2PR / (P + R) from the estimated precision and recall. */
  public static final String ESTIMATED_F1 = "estimated_f1";

  /** Estimated specificity TN / (TN + FP) of the expected confusion matrix. */
  public static final String ESTIMATED_SPECIFICITY = "estimated_specificity";

  /**
   * Estimated ROC AUC: every event a positive of weight p and a negative of weight 1 - p, ranked by
   * its calibrated probability p.
   */
  public static final String ESTIMATED_ROC_AUC = "estimated_roc_auc";

  // --- multivariate
  // -------------------------------------------------------------------------------

  /**
   * The window's mean reconstruction error of its events by the reference's principal components;
   * judged by how many bands (the standard deviation of reference chunk means) it lies from the
   * reference's mean, either side: its {@code warning}/{@code critical} levels are in bands.
   */
  public static final String RECONSTRUCTION_ERROR = "reconstruction_error";

  /** Multivariate drift metrics (model level, any task). */
  public static final Set<String> MULTIVARIATE = Set.of(RECONSTRUCTION_ERROR);

  // --- online change detection -------------------------------------------------------------------

  /**
   * Per window and watched series: whether the online detector flagged a change in it; the value is
   * the shift of the mean (after - before), with the event times of the change and of its
   * detection. Judged by {@code change_detection.severity}, not by a threshold.
   */
  public static final String CHANGE_POINT = "change_point";

  // --- between model versions -----------------------------------------------------------------

  /**
   * PSI of a challenger version's window against the champion's (the version with the most events
   * of the window), on the reference's bins and categories; judged by the feature's {@code psi}
   * threshold.
   */
  public static final String CHALLENGER_PSI = "challenger_psi";

  /**
   * Accuracy of a challenger version's labelled predictions, judged against the champion's accuracy
   * by the model's {@code accuracy} drop threshold.
   */
  public static final String CHALLENGER_ACCURACY = "challenger_accuracy";

  /** Precision of a challenger, judged against the champion's by the precision drop threshold. */
  public static final String CHALLENGER_PRECISION = "challenger_precision";

  /** Recall of a challenger, judged against the champion's by the recall drop threshold. */
  public static final String CHALLENGER_RECALL = "challenger_recall";

  /** F1 of a challenger, judged against the champion's by the f1 drop threshold. */
  public static final String CHALLENGER_F1 = "challenger_f1";

  /** ROC AUC of a challenger, judged against the champion's by the roc_auc drop threshold. */
  public static final String CHALLENGER_ROC_AUC = "challenger_roc_auc";

  /** R² of a challenger (regression), judged against the champion's by the r2 drop threshold. */
  public static final String CHALLENGER_R2 = "challenger_r2";

  /** The prefix of the champion/challenger metrics: {@code challenger_} and the metric compared. */
  private static final String CHALLENGER_PREFIX = "challenger_";

  /** The drift metrics (window against reference). */
  public static final Set<String> DRIFT =
      Set.of(PSI, JENSEN_SHANNON, HELLINGER, WASSERSTEIN, KS, CHI_SQUARE);

  /** Drift metrics that apply to numeric features (and the model score). */
  public static final Set<String> NUMERIC_DRIFT =
      Set.of(PSI, JENSEN_SHANNON, HELLINGER, WASSERSTEIN, KS);

  /** Drift metrics that apply to categorical features (and the label). */
  public static final Set<String> CATEGORICAL_DRIFT =
      Set.of(PSI, JENSEN_SHANNON, HELLINGER, CHI_SQUARE);

  /** Data-quality rates, per feature; all in [0, 1]. */
  public static final Set<String> DATA_QUALITY =
      Set.of(MISSING_RATE, OUT_OF_RANGE_RATE, UNSEEN_CATEGORY_RATE, TYPE_MISMATCH_RATE);

  /** Data-quality rates that apply to numeric features. */
  public static final Set<String> NUMERIC_DATA_QUALITY =
      Set.of(MISSING_RATE, OUT_OF_RANGE_RATE, TYPE_MISMATCH_RATE);

  /** Data-quality rates that apply to categorical features. */
  public static final Set<String> CATEGORICAL_DATA_QUALITY =
      Set.of(MISSING_RATE, UNSEEN_CATEGORY_RATE, TYPE_MISMATCH_RATE);

  /** Performance metrics of task {@code binary_classification} (model level, need labels). */
  public static final Set<String> PERFORMANCE_BINARY =
      Set.of(ACCURACY, PRECISION, RECALL, F1, ROC_AUC, LOG_LOSS, BRIER);

  /** Performance estimated without labels, task {@code binary_classification} (model level). */
  public static final Set<String> PERFORMANCE_ESTIMATED =
      Set.of(
          ESTIMATED_ACCURACY,
          ESTIMATED_PRECISION,
          ESTIMATED_RECALL,
          ESTIMATED_F1,
          ESTIMATED_SPECIFICITY,
          ESTIMATED_ROC_AUC);

  /** Performance metrics of task {@code regression} (model level, need labels). */
  public static final Set<String> PERFORMANCE_REGRESSION = Set.of(MAE, RMSE, MAPE, R2);

  /**
   * Fairness gaps across the groups of a sensitive attribute (model level, task {@code
   * binary_classification} only).
   */
  public static final Set<String> FAIRNESS =
      Set.of(
          DEMOGRAPHIC_PARITY_DIFFERENCE,
          DEMOGRAPHIC_PARITY_RATIO,
          EQUAL_OPPORTUNITY_DIFFERENCE,
          EQUALIZED_ODDS_DIFFERENCE,
          EQUALIZED_ODDS_RATIO);

  /** Inference latency percentiles in milliseconds (model level, any task). */
  public static final Set<String> LATENCY = Set.of(LATENCY_P50, LATENCY_P95, LATENCY_P99);

  /**
   * Metrics of LLM calls (model level, any task): {@code error_rate} and {@code cost} are keys of
   * {@code checks}, {@code finish_reason_rate} is judged per reason by {@code llm.finish_reasons}.
   */
  public static final Set<String> LLM = Set.of(ERROR_RATE, FINISH_REASON_RATE, COST);

  /**
   * Metrics that may be set per feature in {@code feature_checks}: drift and data quality. All
   * other checkable metrics are model level only.
   */
  public static final Set<String> PER_FEATURE = union(DRIFT, DATA_QUALITY);

  /**
   * Metrics compared against a {@link ValueThreshold} (higher is worse: breach when value &gt;=
   * threshold).
   */
  public static final Set<String> VALUE_THRESHOLD_METRICS =
      Set.of(
          PSI,
          JENSEN_SHANNON,
          HELLINGER,
          WASSERSTEIN,
          MISSING_RATE,
          OUT_OF_RANGE_RATE,
          UNSEEN_CATEGORY_RATE,
          TYPE_MISMATCH_RATE,
          LOG_LOSS,
          BRIER,
          MAE,
          RMSE,
          MAPE,
          DEMOGRAPHIC_PARITY_DIFFERENCE,
          EQUAL_OPPORTUNITY_DIFFERENCE,
          EQUALIZED_ODDS_DIFFERENCE,
          LATENCY_P50,
          LATENCY_P95,
          LATENCY_P99,
          RECONSTRUCTION_ERROR,
          ERROR_RATE,
          FINISH_REASON_RATE,
          COST);

  /**
   * Metrics compared against a {@link PValueThreshold} (breach when p &lt; p_x and effect &gt;=
   * min_statistic).
   */
  public static final Set<String> P_VALUE_THRESHOLD_METRICS = Set.of(KS, CHI_SQUARE);

  /**
   * Metrics compared against a {@link LowerBoundThreshold} only (lower is worse: breach when value
   * &lt; threshold).
   */
  public static final Set<String> LOWER_BOUND_THRESHOLD_METRICS =
      Set.of(DEMOGRAPHIC_PARITY_RATIO, EQUALIZED_ODDS_RATIO);

  /**
   * Metrics (higher is better) compared against a {@link DropThreshold} (breach when the reference
   * value minus the window value &gt;= the drop) or, in the absolute form, a {@link
   * LowerBoundThreshold}.
   */
  public static final Set<String> DROP_THRESHOLD_METRICS =
      union(Set.of(ACCURACY, PRECISION, RECALL, F1, ROC_AUC, R2), PERFORMANCE_ESTIMATED);

  /** Every metric id accepted as a key of {@code checks}. */
  public static final Set<String> CHECKABLE =
      union(
          DRIFT,
          DATA_QUALITY,
          PERFORMANCE_BINARY,
          PERFORMANCE_ESTIMATED,
          PERFORMANCE_REGRESSION,
          FAIRNESS,
          LATENCY,
          MULTIVARIATE,
          Set.of(ERROR_RATE, COST));

  private MetricIds() {}

  /** Whether {@code metric} compares a challenger version with the champion. */
  public static boolean isChallenger(String metric) {
    return metric.startsWith(CHALLENGER_PREFIX);
  }

  /** The champion/challenger metric that compares {@code metric}: {@code challenger_<metric>}. */
  public static String challengerOf(String metric) {
    return CHALLENGER_PREFIX + metric;
  }

  /**
   * The metric whose threshold rule judges {@code metric}: for a champion/challenger metric the
   * metric it compares ({@code challenger_psi}: {@code psi}), else {@code metric} itself.
   */
  public static String judgedAs(String metric) {
    return isChallenger(metric) ? metric.substring(CHALLENGER_PREFIX.length()) : metric;
  }

  /**
   * Whether {@code metric} can be computed for a model of {@code task}: binary performance and
   * fairness metrics need {@link Task#BINARY_CLASSIFICATION}, regression performance metrics need
   * {@link Task#REGRESSION}; drift, data-quality and latency metrics apply to every task.
   */
  public static boolean appliesTo(String metric, Task task) {
    if (PERFORMANCE_BINARY.contains(metric)
        || PERFORMANCE_ESTIMATED.contains(metric)
        || FAIRNESS.contains(metric)) {
      return task == Task.BINARY_CLASSIFICATION;
    }
    if (PERFORMANCE_REGRESSION.contains(metric)) {
      return task == Task.REGRESSION;
    }
    return true;
  }

  /** The task {@code metric} needs, or null when it applies to every task. */
  static Task taskOf(String metric) {
    if (PERFORMANCE_BINARY.contains(metric)
        || PERFORMANCE_ESTIMATED.contains(metric)
        || FAIRNESS.contains(metric)) {
      return Task.BINARY_CLASSIFICATION;
    }
    return PERFORMANCE_REGRESSION.contains(metric) ? Task.REGRESSION : null;
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> out = new HashSet<>();
    for (Set<String> s : sets) {
      out.addAll(s);
    }
    return Set.copyOf(out);
  }
}
