package io.aimon.detectors.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.detectors.common.JsonMembers;
import io.aimon.detectors.event.DeadLetter;
import java.time.Instant;

/**
 * The JSON forms of the job's output records: check results (contract 4) and dead letters, one
 * compact object per line or Kafka record. Null fields are omitted; times are ISO-8601 UTC. A check
 * result's optional {@code reason} follows its {@code status}, its optional {@code capped} and
 * {@code truncated} come last; {@code version} (a result of one model version's events) follows
 * {@code model_version}; a performance value's optional {@code estimate}, {@code estimation_error}
 * and {@code sampling_error} follow {@code value}; a flagged {@code change_point}'s {@code
 * changed_at} and {@code detected_at} come before {@code capped}; a record without them reads as
 * null.
 */
public final class OutputJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OutputJson() {}

  /** The check result record (contract 4), one compact line. */
  public static String checkResult(CheckResult r) {
    return write(checkResultNode(r));
  }

  /** The check result record (contract 4) as a JSON object, members in the order written. */
  public static ObjectNode checkResultNode(CheckResult r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("check_id", r.checkId());
    o.put("model_id", r.modelId());
    putIfNotNull(o, "model_version", r.modelVersion());
    putIfNotNull(o, "version", r.version());
    o.put("window_start", Instant.ofEpochMilli(r.windowStart()).toString());
    o.put("window_end", Instant.ofEpochMilli(r.windowEnd()).toString());
    o.put("metric", r.metric());
    putIfNotNull(o, "feature", r.feature());
    putIfNotNull(o, "attribute", r.attribute());
    putIfNotNull(o, "group", r.group());
    if (r.value() == null) {
      o.putNull("value");
    } else {
      o.put("value", r.value());
    }
    if (r.estimate() != null) {
      o.put("estimate", r.estimate());
      if (r.estimationError() != null) {
        o.put("estimation_error", r.estimationError());
      }
    }
    if (r.samplingError() != null) {
      o.put("sampling_error", r.samplingError());
    }
    if (r.pValue() != null) {
      o.put("p_value", r.pValue());
    }
    o.put("n", r.n());
    if (r.nReference() != null) {
      o.put("n_reference", r.nReference());
    }
    if (r.threshold() != null) {
      o.put("threshold", r.threshold());
    }
    o.put("status", r.status().code());
    putIfNotNull(o, "reason", r.reason());
    putIfNotNull(o, "reference_digest", r.referenceDigest());
    if (r.tp() != null) {
      o.put("tp", r.tp());
      o.put("fp", r.fp());
      o.put("tn", r.tn());
      o.put("fn", r.fn());
    }
    if (r.ciLower() != null) {
      o.putArray("ci95").add(r.ciLower()).add(r.ciUpper());
    }
    if (r.partial() != null) {
      o.put("partial", r.partial());
    }
    if (r.changedAt() != null) {
      o.put("changed_at", Instant.ofEpochMilli(r.changedAt()).toString());
      o.put("detected_at", Instant.ofEpochMilli(r.detectedAt()).toString());
    }
    if (r.capped() != null) {
      o.put("capped", r.capped());
    }
    if (r.truncated() != null) {
      o.put("truncated", r.truncated());
    }
    return o;
  }

  /**
   * Reads a check result record written by {@link #checkResultNode}; members it does not know are
   * ignored.
   *
   * @throws IllegalArgumentException naming the first missing or malformed member
   */
  public static CheckResult readCheckResult(JsonNode o) {
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("check result: expected a JSON object");
    }
    JsonNode ci = o.get("ci95");
    boolean hasCi = ci != null && ci.isArray() && ci.size() == 2;
    return new CheckResult(
        JsonMembers.text(o, "check_id", true),
        JsonMembers.text(o, "model_id", true),
        JsonMembers.text(o, "model_version", false),
        JsonMembers.instant(o, "window_start"),
        JsonMembers.instant(o, "window_end"),
        JsonMembers.text(o, "metric", true),
        JsonMembers.text(o, "feature", false),
        JsonMembers.text(o, "attribute", false),
        JsonMembers.text(o, "group", false),
        JsonMembers.number(o, "value"),
        JsonMembers.number(o, "p_value"),
        JsonMembers.integer(o, "n", true),
        JsonMembers.integer(o, "n_reference", false),
        JsonMembers.number(o, "threshold"),
        CheckStatus.ofCode(JsonMembers.text(o, "status", true)),
        JsonMembers.text(o, "reference_digest", false),
        JsonMembers.integer(o, "tp", false),
        JsonMembers.integer(o, "fp", false),
        JsonMembers.integer(o, "tn", false),
        JsonMembers.integer(o, "fn", false),
        o.path("partial").isBoolean() ? o.get("partial").booleanValue() : null,
        hasCi ? ci.get(0).doubleValue() : null,
        hasCi ? ci.get(1).doubleValue() : null,
        JsonMembers.text(o, "reason", false),
        JsonMembers.integer(o, "capped", false),
        JsonMembers.integer(o, "truncated", false),
        JsonMembers.text(o, "version", false),
        JsonMembers.number(o, "sampling_error"),
        JsonMembers.number(o, "estimate"),
        o.has("changed_at") ? JsonMembers.instant(o, "changed_at") : null,
        o.has("detected_at") ? JsonMembers.instant(o, "detected_at") : null);
  }

  public static String deadLetter(DeadLetter d) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("reason", d.reason());
    o.put("detail", d.detail());
    o.put("source", d.source());
    o.put("position", d.position());
    o.put("payload_bytes", d.payloadBytes());
    o.put("payload", d.payload());
    return write(o);
  }

  private static void putIfNotNull(ObjectNode o, String k, String v) {
    if (v != null) {
      o.put(k, v);
    }
  }

  private static String write(ObjectNode o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
