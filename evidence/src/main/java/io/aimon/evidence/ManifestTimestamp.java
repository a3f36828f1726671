package io.aimon.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

/**
 * An RFC 3161 time stamp token of a {@link Manifest}, stored beside it in the archive: a trusted
 * time stamping authority (TSA) signed, at {@code genTime}, that the manifest's bytes existed. A
 * hash chain and a signature prove order and origin; the token proves time, so a manifest re-signed
 * later no longer matches the token made when it was written. Layout version 1, one JSON line:
 *
 * <pre>{@code
 * {"v":1,"kind":"timestamp","model_id":"credit-risk","first_seq":1,"last_seq":4,
 *  "window_end":"2026-01-01T06:00:00Z","manifest_sha256":"<64 hex>",
 *  "tsa":"https://tsa.example.com/tsr","gen_time":"2026-01-01T06:00:01.250Z","token":"<base64>"}
 * }</pre>
 *
 * @param version layout version, {@link #VERSION}
 * @param modelId the model of the manifest
 * @param firstSeq the manifest's first seq: with {@code lastSeq}, which manifest this stamps
 * @param lastSeq the manifest's last seq
 * @param windowEnd epoch ms, the manifest's window end (the archive date it is stored under)
 * @param manifestSha256 hex SHA-256 of the manifest's {@link Manifest#stampedBytes()}: the message
 *     imprint the token must carry
 * @param tsa the URL of the TSA that issued the token
 * @param genTime epoch ms, the time the token says it was made (read from the token when written)
 * @param token base64 of the DER-encoded time stamp token (a CMS SignedData)
 */
public record ManifestTimestamp(
    int version,
    String modelId,
    long firstSeq,
    long lastSeq,
    long windowEnd,
    String manifestSha256,
    String tsa,
    long genTime,
    String token)
    implements ArchiveLine {
  /** The layout version this class reads and writes. */
  public static final int VERSION = 1;

  /** The {@code kind} of a time stamp line. */
  public static final String KIND = "timestamp";

  private static final Set<String> FIELDS =
      Set.of(
          "v",
          "kind",
          "model_id",
          "first_seq",
          "last_seq",
          "window_end",
          "manifest_sha256",
          "tsa",
          "gen_time",
          "token");

  public ManifestTimestamp {
    if (version != VERSION) {
      throw new IllegalArgumentException("v: expected " + VERSION + ", found " + version);
    }
    EvidenceJson.requireText(modelId, "model_id");
    if (firstSeq < 1 || lastSeq < firstSeq) {
      throw new IllegalArgumentException(
          "first_seq, last_seq: expected 1 <= first_seq <= last_seq, found "
              + firstSeq
              + ", "
              + lastSeq);
    }
    EvidenceJson.requireHash(manifestSha256, "manifest_sha256");
    EvidenceJson.requireText(tsa, "tsa");
    Objects.requireNonNull(token, "token");
    try {
      Base64.getDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "token: expected base64, found " + EvidenceJson.quoted(EvidenceJson.shorten(token)));
    }
  }

  /** The stamp of {@code m} by {@code tsa}: its token's DER bytes and the time it gives. */
  public static ManifestTimestamp of(Manifest m, String tsa, byte[] tokenDer, long genTime) {
    return new ManifestTimestamp(
        VERSION,
        m.modelId(),
        m.firstSeq(),
        m.lastSeq(),
        m.windowEnd(),
        EvidenceJson.sha256Hex(m.stampedBytes()),
        tsa,
        genTime,
        Base64.getEncoder().encodeToString(tokenDer));
  }

  /** The token's DER bytes. */
  public byte[] tokenBytes() {
    return Base64.getDecoder().decode(token);
  }

  /** Whether this stamps the manifest of {@code m}'s model and seqs (not whether it matches it). */
  public boolean stamps(Manifest m) {
    return modelId.equals(m.modelId()) && firstSeq == m.firstSeq() && lastSeq == m.lastSeq();
  }

  /** The manifest's window end: stored with the manifest it stamps. */
  @Override
  public long archiveTime() {
    return windowEnd;
  }

  @Override
  public String toJson() {
    ObjectNode o = EvidenceJson.MAPPER.createObjectNode();
    o.put("v", version);
    o.put("kind", KIND);
    o.put("model_id", modelId);
    o.put("first_seq", firstSeq);
    o.put("last_seq", lastSeq);
    o.put("window_end", EvidenceJson.iso(windowEnd));
    o.put("manifest_sha256", manifestSha256);
    o.put("tsa", tsa);
    o.put("gen_time", EvidenceJson.iso(genTime));
    o.put("token", token);
    return EvidenceJson.write(o);
  }

  /**
   * Reads the JSON form of layout version 1.
   *
   * @throws IllegalArgumentException naming the offending field
   */
  public static ManifestTimestamp fromJson(String json) {
    ObjectNode o = EvidenceJson.parseObject(json);
    EvidenceJson.requireLine(o, VERSION, KIND, FIELDS);
    return new ManifestTimestamp(
        VERSION,
        EvidenceJson.text(o, "model_id"),
        EvidenceJson.integer(o, "first_seq", 1),
        EvidenceJson.integer(o, "last_seq", 1),
        EvidenceJson.instant(o, "window_end"),
        EvidenceJson.text(o, "manifest_sha256"),
        EvidenceJson.text(o, "tsa"),
        EvidenceJson.instant(o, "gen_time"),
        EvidenceJson.text(o, "token"));
  }
}
