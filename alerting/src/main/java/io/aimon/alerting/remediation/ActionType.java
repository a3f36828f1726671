package io.aimon.alerting.remediation;

/**
 * The kind of an operator's {@link CorrectiveAction}. {@link #code()} is the stable string in
 * action JSON and evidence.
 */
public enum ActionType {
  /** The incident is acknowledged: someone is on it. */
  ACK("ack"),
  /** A free-text note (text required). */
  NOTE("note"),
  /** The root cause as now understood (text required); the latest one counts. */
  ROOT_CAUSE("root_cause"),
  /** A corrective action planned or taken, described (text required). */
  ACTION("action"),
  /**
   * A corrective action applied (text required): starts verifying its effectiveness on the
   * following windows.
   */
  ACTION_APPLIED("action_applied"),
  /** The incident is closed, whether or not the effectiveness was verified. */
  CLOSE("close"),
  /** The nonconformity grade set by hand (grade and reason required), overriding the rule. */
  GRADE("grade"),
  /**
   * The incident declared serious (EU AI Act Art. 73; category and reason, as text, required):
   * starts its reporting deadline.
   */
  SERIOUS("serious"),
  /** The serious incident reported to the authority (text required: to whom, the reference). */
  SERIOUS_REPORTED("serious_reported");

  private final String code;

  ActionType(String code) {
    this.code = code;
  }

  /** The stable code, e.g. {@code root_cause}. */
  public String code() {
    return code;
  }

  /** Whether an action of this type must carry a text. */
  public boolean requiresText() {
    return this == NOTE
        || this == ROOT_CAUSE
        || this == ACTION
        || this == ACTION_APPLIED
        || this == SERIOUS
        || this == SERIOUS_REPORTED;
  }

  /**
   * The type with this code.
   *
   * @throws IllegalArgumentException naming the codes allowed and the one found
   */
  public static ActionType ofCode(String code) {
    for (ActionType t : values()) {
      if (t.code.equals(code)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "type: expected one of ack, note, root_cause, action, action_applied, close, grade,"
            + " serious, serious_reported, found '"
            + code
            + "'");
  }
}
