package io.aimon.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A signed record of evidence removed by retention ({@code evidence.retention}): the whole days of
 * a model's archive that went, and the seqs of the chain they held, {@code firstSeq..lastSeq},
 * always the chain's start (the oldest days go first). {@code lastHash} is the hash of the last
 * record removed, the {@code prev} of the first one kept, so the verifier can accept a chain that
 * starts at {@code lastSeq + 1} only through this record. Successive expiries write successive
 * records: the second starts at the first's {@code lastSeq + 1}. Layout version 1, one JSON line in
 * {@code model=<id>/_deletions.jsonl}:
 *
 * <pre>{@code
 * {"v":1,"kind":"deletion","model_id":"credit-risk","deleted_at":"2027-01-02T03:00:00Z",
 *  "retention":"365d","dates":["2026-01-01",...],"first_seq":1,"last_seq":1385,
 *  "last_hash":"<64 hex>","records":1385,"manifests":17,"timestamps":17,
 *  "public_key":"<base64 X.509>","key_id":"<16 hex>","signature":"<base64>"}
 * }</pre>
 *
 * <p>{@code signature} is the Ed25519 signature of the RFC 8785 form of this object without it,
 * made with the evidence signing key.
 *
 * @param version layout version, {@link #VERSION}
 * @param modelId the model
 * @param deletedAt epoch ms, when the expiry ran (wall clock)
 * @param retention the retention it applied, e.g. {@code 365d}
 * @param dates the UTC dates ({@code yyyy-MM-dd}) whose partitions were removed, sorted, not empty
 * @param firstSeq the first seq removed, >= 1
 * @param lastSeq the last seq removed, >= {@code firstSeq}
 * @param lastHash the hash of record {@code lastSeq}
 * @param records record lines removed
 * @param manifests manifest lines removed
 * @param timestamps time stamp lines removed
 * @param publicKey base64 of the X.509 encoding of the signer's public key
 * @param keyId {@link Ed25519Keys#keyId} of that key
 * @param signature base64 of the 64-byte Ed25519 signature
 */
public record Deletion(
    int version,
    String modelId,
    long deletedAt,
    String retention,
    List<String> dates,
    long firstSeq,
    long lastSeq,
    String lastHash,
    long records,
    long manifests,
    long timestamps,
    String publicKey,
    String keyId,
    String signature)
    implements ArchiveLine {
  /** The layout version this class reads and writes. */
  public static final int VERSION = 1;

  /** The {@code kind} of a deletion line. */
  public static final String KIND = "deletion";

  /**
   * The file, under {@code model=<id>/}, that deletion records are appended to; its name sorts
   * before the {@code date=} partitions, so a reader meets the records' new start first.
   */
  public static final String FILE = "_deletions.jsonl";

  private static final String UNSIGNED = Base64.getEncoder().encodeToString(new byte[64]);
  private static final Set<String> FIELDS =
      Set.of(
          "v",
          "kind",
          "model_id",
          "deleted_at",
          "retention",
          "dates",
          "first_seq",
          "last_seq",
          "last_hash",
          "records",
          "manifests",
          "timestamps",
          "public_key",
          "key_id",
          "signature");

  public Deletion {
    if (version != VERSION) {
      throw new IllegalArgumentException("v: expected " + VERSION + ", found " + version);
    }
    EvidenceJson.requireText(modelId, "model_id");
    EvidenceJson.requireText(retention, "retention");
    dates = List.copyOf(dates);
    if (dates.isEmpty()) {
      throw new IllegalArgumentException("dates: expected at least one date");
    }
    if (firstSeq < 1 || lastSeq < firstSeq) {
      throw new IllegalArgumentException(
          "first_seq, last_seq: expected 1 <= first_seq <= last_seq, found "
              + firstSeq
              + ", "
              + lastSeq);
    }
    EvidenceJson.requireHash(lastHash, "last_hash");
    if (records < 0 || manifests < 0 || timestamps < 0) {
      throw new IllegalArgumentException("records, manifests, timestamps: expected counts >= 0");
    }
    Objects.requireNonNull(publicKey, "public_key");
    if (!EvidenceJson.isLowerHex(keyId, 16)) {
      throw new IllegalArgumentException(
          "key_id: expected 16 lower-case hex digits, found " + EvidenceJson.quoted(keyId));
    }
    Objects.requireNonNull(signature, "signature");
  }

  /** The deletion record of these removed seqs, signed with {@code keys}. */
  public static Deletion sign(
      String modelId,
      long deletedAt,
      String retention,
      List<String> dates,
      long firstSeq,
      long lastSeq,
      String lastHash,
      long records,
      long manifests,
      long timestamps,
      KeyPair keys) {
    PublicKey pub = keys.getPublic();
    Deletion unsigned =
        new Deletion(
            VERSION,
            modelId,
            deletedAt,
            retention,
            dates,
            firstSeq,
            lastSeq,
            lastHash,
            records,
            manifests,
            timestamps,
            Base64.getEncoder().encodeToString(pub.getEncoded()),
            Ed25519Keys.keyId(pub),
            UNSIGNED);
    return unsigned.withSignature(
        Ed25519Keys.sign(keys, EvidenceJson.canonical(unsigned.toNode(false))));
  }

  /**
   * Whether the signature verifies: with {@code trusted}, only if the embedded key is that one;
   * without, against the embedded key (intact, not who signed).
   */
  public boolean signatureValid(PublicKey trusted) {
    return Ed25519Keys.embeddedSignatureValid(
        publicKey, keyId, EvidenceJson.canonical(toNode(false)), signature, trusted);
  }

  /** When the expiry ran: the line is kept apart from the date partitions, so any time will do. */
  @Override
  public long archiveTime() {
    return deletedAt;
  }

  @Override
  public String toJson() {
    return EvidenceJson.write(toNode(true));
  }

  /**
   * Reads the JSON form of layout version 1.
   *
   * @throws IllegalArgumentException naming the offending field
   */
  public static Deletion fromJson(String json) {
    ObjectNode o = EvidenceJson.parseObject(json);
    EvidenceJson.requireLine(o, VERSION, KIND, FIELDS);
    return new Deletion(
        VERSION,
        EvidenceJson.text(o, "model_id"),
        EvidenceJson.instant(o, "deleted_at"),
        EvidenceJson.text(o, "retention"),
        EvidenceJson.strings(o, "dates"),
        EvidenceJson.integer(o, "first_seq", 1),
        EvidenceJson.integer(o, "last_seq", 1),
        EvidenceJson.text(o, "last_hash"),
        EvidenceJson.integer(o, "records", 0),
        EvidenceJson.integer(o, "manifests", 0),
        EvidenceJson.integer(o, "timestamps", 0),
        EvidenceJson.text(o, "public_key"),
        EvidenceJson.text(o, "key_id"),
        EvidenceJson.text(o, "signature"));
  }

  private Deletion withSignature(String sig) {
    return new Deletion(
        version,
        modelId,
        deletedAt,
        retention,
        dates,
        firstSeq,
        lastSeq,
        lastHash,
        records,
        manifests,
        timestamps,
        publicKey,
        keyId,
        sig);
  }

  private ObjectNode toNode(boolean withSignature) {
    ObjectNode o = EvidenceJson.MAPPER.createObjectNode();
    o.put("v", version);
    o.put("kind", KIND);
    o.put("model_id", modelId);
    o.put("deleted_at", EvidenceJson.iso(deletedAt));
    o.put("retention", retention);
    o.set("dates", EvidenceJson.array(dates));
    o.put("first_seq", firstSeq);
    o.put("last_seq", lastSeq);
    o.put("last_hash", lastHash);
    o.put("records", records);
    o.put("manifests", manifests);
    o.put("timestamps", timestamps);
    o.put("public_key", publicKey);
    o.put("key_id", keyId);
    if (withSignature) {
      o.put("signature", signature);
    }
    return o;
  }
}
