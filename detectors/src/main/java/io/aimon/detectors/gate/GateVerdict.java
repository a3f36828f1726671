package io.aimon.detectors.gate;

/** What a gate decided about a candidate version. {@link #code()} is stable (gate records). */
public enum GateVerdict {
  /** Enough events, labels for the performance checks, no record rejected, no check breached. */
  PASS("pass"),
  /** A check breached, or a candidate record was rejected. */
  FAIL("fail"),
  /** Nothing breached, but too little was judged: fewer events than min_samples, or no labels. */
  INCONCLUSIVE("inconclusive");

  private final String code;

  GateVerdict(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /**
   * The verdict with this code.
   *
   * @throws IllegalArgumentException naming the allowed codes otherwise
   */
  public static GateVerdict ofCode(String code) {
    for (GateVerdict v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "verdict: expected pass, fail or inconclusive, found '" + code + "'");
  }
}
