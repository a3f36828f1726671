package io.aimon.detectors.check;

/** The outcome of one check. {@link #code()} is the stable string in check results. */
public enum CheckStatus {
  OK("ok"),
  WARNING("warning"),
  CRITICAL("critical"),
  /** Too few samples to judge; never alerts. */
  INSUFFICIENT_DATA("insufficient_data");

  private final String code;

  CheckStatus(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
