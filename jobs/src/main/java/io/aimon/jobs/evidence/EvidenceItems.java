package io.aimon.jobs.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.alerting.incident.CloudEvents;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.OutputJson;
import io.aimon.evidence.EvidenceKind;
import java.io.UncheckedIOException;

/** Turns what the monitor job produces into {@link EvidenceItem}s. */
public final class EvidenceItems {
  private static final ObjectMapper MAPPER = new ObjectMapper();

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
        EvidenceKind.CHECK.code(),
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
        EvidenceKind.INCIDENT.code(),
        e.eventTime(),
        e.windowStart(),
        e.eventTime(),
        e.eventId(),
        CloudEvents.toJson(e));
  }

  /** A window's coverage: the events it evaluated and the checks it produced. */
  public static EvidenceItem coverage(
      String modelId, long windowStart, long windowEnd, long events, int checks, long breaches) {
    ObjectNode data = MAPPER.createObjectNode();
    data.put("window_start", java.time.Instant.ofEpochMilli(windowStart).toString());
    data.put("window_end", java.time.Instant.ofEpochMilli(windowEnd).toString());
    data.put("events", events);
    data.put("checks", checks);
    data.put("breaches", breaches);
    return new EvidenceItem(
        modelId,
        EvidenceKind.COVERAGE.code(),
        windowEnd,
        windowStart,
        windowEnd,
        "coverage",
        data.toString());
  }

  /** Marks a late event: not a record itself, counted in the model's next coverage record. */
  public static final String LATE = "late";

  /** A late inference event (its window was already evaluated; it is also a dead letter). */
  public static EvidenceItem late(io.aimon.detectors.event.InferenceEvent e) {
    return new EvidenceItem(e.modelId(), LATE, e.timestamp(), null, null, e.inferenceId(), "{}");
  }

  static ObjectNode parse(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
