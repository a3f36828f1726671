package io.aimon.detectors.input;

import io.aimon.detectors.event.RawRecord;
import java.util.Map;
import java.util.Objects;

/**
 * One half of an inference logged as two records, the request or the response, waiting for the
 * other: what its envelope said (id, time, model) and its body, read into tensors once both halves
 * are there.
 *
 * @param pairId the id both halves carry (a CloudEvents id, an OIP id, Seldon's request id)
 * @param side request or response
 * @param timestamp when the half was logged, epoch milliseconds
 * @param modelId the model the envelope names, or null when only the other half names it
 * @param modelVersion the model version the envelope names, or null
 * @param body the body text (JSON formats), or "" for a binary body
 * @param bytes the body bytes (protobuf), or null for a text body
 * @param source where the record was read, for dead letters
 * @param position its offset or line
 * @param sizeBytes the record's size in bytes
 */
public record PairHalf(
    String pairId,
    Side side,
    long timestamp,
    String modelId,
    String modelVersion,
    String body,
    byte[] bytes,
    String source,
    long position,
    long sizeBytes) {

  /** Which half of the inference a record is. */
  public enum Side {
    REQUEST,
    RESPONSE;

    /** The name in dead letters' details. */
    public String word() {
      return this == REQUEST ? "request" : "response";
    }
  }

  public PairHalf {
    Objects.requireNonNull(pairId, "pairId");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(source, "source");
  }

  /** The half as the record it came from (for dead letters), without headers. */
  public RawRecord raw() {
    return new RawRecord(
        source, position, body, sizeBytes, Map.of(), RawRecord.NO_TIMESTAMP, null, bytes);
  }
}
