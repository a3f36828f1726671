package io.aimon.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.evidence.payload.EvidenceCodec;
import io.aimon.evidence.payload.EvidencePayload;
import java.io.Serializable;
import java.util.Objects;

/**
 * Appends evidence records to a model's hash chain. The chain's whole state is the small {@link
 * State} (last seq and head hash), which a Flink job keeps in keyed state per model.
 *
 * <pre>{@code
 * HashChain.State state = HashChain.State.INITIAL;          // or restored from a checkpoint
 * EvidenceRecord r = HashChain.append(state, "credit-risk",
 *     windowEnd, windowStart, windowEnd, new CheckEvidence(result, configDigest, version));
 * state = HashChain.after(r);
 * sink.write(r.toJson());
 * }</pre>
 *
 * <p>Invariants, for the records {@code r1, r2, ...} appended in order from {@link State#INITIAL}:
 *
 * <ol>
 *   <li>{@code rk.seq() == k}.
 *   <li>{@code r1.prev()} is {@link EvidenceRecord#GENESIS}; {@code rk.prev() == r(k-1).hash()}.
 *   <li>{@code rk.hash() == rk.computeHash()}: every appended record is sealed.
 *   <li>{@code rk.version()} is {@link EvidenceRecord#VERSION} and its data is {@link
 *       EvidenceCodec#encode} of the payload, so it decodes back to an equal payload.
 *   <li>{@code rk.clauses()} and {@code rk.controls()} are {@link Iso42001}'s for its kind.
 *   <li>{@code after(rk) == new State(k, rk.hash())}.
 *   <li>Deterministic: the same state and arguments give an equal record with the same {@link
 *       EvidenceRecord#toJson()} bytes, with no clock or randomness involved; so a job restored
 *       from a checkpoint re-creates exactly the records it had written after that checkpoint.
 * </ol>
 */
public final class HashChain {
  private HashChain() {}

  /**
   * Where a model's chain stands: the seq and hash of its last record.
   *
   * @param seq the last record's seq, 0 before the first record
   * @param head the last record's hash, {@link EvidenceRecord#GENESIS} before the first record
   */
  public record State(long seq, String head) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The state of an empty chain: (0, GENESIS). */
    public static final State INITIAL = new State(0, EvidenceRecord.GENESIS);

    public State {
      if (seq < 0 || seq >= EvidenceJson.MAX_SAFE_INTEGER) {
        throw new IllegalArgumentException(
            "seq: expected an integer in [0, 2^53 - 2], found " + seq);
      }
      EvidenceJson.requireHash(head, "head");
      if (seq == 0 && !head.equals(EvidenceRecord.GENESIS)) {
        throw new IllegalArgumentException("head: expected GENESIS for seq 0, found " + head);
      }
    }
  }

  /**
   * The next record of the chain in state {@code s}: seq {@code s.seq() + 1}, prev {@code
   * s.head()}, kind, clauses and controls of the payload's kind ({@link Iso42001}), data in the
   * payload's layout ({@link EvidenceCodec}), hash computed.
   *
   * @param time epoch ms the record is about (a window's end, an incident's event time)
   * @param windowStart epoch ms, or null for a record without window (required for coverage)
   * @param windowEnd epoch ms, exclusive, or null
   * @param payload the evidence
   * @throws IllegalArgumentException as {@link EvidenceRecord}'s constructor
   */
  public static EvidenceRecord append(
      State s,
      String modelId,
      long time,
      Long windowStart,
      Long windowEnd,
      EvidencePayload payload) {
    Objects.requireNonNull(s, "state");
    EvidenceKind kind = Objects.requireNonNull(payload, "payload").kind();
    return seal(
        EvidenceRecord.VERSION,
        s,
        modelId,
        kind,
        time,
        windowStart,
        windowEnd,
        EvidenceCodec.encode(payload));
  }

  /** The next record of layout {@code version} holding {@code data} as it is, hash computed. */
  static EvidenceRecord seal(
      int version,
      State s,
      String modelId,
      EvidenceKind kind,
      long time,
      Long windowStart,
      Long windowEnd,
      JsonNode data) {
    EvidenceRecord draft =
        new EvidenceRecord(
            version,
            modelId,
            s.seq() + 1,
            kind,
            time,
            windowStart,
            windowEnd,
            Iso42001.clauses(kind),
            Iso42001.controls(kind),
            data,
            s.head(),
            EvidenceRecord.GENESIS);
    return draft.withHash(draft.computeHash());
  }

  /**
   * Hex SHA-256 of the RFC 8785 canonical form of {@code node}: how record hashes are made, and the
   * digest of a monitoring plan.
   */
  public static String canonicalSha256(com.fasterxml.jackson.databind.JsonNode node) {
    return EvidenceJson.sha256Hex(EvidenceJson.canonical(node));
  }

  /** The state after {@code r}: ({@code r.seq()}, {@code r.hash()}). */
  public static State after(EvidenceRecord r) {
    return new State(r.seq(), r.hash());
  }
}
