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

  /** The prefix of a binary record's payload. */
  public static final String BASE64 = "base64:";

  public DeadLetter {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(source, "source");
    payload = truncate(payload == null ? "" : payload);
  }

  /** A dead letter for a raw record. */
  public static DeadLetter of(DeadLetterReason reason, String detail, RawRecord raw) {
    return new DeadLetter(
        reason.code(), detail, raw.source(), raw.position(), payloadOf(raw), raw.sizeBytes());
  }

  /**
   * The payload a dead letter keeps of a record, at most {@link #MAX_PAYLOAD_CHARS} characters: its
   * text, or for a binary record {@code base64:} and the Base64 of its first bytes.
   */
  public static String excerpt(RawRecord raw) {
    return truncate(payloadOf(raw));
  }

  private static String payloadOf(RawRecord raw) {
    if (!raw.binary()) {
      return raw.payload();
    }
    int keep = Math.min(raw.bytes().length, (MAX_PAYLOAD_CHARS - BASE64.length()) / 4 * 3);
    return BASE64
        + java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw.bytes(), keep));
  }

  static String truncate(String s) {
    return Text.prefix(s, MAX_PAYLOAD_CHARS);
  }
}
