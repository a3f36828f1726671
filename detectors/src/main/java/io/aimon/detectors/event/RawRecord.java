package io.aimon.detectors.event;

import java.util.Objects;

/**
 * One undecoded record with its source position, as read from Kafka or a file.
 *
 * @param source {@code "topic/partition"} for Kafka, the file name for files
 * @param position the Kafka offset, or the 1-based line number in the file
 * @param payload the record text; for an oversize record only its first bytes (see sizeBytes)
 * @param sizeBytes the size of the full record in bytes
 */
public record RawRecord(String source, long position, String payload, long sizeBytes) {
  public RawRecord {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(payload, "payload");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes: expected >= 0, found " + sizeBytes);
    }
  }
}
