package io.aimon.detectors.check;

import io.aimon.config.MetricIds;
import io.aimon.detectors.estimate.EstimatedMetrics;
import io.aimon.detectors.estimate.ReferenceEstimation;
import io.aimon.detectors.estimate.SamplingError;
import io.aimon.detectors.fairness.FairnessResult;
import io.aimon.detectors.fairness.GroupRates;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.outcome.OutcomeAccumulator;
import io.aimon.detectors.performance.BinaryClassificationMetrics;
import io.aimon.detectors.performance.RegressionMetrics;
import io.aimon.detectors.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a window's outcomes (labelled predictions) against the reference and thresholds.
 *
 * <ul>
 *   <li>binary classification: {@code accuracy}, {@code precision}, {@code recall}, {@code f1},
 *       {@code roc_auc}, {@code log_loss}, {@code brier}, each carrying the window's tp/fp/tn/fn;
 *       drop thresholds compare with the reference's value of the same metric; with the reference's
 *       estimation, accuracy, precision, recall, f1 and roc_auc also carry the value estimated from
 *       the same predictions' scores ({@code estimate}, so the estimation error shows) and its
 *       sampling-error band;
 *   <li>regression: {@code mae}, {@code rmse}, {@code mape}, {@code r2};
 *   <li>label-based fairness per attribute and intersection: per group {@code tpr}, {@code fpr},
 *       {@code precision} (Wilson 95% intervals, not judged) and the gaps {@code
 *       equal_opportunity_difference}, {@code equalized_odds_difference}, {@code
 *       equalized_odds_ratio}. Selection-rate fairness needs no labels and comes with the drift
 *       checks ({@link FairnessChecks#selectionRates}).
 * </ul>
 *
 * A window with fewer labelled predictions than {@code min_samples} is {@code insufficient_data}; a
 * group smaller than {@code fairness.min_group_size} too (and it is left out of the gaps); a gap
 * over fewer than two real groups too, with a {@link InsufficientReason} ({@link GapGroups}). As
 * for selection rates ({@link FairnessChecks}), the pooled group {@code __OTHER__} is reported but
 * {@code insufficient_data} ({@link InsufficientReason#OVERFLOW_GROUP}), and the gaps carry what
 * the group bound capped.
 */
public final class OutcomeChecks {
  private OutcomeChecks() {}

  /**
   * @param partial whether this is an early result, before the window's labels are final
   */
  public static List<CheckResult> evaluate(
      ModelSpec spec,
      ReferenceProfile reference,
      long windowStart,
      long windowEnd,
      OutcomeAccumulator outcomes,
      boolean partial) {
    List<CheckResult> out = new ArrayList<>();
    CheckEmitter window =
        CheckEmitter.forWindow(
                spec, reference.digest(), spec.version(), windowStart, windowEnd, out)
            .withPartial(partial);
    Map<String, Double> ref = reference.performance();
    if (outcomes.regression() != null) {
      RegressionMetrics m = outcomes.regression().result();
      CheckEmitter e = window.feature(null, m.n(), referenceSize(reference));
      e.value(MetricIds.MAE, orNaN(m.mae()), ref(ref, MetricIds.MAE));
      e.value(MetricIds.RMSE, orNaN(m.rmse()), ref(ref, MetricIds.RMSE));
      e.value(MetricIds.MAPE, orNaN(m.mape()), ref(ref, MetricIds.MAPE));
      e.value(MetricIds.R2, orNaN(m.r2()), ref(ref, MetricIds.R2));
      return out;
    }
    BinaryClassificationMetrics m = outcomes.binary().result();
    CheckEmitter e = window.feature(null, m.n(), referenceSize(reference)).withCounts(m.counts());
    Estimates est = Estimates.of(reference, outcomes, m.n());
    e.performance(
        MetricIds.ACCURACY,
        m.accuracy(),
        ref(ref, MetricIds.ACCURACY),
        est.band(SamplingError.Metric.ACCURACY),
        est.value(SamplingError.Metric.ACCURACY));
    e.performance(
        MetricIds.PRECISION,
        m.precision(),
        ref(ref, MetricIds.PRECISION),
        est.band(SamplingError.Metric.PRECISION),
        est.value(SamplingError.Metric.PRECISION));
    e.performance(
        MetricIds.RECALL,
        m.recall(),
        ref(ref, MetricIds.RECALL),
        est.band(SamplingError.Metric.RECALL),
        est.value(SamplingError.Metric.RECALL));
    e.performance(
        MetricIds.F1,
        m.f1(),
        ref(ref, MetricIds.F1),
        est.band(SamplingError.Metric.F1),
        est.value(SamplingError.Metric.F1));
    if (m.rocAuc() == null) {
      e.report(MetricIds.ROC_AUC, null); // one class only, or no scores
    } else {
      e.performance(
          MetricIds.ROC_AUC,
          m.rocAuc(),
          ref(ref, MetricIds.ROC_AUC),
          est.band(SamplingError.Metric.ROC_AUC),
          est.value(SamplingError.Metric.ROC_AUC));
    }
    e.value(MetricIds.LOG_LOSS, orNaN(m.logLoss()), ref(ref, MetricIds.LOG_LOSS));
    e.value(MetricIds.BRIER, orNaN(m.brier()), ref(ref, MetricIds.BRIER));
    int minGroup = spec.outcomes().minGroupSize();
    for (FairnessResult f : outcomes.fairness().evaluate(minGroup).values()) {
      for (Map.Entry<String, GroupRates> g : f.groups().entrySet()) {
        GroupRates r = g.getValue();
        CheckEmitter ge =
            window
                .group(f.attribute(), g.getKey(), r.count())
                .withMinSamples(minGroup)
                .insufficientBecause(FairnessChecks.overflowGroup(g.getKey()));
        ge.rate(MetricIds.TPR, r.tpr(), r.tprWilson95());
        ge.rate(MetricIds.FPR, r.fpr(), r.fprWilson95());
        ge.rate(MetricIds.PRECISION, r.precision(), r.precisionWilson95());
      }
      CheckEmitter gaps = window.group(f.attribute(), null, m.n()).withCaps(f.caps());
      InsufficientReason tpr = GapGroups.reason(f, GapGroups.Rate.TPR);
      InsufficientReason odds = GapGroups.reason(f, GapGroups.Rate.TPR, GapGroups.Rate.FPR);
      FairnessChecks.gap(
          gaps, MetricIds.EQUAL_OPPORTUNITY_DIFFERENCE, f.equalOpportunityDifference(), tpr);
      FairnessChecks.gap(
          gaps, MetricIds.EQUALIZED_ODDS_DIFFERENCE, f.equalizedOddsDifference(), odds);
      FairnessChecks.gap(gaps, MetricIds.EQUALIZED_ODDS_RATIO, f.equalizedOddsRatio(), odds);
    }
    return out;
  }

  /**
   * The estimate over the window's labelled predictions and the band for their number, both null
   * without the reference's estimation.
   */
  private record Estimates(EstimatedMetrics metrics, ReferenceEstimation reference, long n) {
    static Estimates of(ReferenceProfile reference, OutcomeAccumulator outcomes, long n) {
      boolean estimated = outcomes.estimated() != null && reference.estimation() != null;
      return new Estimates(
          estimated ? outcomes.estimated().result() : null, reference.estimation(), n);
    }

    Double value(SamplingError.Metric metric) {
      return metrics == null ? null : metrics.of(metric);
    }

    Double band(SamplingError.Metric metric) {
      return metrics == null ? null : reference.outcomes().band(metric, n);
    }
  }

  private static Long referenceSize(ReferenceProfile reference) {
    Double n = reference.performance().get("n");
    return n == null ? null : n.longValue();
  }

  private static double ref(Map<String, Double> reference, String metric) {
    Double v = reference.get(metric);
    return v == null ? Double.NaN : v;
  }

  static double orNaN(Double d) {
    return d == null ? Double.NaN : d;
  }
}
