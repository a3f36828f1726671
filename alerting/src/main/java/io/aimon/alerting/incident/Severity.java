package io.aimon.alerting.incident;

import io.aimon.detectors.check.CheckStatus;

/** The severity of an incident. {@link #code()} is the stable string in incident events. */
public enum Severity {
  WARNING("warning"),
  CRITICAL("critical");

  private final String code;

  Severity(String code) {
    this.code = code;
  }

  /** {@code warning} or {@code critical}. */
  public String code() {
    return code;
  }

  /** The severity with this code. */
  public static Severity ofCode(String code) {
    for (Severity s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "expected a severity of warning or critical, found '" + code + "'");
  }

  /** The severity of a breaching status; ok and insufficient_data have none. */
  public static Severity of(CheckStatus status) {
    return switch (status) {
      case WARNING -> WARNING;
      case CRITICAL -> CRITICAL;
      default -> throw new IllegalArgumentException("status " + status.code() + " is no breach");
    };
  }
}
