package io.aimon.alerting.remediation;

/**
 * The grade of the nonconformity an incident is, as an auditor grades findings. {@link #code()} is
 * the stable string in action JSON and evidence. Declared from the most to the least severe.
 */
public enum NonconformityGrade {
  /** A major nonconformity: critical and left unresolved too long. */
  MAJOR("major"),
  /** A minor nonconformity: critical, resolved in time. */
  MINOR("minor"),
  /** An observation: a warning only. */
  OBSERVATION("observation");

  private final String code;

  NonconformityGrade(String code) {
    this.code = code;
  }

  /** {@code major}, {@code minor} or {@code observation}. */
  public String code() {
    return code;
  }

  /** Whether this grade is more severe than {@code other}. */
  public boolean isMoreSevereThan(NonconformityGrade other) {
    return ordinal() < other.ordinal();
  }

  /**
   * The grade with this code.
   *
   * @throws IllegalArgumentException naming the codes allowed and the one found
   */
  public static NonconformityGrade ofCode(String code) {
    for (NonconformityGrade g : values()) {
      if (g.code.equals(code)) {
        return g;
      }
    }
    throw new IllegalArgumentException(
        "grade: expected one of major, minor, observation, found '" + code + "'");
  }
}
