package io.aimon.evidence.export;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based UUIDs, version 5 (SHA-1, RFC 4122 section 4.3) in aimon's own namespace: the same name
 * always gives the same UUID, so an export can be repeated byte for byte. OSCAL accepts versions 4
 * and 5 only.
 */
final class NameUuid {
  /** aimon's namespace for export UUIDs (a fixed random UUID; never change it). */
  static final UUID NAMESPACE = UUID.fromString("5d3c2a4e-8f0b-4b7a-9c61-2e7f4a9d1b30");

  private NameUuid() {}

  /** The version 5 UUID of {@code name} (UTF-8) in {@link #NAMESPACE}. */
  static String of(String name) {
    return of(NAMESPACE, name);
  }

  /** The version 5 UUID of {@code name} (UTF-8) in {@code namespace}. */
  static String of(UUID namespace, String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
    ByteBuffer ns = ByteBuffer.allocate(16);
    ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
    sha1.update(ns.array());
    byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    h[6] = (byte) ((h[6] & 0x0f) | 0x50); // version 5
    h[8] = (byte) ((h[8] & 0x3f) | 0x80); // IETF variant
    ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
    return new UUID(b.getLong(), b.getLong()).toString();
  }
}
