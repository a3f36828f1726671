package io.aimon.detectors.event;

import java.util.Map;
import java.util.Objects;

/**
 * One undecoded record with its source position, as read from Kafka or a file.
 *
 * <p>Text formats carry the record as {@link #payload()}; binary formats (protobuf) carry its bytes
 * in {@link #bytes()} and an empty payload. Formats that read Kafka headers or the record's key and
 * timestamp (CloudEvents in binary mode, Seldon's topics) get them here; a file has none.
 *
 * @param source {@code "topic/partition"} for Kafka, the file name for files
 * @param position the Kafka offset, or the 1-based line number in the file
 * @param payload the record text; for an oversize record only its first bytes (see sizeBytes)
 * @param sizeBytes the size of the full record in bytes
 * @param headers the Kafka headers read (name to UTF-8 text, the first value of a repeated name;
 *     copied, unmodifiable), empty for files and for formats that read none
 * @param timestamp the Kafka record's timestamp in epoch milliseconds, or {@link #NO_TIMESTAMP}
 * @param key the Kafka record's key as UTF-8 text, or null
 * @param bytes the record's bytes for a binary format (the first bytes of an oversize one), or null
 */
public record RawRecord(
    String source,
    long position,
    String payload,
    long sizeBytes,
    Map<String, String> headers,
    long timestamp,
    String key,
    byte[] bytes) {

  /** The timestamp of a record that has none (a file line). */
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  public RawRecord {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(payload, "payload");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes: expected >= 0, found " + sizeBytes);
    }
    headers = headers == null || headers.isEmpty() ? Map.of() : Map.copyOf(headers);
  }

  /** A text record without headers, key or timestamp (a file line, or a plain Kafka value). */
  public RawRecord(String source, long position, String payload, long sizeBytes) {
    this(source, position, payload, sizeBytes, Map.of(), NO_TIMESTAMP, null, null);
  }

  /** The header {@code name}, or null when the record has none of that name. */
  public String header(String name) {
    return headers.get(name);
  }

  /** True when the record holds bytes (a binary format) rather than text. */
  public boolean binary() {
    return bytes != null;
  }
}
