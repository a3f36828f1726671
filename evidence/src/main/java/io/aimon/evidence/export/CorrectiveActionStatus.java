package io.aimon.evidence.export;

import java.util.List;

/**
 * Where an incident's corrective action stands (ISO/IEC 42001 clause 10.2), as its {@code
 * corrective_action} records in the period show it, read in chain order:
 *
 * <ul>
 *   <li><b>grade in effect</b>: the latest operator override ({@code grade_overridden}) when there
 *       is one, else the rule's latest grade ({@code grade_changed}; the rule's grade never goes
 *       down), else {@value #UNGRADED};
 *   <li><b>acknowledged</b>: the first {@code ack} (a later one changes nothing);
 *   <li><b>root cause</b>: the latest {@code root_cause};
 *   <li><b>effectiveness</b>: the latest verdict any record carries ({@code action_applied} makes
 *       it pending, then {@code effectiveness_verified} or {@code effectiveness_failed}), {@code
 *       none} before an action was applied;
 *   <li><b>closed</b>: the first {@code close}; open until then.
 * </ul>
 *
 * <p>Records before the period are not read: an incident acknowledged or graded before it shows as
 * not acknowledged or ungraded.
 */
final class CorrectiveActionStatus {
  /** The grades, most severe first. */
  static final List<String> GRADES = List.of("major", "minor", "observation");

  /** The grade of an incident without a grade record in the period. */
  static final String UNGRADED = "ungraded";

  /** The effectiveness verdicts; none before an action was applied. */
  static final List<String> EFFECTIVENESS =
      List.of("none", "pending", "verified_effective", "ineffective");

  private ExportRecord ruleGrade;
  private ExportRecord override;
  private ExportRecord acknowledged;
  private ExportRecord rootCause;
  private ExportRecord closed;
  private ExportRecord applied;
  private boolean investigated;
  private String effectiveness = "none";

  private CorrectiveActionStatus() {}

  /** The status after {@code actions}, an incident's corrective-action records in chain order. */
  static CorrectiveActionStatus of(List<ExportRecord> actions) {
    CorrectiveActionStatus s = new CorrectiveActionStatus();
    for (ExportRecord r : actions) {
      CorrectiveEvent e = r.action();
      if (e == null) {
        continue;
      }
      if (CorrectiveEvent.GRADE_CHANGED.equals(e.event()) && e.grade() != null) {
        s.ruleGrade = r;
      }
      // the override arrives as the grade action and its grade_overridden event: either counts
      if ((CorrectiveEvent.GRADE_OVERRIDDEN.equals(e.event()) || e.isAction("grade"))
          && e.grade() != null) {
        s.override = r;
      }
      if (e.isAction("ack")
          || e.isAction("note")
          || e.isAction("root_cause")
          || e.isAction("action")) {
        s.investigated = true;
      }
      if (e.isAction("ack") && s.acknowledged == null) {
        s.acknowledged = r;
      }
      if (e.isAction("root_cause")) {
        s.rootCause = r;
      }
      if (e.isAction("action_applied")) {
        s.applied = r;
      }
      if (e.isAction("close") && s.closed == null) {
        s.closed = r;
      }
      if (e.effectiveness() != null) {
        s.effectiveness = e.effectiveness();
      }
    }
    return s;
  }

  /** major, minor, observation, or {@value #UNGRADED}. */
  String grade() {
    if (override != null) {
      return override.action().grade();
    }
    return ruleGrade == null ? UNGRADED : ruleGrade.action().grade();
  }

  /** The rule's latest grade, or null. */
  String ruleGrade() {
    return ruleGrade == null ? null : ruleGrade.action().grade();
  }

  /** The operator's latest grade override in effect, or null. */
  ExportRecord override() {
    return override;
  }

  /**
   * What backs the grade in effect: {@code " (rule)"}, {@code " (set by bob at T: reason; rule:
   * minor)"} for an override, "" when ungraded.
   */
  String gradeNote() {
    if (override != null) {
      CorrectiveEvent o = override.action();
      return " (set by "
          + (o.actor() == null ? "an operator" : o.actor())
          + " at "
          + Fmt.iso(override.time())
          + (o.reason() == null ? "" : ": " + o.reason())
          + (ruleGrade() == null ? "" : "; rule: " + ruleGrade())
          + ")";
    }
    return ruleGrade == null ? "" : " (rule)";
  }

  /** The first ack, or null. */
  ExportRecord acknowledged() {
    return acknowledged;
  }

  /** The latest root cause, or null. */
  ExportRecord rootCause() {
    return rootCause;
  }

  /** The latest action applied, or null. */
  ExportRecord applied() {
    return applied;
  }

  /** none, pending, verified_effective or ineffective. */
  String effectiveness() {
    return effectiveness;
  }

  /** The first close, or null. */
  ExportRecord closed() {
    return closed;
  }

  /** Whether no close was recorded: the corrective action is still open. */
  boolean open() {
    return closed == null;
  }

  /** Whether it is open and the grade in effect is major. */
  boolean overdue() {
    return open() && "major".equals(grade());
  }

  /**
   * The OSCAL risk status: {@code closed} once closed, {@code remediating} once an action was
   * applied, {@code investigating} once acknowledged or a note, root cause or planned action was
   * recorded, else {@code open}.
   */
  String riskStatus() {
    if (closed != null) {
      return "closed";
    }
    if (applied != null) {
      return "remediating";
    }
    return investigated ? "investigating" : "open";
  }

  /** {@code closed}, {@code overdue} (open and major) or {@code open}. */
  String state() {
    return closed != null ? "closed" : overdue() ? "overdue" : "open";
  }

  /** What the state rests on: {@code " by alice at T"} once closed, " (open, major)" if overdue. */
  String stateNote() {
    if (closed != null) {
      return " " + byAt(closed);
    }
    return overdue() ? " (open, major)" : "";
  }

  /** {@code by alice at T} of an operator's record, {@code at T} of the machine's. */
  static String byAt(ExportRecord r) {
    String by = r.action().actor();
    return (by == null ? "" : "by " + by + " ") + "at " + Fmt.iso(r.time());
  }
}
