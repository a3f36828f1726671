package io.aimon.evidence;

import io.aimon.evidence.payload.EvidencePayload;
import java.util.Objects;

/**
 * Something a monitoring job observed that becomes one evidence record once {@link ChainWriter}
 * fixes its place in the model's chain.
 *
 * @param modelId the model, whose chain the record joins; non-blank
 * @param time epoch ms the record is about (window end, incident event time)
 * @param windowStart epoch ms, or null
 * @param windowEnd epoch ms, null exactly when {@code windowStart} is; required for coverage
 * @param order ties broken by this within the same time and kind (a check id, an event id), so the
 *     chain's order does not depend on how the job's streams interleave; non-null
 * @param payload the record's data, typed; non-null
 */
public record EvidenceItem(
    String modelId,
    long time,
    Long windowStart,
    Long windowEnd,
    String order,
    EvidencePayload payload) {

  public EvidenceItem {
    EvidenceJson.requireText(modelId, "model_id");
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(payload, "payload");
    if ((windowStart == null) != (windowEnd == null)) {
      throw new IllegalArgumentException(
          "window_start, window_end: expected both or neither, found "
              + (windowStart == null ? "only window_end" : "only window_start"));
    }
    if (payload.kind() == EvidenceKind.COVERAGE && windowStart == null) {
      throw new IllegalArgumentException(
          "window_start, window_end: required for kind coverage (the window it covers)");
    }
  }

  /** The kind of record this becomes: its payload's. */
  public EvidenceKind kind() {
    return payload.kind();
  }
}
