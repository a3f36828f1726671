package io.aimon.evidence.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.alerting.incident.CloudEvents;
import io.aimon.alerting.remediation.ActionType;
import io.aimon.alerting.remediation.Effectiveness;
import io.aimon.alerting.remediation.NonconformityGrade;
import io.aimon.alerting.remediation.RemediationEvent;
import io.aimon.alerting.remediation.SeriousCategory;
import io.aimon.detectors.check.OutputJson;
import io.aimon.detectors.common.CapCounts;
import io.aimon.detectors.common.JsonMembers;
import io.aimon.detectors.gate.GateVerdict;
import io.aimon.evidence.EvidenceKind;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.HashChain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON layout of evidence data, per kind: what the monitor job writes, and what the verifier,
 * the exporter and the report read. The record's {@code "v"} is the version of the whole record,
 * its data included. Version 1 records (older archives) promised only a JSON object as data, with
 * no layout to decode: the exporter reads their members as they come. Version 2 is the first typed
 * layout, written by {@link #encode} and read by {@link #decode}.
 *
 * <p>Layout version 2, members in this order ({@code ?} marks members left out when null); it is
 * what the last version 1 writers wrote, now promised:
 *
 * <ul>
 *   <li>{@code check}: the check result record (contract 4, {@link OutputJson#checkResultNode}),
 *       then {@code config_digest}, {@code aimon_version}. Its {@code reason?} (why a result is
 *       {@code insufficient_data}, e.g. {@code attribute_missing}) came later within version 2: it
 *       is left out when null, so records without one are written as before, and read with none.
 *   <li>{@code coverage}: {@code window_start, window_end, events, checks, breaches, sources:
 *       [{source, first, last, events, sha256?}], caps?: {kind: {capped, truncated}}, late_events,
 *       dead_letters: {reason: n}, unattributed_dead_letters: {reason: n}}; the three counts are
 *       left out while the window waits for its place in the chain (between a job's operators
 *       only). {@code caps} (kinds {@code categories}, {@code groups}, {@code versions}, {@code
 *       version_windows}) is left out when the window's bounds capped nothing, so records of
 *       windows without caps are written as before; readers that predate it ignore it.
 *   <li>{@code incident}: the incident event's CloudEvent ({@link CloudEvents#toNode}).
 *   <li>{@code notification}: {@code incident_id, event_id, event_type, model_id, series, severity,
 *       notifier, outcome, attempts, last_status?, last_error?, summary}.
 *   <li>{@code corrective_action}: {@code event, incident_id, model_id, series, time, actor?,
 *       action_id?, action_type?, text?, grade?, reason?, effectiveness?, category?, report_due?,
 *       summary}. {@code category} and {@code report_due} (a serious incident declared, EU AI Act
 *       Art. 73) came later within version 2: left out when null, so other records are written as
 *       before.
 *   <li>{@code state_loss} (added within version 2; readers that predate it reject the kind):
 *       {@code continues_seq, unsealed, reason, traces: [string], started_at, summary}.
 *   <li>{@code monitoring_plan} (added within version 2, like {@code state_loss}): {@code
 *       plan_digest, model_id, model_version?, task, window, min_samples, reference_digest,
 *       features: {numeric: [string], categorical: [string]}, checks: [{metric, feature?, rule}],
 *       fairness_attributes: [string], labels_max_delay, alert_policy, alert_routes: [string],
 *       owner?, contacts: [string], config_digest, aimon_version, summary}. {@code plan_digest} is
 *       the SHA-256 of the RFC 8785 canonical form of the other members ({@link #planDigest}).
 *       Check data gained {@code plan_digest?} after {@code aimon_version} at the same time.
 *   <li>{@code deployment} (added within version 2, like {@code state_loss}): {@code version,
 *       window_start, window_end, events, gate?: {verdict, digest, gated_at, reference_digest,
 *       config_digest}, summary}; {@code gate} is left out when the version had no gate record.
 * </ul>
 *
 * <pre>{@code
 * ObjectNode data = EvidenceCodec.encode(new CheckEvidence(result, configDigest, version));
 * EvidencePayload back = EvidenceCodec.decode(record);   // a CheckEvidence equal to it
 * }</pre>
 */
public final class EvidenceCodec {
  /** The layout version {@link #encode} writes: {@link EvidenceRecord#VERSION}. */
  public static final int VERSION = EvidenceRecord.VERSION;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private EvidenceCodec() {}

  /** The data of {@code p}, layout {@link #VERSION}. */
  public static ObjectNode encode(EvidencePayload p) {
    if (p instanceof CheckEvidence c) {
      ObjectNode o = OutputJson.checkResultNode(c.result());
      putIfNotNull(o, "config_digest", c.configDigest());
      putIfNotNull(o, "aimon_version", c.aimonVersion());
      putIfNotNull(o, "plan_digest", c.planDigest());
      return o;
    }
    if (p instanceof MonitoringPlanEvidence m) {
      return plan(m);
    }
    if (p instanceof CoverageEvidence c) {
      return coverage(c);
    }
    if (p instanceof IncidentEvidence i) {
      return CloudEvents.toNode(i.event());
    }
    if (p instanceof NotificationEvidence n) {
      return notification(n);
    }
    if (p instanceof StateLossEvidence l) {
      return stateLoss(l);
    }
    if (p instanceof DeploymentEvidence d) {
      return deployment(d);
    }
    return correctiveAction(((CorrectiveActionEvidence) p).event());
  }

  /**
   * The typed data of {@code r}.
   *
   * @throws IllegalArgumentException naming the first member that does not fit the layout of the
   *     record's kind and version
   */
  public static EvidencePayload decode(EvidenceRecord r) {
    return decode(r.version(), r.kind(), r.data());
  }

  /**
   * The typed data of a record of {@code kind} and layout {@code version}.
   *
   * @throws IllegalArgumentException for an unknown version, or naming the first member that does
   *     not fit the layout
   */
  public static EvidencePayload decode(int version, EvidenceKind kind, JsonNode data) {
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "v: expected layout version "
              + VERSION
              + " (version "
              + EvidenceRecord.V1
              + " data has no typed layout), found "
              + version);
    }
    if (data == null || !data.isObject()) {
      throw new IllegalArgumentException("data: expected a JSON object");
    }
    try {
      return switch (kind) {
        case CHECK ->
            new CheckEvidence(
                OutputJson.readCheckResult(data),
                JsonMembers.text(data, "config_digest", false),
                JsonMembers.text(data, "aimon_version", false),
                JsonMembers.text(data, "plan_digest", false));
        case COVERAGE -> readCoverage(data);
        case INCIDENT -> new IncidentEvidence(CloudEvents.fromNode(data));
        case NOTIFICATION -> readNotification(data);
        case CORRECTIVE_ACTION -> new CorrectiveActionEvidence(readCorrectiveAction(data));
        case STATE_LOSS -> readStateLoss(data);
        case MONITORING_PLAN -> readPlan(data);
        case DEPLOYMENT -> readDeployment(data);
      };
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(kind.code() + " data: " + e.getMessage(), e);
    }
  }

  private static ObjectNode coverage(CoverageEvidence c) {
    ObjectNode o = JSON.objectNode();
    o.put("window_start", Instant.ofEpochMilli(c.windowStart()).toString());
    o.put("window_end", Instant.ofEpochMilli(c.windowEnd()).toString());
    o.put("events", c.events());
    o.put("checks", c.checks());
    o.put("breaches", c.breaches());
    ArrayNode sources = o.putArray("sources");
    for (SourceRange s : c.sources()) {
      ObjectNode so = sources.addObject();
      so.put("source", s.source());
      so.put("first", s.first());
      so.put("last", s.last());
      so.put("events", s.events());
      putIfNotNull(so, "sha256", s.sha256());
    }
    if (!c.caps().isEmpty()) {
      ObjectNode caps = o.putObject("caps");
      c.caps()
          .forEach(
              (kind, n) ->
                  caps.putObject(kind).put("capped", n.capped()).put("truncated", n.truncated()));
    }
    DeadLetterTotals d = c.deadLetters();
    if (d != null) {
      o.put("late_events", d.lateEvents());
      ObjectNode own = o.putObject("dead_letters");
      d.own().forEach(own::put);
      ObjectNode unattributed = o.putObject("unattributed_dead_letters");
      d.unattributed().forEach(unattributed::put);
    }
    return o;
  }

  private static CoverageEvidence readCoverage(JsonNode d) {
    List<SourceRange> sources = new ArrayList<>();
    for (JsonNode s : d.path("sources")) {
      sources.add(
          new SourceRange(
              JsonMembers.text(s, "source", true),
              JsonMembers.integer(s, "first", true),
              JsonMembers.integer(s, "last", true),
              JsonMembers.integer(s, "events", true),
              JsonMembers.text(s, "sha256", false)));
    }
    DeadLetterTotals dead = null;
    if (d.has("late_events") || d.has("dead_letters") || d.has("unattributed_dead_letters")) {
      dead =
          new DeadLetterTotals(
              JsonMembers.integer(d, "late_events", true),
              counts(d, "dead_letters"),
              counts(d, "unattributed_dead_letters"));
    }
    Map<String, CapCounts> caps = new LinkedHashMap<>();
    JsonNode capsNode = d.get("caps");
    if (capsNode != null && !capsNode.isNull()) {
      if (!capsNode.isObject()) {
        throw new IllegalArgumentException("caps: expected counts by kind, found " + capsNode);
      }
      capsNode
          .fields()
          .forEachRemaining(
              e ->
                  caps.put(
                      e.getKey(),
                      new CapCounts(
                          JsonMembers.integer(e.getValue(), "capped", true),
                          JsonMembers.integer(e.getValue(), "truncated", true))));
    }
    return new CoverageEvidence(
        JsonMembers.instant(d, "window_start"),
        JsonMembers.instant(d, "window_end"),
        JsonMembers.integer(d, "events", true),
        JsonMembers.integer(d, "checks", true),
        JsonMembers.integer(d, "breaches", true),
        sources,
        dead,
        caps);
  }

  private static Map<String, Long> counts(JsonNode d, String field) {
    Map<String, Long> counts = new TreeMap<>();
    JsonNode n = d.get(field);
    if (n == null || n.isNull()) {
      return counts;
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException(field + ": expected counts by reason, found " + n);
    }
    n.fields()
        .forEachRemaining(e -> counts.put(e.getKey(), JsonMembers.integer(n, e.getKey(), true)));
    return counts;
  }

  private static ObjectNode notification(NotificationEvidence n) {
    ObjectNode o = JSON.objectNode();
    o.put("incident_id", n.incidentId());
    o.put("event_id", n.eventId());
    o.put("event_type", n.eventType());
    o.put("model_id", n.modelId());
    putIfNotNull(o, "series", n.series());
    o.put("severity", n.severity());
    o.put("notifier", n.notifier());
    o.put("outcome", n.outcome());
    o.put("attempts", n.attempts());
    if (n.lastStatus() != null) {
      o.put("last_status", n.lastStatus());
    }
    putIfNotNull(o, "last_error", n.lastError());
    o.put("summary", n.summary());
    return o;
  }

  private static NotificationEvidence readNotification(JsonNode d) {
    return new NotificationEvidence(
        JsonMembers.text(d, "incident_id", true),
        JsonMembers.text(d, "event_id", true),
        JsonMembers.text(d, "event_type", true),
        JsonMembers.text(d, "model_id", true),
        JsonMembers.text(d, "series", false),
        JsonMembers.text(d, "severity", true),
        JsonMembers.text(d, "notifier", true),
        JsonMembers.text(d, "outcome", true),
        JsonMembers.integer(d, "attempts", true),
        d.has("last_status") ? JsonMembers.integer(d, "last_status", true) : null,
        JsonMembers.text(d, "last_error", false),
        JsonMembers.text(d, "summary", true));
  }

  /**
   * The digest a plan's {@code plan_digest} must hold: hex SHA-256 of the RFC 8785 canonical JSON
   * of its data without {@code plan_digest}.
   */
  public static String planDigest(MonitoringPlanEvidence p) {
    ObjectNode d = plan(p);
    d.remove("plan_digest");
    return HashChain.canonicalSha256(d);
  }

  private static ObjectNode plan(MonitoringPlanEvidence p) {
    ObjectNode d = JSON.objectNode();
    d.put("plan_digest", p.planDigest());
    d.put("model_id", p.modelId());
    putIfNotNull(d, "model_version", p.modelVersion());
    d.put("task", p.task());
    d.put("window", p.window());
    d.put("min_samples", p.minSamples());
    d.put("reference_digest", p.referenceDigest());
    ObjectNode features = d.putObject("features");
    strings(features.putArray("numeric"), p.numericFeatures());
    strings(features.putArray("categorical"), p.categoricalFeatures());
    ArrayNode checks = d.putArray("checks");
    for (MonitoringPlanEvidence.PlannedCheck c : p.checks()) {
      ObjectNode o = checks.addObject();
      o.put("metric", c.metric());
      putIfNotNull(o, "feature", c.feature());
      o.put("rule", c.rule());
    }
    strings(d.putArray("fairness_attributes"), p.fairnessAttributes());
    d.put("labels_max_delay", p.labelsMaxDelay());
    d.put("alert_policy", p.alertPolicy());
    strings(d.putArray("alert_routes"), p.alertRoutes());
    putIfNotNull(d, "owner", p.owner());
    strings(d.putArray("contacts"), p.contacts());
    d.put("config_digest", p.configDigest());
    d.put("aimon_version", p.aimonVersion());
    d.put("summary", p.summary());
    return d;
  }

  private static MonitoringPlanEvidence readPlan(JsonNode d) {
    JsonNode features = d.get("features");
    if (features == null || !features.isObject()) {
      throw new IllegalArgumentException("features: expected an object");
    }
    JsonNode checks = d.get("checks");
    if (checks == null || !checks.isArray()) {
      throw new IllegalArgumentException("checks: expected an array of objects");
    }
    List<MonitoringPlanEvidence.PlannedCheck> planned = new ArrayList<>();
    for (JsonNode c : checks) {
      if (!c.isObject()) {
        throw new IllegalArgumentException("checks: expected an array of objects, found " + c);
      }
      planned.add(
          new MonitoringPlanEvidence.PlannedCheck(
              JsonMembers.text(c, "metric", true),
              JsonMembers.text(c, "feature", false),
              JsonMembers.text(c, "rule", true)));
    }
    return new MonitoringPlanEvidence(
        JsonMembers.text(d, "plan_digest", true),
        JsonMembers.text(d, "model_id", true),
        JsonMembers.text(d, "model_version", false),
        JsonMembers.text(d, "task", true),
        JsonMembers.text(d, "window", true),
        Math.toIntExact(JsonMembers.integer(d, "min_samples", true)),
        JsonMembers.text(d, "reference_digest", true),
        strings(features, "numeric"),
        strings(features, "categorical"),
        planned,
        strings(d, "fairness_attributes"),
        JsonMembers.text(d, "labels_max_delay", true),
        JsonMembers.text(d, "alert_policy", true),
        strings(d, "alert_routes"),
        JsonMembers.text(d, "owner", false),
        strings(d, "contacts"),
        JsonMembers.text(d, "config_digest", true),
        JsonMembers.text(d, "aimon_version", true),
        JsonMembers.text(d, "summary", true));
  }

  private static void strings(ArrayNode out, List<String> values) {
    values.forEach(out::add);
  }

  /** The array of strings {@code field} of {@code d}. */
  private static List<String> strings(JsonNode d, String field) {
    JsonNode a = d.get(field);
    if (a == null || !a.isArray()) {
      throw new IllegalArgumentException(field + ": expected an array of strings");
    }
    List<String> list = new ArrayList<>();
    for (JsonNode t : a) {
      if (!t.isTextual()) {
        throw new IllegalArgumentException(field + ": expected an array of strings, found " + t);
      }
      list.add(t.asText());
    }
    return list;
  }

  private static ObjectNode stateLoss(StateLossEvidence l) {
    ObjectNode d = JSON.objectNode();
    d.put("continues_seq", l.continuesSeq());
    d.put("unsealed", l.unsealed());
    d.put("reason", l.reason());
    ArrayNode traces = d.putArray("traces");
    l.traces().forEach(traces::add);
    d.put("started_at", l.startedAt());
    d.put("summary", l.summary());
    return d;
  }

  private static StateLossEvidence readStateLoss(JsonNode d) {
    JsonNode traces = d.get("traces");
    if (traces == null || !traces.isArray()) {
      throw new IllegalArgumentException("traces: expected an array of strings");
    }
    List<String> list = new ArrayList<>();
    for (JsonNode t : traces) {
      if (!t.isTextual()) {
        throw new IllegalArgumentException("traces: expected an array of strings, found " + t);
      }
      list.add(t.asText());
    }
    return new StateLossEvidence(
        JsonMembers.integer(d, "continues_seq", true),
        JsonMembers.integer(d, "unsealed", true),
        JsonMembers.text(d, "reason", true),
        list,
        JsonMembers.text(d, "started_at", true),
        JsonMembers.text(d, "summary", true));
  }

  private static ObjectNode deployment(DeploymentEvidence e) {
    ObjectNode d = JSON.objectNode();
    d.put("version", e.version());
    d.put("window_start", Instant.ofEpochMilli(e.windowStart()).toString());
    d.put("window_end", Instant.ofEpochMilli(e.windowEnd()).toString());
    d.put("events", e.events());
    if (e.gate() != null) {
      ObjectNode g = d.putObject("gate");
      g.put("verdict", e.gate().verdict().code());
      g.put("digest", e.gate().digest());
      g.put("gated_at", Instant.ofEpochMilli(e.gate().gatedAt()).toString());
      g.put("reference_digest", e.gate().referenceDigest());
      g.put("config_digest", e.gate().configDigest());
    }
    d.put("summary", e.summary());
    return d;
  }

  private static DeploymentEvidence readDeployment(JsonNode d) {
    JsonNode g = d.get("gate");
    DeploymentEvidence.GateRef gate = null;
    if (g != null) {
      if (!g.isObject()) {
        throw new IllegalArgumentException("gate: expected an object");
      }
      gate =
          new DeploymentEvidence.GateRef(
              GateVerdict.ofCode(JsonMembers.text(g, "verdict", true)),
              JsonMembers.text(g, "digest", true),
              JsonMembers.instant(g, "gated_at"),
              JsonMembers.text(g, "reference_digest", true),
              JsonMembers.text(g, "config_digest", true));
    }
    return new DeploymentEvidence(
        JsonMembers.text(d, "version", true),
        JsonMembers.instant(d, "window_start"),
        JsonMembers.instant(d, "window_end"),
        JsonMembers.integer(d, "events", true),
        gate,
        JsonMembers.text(d, "summary", true));
  }

  private static ObjectNode correctiveAction(RemediationEvent e) {
    ObjectNode d = JSON.objectNode();
    d.put("event", e.type());
    d.put("incident_id", e.incidentId());
    d.put("model_id", e.modelId());
    d.put("series", e.series());
    d.put("time", Instant.ofEpochMilli(e.time()).toString());
    putIfNotNull(d, "actor", e.actor());
    putIfNotNull(d, "action_id", e.actionId());
    putIfNotNull(d, "action_type", e.actionType() == null ? null : e.actionType().code());
    putIfNotNull(d, "text", e.text());
    putIfNotNull(d, "grade", e.grade() == null ? null : e.grade().code());
    putIfNotNull(d, "reason", e.reason());
    putIfNotNull(d, "effectiveness", e.effectiveness() == null ? null : e.effectiveness().code());
    putIfNotNull(d, "category", e.category() == null ? null : e.category().code());
    putIfNotNull(
        d,
        "report_due",
        e.reportDue() == null ? null : Instant.ofEpochMilli(e.reportDue()).toString());
    d.put("summary", e.summary());
    return d;
  }

  private static RemediationEvent readCorrectiveAction(JsonNode d) {
    String actionType = JsonMembers.text(d, "action_type", false);
    String grade = JsonMembers.text(d, "grade", false);
    String effectiveness = JsonMembers.text(d, "effectiveness", false);
    String category = JsonMembers.text(d, "category", false);
    return new RemediationEvent(
        JsonMembers.text(d, "event", true),
        JsonMembers.text(d, "incident_id", true),
        JsonMembers.text(d, "model_id", true),
        JsonMembers.text(d, "series", true),
        JsonMembers.instant(d, "time"),
        JsonMembers.text(d, "actor", false),
        JsonMembers.text(d, "action_id", false),
        actionType == null ? null : ActionType.ofCode(actionType),
        JsonMembers.text(d, "text", false),
        grade == null ? null : NonconformityGrade.ofCode(grade),
        JsonMembers.text(d, "reason", false),
        effectiveness == null ? null : effectiveness(effectiveness),
        JsonMembers.text(d, "summary", true),
        category == null ? null : SeriousCategory.ofCode(category),
        d.has("report_due") ? JsonMembers.instant(d, "report_due") : null);
  }

  private static Effectiveness effectiveness(String code) {
    for (Effectiveness e : Effectiveness.values()) {
      if (e.code().equals(code)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "effectiveness: expected none, pending, verified_effective or ineffective, found '"
            + code
            + "'");
  }

  private static void putIfNotNull(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }
}
