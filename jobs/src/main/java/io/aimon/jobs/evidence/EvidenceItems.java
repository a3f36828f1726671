package io.aimon.jobs.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.alerting.incident.CloudEvents;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.remediation.RemediationEvent;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.OutputJson;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.evidence.DeadLetterCount;
import io.aimon.evidence.EvidenceItem;
import io.aimon.evidence.EvidenceKind;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Turns what the monitor job produces into {@link EvidenceItem}s. */
public final class EvidenceItems {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Reads what the event decoder reads (NaN and Infinity too), to find a bad record's model. */
  private static final ObjectMapper LENIENT =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private EvidenceItems() {}

  /** The aimon version in evidence: the jar's, or {@code development} when run from classes. */
  public static String aimonVersion() {
    String v = EvidenceItems.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  /**
   * A check result, passing or not, with what an auditor needs to repeat it: the result record
   * (method, threshold, value, status, sample size, reference digest) plus the config digest and
   * the aimon version.
   */
  public static EvidenceItem check(CheckResult r, String configDigest) {
    ObjectNode data = parse(OutputJson.checkResult(r));
    data.put("config_digest", configDigest);
    data.put("aimon_version", aimonVersion());
    return new EvidenceItem(
        r.modelId(),
        EvidenceKind.CHECK,
        r.windowEnd(),
        r.windowStart(),
        r.windowEnd(),
        r.checkId(),
        data.toString());
  }

  /** An incident lifecycle event (the CloudEvent). */
  public static EvidenceItem incident(IncidentEvent e) {
    return new EvidenceItem(
        e.modelId(),
        EvidenceKind.INCIDENT,
        e.eventTime(),
        e.windowStart(),
        e.eventTime(),
        e.eventId(),
        CloudEvents.toJson(e));
  }

  /**
   * The first delivery of an incident event to a notifier: the incident was communicated (or the
   * delivery failed, which is evidence too). Timed at the incident event's time.
   */
  public static EvidenceItem notification(
      IncidentEvent e,
      String notifier,
      String outcome,
      int attempts,
      Integer lastStatus,
      String lastError) {
    ObjectNode data = MAPPER.createObjectNode();
    data.put("incident_id", e.incidentId());
    data.put("event_id", e.eventId());
    data.put("event_type", e.type().cloudEventsType());
    data.put("model_id", e.modelId());
    data.put("series", e.seriesKey().asString());
    data.put("severity", e.severity().code());
    data.put("notifier", notifier);
    data.put("outcome", outcome);
    data.put("attempts", attempts);
    if (lastStatus != null) {
      data.put("last_status", lastStatus);
    }
    if (lastError != null) {
      data.put("last_error", lastError);
    }
    String type = e.type().cloudEventsType().replace("io.aimon.incident.", "");
    data.put(
        "summary",
        type
            + " "
            + outcome.replace('_', ' ')
            + (outcome.equals("delivered") ? " to " : " for ")
            + notifier
            + " after "
            + attempts
            + (attempts == 1 ? " attempt" : " attempts"));
    return new EvidenceItem(
        e.modelId(),
        EvidenceKind.NOTIFICATION,
        e.eventTime(),
        null,
        null,
        e.eventId() + "/" + notifier,
        data.toString());
  }

  /** The order of a step's corrective-action events, for ties at the same time. */
  private static final List<String> REMEDIATION_ORDER =
      List.of(
          RemediationEvent.ACTION_RECORDED,
          RemediationEvent.GRADE_OVERRIDDEN,
          RemediationEvent.EFFECTIVENESS_VERIFIED,
          RemediationEvent.EFFECTIVENESS_FAILED,
          RemediationEvent.GRADE_CHANGED);

  /**
   * A corrective-action event of an incident (an operator's action, an effectiveness verdict, a
   * grade). Ties at the same time are ordered by incident, event type and action id.
   */
  public static EvidenceItem correctiveAction(RemediationEvent e) {
    String order =
        e.incidentId()
            + "/"
            + REMEDIATION_ORDER.indexOf(e.type())
            + "/"
            + (e.actionId() == null ? "" : e.actionId());
    return new EvidenceItem(
        e.modelId(),
        EvidenceKind.CORRECTIVE_ACTION,
        e.time(),
        null,
        null,
        order,
        e.toData().toString());
  }

  /** A window's coverage: the events it evaluated and the checks it produced. */
  public static EvidenceItem coverage(
      String modelId, long windowStart, long windowEnd, long events, int checks, long breaches) {
    return coverage(
        modelId, windowStart, windowEnd, events, checks, breaches, MAPPER.createArrayNode());
  }

  /**
   * A window's coverage: the events it evaluated, where they were read ({@code sources}: per topic
   * partition or file the first and last offset or line, the event count, and a file's SHA-256) and
   * the checks it produced.
   */
  public static EvidenceItem coverage(
      String modelId,
      long windowStart,
      long windowEnd,
      long events,
      int checks,
      long breaches,
      ArrayNode sources) {
    ObjectNode data = MAPPER.createObjectNode();
    data.put("window_start", Instant.ofEpochMilli(windowStart).toString());
    data.put("window_end", Instant.ofEpochMilli(windowEnd).toString());
    data.put("events", events);
    data.put("checks", checks);
    data.put("breaches", breaches);
    data.set("sources", sources);
    return new EvidenceItem(
        modelId,
        EvidenceKind.COVERAGE,
        windowEnd,
        windowStart,
        windowEnd,
        "coverage",
        data.toString());
  }

  /**
   * The coverage counts of one dead letter: for the configured model its record names, or one
   * unattributed count per configured model when it names none. Counted at {@code time}.
   */
  public static List<DeadLetterCount> deadLetterCounts(
      DeadLetter dead, Set<String> models, long time) {
    String model = modelOf(dead.payload(), models);
    if (model != null) {
      return List.of(new DeadLetterCount(model, dead.reason(), true, time, 1));
    }
    return models.stream()
        .map(m -> new DeadLetterCount(m, dead.reason(), false, time, 1))
        .toList();
  }

  /**
   * The configured model a dead letter's payload names in {@code model_id}, or null when it names
   * none (not JSON, no such field, an unknown model). A lenient read: dead letters are rare.
   */
  static String modelOf(String payload, Set<String> models) {
    try {
      JsonNode o = LENIENT.readTree(payload);
      String id = o != null && o.path("model_id").isTextual() ? o.path("model_id").asText() : null;
      return id != null && models.contains(id) ? id : null;
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }

  /** A late inference event (its window was already evaluated; it is also a dead letter). */
  public static DeadLetterCount late(InferenceEvent e) {
    return new DeadLetterCount(e.modelId(), DeadLetterCount.LATE, true, e.timestamp(), 1);
  }

  static ObjectNode parse(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
