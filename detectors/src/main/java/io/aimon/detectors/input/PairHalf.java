package io.aimon.detectors.input;

import io.aimon.detectors.event.RawRecord;
import java.util.Map;
import java.util.Objects;

/**
 * One half of an inference logged as two records, the request or the response, waiting for the
 * other: what its envelope said (id, time), its tensors (only those a configured model reads, so a
 * waiting half costs what its features cost, whatever else the message carried) and, for dead
 * letters, the start of its record.
 *
 * @param pairId the id both halves carry (a CloudEvents id, an OIP id, Seldon's request id), which
 *     the inference's events are named by
 * @param scope what {@code pairId} is unique within: the model, for Seldon Core 2 (one request id
 *     runs through every model of a pipeline); empty where ids are unique across models
 * @param side request or response
 * @param timestamp when the half was logged, epoch milliseconds
 * @param tensors the message's tensors, with the model and version its envelope or body names
 * @param excerpt the record's payload as a dead letter keeps it (at most {@link
 *     io.aimon.detectors.event.DeadLetter#MAX_PAYLOAD_CHARS} characters)
 * @param source where the record was read, for dead letters
 * @param position its offset or line
 * @param sizeBytes the record's size in bytes
 */
public record PairHalf(
    String pairId,
    String scope,
    Side side,
    long timestamp,
    InferenceTensors tensors,
    String excerpt,
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

    /** The side a half waits for. */
    public Side other() {
      return this == REQUEST ? RESPONSE : REQUEST;
    }
  }

  public PairHalf {
    Objects.requireNonNull(pairId, "pairId");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(tensors, "tensors");
    Objects.requireNonNull(excerpt, "excerpt");
    Objects.requireNonNull(source, "source");
  }

  /** What joins the two halves: the id within its scope. */
  public String joinKey() {
    return scope.isEmpty() ? pairId : scope + '\u0000' + pairId;
  }

  /** The record the half came from, as dead letters name it. */
  public RawRecord raw() {
    return new RawRecord(
        source, position, excerpt, sizeBytes, Map.of(), RawRecord.NO_TIMESTAMP, null, null);
  }
}
