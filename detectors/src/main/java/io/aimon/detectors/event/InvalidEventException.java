package io.aimon.detectors.event;

/** Thrown inside decoding to carry a dead-letter reason and a one-line detail. */
final class InvalidEventException extends Exception {
  private static final long serialVersionUID = 1L;
  private final DeadLetterReason reason;

  InvalidEventException(DeadLetterReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  DeadLetterReason reason() {
    return reason;
  }
}
