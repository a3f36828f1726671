package io.aimon.evidence;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.Severity;
import io.aimon.alerting.remediation.ActionType;
import io.aimon.alerting.remediation.Effectiveness;
import io.aimon.alerting.remediation.RemediationEvent;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.CheckStatus;
import io.aimon.evidence.payload.CheckEvidence;
import io.aimon.evidence.payload.CorrectiveActionEvidence;
import io.aimon.evidence.payload.CoverageEvidence;
import io.aimon.evidence.payload.DeadLetterTotals;
import io.aimon.evidence.payload.IncidentEvidence;
import io.aimon.evidence.payload.MonitoringPlanEvidence;
import io.aimon.evidence.payload.NotificationEvidence;
import io.aimon.evidence.payload.SourceRange;
import io.aimon.evidence.plan.MonitoringPlans;
import java.util.List;
import java.util.Map;

/** Typed evidence payloads for tests, as the monitor job makes them. */
public final class Payloads {
  private Payloads() {}

  /** A check of {@code metric} on {@code feature} (or the model, when null) over a window. */
  public static CheckEvidence check(
      String model,
      long windowStart,
      long windowEnd,
      String metric,
      String feature,
      double value,
      String status) {
    return new CheckEvidence(
        CheckResult.builder()
            .checkId(model + "-" + metric + "-" + feature + "-" + windowStart)
            .modelId(model)
            .modelVersion("3")
            .window(windowStart, windowEnd)
            .metric(metric)
            .feature(feature)
            .value(value)
            .n(1000)
            .nReference(16280L)
            .threshold(0.25)
            .status(CheckStatus.ofCode(status))
            .referenceDigest("7ebb1eb2")
            .build(),
        "c0ffee",
        "0.1.0");
  }

  /**
   * A monitoring plan of {@code model} with one psi check whose warning level is {@code warning}:
   * another level, another plan digest.
   */
  public static MonitoringPlanEvidence plan(String model, double warning) {
    return MonitoringPlans.withDigest(
        new MonitoringPlanEvidence(
            "",
            model,
            "3",
            "binary_classification",
            "6h",
            100,
            "7ebb1eb2",
            List.of("income"),
            List.of("region"),
            List.of(
                new MonitoringPlanEvidence.PlannedCheck(
                    "psi", null, "warning >= " + warning + ", critical >= 0.25")),
            List.of("gender"),
            "1d",
            "warning after 2 of 3 windows breach, critical after 1 of 1, resolved after 2 ok"
                + " windows",
            List.of("any severity, any metric -> oncall (webhook)"),
            "risk-ml",
            List.of("risk-ml-oncall@example.com"),
            "c0ffee",
            "0.1.0",
            "monitoring plan of " + model));
  }

  /** A window's coverage, read from one file, with one malformed record and one late event. */
  public static CoverageEvidence coverage(long windowStart, long windowEnd, long events) {
    return CoverageEvidence.of(
            windowStart,
            windowEnd,
            events,
            12,
            1,
            List.of(new SourceRange("input.jsonl", 1, events + 1, events, "ab".repeat(32))))
        .withDeadLetters(DeadLetterTotals.of(Map.of("late", 1L, "malformed_json", 1L), Map.of()));
  }

  /** The incident {@code inc-7} of psi on {@code income} opened in a window. */
  public static IncidentEvidence incident(String model, long windowStart, long windowEnd) {
    return new IncidentEvidence(
        new IncidentEvent(
            IncidentEvent.Type.OPENED,
            "inc-7",
            "dedup-7",
            model,
            "3",
            "psi",
            "income",
            null,
            null,
            Severity.CRITICAL,
            "critical",
            windowStart,
            windowEnd,
            windowStart,
            windowEnd,
            0.3689,
            null,
            0.25,
            996,
            1,
            model + ": psi of income is 0.3689 (critical >= 0.25)",
            "https://runbooks.example/psi",
            List.of(model + "-psi-income-" + windowStart),
            null,
            null,
            List.of()));
  }

  /** The first delivery of incident {@code inc-7}'s opening to notifier {@code oncall}. */
  public static NotificationEvidence notification(String model) {
    return new NotificationEvidence(
        "inc-7",
        "evt-7",
        "io.aimon.incident.opened",
        model,
        model + "/psi/feature=income",
        "critical",
        "oncall",
        NotificationEvidence.DELIVERED,
        1,
        200L,
        null,
        "opened delivered to oncall after 1 attempt");
  }

  /** Alice's applied corrective action on incident {@code inc-7} at {@code time}. */
  public static CorrectiveActionEvidence actionApplied(String model, long time) {
    return new CorrectiveActionEvidence(
        new RemediationEvent(
            RemediationEvent.ACTION_RECORDED,
            "inc-7",
            model,
            model + "/psi/feature=income",
            time,
            "alice",
            "act-1",
            ActionType.ACTION_APPLIED,
            "reference refreshed",
            null,
            null,
            Effectiveness.PENDING,
            "action_applied by alice: verifying effectiveness"));
  }
}
