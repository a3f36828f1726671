package io.aimon.evidence.export;

import io.aimon.config.Digests;
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
    return Digests.uuidV5(namespace, name).toString();
  }
}
