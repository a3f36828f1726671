package io.aimon.jobs.grc;

/** A push that failed: the message names the request and why, never a credential. */
public final class GrcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  GrcException(String message) {
    super(message);
  }
}
