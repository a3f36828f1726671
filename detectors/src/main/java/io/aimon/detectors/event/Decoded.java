package io.aimon.detectors.event;

/**
 * The outcome of decoding one raw record: exactly one of {@link #event()} and {@link #deadLetter()}
 * is non-null.
 */
public record Decoded<T>(T event, DeadLetter deadLetter) {
  public Decoded {
    if ((event == null) == (deadLetter == null)) {
      throw new IllegalArgumentException("expected exactly one of event and deadLetter");
    }
  }

  /** An accepted event. */
  public static <T> Decoded<T> ok(T event) {
    return new Decoded<>(event, null);
  }

  /** A rejected record. */
  public static <T> Decoded<T> rejected(DeadLetter deadLetter) {
    return new Decoded<>(null, deadLetter);
  }

  public boolean isOk() {
    return event != null;
  }
}
