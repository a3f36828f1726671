package io.aimon.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One piece of monitoring evidence, a link of its model's hash chain; layout versions 1 and 2.
 *
 * <p>JSON form, one line, members in this order ({@link #toJson()}, {@link #fromJson(String)}):
 *
 * <pre>{@code
 * {"v":2,"model_id":"credit-risk","seq":17,"kind":"check","time":"2026-01-01T06:00:00Z",
 *  "window_start":"2026-01-01T00:00:00Z","window_end":"2026-01-01T06:00:00Z",
 *  "clauses":["9.1"],"controls":["A.6.2.6"],"data":{...},"prev":"<64 hex>","hash":"<64 hex>"}
 * }</pre>
 *
 * <p>{@code window_start}/{@code window_end} are left out when the record has no window. Instants
 * are ISO-8601 UTC as {@link java.time.Instant#toString()} writes them, millisecond precision.
 *
 * <p>{@link #hash()} is the SHA-256 (lower-case hex) of the RFC 8785 canonical form of this JSON
 * object without its {@code "hash"} member; {@link #prev()} is the hash of the model's record
 * {@code seq - 1}, or {@link #GENESIS} for {@code seq} 1. Records are built by {@link
 * HashChain#append}; this constructor only checks the syntax of {@code prev} and {@code hash}, and
 * {@link #hashValid()} says whether the hash fits the content.
 *
 * @param version layout version: {@link #VERSION}, or {@link #V1} for records of older archives.
 *     The envelope is the same in both; in version 2 {@code data} has the typed layout of its kind
 *     ({@link io.aimon.evidence.payload.EvidenceCodec}), in version 1 it is any JSON object
 * @param modelId the model the evidence is about, non-blank
 * @param seq position in the model's chain, 1 for the first record, at most 2^53 - 1
 * @param kind what this is evidence of
 * @param time epoch milliseconds of what the record is about (a window's end, an incident's event
 *     time), not of when it was written
 * @param windowStart epoch ms of the window's start, or null when the record has no window
 * @param windowEnd epoch ms of the window's end (exclusive), null exactly when {@code windowStart}
 *     is; required for {@link EvidenceKind#COVERAGE}
 * @param clauses ISO/IEC 42001 clause ids, as {@link Iso42001#clauses} gave when written
 * @param controls ISO/IEC 42001 Annex A control ids, as {@link Iso42001#controls} gave
 * @param data the evidence itself, a JSON object; deep-copied in and out. Numbers must be finite
 *     and integers within +-(2^53 - 1), since RFC 8785 reads numbers as doubles
 * @param prev hash of the previous record of the model, 64 lower-case hex
 * @param hash this record's hash, 64 lower-case hex
 */
public record EvidenceRecord(
    int version,
    String modelId,
    long seq,
    EvidenceKind kind,
    long time,
    Long windowStart,
    Long windowEnd,
    List<String> clauses,
    List<String> controls,
    JsonNode data,
    String prev,
    String hash)
    implements ArchiveLine {

  /** The layout version written now: data typed by kind. */
  public static final int VERSION = 2;

  /** The first layout version: the same envelope, data any JSON object. Read, never written. */
  public static final int V1 = 1;

  /** The {@code prev} of a model's first record: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  private static final Set<String> FIELDS =
      Set.of(
          "v",
          "model_id",
          "seq",
          "kind",
          "time",
          "window_start",
          "window_end",
          "clauses",
          "controls",
          "data",
          "prev",
          "hash");

  public EvidenceRecord {
    requireKnownVersion(version);
    EvidenceJson.requireText(modelId, "model_id");
    if (seq < 1 || seq > EvidenceJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("seq: expected an integer in [1, 2^53 - 1], found " + seq);
    }
    Objects.requireNonNull(kind, "kind");
    if ((windowStart == null) != (windowEnd == null)) {
      throw new IllegalArgumentException(
          "window_start, window_end: expected both or neither, found "
              + (windowStart == null ? "only window_end" : "only window_start"));
    }
    if (windowStart != null && windowStart >= windowEnd) {
      throw new IllegalArgumentException(
          "window_end: expected after window_start "
              + EvidenceJson.iso(windowStart)
              + ", found "
              + EvidenceJson.iso(windowEnd));
    }
    if (kind == EvidenceKind.COVERAGE && windowStart == null) {
      throw new IllegalArgumentException(
          "window_start, window_end: required for kind coverage (the window it covers)");
    }
    clauses = copyIds(clauses, "clauses");
    controls = copyIds(controls, "controls");
    data = EvidenceJson.dataCopy(data);
    EvidenceJson.requireHash(prev, "prev");
    EvidenceJson.requireHash(hash, "hash");
  }

  /** A deep copy of the evidence data (a JSON object). */
  @Override
  public JsonNode data() {
    return data.deepCopy();
  }

  /**
   * SHA-256, lower-case hex, of the RFC 8785 canonical form of {@link #toJson()} without the {@code
   * "hash"} member. Whitespace, member order and number spelling do not matter; any change of a
   * value does.
   */
  public String computeHash() {
    return EvidenceJson.sha256Hex(EvidenceJson.canonical(toNode(false)));
  }

  /** Whether {@link #hash()} equals {@link #computeHash()}: false once the content was changed. */
  public boolean hashValid() {
    return hash.equals(computeHash());
  }

  /** The record's {@link #time()}. */
  @Override
  public long archiveTime() {
    return time;
  }

  /** The JSON form, one line without a line break (see the class comment). */
  @Override
  public String toJson() {
    return EvidenceJson.write(toNode(true));
  }

  /**
   * Reads the JSON form of layout version 1 or 2.
   *
   * @throws IllegalArgumentException naming the offending field, e.g. {@code seq: expected an
   *     integer >= 1, found the string "x"}; a manifest line says so
   */
  public static EvidenceRecord fromJson(String json) {
    return fromNode(EvidenceJson.parseObject(json));
  }

  static EvidenceRecord fromNode(ObjectNode o) {
    long v = EvidenceJson.integer(o, "v", 0);
    requireKnownVersion(v);
    JsonNode kindNode = o.get("kind");
    if (kindNode != null && Manifest.KIND.equals(kindNode.asText())) {
      throw new IllegalArgumentException(
          "kind: expected an evidence kind, found \"manifest\" (read it with Manifest.fromJson)");
    }
    EvidenceJson.onlyFields(o, FIELDS);
    EvidenceKind kind = EvidenceKind.ofCode(EvidenceJson.text(o, "kind"));
    JsonNode data = EvidenceJson.required(o, "data");
    return new EvidenceRecord(
        (int) v,
        EvidenceJson.text(o, "model_id"),
        EvidenceJson.integer(o, "seq", 1),
        kind,
        EvidenceJson.instant(o, "time"),
        EvidenceJson.optionalInstant(o, "window_start"),
        EvidenceJson.optionalInstant(o, "window_end"),
        EvidenceJson.strings(o, "clauses"),
        EvidenceJson.strings(o, "controls"),
        data,
        EvidenceJson.text(o, "prev"),
        EvidenceJson.text(o, "hash"));
  }

  private static void requireKnownVersion(long v) {
    if (v != VERSION && v != V1) {
      throw new IllegalArgumentException(
          "v: expected " + V1 + " or " + VERSION + " (the layouts this version knows), found " + v);
    }
  }

  /** This record with another hash; used by {@link HashChain} to seal a record. */
  EvidenceRecord withHash(String newHash) {
    return new EvidenceRecord(
        version,
        modelId,
        seq,
        kind,
        time,
        windowStart,
        windowEnd,
        clauses,
        controls,
        data,
        prev,
        newHash);
  }

  private ObjectNode toNode(boolean withHash) {
    ObjectNode o = EvidenceJson.MAPPER.createObjectNode();
    o.put("v", version);
    o.put("model_id", modelId);
    o.put("seq", seq);
    o.put("kind", kind.code());
    o.put("time", EvidenceJson.iso(time));
    if (windowStart != null) {
      o.put("window_start", EvidenceJson.iso(windowStart));
      o.put("window_end", EvidenceJson.iso(windowEnd));
    }
    o.set("clauses", EvidenceJson.array(clauses));
    o.set("controls", EvidenceJson.array(controls));
    o.set("data", data);
    o.put("prev", prev);
    if (withHash) {
      o.put("hash", hash);
    }
    return o;
  }

  private static List<String> copyIds(List<String> ids, String field) {
    if (ids == null) {
      throw new IllegalArgumentException(field + ": expected a list of ids, found null");
    }
    for (int i = 0; i < ids.size(); i++) {
      EvidenceJson.requireText(ids.get(i), field + "[" + i + "]");
    }
    return List.copyOf(ids);
  }
}
