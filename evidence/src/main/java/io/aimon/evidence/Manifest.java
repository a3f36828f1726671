package io.aimon.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A signed list of the hashes of a model's chain records {@code [firstSeq..lastSeq]}, written when
 * a window closes and covering the records written since the previous manifest; layout version 1.
 * Manifests make deletion at the end of a chain, and a chain rewritten from some record on,
 * detectable: only the holder of the private key can sign one.
 *
 * <pre>{@code
 * Manifest m = Manifest.sign("credit-risk", windowStart, windowEnd, recordsSinceLastManifest, keys);
 * sink.write(m.toJson());
 * }</pre>
 *
 * <p>JSON form, one line, members in this order:
 *
 * <pre>{@code
 * {"v":1,"kind":"manifest","model_id":"credit-risk","window_start":"2026-01-01T00:00:00Z",
 *  "window_end":"2026-01-01T06:00:00Z","first_seq":1,"last_seq":4,"hashes":["<64 hex>",...],
 *  "head":"<64 hex>","public_key":"<base64 X.509>","key_id":"<16 hex>","signature":"<base64>"}
 * }</pre>
 *
 * <p>{@code signature} is the Ed25519 signature (base64, 64 bytes) of the RFC 8785 canonical form
 * of this object without its {@code "signature"} member. Ed25519 signatures are deterministic, so
 * signing the same records again gives the same line.
 *
 * @param version layout version, {@link #VERSION}
 * @param modelId the model of the records
 * @param windowStart epoch ms, start of the closed window that triggered this manifest
 * @param windowEnd epoch ms, its end (exclusive), not before {@code windowStart} (equal for a
 *     manifest of records without a window, e.g. the last ones of a bounded run)
 * @param firstSeq seq of the first listed record, >= 1
 * @param lastSeq seq of the last listed record, >= {@code firstSeq}
 * @param hashes the records' hashes in seq order, {@code lastSeq - firstSeq + 1} of them
 * @param head the last of {@code hashes}
 * @param publicKey base64 of the X.509 encoding of the signer's public key, so a verifier without a
 *     trusted key can still check the signature (consistency, not authenticity)
 * @param keyId {@link Ed25519Keys#keyId} of that public key
 * @param signature base64 of the 64-byte Ed25519 signature
 */
public record Manifest(
    int version,
    String modelId,
    long windowStart,
    long windowEnd,
    long firstSeq,
    long lastSeq,
    List<String> hashes,
    String head,
    String publicKey,
    String keyId,
    String signature)
    implements ArchiveLine {

  /** The layout version this class writes. */
  public static final int VERSION = 1;

  /** The {@code "kind"} of a manifest line, which tells it from an evidence record. */
  public static final String KIND = "manifest";

  private static final int SIGNATURE_BYTES = 64;
  private static final String UNSIGNED =
      Base64.getEncoder().encodeToString(new byte[SIGNATURE_BYTES]);
  private static final Set<String> FIELDS =
      Set.of(
          "v",
          "kind",
          "model_id",
          "window_start",
          "window_end",
          "first_seq",
          "last_seq",
          "hashes",
          "head",
          "public_key",
          "key_id",
          "signature");

  public Manifest {
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "v: expected " + VERSION + " (the only layout this version knows), found " + version);
    }
    EvidenceJson.requireText(modelId, "model_id");
    if (windowStart > windowEnd) {
      throw new IllegalArgumentException(
          "window_end: expected at or after window_start "
              + EvidenceJson.iso(windowStart)
              + ", found "
              + EvidenceJson.iso(windowEnd));
    }
    if (firstSeq < 1 || firstSeq > EvidenceJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException(
          "first_seq: expected an integer in [1, 2^53 - 1], found " + firstSeq);
    }
    if (lastSeq < firstSeq || lastSeq > EvidenceJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException(
          "last_seq: expected an integer in [first_seq "
              + firstSeq
              + ", 2^53 - 1], found "
              + lastSeq);
    }
    if (hashes == null) {
      throw new IllegalArgumentException("hashes: expected a list, found null");
    }
    if (hashes.size() != lastSeq - firstSeq + 1) {
      throw new IllegalArgumentException(
          "hashes: expected "
              + (lastSeq - firstSeq + 1)
              + " (last_seq - first_seq + 1), found "
              + hashes.size());
    }
    for (int i = 0; i < hashes.size(); i++) {
      EvidenceJson.requireHash(hashes.get(i), "hashes[" + i + "]");
    }
    hashes = List.copyOf(hashes);
    EvidenceJson.requireHash(head, "head");
    if (!head.equals(hashes.get(hashes.size() - 1))) {
      throw new IllegalArgumentException(
          "head: expected the last of hashes " + hashes.get(hashes.size() - 1) + ", found " + head);
    }
    if (publicKey == null || publicKey.isEmpty() || decode(publicKey) == null) {
      throw new IllegalArgumentException(
          "public_key: expected base64 of an X.509 public key, found "
              + EvidenceJson.quoted(publicKey));
    }
    if (!EvidenceJson.isLowerHex(keyId, 16)) {
      throw new IllegalArgumentException(
          "key_id: expected 16 lower-case hex digits, found " + EvidenceJson.quoted(keyId));
    }
    byte[] sig = signature == null ? null : decode(signature);
    if (sig == null || sig.length != SIGNATURE_BYTES) {
      throw new IllegalArgumentException(
          "signature: expected base64 of 64 bytes (Ed25519), found "
              + (sig == null ? EvidenceJson.quoted(signature) : sig.length + " bytes"));
    }
  }

  /**
   * Signs the hashes of {@code records}, which must be consecutive records of one chain.
   *
   * @param modelId the model; every record must be of it
   * @param windowStart epoch ms, start of the window whose close triggers this manifest
   * @param windowEnd epoch ms, its end
   * @param records the chain records written since the previous manifest, in seq order, non-empty,
   *     consecutive seqs, each linked to the one before and with a valid hash
   * @param keys an Ed25519 key pair; its public key is embedded
   * @throws IllegalArgumentException naming the first offending record, or when the public key does
   *     not belong to the private key
   */
  public static Manifest sign(
      String modelId,
      long windowStart,
      long windowEnd,
      List<EvidenceRecord> records,
      KeyPair keys) {
    if (records == null || records.isEmpty()) {
      throw new IllegalArgumentException("records: expected at least one record, found none");
    }
    List<String> hashes = new ArrayList<>(records.size());
    EvidenceRecord before = null;
    for (int i = 0; i < records.size(); i++) {
      EvidenceRecord r = Objects.requireNonNull(records.get(i), "records[" + i + "]");
      String where = "records[" + i + "] (seq " + r.seq() + ")";
      if (!r.modelId().equals(modelId)) {
        throw new IllegalArgumentException(
            where + ": expected model_id " + modelId + ", found " + r.modelId());
      }
      if (before != null && r.seq() != before.seq() + 1) {
        throw new IllegalArgumentException(
            where + ": expected seq " + (before.seq() + 1) + " (consecutive), found " + r.seq());
      }
      if (before != null && !r.prev().equals(before.hash())) {
        throw new IllegalArgumentException(
            where + ": prev does not link to the hash of seq " + before.seq());
      }
      if (!r.hashValid()) {
        throw new IllegalArgumentException(where + ": hash does not match the record's content");
      }
      hashes.add(r.hash());
      before = r;
    }
    return sign(modelId, windowStart, windowEnd, records.get(0).seq(), hashes, keys);
  }

  /**
   * Signs {@code hashes}, the hashes of a chain's records {@code firstSeq, firstSeq + 1, ...}: what
   * a writer that keeps hashes, not records, signs ({@link ChainWriter}).
   *
   * @param firstSeq the seq of the record whose hash is {@code hashes.get(0)}, >= 1
   * @param hashes non-empty, each 64 lower-case hex
   * @throws IllegalArgumentException as the constructor, or when the public key does not belong to
   *     the private key
   */
  public static Manifest sign(
      String modelId,
      long windowStart,
      long windowEnd,
      long firstSeq,
      List<String> hashes,
      KeyPair keys) {
    if (hashes == null || hashes.isEmpty()) {
      throw new IllegalArgumentException("hashes: expected at least one hash, found none");
    }
    Ed25519Keys.requireMatching(keys);
    PublicKey pub = keys.getPublic();
    Manifest unsigned =
        new Manifest(
            VERSION,
            modelId,
            windowStart,
            windowEnd,
            firstSeq,
            firstSeq + hashes.size() - 1,
            hashes,
            hashes.get(hashes.size() - 1),
            Base64.getEncoder().encodeToString(pub.getEncoded()),
            Ed25519Keys.keyId(pub),
            UNSIGNED);
    return unsigned.withSignature(Ed25519Keys.sign(keys, unsigned.signedBytes()));
  }

  /**
   * Whether the signature verifies with the manifest's own {@link #publicKey()} and {@link
   * #keyId()} fits that key: the manifest is intact, but anyone could have signed it. Use {@link
   * #signatureValid(PublicKey)} to also know who.
   */
  public boolean signatureValid() {
    return Ed25519Keys.embeddedSignatureValid(publicKey, keyId, signedBytes(), signature, null);
  }

  /**
   * Whether the manifest was signed with {@code trusted}: the embedded public key must be {@code
   * trusted} and the signature must verify.
   */
  public boolean signatureValid(PublicKey trusted) {
    Objects.requireNonNull(trusted, "trusted");
    return Ed25519Keys.embeddedSignatureValid(publicKey, keyId, signedBytes(), signature, trusted);
  }

  /** The window end: the manifest is archived with the records of the window it closes. */
  @Override
  public long archiveTime() {
    return windowEnd;
  }

  /** The JSON form, one line without a line break (see the class comment). */
  @Override
  public String toJson() {
    return EvidenceJson.write(toNode(true));
  }

  /**
   * Reads the JSON form of layout version 1.
   *
   * @throws IllegalArgumentException naming the offending field
   */
  public static Manifest fromJson(String json) {
    return fromNode(EvidenceJson.parseObject(json));
  }

  static Manifest fromNode(ObjectNode o) {
    EvidenceJson.requireLine(o, VERSION, KIND, FIELDS);
    return new Manifest(
        VERSION,
        EvidenceJson.text(o, "model_id"),
        EvidenceJson.instant(o, "window_start"),
        EvidenceJson.instant(o, "window_end"),
        EvidenceJson.integer(o, "first_seq", 1),
        EvidenceJson.integer(o, "last_seq", 1),
        EvidenceJson.strings(o, "hashes"),
        EvidenceJson.text(o, "head"),
        EvidenceJson.text(o, "public_key"),
        EvidenceJson.text(o, "key_id"),
        EvidenceJson.text(o, "signature"));
  }

  /**
   * The bytes a time stamp is over ({@link ManifestTimestamp}): the RFC 8785 form of the whole
   * JSON, signature included, so a manifest re-signed after it was stamped no longer matches.
   */
  public byte[] stampedBytes() {
    return EvidenceJson.canonical(toNode(true));
  }

  /** The bytes the signature is over: RFC 8785 form of the JSON without "signature". */
  byte[] signedBytes() {
    return EvidenceJson.canonical(toNode(false));
  }

  private Manifest withSignature(String sig) {
    return new Manifest(
        version,
        modelId,
        windowStart,
        windowEnd,
        firstSeq,
        lastSeq,
        hashes,
        head,
        publicKey,
        keyId,
        sig);
  }

  private ObjectNode toNode(boolean withSignature) {
    ObjectNode o = EvidenceJson.MAPPER.createObjectNode();
    o.put("v", version);
    o.put("kind", KIND);
    o.put("model_id", modelId);
    o.put("window_start", EvidenceJson.iso(windowStart));
    o.put("window_end", EvidenceJson.iso(windowEnd));
    o.put("first_seq", firstSeq);
    o.put("last_seq", lastSeq);
    o.set("hashes", EvidenceJson.array(hashes));
    o.put("head", head);
    o.put("public_key", publicKey);
    o.put("key_id", keyId);
    if (withSignature) {
      o.put("signature", signature);
    }
    return o;
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
