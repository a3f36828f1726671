package io.aimon.detectors.event;

/**
 * Thrown inside decoding to carry a dead-letter reason and a one-line detail; the decoders catch it
 * and return a {@link DeadLetter}, never let it escape.
 */
public final class InvalidEventException extends Exception {
  private static final long serialVersionUID = 1L;
  private final DeadLetterReason reason;

  public InvalidEventException(DeadLetterReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public DeadLetterReason reason() {
    return reason;
  }
}
