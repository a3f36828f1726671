package io.aimon.alerting.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CloudEvents 1.0 structured JSON form of incident events (one compact object per line or Kafka
 * record), and its reader.
 *
 * <pre>{@code
 * String json = CloudEvents.toJson(event);
 * IncidentEvent back = CloudEvents.fromJson(json); // equals event
 * }</pre>
 *
 * <p>Context attributes: {@code specversion} "1.0"; {@code id} {@link IncidentEvent#eventId()}
 * (deterministic, so a replayed event has the same id); {@code source} {@code aimon/<model_id>};
 * {@code type} {@code io.aimon.incident.opened|escalated|updated|resolved}; {@code time} the end of
 * the triggering window, ISO-8601 UTC; {@code datacontenttype} "application/json"; {@code subject}
 * what the incident is about ({@link IncidentEvent#subject()}: the series, or the group of a
 * grouped incident). {@code data} holds every field of the event in snake_case: {@code incident_id,
 * dedup_key, model_id, model_version?, version?, metric, feature?, attribute?, group?, severity,
 * window_status, first_window_start, last_window_end, window_start, window_end, value (null when
 * not computed), p_value?, threshold?, n, breach_count, summary, runbook_url?, check_ids,
 * group_key?, members?}; times are ISO-8601 UTC, {@code ?} marks fields left out when null (or, for
 * {@code members}, empty). Each member is {@code {series, metric, feature?, attribute?, group?,
 * version?, severity, status, open, value, p_value?, threshold?, n, window_start, window_end,
 * check_id}}.
 */
public final class CloudEvents {

  /** The CloudEvents spec version written. */
  public static final String SPEC_VERSION = "1.0";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CloudEvents() {}

  /** The structured JSON form of {@code e}, compact, on one line. */
  public static String toJson(IncidentEvent e) {
    try {
      return MAPPER.writeValueAsString(toNode(e));
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** The structured JSON form of {@code e} as an object (what evidence records hold). */
  public static ObjectNode toNode(IncidentEvent e) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("specversion", SPEC_VERSION);
    o.put("id", e.eventId());
    o.put("source", "aimon/" + e.modelId());
    o.put("type", e.type().cloudEventsType());
    o.put("time", iso(e.eventTime()));
    o.put("datacontenttype", "application/json");
    o.put("subject", e.subject());
    ObjectNode d = o.putObject("data");
    d.put("incident_id", e.incidentId());
    d.put("dedup_key", e.dedupKey());
    d.put("model_id", e.modelId());
    putIfNotNull(d, "model_version", e.modelVersion());
    putIfNotNull(d, "version", e.version());
    d.put("metric", e.metric());
    putIfNotNull(d, "feature", e.feature());
    putIfNotNull(d, "attribute", e.attribute());
    putIfNotNull(d, "group", e.group());
    d.put("severity", e.severity().code());
    d.put("window_status", e.windowStatus());
    d.put("first_window_start", iso(e.firstWindowStart()));
    d.put("last_window_end", iso(e.lastWindowEnd()));
    d.put("window_start", iso(e.windowStart()));
    d.put("window_end", iso(e.eventTime()));
    if (e.value() == null) {
      d.putNull("value");
    } else {
      d.put("value", e.value());
    }
    if (e.pValue() != null) {
      d.put("p_value", e.pValue());
    }
    if (e.threshold() != null) {
      d.put("threshold", e.threshold());
    }
    d.put("n", e.n());
    d.put("breach_count", e.breachCount());
    d.put("summary", e.summary());
    putIfNotNull(d, "runbook_url", e.runbookUrl());
    ArrayNode ids = d.putArray("check_ids");
    e.checkIds().forEach(ids::add);
    if (e.grouped()) {
      d.put("group_key", e.groupKey());
      d.set("members", members(e.members()));
    }
    return o;
  }

  /** The members of a grouped incident in their JSON form (see the class doc). */
  public static ArrayNode members(List<IncidentMember> members) {
    ArrayNode a = MAPPER.createArrayNode();
    for (IncidentMember m : members) {
      ObjectNode n = a.addObject();
      SeriesKey s = m.series();
      n.put("series", s.asString());
      n.put("metric", s.metric());
      putIfNotNull(n, "feature", s.feature());
      putIfNotNull(n, "attribute", s.attribute());
      putIfNotNull(n, "group", s.group());
      putIfNotNull(n, "version", s.version());
      n.put("severity", m.severity().code());
      n.put("status", m.status());
      n.put("open", m.open());
      if (m.value() == null) {
        n.putNull("value");
      } else {
        n.put("value", m.value());
      }
      if (m.pValue() != null) {
        n.put("p_value", m.pValue());
      }
      if (m.threshold() != null) {
        n.put("threshold", m.threshold());
      }
      n.put("n", m.n());
      n.put("window_start", iso(m.windowStart()));
      n.put("window_end", iso(m.windowEnd()));
      n.put("check_id", m.checkId());
    }
    return a;
  }

  private static List<IncidentMember> readMembers(JsonNode d) {
    JsonNode a = d.get("members");
    if (a == null || a.isNull()) {
      return List.of();
    }
    if (!a.isArray()) {
      throw new IllegalArgumentException("data.members: expected a list of objects");
    }
    List<IncidentMember> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      JsonNode n = a.get(i);
      if (!n.isObject()) {
        throw new IllegalArgumentException("data.members[" + i + "]: expected an object");
      }
      JsonNode open = n.get("open");
      if (open == null || !open.isBoolean()) {
        throw new IllegalArgumentException("data.members[" + i + "].open: expected a boolean");
      }
      out.add(
          new IncidentMember(
              SeriesKey.parse(text(n, "series", true)),
              Severity.ofCode(text(n, "severity", true)),
              text(n, "status", true),
              open.asBoolean(),
              number(n, "value"),
              number(n, "p_value"),
              number(n, "threshold"),
              n.path("n").asLong(),
              millis(n, "window_start"),
              millis(n, "window_end"),
              text(n, "check_id", true)));
    }
    return out;
  }

  /**
   * Reads an event written by {@link #toJson}.
   *
   * @throws IllegalArgumentException naming the first missing or malformed attribute or field
   */
  public static IncidentEvent fromJson(String json) {
    JsonNode o;
    try {
      o = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("expected a JSON object, found invalid JSON", e);
    }
    return fromNode(o);
  }

  /**
   * Reads an event from its structured JSON form as an object ({@link #toNode}).
   *
   * @throws IllegalArgumentException naming the first missing or malformed attribute or field
   */
  public static IncidentEvent fromNode(JsonNode o) {
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    String spec = text(o, "specversion", true);
    if (!SPEC_VERSION.equals(spec)) {
      throw new IllegalArgumentException("specversion: expected 1.0, found '" + spec + "'");
    }
    IncidentEvent.Type type = IncidentEvent.Type.ofCloudEventsType(text(o, "type", true));
    JsonNode d = o.get("data");
    if (d == null || !d.isObject()) {
      throw new IllegalArgumentException("data: expected an object");
    }
    List<String> checkIds = new ArrayList<>();
    JsonNode ids = d.get("check_ids");
    if (ids == null || !ids.isArray()) {
      throw new IllegalArgumentException("data.check_ids: expected a list of strings");
    }
    ids.forEach(n -> checkIds.add(n.asText()));
    return new IncidentEvent(
        type,
        text(d, "incident_id", true),
        text(d, "dedup_key", true),
        text(d, "model_id", true),
        text(d, "model_version", false),
        text(d, "metric", true),
        text(d, "feature", false),
        text(d, "attribute", false),
        text(d, "group", false),
        Severity.ofCode(text(d, "severity", true)),
        text(d, "window_status", true),
        millis(d, "first_window_start"),
        millis(d, "last_window_end"),
        millis(d, "window_start"),
        millis(d, "window_end"),
        number(d, "value"),
        number(d, "p_value"),
        number(d, "threshold"),
        d.path("n").asLong(),
        d.path("breach_count").asInt(),
        text(d, "summary", true),
        text(d, "runbook_url", false),
        checkIds,
        text(d, "version", false),
        text(d, "group_key", false),
        readMembers(d));
  }

  private static String iso(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  private static void putIfNotNull(ObjectNode o, String name, String value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  private static String text(JsonNode o, String name, boolean required) {
    JsonNode n = o.get(name);
    if (n == null || n.isNull()) {
      if (required) {
        throw new IllegalArgumentException(name + ": expected a string, found nothing");
      }
      return null;
    }
    return n.asText();
  }

  private static Double number(JsonNode o, String name) {
    JsonNode n = o.get(name);
    return n == null || n.isNull() ? null : n.asDouble();
  }

  private static long millis(JsonNode o, String name) {
    String t = text(o, name, true);
    try {
      return Instant.parse(t).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + ": expected an ISO-8601 UTC time, found '" + t + "'", e);
    }
  }
}
