package io.aimon.evidence.export;

import io.aimon.evidence.EvidenceKind;
import io.aimon.evidence.EvidenceRecord;
import java.util.List;

/**
 * One selected evidence record, flattened to what the CSV, OSCAL and HTML writers need, with its
 * line exactly as archived. The evidence data itself is not kept, so the export holds about the
 * selected lines' size in memory.
 *
 * <p>Fields by kind, from the record's data ({@link RecordFields}; null when it does not say):
 *
 * <ul>
 *   <li>{@code check}: metric, feature, attribute, group, value, threshold, status, n and p-value
 *       of the check result; charts plot the p-value for the tests judged by it.
 *   <li>{@code coverage}: n = events (first layout-1 writers: {@code events_read}), checks,
 *       breaches; summary {@code "1000 events, 12 checks, 2 breaches"}.
 *   <li>{@code incident}: the CloudEvent's {@code type} as event type, and from its {@code data}
 *       (in layout 1, the record's data when it is not a CloudEvent): incident id, series,
 *       severity, value, threshold, window status as status, n, summary, runbook URL, and for a
 *       grouped incident its members in words ({@link #members()}).
 *   <li>{@code corrective_action}: incident id, its event ({@code action_recorded}, ...) as event
 *       type, summary, and the rest of its data as {@link #action()}.
 *   <li>{@code notification}: incident id, the delivered event's CloudEvent type as event type,
 *       severity, summary, and the rest of its data (notifier, outcome, attempts, ...) as {@link
 *       #notification()}.
 *   <li>{@code monitoring_plan}: its plan digest and summary; checks carry the digest of the plan
 *       they were judged by as {@code planDigest}.
 * </ul>
 *
 * Checks and incidents of one model version's events alone carry that {@code version}; those of the
 * model's whole window none.
 *
 * <p>Numbers are kept as JSON writes them ({@code 0.3689}, {@code 1000}), so the CSV shows what the
 * archive holds.
 */
record ExportRecord(
    String modelId,
    long seq,
    EvidenceKind kind,
    long time,
    Long windowStart,
    Long windowEnd,
    List<String> clauses,
    List<String> controls,
    String metric,
    String feature,
    String attribute,
    String group,
    String value,
    String threshold,
    String status,
    String n,
    String incidentId,
    String eventType,
    String severity,
    String summary,
    String runbookUrl,
    long checks,
    long breaches,
    String hash,
    String line,
    long order,
    String pValue,
    CorrectiveEvent action,
    Notification notification,
    String planDigest,
    String version,
    String members) {

  /**
   * The flat view of {@code r}, whose JSON line is {@code line}, at {@code order} in the scan
   * ({@link RecordFields} reads its data).
   */
  static ExportRecord of(EvidenceRecord r, String line, long order) {
    RecordFields f = RecordFields.of(r);
    return new ExportRecord(
        r.modelId(),
        r.seq(),
        r.kind(),
        r.time(),
        r.windowStart(),
        r.windowEnd(),
        r.clauses(),
        r.controls(),
        f.metric,
        f.feature,
        f.attribute,
        f.group,
        f.value,
        f.threshold,
        f.status,
        f.n,
        f.incidentId,
        f.eventType,
        f.severity,
        f.summary,
        f.runbook,
        f.checks,
        f.breaches,
        r.hash(),
        line,
        order,
        f.pValue,
        f.action,
        f.notification,
        f.planDigest,
        f.version,
        f.members);
  }

  /** Whether this is a check that breached: status warning or critical. */
  boolean breach() {
    return kind == EvidenceKind.CHECK && ("warning".equals(status) || "critical".equals(status));
  }

  /** The value as a double, or null when absent or not a number. */
  Double valueNumber() {
    return parse(value);
  }

  /**
   * The number the status was judged on against the threshold: the p-value for the tests judged by
   * it ({@code ks}, {@code chi_square}), else the value.
   */
  Double judgedNumber() {
    Double p = parse(pValue);
    return p != null ? p : valueNumber();
  }

  /** The threshold as a double, or null. */
  Double thresholdNumber() {
    return parse(threshold);
  }

  /** The event type without the {@code io.aimon.incident.} prefix: opened, escalated, ... */
  String lifecycleStep() {
    if (eventType == null) {
      return "event";
    }
    int dot = eventType.lastIndexOf('.');
    return dot < 0 ? eventType : eventType.substring(dot + 1);
  }

  /** The series this check or incident is about. */
  SeriesKey series() {
    return new SeriesKey(
        metric == null ? "(no metric)" : metric, feature, attribute, group, version);
  }

  private static Double parse(String s) {
    if (s == null) {
      return null;
    }
    try {
      double v = Double.parseDouble(s);
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
