package io.aimon.evidence.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.evidence.ArchiveVerifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The observations of {@link OscalAssessmentResults}: per model and metric the check results
 * (method TEST; props with the counts by status and the latest value vs threshold, remarks with
 * each series' last value), per model the window coverage, per incident with notification records
 * how it was communicated (ISO/IEC 42001 A.8.4, method EXAMINE), and the verification of the
 * archive (method EXAMINE). Each points at the bundle file holding the evidence ({@code
 * relevant-evidence}).
 */
final class OscalObservations {
  static final int MAX_REMARK_LINES = 50;
  private static final List<String> STATUSES =
      List.of("ok", "warning", "critical", "insufficient_data");

  private final AuditData data;
  private final Function<String, String> uuid;

  /**
   * @param uuid the document's UUID of a name (version 5, named from the export's content)
   */
  OscalObservations(AuditData data, Function<String, String> uuid) {
    this.data = data;
    this.uuid = uuid;
  }

  /** The check series of {@code m} grouped by metric, metrics in order of first appearance. */
  static Map<String, List<Series>> byMetric(ModelAudit m) {
    Map<String, List<Series>> out = new LinkedHashMap<>();
    for (Series s : m.series().values()) {
      out.computeIfAbsent(s.key().metric(), k -> new ArrayList<>()).add(s);
    }
    return out;
  }

  /** The UUID of the observation of {@code metric} of {@code modelId}. */
  String metricUuid(String modelId, String metric) {
    return uuid.apply("observation|" + modelId + "|" + metric);
  }

  /** The UUID of the observation of how incident {@code incidentId} was communicated. */
  String communicationUuid(String modelId, String incidentId) {
    return uuid.apply("observation|" + modelId + "|communication|" + incidentId);
  }

  /**
   * Adds the observations of {@code m}: one per metric (method TEST), one of its coverage, one per
   * incident with notification records (method EXAMINE).
   */
  void addModel(ModelAudit m, ArrayNode out) {
    String model = m.modelId();
    for (Map.Entry<String, List<Series>> e : byMetric(m).entrySet()) {
      String metric = e.getKey();
      List<Series> series = e.getValue();
      Map<String, Long> counts = new LinkedHashMap<>();
      STATUSES.forEach(st -> counts.put(st, 0L));
      long checks = 0;
      long firstSeq = Long.MAX_VALUE;
      long lastSeq = 0;
      long collected = Long.MIN_VALUE;
      Series latest = null;
      for (Series s : series) {
        for (Map.Entry<String, Long> c : s.statusCounts().entrySet()) {
          counts.merge(c.getKey(), c.getValue(), Long::sum);
          checks += c.getValue();
        }
        firstSeq = Math.min(firstSeq, s.firstSeq());
        lastSeq = Math.max(lastSeq, s.lastSeq());
        if (latest == null || s.last().time() > latest.last().time()) {
          latest = s;
        }
        collected = Math.max(collected, s.last().time());
      }
      ObjectNode o = out.addObject();
      o.put("uuid", metricUuid(model, metric));
      o.put("title", metric + " of model " + model);
      StringBuilder statusText = new StringBuilder();
      counts.forEach(
          (st, n) ->
              statusText
                  .append(statusText.length() == 0 ? "" : ", ")
                  .append(st)
                  .append(' ')
                  .append(n));
      o.put(
          "description",
          Fmt.plural(checks, metric + " check result")
              + " of model "
              + model
              + " over "
              + series.size()
              + " series"
              + " in the period: "
              + statusText
              + ".");
      ArrayNode props = JsonOutput.array();
      OscalAssessmentResults.prop(props, "model-id", model);
      OscalAssessmentResults.prop(props, "metric", metric);
      OscalAssessmentResults.prop(props, "checks", Long.toString(checks));
      counts.forEach(
          (st, n) ->
              OscalAssessmentResults.prop(
                  props, "status-" + st.replace('_', '-'), Long.toString(n)));
      OscalAssessmentResults.prop(props, "series", Integer.toString(series.size()));
      Series.Point last = latest.last();
      if (last.value() != null) {
        OscalAssessmentResults.prop(props, "last-value", Fmt.number(last.value()));
      }
      if (last.threshold() != null) {
        OscalAssessmentResults.prop(props, "last-threshold", Fmt.number(last.threshold()));
      }
      if (last.status() != null) {
        OscalAssessmentResults.prop(props, "last-status", last.status());
      }
      OscalAssessmentResults.setIfAny(o, "props", props);
      o.putArray("methods").add("TEST");
      subjects(o, model);
      ObjectNode ev = o.putArray("relevant-evidence").addObject();
      ev.put("href", AuditExport.RECORDS_JSONL);
      ev.put(
          "description",
          "The "
              + metric
              + " check records of model "
              + model
              + " (kind check, seqs "
              + firstSeq
              + ".."
              + lastSeq
              + "), as archived; manifests.jsonl holds the signed manifests listing their"
              + " hashes.");
      o.put("collected", Fmt.iso(Fmt.clampDate(collected)));
      StringBuilder remarks = new StringBuilder();
      int lines = 0;
      for (Series s : series) {
        if (lines++ == MAX_REMARK_LINES) {
          remarks
              .append("... and ")
              .append(series.size() - MAX_REMARK_LINES)
              .append(" more series\n");
          break;
        }
        Series.Point p = s.last();
        remarks
            .append(s.key().label())
            .append(": last value ")
            .append(p.value() == null ? "not computed" : Fmt.number(p.value()))
            .append(p.threshold() == null ? "" : " vs threshold " + Fmt.number(p.threshold()))
            .append(" (")
            .append(p.status())
            .append(") in the window ending ")
            .append(Fmt.iso(p.time()))
            .append("; ")
            .append(Fmt.plural(s.breaches(), "breaching window"))
            .append(" of ")
            .append(s.points().size())
            .append('\n');
      }
      o.put("remarks", remarks.toString().strip());
    }
    Coverage c = m.coverage();
    ObjectNode o = out.addObject();
    o.put("uuid", uuid.apply("observation|" + model + "|coverage"));
    o.put("title", "Window coverage of model " + model);
    o.put(
        "description",
        c.covered()
            + " of "
            + Fmt.plural(c.expected(), "expected window")
            + " evaluated ("
            + (c.contiguous() ? "contiguous" : Fmt.plural(c.missing(), "window") + " missing")
            + "), "
            + Fmt.plural(c.events(), "event")
            + ", "
            + Fmt.plural(c.checks(), "check")
            + ", "
            + Fmt.plural(c.breaches(), "breach")
            + ".");
    ArrayNode props = JsonOutput.array();
    OscalAssessmentResults.prop(props, "model-id", model);
    OscalAssessmentResults.prop(props, "windows-expected", Long.toString(c.expected()));
    OscalAssessmentResults.prop(props, "windows-covered", Long.toString(c.covered()));
    OscalAssessmentResults.prop(props, "windows-missing", Long.toString(c.missing()));
    if (c.windowMillis() > 0) {
      OscalAssessmentResults.prop(props, "window", Fmt.duration(c.windowMillis()));
    }
    OscalAssessmentResults.setIfAny(o, "props", props);
    o.putArray("methods").add("TEST");
    subjects(o, model);
    ObjectNode ev = o.putArray("relevant-evidence").addObject();
    ev.put("href", AuditExport.RECORDS_JSONL);
    ev.put("description", "The coverage records of model " + model + ", as archived.");
    long collected =
        c.windows().isEmpty() ? data.periodEnd() : c.windows().get(c.windows().size() - 1).end();
    o.put("collected", Fmt.iso(Fmt.clampDate(collected)));
    if (!c.gaps().isEmpty()) {
      StringBuilder gaps = new StringBuilder("Missing windows:");
      c.gaps().stream()
          .limit(MAX_REMARK_LINES)
          .forEach(
              g ->
                  gaps.append('\n')
                      .append(Fmt.iso(g.start()))
                      .append(" to ")
                      .append(Fmt.iso(g.end()))
                      .append(" (")
                      .append(Fmt.plural(g.windows(), "window"))
                      .append(')'));
      o.put("remarks", gaps.toString());
    }
    for (IncidentHistory inc : m.incidents().values()) {
      if (!inc.notifications().isEmpty()) {
        out.add(communication(model, inc));
      }
    }
  }

  /**
   * How {@code inc} was communicated (ISO/IEC 42001 A.8.4), from its notification records: type
   * {@code finding} when a delivery failed, else {@code control-objective}; remarks list every
   * delivery.
   */
  private ObjectNode communication(String model, IncidentHistory inc) {
    IncidentCommunication c = inc.communication();
    List<ExportRecord> deliveries = c.deliveries();
    ObjectNode o = JsonOutput.object();
    o.put("uuid", communicationUuid(model, inc.incidentId()));
    String series = inc.seriesText();
    o.put(
        "title",
        "Communication of incident "
            + inc.incidentId()
            + (series.isEmpty() ? "" : " (" + series + ")")
            + " of model "
            + model);
    o.put(
        "description",
        "Incident "
            + inc.incidentId()
            + " of model "
            + model
            + ", as its notification records show (ISO/IEC 42001 A.8.4): "
            + c.text()
            + ".");
    ArrayNode props = JsonOutput.array();
    OscalAssessmentResults.prop(props, "model-id", model);
    OscalAssessmentResults.prop(props, "incident-id", inc.incidentId());
    OscalAssessmentResults.prop(props, "communication", c.notified() ? "notified" : "not notified");
    OscalAssessmentResults.prop(props, "deliveries", Integer.toString(deliveries.size()));
    OscalAssessmentResults.prop(props, "deliveries-delivered", Long.toString(c.delivered()));
    OscalAssessmentResults.prop(props, "deliveries-failed", Integer.toString(c.failures().size()));
    c.notifiedTo().forEach(n -> OscalAssessmentResults.prop(props, "notified", n));
    OscalAssessmentResults.setIfAny(o, "props", props);
    o.putArray("methods").add("EXAMINE");
    o.putArray("types").add(c.failures().isEmpty() ? "control-objective" : "finding");
    subjects(o, model);
    ObjectNode ev = o.putArray("relevant-evidence").addObject();
    ev.put("href", AuditExport.RECORDS_JSONL);
    ev.put(
        "description",
        "The notification records of incident "
            + inc.incidentId()
            + " of model "
            + model
            + " (kind notification, seqs "
            + deliveries.get(0).seq()
            + ".."
            + deliveries.get(deliveries.size() - 1).seq()
            + "), as archived.");
    long collected = deliveries.stream().mapToLong(ExportRecord::time).max().orElseThrow();
    o.put("collected", Fmt.iso(Fmt.clampDate(collected)));
    StringBuilder remarks = new StringBuilder();
    deliveries.stream()
        .limit(MAX_REMARK_LINES)
        .forEach(r -> remarks.append(deliveryLine(r)).append('\n'));
    if (deliveries.size() > MAX_REMARK_LINES) {
      remarks.append("... and ").append(deliveries.size() - MAX_REMARK_LINES).append(" more");
    }
    o.put("remarks", remarks.toString().strip());
    return o;
  }

  /**
   * {@code 2026-01-01T12:00:00Z opened to webhook: failed_exhausted after 8 attempts (HTTP 503:
   * ...)}.
   */
  static String deliveryLine(ExportRecord r) {
    Notification n = r.notification();
    String last = n.delivered() ? "" : n.lastAttemptText();
    return Fmt.iso(r.time())
        + " "
        + r.lifecycleStep()
        + " to "
        + n.notifierName()
        + ": "
        + n.outcomeText()
        + (last.isEmpty() ? "" : " (" + last.replace('\n', ' ') + ")");
  }

  /** The observation of the archive's verification at export (method EXAMINE). */
  ObjectNode verification() {
    ArchiveVerifier.Report v = data.verification();
    ObjectNode o = JsonOutput.object();
    o.put("uuid", uuid.apply("observation|verification"));
    o.put("title", "Integrity of the evidence archive");
    o.put(
        "description",
        "ArchiveVerifier recomputed every record hash, followed every hash chain and checked every"
            + " manifest signature of the whole archive at export: "
            + v.summary()
            + ".");
    ArrayNode props = JsonOutput.array();
    OscalAssessmentResults.prop(props, "verified", Boolean.toString(v.intact()));
    OscalAssessmentResults.prop(props, "problems", Integer.toString(v.integrityProblems().size()));
    OscalAssessmentResults.prop(props, "coverage-gaps", Integer.toString(v.coverageGaps().size()));
    if (data.trustedKeyId() != null) {
      OscalAssessmentResults.prop(props, "trusted-key-id", data.trustedKeyId());
    }
    VerificationFiles.allKeyIds(data).forEach(k -> OscalAssessmentResults.prop(props, "key-id", k));
    OscalAssessmentResults.setIfAny(o, "props", props);
    o.putArray("methods").add("EXAMINE");
    ArrayNode evidence = o.putArray("relevant-evidence");
    ObjectNode ev = evidence.addObject();
    ev.put("href", AuditExport.VERIFICATION_JSON);
    ev.put("description", "The verification result: every problem, model and signing key id.");
    ObjectNode mf = evidence.addObject();
    mf.put("href", AuditExport.MANIFESTS_JSONL);
    mf.put("description", "The signed manifests listing the hashes of the exported records.");
    o.put("collected", Fmt.iso(Fmt.clampDate(data.lastRecordTime())));
    if (!v.ok()) {
      // integrity problems first, then coverage gaps: the verdict rests on the former
      List<ArchiveVerifier.Problem> listed = new ArrayList<>(v.integrityProblems());
      listed.addAll(v.coverageGaps());
      StringBuilder remarks = new StringBuilder();
      listed.stream()
          .limit(MAX_REMARK_LINES)
          .forEach(
              p ->
                  remarks
                      .append(p.kind())
                      .append(' ')
                      .append(p.message().replace('\n', ' '))
                      .append('\n'));
      if (listed.size() > MAX_REMARK_LINES) {
        remarks.append("... and ").append(listed.size() - MAX_REMARK_LINES).append(" more");
      }
      o.put("remarks", remarks.toString().strip());
    }
    return o;
  }

  private static void subjects(ObjectNode o, String model) {
    ObjectNode s = o.putArray("subjects").addObject();
    s.put("subject-uuid", OscalAssessmentResults.componentUuid(model));
    s.put("type", "component");
    s.put("title", model);
  }
}
