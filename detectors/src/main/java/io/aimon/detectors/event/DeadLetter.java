package io.aimon.detectors.event;

import io.aimon.config.Text;
import java.util.Objects;

/**
 * A record that could not be used, with why and where it came from.
 *
 * @param reason stable reason code, see {@link DeadLetterReason#code()}
 * @param detail one line saying what exactly is wrong, e.g. {@code "score: expected a number, found
 *     a string"}
 * @param source where the record was read: {@code "topic/partition"} or a file name
 * @param position the Kafka offset or the 1-based file line
 * @param payload the raw payload, truncated to {@link #MAX_PAYLOAD_CHARS} characters
 * @param payloadBytes the full payload size in bytes
 */
public record DeadLetter(
    String reason, String detail, String source, long position, String payload, long payloadBytes) {

  /** Dead letters keep at most this many characters of the payload. */
  public static final int MAX_PAYLOAD_CHARS = 4096;

  public DeadLetter {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(source, "source");
    payload = truncate(payload == null ? "" : payload);
  }

  /** A dead letter for a raw record. */
  public static DeadLetter of(DeadLetterReason reason, String detail, RawRecord raw) {
    return new DeadLetter(
        reason.code(), detail, raw.source(), raw.position(), raw.payload(), raw.sizeBytes());
  }

  static String truncate(String s) {
    return Text.prefix(s, MAX_PAYLOAD_CHARS);
  }
}
