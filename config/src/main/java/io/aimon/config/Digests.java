package io.aimon.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The digests aimon names things by: SHA-256 (config, reference profiles, input files, check ids,
 * evidence hashes) and name-based UUIDs of version 5 (incident ids, export UUIDs). One place, so
 * every module computes them alike; every JDK has both algorithms.
 */
public final class Digests {
  private static final HexFormat HEX = HexFormat.of();

  private Digests() {}

  /** A fresh SHA-256 digest, for content read in pieces. */
  public static MessageDigest sha256() {
    return digest("SHA-256");
  }

  /** The SHA-256 of {@code bytes}, 32 bytes. */
  public static byte[] sha256(byte[] bytes) {
    return sha256().digest(bytes);
  }

  /** The SHA-256 of {@code bytes}, 64 lower-case hex digits. */
  public static String sha256Hex(byte[] bytes) {
    return HEX.formatHex(sha256(bytes));
  }

  /** The first {@code bytes} bytes of the SHA-256 of {@code text} (UTF-8), lower-case hex. */
  public static String sha256Prefix(String text, int bytes) {
    return HEX.formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)), 0, bytes);
  }

  /**
   * The version 5 (SHA-1, name-based; RFC 9562 section 5.5) UUID of {@code name} (UTF-8) in {@code
   * namespace}: the same name always gives the same UUID.
   */
  public static UUID uuidV5(UUID namespace, String name) {
    MessageDigest sha1 = digest("SHA-1");
    sha1.update(
        ByteBuffer.allocate(16)
            .putLong(namespace.getMostSignificantBits())
            .putLong(namespace.getLeastSignificantBits())
            .array());
    byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    h[6] = (byte) ((h[6] & 0x0f) | 0x50); // version 5
    h[8] = (byte) ((h[8] & 0x3f) | 0x80); // IETF variant
    ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
    return new UUID(b.getLong(), b.getLong());
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required of every JDK", e);
    }
  }
}
