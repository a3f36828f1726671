package io.aimon.evidence.timestamp;

/** A time stamp that could not be obtained or does not hold, with the reason in its message. */
public final class TimestampException extends Exception {
  private static final long serialVersionUID = 1L;

  public TimestampException(String message) {
    super(message);
  }

  public TimestampException(String message, Throwable cause) {
    super(message, cause);
  }
}
