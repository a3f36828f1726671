package io.aimon.jobs.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.remediation.RemediationEvent;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.evidence.DeadLetterCount;
import io.aimon.evidence.EvidenceItem;
import io.aimon.evidence.payload.CheckEvidence;
import io.aimon.evidence.payload.CorrectiveActionEvidence;
import io.aimon.evidence.payload.CoverageEvidence;
import io.aimon.evidence.payload.DeadLetterTotals;
import io.aimon.evidence.payload.DeploymentEvidence;
import io.aimon.evidence.payload.IncidentEvidence;
import io.aimon.evidence.payload.NotificationEvidence;
import java.util.List;
import java.util.Set;

/**
 * Turns what the monitor job produces into {@link EvidenceItem}s (typed payloads placed in time)
 * and {@link DeadLetterCount}s.
 */
public final class EvidenceItems {
  /** Reads what the event decoder reads (NaN and Infinity too), to find a bad record's model. */
  private static final ObjectMapper LENIENT =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  /** The order of a step's corrective-action events, for ties at the same time. */
  private static final List<String> REMEDIATION_ORDER =
      List.of(
          RemediationEvent.ACTION_RECORDED,
          RemediationEvent.GRADE_OVERRIDDEN,
          RemediationEvent.EFFECTIVENESS_VERIFIED,
          RemediationEvent.EFFECTIVENESS_FAILED,
          RemediationEvent.GRADE_CHANGED);

  private EvidenceItems() {}

  /** The aimon version in evidence: the jar's, or {@code development} when run from classes. */
  public static String aimonVersion() {
    String v = EvidenceItems.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  /**
   * A check result, passing or not, with the config digest, the aimon version and the digest of the
   * monitoring plan it was judged by (null when none is recorded).
   */
  public static EvidenceItem check(CheckResult r, String configDigest, String planDigest) {
    return new EvidenceItem(
        r.modelId(),
        r.windowEnd(),
        r.windowStart(),
        r.windowEnd(),
        r.checkId(),
        new CheckEvidence(r, configDigest, aimonVersion(), planDigest));
  }

  /** A model version first seen in production, at the end of the window it was seen in. */
  public static EvidenceItem deployment(String modelId, DeploymentEvidence d) {
    return new EvidenceItem(
        modelId, d.windowEnd(), d.windowStart(), d.windowEnd(), "deployment/" + d.version(), d);
  }

  /** An incident lifecycle event, at its event time. */
  public static EvidenceItem incident(IncidentEvent e) {
    return new EvidenceItem(
        e.modelId(),
        e.eventTime(),
        e.windowStart(),
        e.eventTime(),
        e.eventId(),
        new IncidentEvidence(e));
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
    return new EvidenceItem(
        e.modelId(),
        e.eventTime(),
        null,
        null,
        e.eventId() + "/" + notifier,
        NotificationEvidence.of(e, notifier, outcome, attempts, lastStatus, lastError));
  }

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
        e.modelId(), e.time(), null, null, order, new CorrectiveActionEvidence(e));
  }

  /** A window's coverage; the chain writer counts the dead letters into it. */
  public static EvidenceItem coverage(String modelId, CoverageEvidence coverage) {
    return new EvidenceItem(
        modelId,
        coverage.windowEnd(),
        coverage.windowStart(),
        coverage.windowEnd(),
        "coverage",
        coverage);
  }

  /**
   * The coverage counts of one dead letter: for the configured model its record names, or one
   * unattributed count per configured model when it names none. Counted at {@code time}.
   */
  public static List<DeadLetterCount> deadLetterCounts(
      DeadLetter dead, Set<String> models, long time) {
    return deadLetterCounts(dead, null, models, time);
  }

  /**
   * As {@link #deadLetterCounts(DeadLetter, Set, long)}, for a record whose decoder knew its model
   * without reading it ({@code known}: a Seldon topic's model, SageMaker's configured one, a KServe
   * binary-mode header), or null when it did not.
   */
  public static List<DeadLetterCount> deadLetterCounts(
      DeadLetter dead, String known, Set<String> models, long time) {
    String model =
        known != null && models.contains(known) ? known : modelOf(dead.payload(), models);
    if (model != null) {
      return List.of(new DeadLetterCount(model, dead.reason(), true, time, 1));
    }
    return models.stream().map(m -> new DeadLetterCount(m, dead.reason(), false, time, 1)).toList();
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
    return new DeadLetterCount(e.modelId(), DeadLetterTotals.LATE, true, e.timestamp(), 1);
  }

  /** A repeated inference event (its id was already seen in its window; also a dead letter). */
  public static DeadLetterCount duplicate(InferenceEvent e) {
    return new DeadLetterCount(
        e.modelId(), DeadLetterReason.DUPLICATE_INFERENCE.code(), true, e.timestamp(), 1);
  }
}
