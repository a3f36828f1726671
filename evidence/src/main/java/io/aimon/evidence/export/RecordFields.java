package io.aimon.evidence.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.IncidentMember;
import io.aimon.detectors.check.CheckResult;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.payload.CheckEvidence;
import io.aimon.evidence.payload.CorrectiveActionEvidence;
import io.aimon.evidence.payload.CoverageEvidence;
import io.aimon.evidence.payload.DeploymentEvidence;
import io.aimon.evidence.payload.EvidenceCodec;
import io.aimon.evidence.payload.EvidencePayload;
import io.aimon.evidence.payload.IncidentEvidence;
import io.aimon.evidence.payload.MonitoringPlanEvidence;
import io.aimon.evidence.payload.NotificationEvidence;
import io.aimon.evidence.payload.StateLossEvidence;
import java.util.List;

/**
 * The flat fields the export shows of one record's data, read by layout version: version 2 through
 * {@link EvidenceCodec}'s typed payloads, version 1 (any JSON object) member by member as it comes.
 * Numbers are kept as JSON writes them ({@code 0.3689}, {@code 1000}). Version 2 data that does not
 * fit its kind's layout leaves the fields null and says so in the summary (the verifier reports it
 * too); the line itself is exported as archived.
 */
final class RecordFields {
  String metric;
  String feature;
  String version;
  String attribute;
  String group;
  String value;
  String threshold;
  String pValue;
  String status;
  String n;
  String incidentId;
  String eventType;
  String severity;
  String summary;
  String runbook;
  long checks;
  long breaches;
  CorrectiveEvent action;
  Notification notification;
  String planDigest;
  String members;

  private RecordFields() {}

  /** The fields of {@code r}'s data. */
  static RecordFields of(EvidenceRecord r) {
    RecordFields f = new RecordFields();
    if (r.version() == EvidenceRecord.V1) {
      f.readV1(r);
      return f;
    }
    try {
      f.read(EvidenceCodec.decode(r));
    } catch (IllegalArgumentException e) {
      f = new RecordFields();
      f.summary = "data does not fit the " + r.kind().code() + " layout: " + e.getMessage();
    }
    return f;
  }

  private void read(EvidencePayload p) {
    if (p instanceof CheckEvidence c) {
      CheckResult r = c.result();
      metric = r.metric();
      feature = r.feature();
      version = r.version();
      attribute = r.attribute();
      group = r.group();
      value = number(r.value());
      threshold = number(r.threshold());
      pValue = number(r.pValue());
      status = r.status().code();
      n = Long.toString(r.n());
      planDigest = c.planDigest();
    } else if (p instanceof MonitoringPlanEvidence m) {
      planDigest = m.planDigest();
      summary = m.summary();
    } else if (p instanceof CoverageEvidence c) {
      coverage(c.events(), c.checks(), c.breaches());
    } else if (p instanceof IncidentEvidence i) {
      IncidentEvent e = i.event();
      eventType = e.type().cloudEventsType();
      incidentId = e.incidentId();
      metric = e.metric();
      feature = e.feature();
      version = e.version();
      attribute = e.attribute();
      group = e.group();
      value = number(e.value());
      threshold = number(e.threshold());
      status = e.windowStatus();
      n = Long.toString(e.n());
      severity = e.severity().code();
      summary = e.summary();
      runbook = e.runbookUrl();
      members = e.grouped() ? members(e.members()) : null;
    } else if (p instanceof CorrectiveActionEvidence c) {
      action = CorrectiveEvent.of(c.event());
      incidentId = c.event().incidentId();
      eventType = action.event();
      summary = c.event().summary();
    } else if (p instanceof StateLossEvidence l) {
      summary = l.summary();
    } else if (p instanceof DeploymentEvidence d) {
      n = Long.toString(d.events());
      summary = d.summary();
    } else if (p instanceof NotificationEvidence d) {
      notification = Notification.of(d);
      incidentId = d.incidentId();
      eventType = d.eventType();
      severity = d.severity();
      summary = d.summary();
    }
  }

  /** Layout version 1: members read as they come, absent or mistyped ones left null. */
  private void readV1(EvidenceRecord r) {
    JsonNode d = r.data();
    switch (r.kind()) {
      case CHECK -> {
        metric = text(d, "metric");
        feature = text(d, "feature");
        version = text(d, "version");
        attribute = text(d, "attribute");
        group = text(d, "group");
        value = number(d, "value");
        threshold = number(d, "threshold");
        pValue = number(d, "p_value");
        status = text(d, "status");
        n = number(d, "n");
        planDigest = text(d, "plan_digest");
      }
      case COVERAGE -> {
        String eventsField = d.has("events") ? "events" : "events_read";
        coverage(
            d.path(eventsField).asLong(0),
            d.path("checks").asLong(0),
            d.path("breaches").asLong(0));
        n = number(d, eventsField);
      }
      case INCIDENT -> {
        JsonNode p = d.path("data").isObject() ? d.get("data") : d;
        eventType = text(d, "type");
        incidentId = text(p, "incident_id");
        metric = text(p, "metric");
        feature = text(p, "feature");
        version = text(p, "version");
        attribute = text(p, "attribute");
        group = text(p, "group");
        value = number(p, "value");
        threshold = number(p, "threshold");
        status = text(p, "window_status");
        n = number(p, "n");
        severity = text(p, "severity");
        summary = text(p, "summary");
        runbook = text(p, "runbook_url");
      }
      case CORRECTIVE_ACTION -> {
        action = CorrectiveEvent.ofV1(d);
        incidentId = text(d, "incident_id");
        eventType = action.event();
        summary = text(d, "summary");
      }
      case STATE_LOSS, DEPLOYMENT -> summary = text(d, "summary");
      case MONITORING_PLAN -> {
        planDigest = text(d, "plan_digest");
        summary = text(d, "summary");
      }
      case NOTIFICATION -> {
        notification = Notification.ofV1(d);
        incidentId = text(d, "incident_id");
        eventType = text(d, "event_type");
        severity = text(d, "severity");
        summary = text(d, "summary");
      }
    }
  }

  /**
   * The members of a grouped incident in words, {@code psi[income] critical 0.81; ks[income]
   * warning 0.2 recovered}: label, latest status and value, and whether it recovered.
   */
  static String members(List<IncidentMember> members) {
    StringBuilder sb = new StringBuilder();
    for (IncidentMember m : members) {
      var s = m.series();
      sb.append(sb.length() == 0 ? "" : "; ")
          .append(
              new SeriesKey(s.metric(), s.feature(), s.attribute(), s.group(), s.version()).label())
          .append(' ')
          .append(m.status())
          .append(' ')
          .append(m.value() == null ? "n/a" : Fmt.number(m.value()))
          .append(m.open() ? "" : " recovered");
    }
    return sb.toString();
  }

  private void coverage(long events, long checks, long breaches) {
    n = Long.toString(events);
    this.checks = checks;
    this.breaches = breaches;
    summary =
        Fmt.plural(events, "event")
            + ", "
            + Fmt.plural(checks, "check")
            + ", "
            + Fmt.plural(breaches, "breach");
  }

  private static String number(Double v) {
    return v == null ? null : Double.toString(v);
  }

  static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
  }

  static String number(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n != null && n.isNumber() ? n.asText() : null;
  }

  static Long integer(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n != null && n.canConvertToExactIntegral() ? n.asLong() : null;
  }
}
