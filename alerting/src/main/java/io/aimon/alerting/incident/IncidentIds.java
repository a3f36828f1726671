package io.aimon.alerting.incident;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The deterministic ids of incidents and incident events. They depend only on the series, the
 * window that opened the episode and (for events) the event type and window, never on the wall
 * clock or on processing order, so a restarted or replayed job gives the same ids and consumers can
 * deduplicate.
 *
 * <ul>
 *   <li>{@link #dedupKey}: the first 16 bytes, in hex (32 characters), of SHA-256 over {@code
 *       "aimon.incident.v1\n" + seriesKey.asString() + "\n" + openingWindowStart} (epoch ms in
 *       decimal);
 *   <li>{@link #incidentId}: a name-based UUID version 5 (RFC 9562 section 5.5, SHA-1) of the dedup
 *       key in the namespace {@link #NAMESPACE};
 *   <li>{@link #eventId}: the first 16 bytes, in hex, of SHA-256 over {@code dedupKey + "\n" + type
 *       + "\n" + windowEnd}.
 * </ul>
 *
 * Changing any of these derivations changes every id: don't.
 */
public final class IncidentIds {

  /** The UUID namespace of incident ids (a fixed random UUID). */
  public static final UUID NAMESPACE = UUID.fromString("6f1c9b52-3f0e-4a8e-9d57-2b6a41e0c7d3");

  private IncidentIds() {}

  /** The deduplication key of the episode of {@code series} opened by the window starting then. */
  public static String dedupKey(SeriesKey series, long openingWindowStart) {
    return sha256Hex("aimon.incident.v1\n" + series.asString() + "\n" + openingWindowStart);
  }

  /** The incident id of the episode with this dedup key: a version 5 UUID string. */
  public static String incidentId(String dedupKey) {
    return uuidV5(NAMESPACE, dedupKey).toString();
  }

  /** The CloudEvents id of the event of {@code type} for the window ending at {@code windowEnd}. */
  public static String eventId(String dedupKey, IncidentEvent.Type type, long windowEnd) {
    return sha256Hex(dedupKey + "\n" + type.cloudEventsType() + "\n" + windowEnd);
  }

  /** A version 5 (SHA-1, name-based) UUID of {@code name} (UTF-8) in {@code namespace}. */
  static UUID uuidV5(UUID namespace, String name) {
    byte[] ns =
        ByteBuffer.allocate(16)
            .putLong(namespace.getMostSignificantBits())
            .putLong(namespace.getLeastSignificantBits())
            .array();
    byte[] h = digest("SHA-1", ns, name.getBytes(StandardCharsets.UTF_8));
    h[6] = (byte) ((h[6] & 0x0f) | 0x50); // version 5
    h[8] = (byte) ((h[8] & 0x3f) | 0x80); // IETF variant
    ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
    return new UUID(b.getLong(), b.getLong());
  }

  private static String sha256Hex(String text) {
    byte[] d = digest("SHA-256", text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d, 0, 16);
  }

  private static byte[] digest(String algorithm, byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm);
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required of every JVM", e);
    }
  }
}
