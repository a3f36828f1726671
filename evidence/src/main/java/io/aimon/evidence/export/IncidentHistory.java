package io.aimon.evidence.export;

import io.aimon.evidence.EvidenceKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The lifecycle of one incident as the selected records show it: its opened, escalated, updated and
 * resolved events, the deliveries of those events to notifiers ({@code notification} records), and
 * the events of its corrective action ({@code corrective_action} records), in chain order.
 */
final class IncidentHistory {
  private final String incidentId;
  private final List<ExportRecord> events = new ArrayList<>();
  private final List<ExportRecord> actions = new ArrayList<>();
  private final List<ExportRecord> notifications = new ArrayList<>();
  private SeriesKey series;
  private String severity;
  private String runbookUrl;

  IncidentHistory(String incidentId) {
    this.incidentId = incidentId;
  }

  /** Adds an incident event, a notification or a corrective action of this incident. */
  void add(ExportRecord r) {
    if (r.kind() == EvidenceKind.NOTIFICATION) {
      notifications.add(r);
      return;
    }
    if (r.kind() != EvidenceKind.INCIDENT) {
      actions.add(r);
      return;
    }
    events.add(r);
    if (series == null && r.metric() != null) {
      series = r.series();
    }
    if (rank(r.severity()) > rank(severity)) {
      severity = r.severity();
    }
    if (r.runbookUrl() != null) {
      runbookUrl = r.runbookUrl();
    }
  }

  String incidentId() {
    return incidentId;
  }

  /** The lifecycle events, in chain order; empty when only corrective actions were selected. */
  List<ExportRecord> events() {
    return Collections.unmodifiableList(events);
  }

  /** Corrective-action records of this incident, in chain order. */
  List<ExportRecord> actions() {
    return Collections.unmodifiableList(actions);
  }

  /** Notification records of this incident (one per event and notifier), in chain order. */
  List<ExportRecord> notifications() {
    return Collections.unmodifiableList(notifications);
  }

  /** How it was communicated (ISO/IEC 42001 A.8.4), as its notification records show. */
  IncidentCommunication communication() {
    return IncidentCommunication.of(notifications);
  }

  /** Where its corrective action stands after the records of the period. */
  CorrectiveActionStatus corrective() {
    return CorrectiveActionStatus.of(actions);
  }

  /** Its declaration as a serious incident (EU AI Act Art. 73) and report, or null when none. */
  SeriousIncident serious() {
    return SeriousIncident.of(this);
  }

  /** The series, or null when no event named a metric. */
  SeriesKey series() {
    return series;
  }

  /**
   * The series in words: its label ({@code psi[income]}), else the subject its corrective-action or
   * notification records name, else "".
   */
  String seriesText() {
    if (series != null) {
      return series.label();
    }
    for (ExportRecord a : actions) {
      if (a.action() != null && a.action().series() != null) {
        return a.action().series();
      }
    }
    for (ExportRecord n : notifications) {
      if (n.notification() != null && n.notification().series() != null) {
        return n.notification().series();
      }
    }
    return "";
  }

  /**
   * The incident in words where it is listed among others, after its model: series, severity,
   * latest summary (without the model it starts with) and id, e.g. {@code psi[income] (critical):
   * psi of income is 0.3689 ... [18d8d964-...]}.
   */
  String name() {
    String series = seriesText();
    String summary = summary();
    String model = events.isEmpty() ? null : events.get(0).modelId() + ": ";
    if (summary != null && model != null && summary.startsWith(model)) {
      summary = summary.substring(model.length()); // listed after its model already
    }
    return (series.isEmpty() ? "incident" : series)
        + " ("
        + severity()
        + ")"
        + (summary == null ? "" : ": " + summary)
        + " ["
        + incidentId
        + "]";
  }

  /** The highest severity any event had (critical over warning), or "unknown". */
  String severity() {
    return severity == null ? "unknown" : severity;
  }

  /** Whether the last lifecycle event in the period is a resolution. */
  boolean resolved() {
    return !events.isEmpty() && "resolved".equals(events.get(events.size() - 1).lifecycleStep());
  }

  /** The first event of {@code step} (opened, escalated, updated, resolved), or null. */
  ExportRecord first(String step) {
    return events.stream().filter(e -> step.equals(e.lifecycleStep())).findFirst().orElse(null);
  }

  /** The last event of {@code step}, or null. */
  ExportRecord last(String step) {
    ExportRecord found = null;
    for (ExportRecord e : events) {
      if (step.equals(e.lifecycleStep())) {
        found = e;
      }
    }
    return found;
  }

  /** Number of events of {@code step}. */
  long count(String step) {
    return events.stream().filter(e -> step.equals(e.lifecycleStep())).count();
  }

  /** The latest summary of an event, or null. */
  String summary() {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).summary() != null) {
        return events.get(i).summary();
      }
    }
    return null;
  }

  /**
   * The members of a grouped incident at its latest event ({@link ExportRecord#members()}), or null
   * for an incident of one series.
   */
  String members() {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).members() != null) {
        return events.get(i).members();
      }
    }
    return null;
  }

  /** The latest runbook URL, or null. */
  String runbookUrl() {
    return runbookUrl;
  }

  /** The controls (or, without controls, the clauses) of the latest event's record. */
  List<String> controls() {
    if (events.isEmpty()) {
      return List.of();
    }
    ExportRecord last = events.get(events.size() - 1);
    return last.controls().isEmpty() ? last.clauses() : last.controls();
  }

  static int rank(String severity) {
    if ("critical".equals(severity)) {
      return 2;
    }
    if ("warning".equals(severity)) {
      return 1;
    }
    return severity == null ? -1 : 0;
  }
}
