package io.aimon.evidence.plan;

import io.aimon.config.AimonConfig;
import io.aimon.config.AlertingConfig;
import io.aimon.config.ChangeDetectionConfig;
import io.aimon.config.CheckThreshold;
import io.aimon.config.DropThreshold;
import io.aimon.config.Durations;
import io.aimon.config.InputFormat;
import io.aimon.config.LlmPrice;
import io.aimon.config.LowerBoundThreshold;
import io.aimon.config.MetricIds;
import io.aimon.config.ModelConfig;
import io.aimon.config.NotifierConfig;
import io.aimon.config.NotifyConfig;
import io.aimon.config.PValueThreshold;
import io.aimon.config.RouteConfig;
import io.aimon.config.ValueThreshold;
import io.aimon.evidence.payload.EvidenceCodec;
import io.aimon.evidence.payload.MonitoringPlanEvidence;
import io.aimon.evidence.payload.MonitoringPlanEvidence.PlannedCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Makes the {@link MonitoringPlanEvidence} of a configured model: what the configuration says is
 * monitored, how and when, who evaluates it and where its incidents go, with every threshold in
 * words. Pure; the same configuration and reference give the same plan and digest.
 */
public final class MonitoringPlans {
  /** The rule of a metric that is measured and reported but has no threshold to breach. */
  public static final String NO_THRESHOLD = "measured and reported, no threshold";

  private MonitoringPlans() {}

  /**
   * The plan of {@code model} of {@code config}.
   *
   * @param referenceDigest SHA-256 of the model's reference profile
   * @param aimonVersion the aimon version writing it
   */
  public static MonitoringPlanEvidence of(
      AimonConfig config, ModelConfig model, String referenceDigest, String aimonVersion) {
    List<PlannedCheck> checks = checks(model, config.input().format() == InputFormat.OTLP);
    String window = Durations.format(model.window());
    List<String> routes = routes(config.notifyConfig(), model.id());
    String summary =
        "monitoring plan of "
            + model.id()
            + ": "
            + (model.numericFeatures().size() + model.categoricalFeatures().size())
            + " features, "
            + checks.size()
            + " checks with thresholds, "
            + window
            + " windows, owner "
            + (model.owner() == null ? "not named" : model.owner())
            + ", "
            + (routes.isEmpty() ? "no alert route" : routes.size() + " alert routes");
    MonitoringPlanEvidence draft =
        new MonitoringPlanEvidence(
            "",
            model.id(),
            model.version(),
            model.task().yamlName(),
            window,
            model.minSamples(),
            referenceDigest,
            model.numericFeatures(),
            model.categoricalFeatures(),
            checks,
            model.fairness().attributes(),
            Durations.format(model.labels().maxDelay()),
            policy(model.alerting()),
            routes,
            model.owner(),
            model.contacts(),
            config.digest(),
            aimonVersion,
            summary);
    return withDigest(draft);
  }

  /** {@code p} with its {@code plan_digest} computed ({@link EvidenceCodec#planDigest}). */
  public static MonitoringPlanEvidence withDigest(MonitoringPlanEvidence p) {
    return new MonitoringPlanEvidence(
        EvidenceCodec.planDigest(p),
        p.modelId(),
        p.modelVersion(),
        p.task(),
        p.window(),
        p.minSamples(),
        p.referenceDigest(),
        p.numericFeatures(),
        p.categoricalFeatures(),
        p.checks(),
        p.fairnessAttributes(),
        p.labelsMaxDelay(),
        p.alertPolicy(),
        p.alertRoutes(),
        p.owner(),
        p.contacts(),
        p.configDigest(),
        p.aimonVersion(),
        p.summary());
  }

  /**
   * Every check the model is judged by, as the monitor job resolves its thresholds: per metric id
   * (in id order) that applies to the task, the model-level threshold (the configured one, else the
   * default), then each feature whose own threshold differs from it. Fairness metrics only with
   * fairness attributes. Then the champion/challenger checks of windows several versions serve:
   * {@code challenger_psi} and {@code challenger_<m>} for each performance metric with a drop
   * threshold, each with the rule of the metric it compares, against the champion. The metrics of
   * LLM calls only when the events are ({@code llmCalls}): {@code error_rate}, {@code cost} with a
   * price table, and one {@code finish_reason_rate} per configured reason.
   */
  static List<PlannedCheck> checks(ModelConfig model, boolean llmCalls) {
    List<String> features = new ArrayList<>(model.numericFeatures());
    features.addAll(model.categoricalFeatures());
    List<PlannedCheck> out = new ArrayList<>();
    for (String metric : new TreeSet<>(MetricIds.CHECKABLE)) {
      boolean fairness =
          MetricIds.FAIRNESS.contains(metric) || metric.equals(MetricIds.MIN_GROUP_SIZE);
      if (fairness && model.fairness().attributes().isEmpty()) {
        continue;
      }
      if (!MetricIds.appliesTo(metric, model.task())) {
        continue;
      }
      if (MetricIds.MULTIVARIATE.contains(metric) && !model.multivariate().enabled()) {
        continue;
      }
      if (MetricIds.LLM.contains(metric)
          && (!llmCalls || (metric.equals(MetricIds.COST) && model.llm().price() == null))) {
        continue;
      }
      CheckThreshold modelLevel = model.threshold(metric, null);
      String rule = modelLevel == null ? NO_THRESHOLD : rule(modelLevel);
      if (MetricIds.MULTIVARIATE.contains(metric) && modelLevel != null) {
        rule =
            "distance from the reference's mean in bands (standard deviations of chunk means), "
                + rule;
      }
      if (metric.equals(MetricIds.COST)) {
        LlmPrice price = model.llm().price();
        rule =
            "(prompt tokens x "
                + num(price.promptPerMillion())
                + " + completion tokens x "
                + num(price.completionPerMillion())
                + ") / 1e6 "
                + price.currency()
                + " per window, "
                + rule;
      }
      out.add(new PlannedCheck(metric, null, rule));
      for (String feature : features) {
        CheckThreshold t = model.threshold(metric, feature);
        if (t != null && !t.equals(modelLevel)) {
          out.add(new PlannedCheck(metric, feature, rule(t)));
        }
      }
    }
    if (llmCalls) {
      model
          .llm()
          .finishReasons()
          .forEach(
              (reason, t) ->
                  out.add(
                      new PlannedCheck(
                          MetricIds.FINISH_REASON_RATE,
                          null,
                          "share of calls that ended with '" + reason + "': " + rule(t))));
    }
    ChangeDetectionConfig change = model.changeDetection();
    for (String series : change.series()) {
      String detector =
          change.method() == ChangeDetectionConfig.Method.ADWIN
              ? "ADWIN (delta " + num(change.adwinDelta()) + ")"
              : "Page-Hinkley (threshold "
                  + num(change.phThreshold())
                  + ", delta "
                  + num(change.phDelta())
                  + ", alpha "
                  + num(change.phAlpha())
                  + ", "
                  + change.phDirection()
                  + ")";
      out.add(
          new PlannedCheck(
              MetricIds.CHANGE_POINT,
              series,
              detector
                  + " on the events in event-time order: a window in which a change is flagged is "
                  + change.severity()
                  + ", at once"));
    }
    for (String metric : new TreeSet<>(MetricIds.CHECKABLE)) {
      boolean compared =
          metric.equals(MetricIds.PSI)
              || (MetricIds.DROP_THRESHOLD_METRICS.contains(metric)
                  && !MetricIds.PERFORMANCE_ESTIMATED.contains(metric));
      if (compared && MetricIds.appliesTo(metric, model.task())) {
        CheckThreshold t = model.threshold(metric, null);
        out.add(
            new PlannedCheck(
                MetricIds.challengerOf(metric),
                null,
                "each challenger version against the champion (the version with the most events"
                    + " of the window): "
                    + (t == null
                        ? NO_THRESHOLD
                        : rule(t).replace("the reference's", "the champion's"))));
      }
    }
    return out;
  }

  /** A threshold in words, e.g. {@code warning >= 0.1, critical >= 0.25}. */
  static String rule(CheckThreshold t) {
    if (t instanceof ValueThreshold v) {
      return "warning >= " + num(v.warning()) + ", critical >= " + num(v.critical());
    }
    if (t instanceof LowerBoundThreshold l) {
      return "warning < " + num(l.warning()) + ", critical < " + num(l.critical());
    }
    if (t instanceof DropThreshold d) {
      return "drop from the reference's value: warning >= "
          + num(d.warningDrop())
          + ", critical >= "
          + num(d.criticalDrop());
    }
    PValueThreshold p = (PValueThreshold) t;
    return "p-value: warning < "
        + num(p.pWarning())
        + ", critical < "
        + num(p.pCritical())
        + (p.minStatistic() > 0 ? ", when the statistic >= " + num(p.minStatistic()) : "");
  }

  private static String policy(AlertingConfig a) {
    return "warning after "
        + a.warningFor()
        + " of "
        + a.warningOf()
        + " windows breach, critical after "
        + a.criticalFor()
        + " of "
        + a.criticalOf()
        + ", resolved after "
        + a.resolveAfter()
        + " ok windows"
        + (a.cooldown().isZero() ? "" : ", cooldown " + Durations.format(a.cooldown()))
        + (a.runbookUrl() == null ? "" : ", runbook " + a.runbookUrl());
  }

  /**
   * The routes of the model's incidents, one line each: every notifier when none are configured,
   * else each route that can match the model. Notifiers by name and type, never their secrets.
   */
  static List<String> routes(NotifyConfig notify, String modelId) {
    List<String> out = new ArrayList<>();
    if (notify == null || notify.notifiers().isEmpty()) {
      return out;
    }
    if (notify.routes().isEmpty()) {
      out.add(
          "every incident event -> "
              + notifiers(notify, notify.notifiers().stream().map(NotifierConfig::name).toList()));
      return out;
    }
    for (RouteConfig r : notify.routes()) {
      if (!r.models().isEmpty() && !r.models().contains(modelId)) {
        continue;
      }
      out.add(
          (r.severities().isEmpty()
                  ? "any severity"
                  : "severity " + String.join("|", r.severities()))
              + ", "
              + (r.metrics().isEmpty() ? "any metric" : "metric " + String.join("|", r.metrics()))
              + " -> "
              + notifiers(notify, r.notifiers()));
    }
    return out;
  }

  private static String notifiers(NotifyConfig notify, List<String> names) {
    List<String> out = new ArrayList<>();
    for (String name : names) {
      String type =
          notify.notifiers().stream()
              .filter(n -> n.name().equals(name))
              .map(NotifierConfig::type)
              .findFirst()
              .orElse("unknown");
      out.add(name + " (" + type + ")");
    }
    return String.join(", ", out);
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
