package io.aimon.evidence.payload;

import io.aimon.evidence.EvidenceKind;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The monitoring plan in force for a model (ISO/IEC 42001 9.1: what is monitored and measured, by
 * which methods, when, and who evaluates the results): its features, every check with its threshold
 * rule, the window, the fairness attributes, the alert policy and routes, its owner and contacts.
 * Written into the model's chain before its first record after a start whose plan differs from the
 * last one recorded; every check record names the plan it was judged by ({@link
 * CheckEvidence#planDigest()}).
 *
 * @param planDigest hex SHA-256 of this plan's canonical JSON (RFC 8785) without {@code
 *     plan_digest}: equal plans have equal digests, whatever the config file looked like
 * @param modelId the model
 * @param modelVersion the configured model version, or null
 * @param task {@code binary_classification} or {@code regression}
 * @param window the tumbling event-time window, e.g. {@code 1h}, aligned to the UTC epoch (when)
 * @param minSamples a window with fewer events is {@code insufficient_data}
 * @param referenceDigest SHA-256 of the reference profile checks compare with
 * @param numericFeatures the numeric features monitored
 * @param categoricalFeatures the categorical features monitored
 * @param checks every check and its threshold rule (methods: the metric ids of docs/metrics.md)
 * @param fairnessAttributes the sensitive attributes fairness is measured over; may be empty
 * @param labelsMaxDelay how long labels are waited for after a window, e.g. {@code 1d}
 * @param alertPolicy when breaches open, escalate and resolve incidents, in words
 * @param alertRoutes where the model's incidents go, one line per route; empty when no notifier is
 *     configured
 * @param owner who is accountable for the monitoring and evaluates its results, or null
 * @param contacts whom to contact about the monitoring; may be empty
 * @param configDigest SHA-256 of the configuration file the plan comes from
 * @param aimonVersion the aimon version that made the plan
 * @param summary one line for reports
 */
public record MonitoringPlanEvidence(
    String planDigest,
    String modelId,
    String modelVersion,
    String task,
    String window,
    int minSamples,
    String referenceDigest,
    List<String> numericFeatures,
    List<String> categoricalFeatures,
    List<PlannedCheck> checks,
    List<String> fairnessAttributes,
    String labelsMaxDelay,
    String alertPolicy,
    List<String> alertRoutes,
    String owner,
    List<String> contacts,
    String configDigest,
    String aimonVersion,
    String summary)
    implements EvidencePayload, Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * One planned check.
   *
   * @param metric the metric id (the method), e.g. {@code psi}
   * @param feature the feature it applies to, or null for every feature the metric applies to (or
   *     the model, for model-level metrics)
   * @param rule the threshold rule in words, e.g. {@code warning >= 0.1, critical >= 0.25}
   */
  public record PlannedCheck(String metric, String feature, String rule) implements Serializable {
    private static final long serialVersionUID = 1L;

    public PlannedCheck {
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(rule, "rule");
    }
  }

  public MonitoringPlanEvidence {
    Objects.requireNonNull(planDigest, "plan_digest");
    Objects.requireNonNull(modelId, "model_id");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(referenceDigest, "reference_digest");
    numericFeatures = List.copyOf(numericFeatures);
    categoricalFeatures = List.copyOf(categoricalFeatures);
    checks = List.copyOf(checks);
    fairnessAttributes = List.copyOf(fairnessAttributes);
    Objects.requireNonNull(labelsMaxDelay, "labels_max_delay");
    Objects.requireNonNull(alertPolicy, "alert_policy");
    alertRoutes = List.copyOf(alertRoutes);
    contacts = List.copyOf(contacts);
    Objects.requireNonNull(configDigest, "config_digest");
    Objects.requireNonNull(aimonVersion, "aimon_version");
    Objects.requireNonNull(summary, "summary");
  }

  @Override
  public EvidenceKind kind() {
    return EvidenceKind.MONITORING_PLAN;
  }
}
