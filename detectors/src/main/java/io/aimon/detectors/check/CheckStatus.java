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

  /** Whether this status is a breach an alert policy acts on: warning or critical. */
  public boolean isBreach() {
    return this == WARNING || this == CRITICAL;
  }

  /**
   * The status with this code.
   *
   * @throws IllegalArgumentException naming the allowed codes when {@code code} is not one of them
   */
  public static CheckStatus ofCode(String code) {
    for (CheckStatus s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "status: expected ok, warning, critical or insufficient_data, found '" + code + "'");
  }
}
