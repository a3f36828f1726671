package io.aimon.alerting.remediation;

import io.aimon.alerting.incident.Severity;

/**
 * The corrective-action state of one incident: what operators did about it, whether the applied
 * action proved effective, and the nonconformity grade. Immutable; {@link RemediationMachine}'s
 * step functions return the next state. {@link RemediationCodec} owns its binary layout.
 *
 * <p>Invariants, checked by the constructor (which throws {@link IllegalArgumentException} naming
 * the invariant):
 *
 * <ol>
 *   <li>{@code incidentId}, {@code modelId} and {@code series} are non-blank; {@code severity},
 *       {@code effectiveness} and {@code grade} are non-null.
 *   <li>{@code resolvedAt}, when set, is &gt;= {@code openedAt}.
 *   <li>{@code acknowledgedBy} and {@code acknowledgedAt} are both null or both set.
 *   <li>{@code notes} and {@code actions} are &gt;= 0.
 *   <li>{@code effectiveness} is {@link Effectiveness#NONE} exactly when {@code appliedAt} is null.
 *   <li>{@code cleanWindows} is in [0, {@link RemediationPolicy#MAX_VERIFY_WINDOWS}], and 0 while
 *       {@code effectiveness} is {@link Effectiveness#NONE}.
 *   <li>{@code grade} (the rule's) is {@link NonconformityGrade#OBSERVATION} exactly when {@code
 *       severity} is {@link Severity#WARNING}.
 *   <li>{@code gradeOverride} and {@code gradeReason} are both null or both set, the reason
 *       non-blank.
 * </ol>
 *
 * @param incidentId the incident
 * @param modelId the incident's model
 * @param series the incident's series (its CloudEvent's {@code subject})
 * @param severity the highest severity the incident reached; never goes down
 * @param openedAt the event time of the {@code opened} event (end of the opening window), epoch ms
 * @param resolvedAt the event time of the {@code resolved} event, epoch ms, or null while open
 * @param acknowledgedBy the actor of the first {@link ActionType#ACK}, or null
 * @param acknowledgedAt the time of the first {@link ActionType#ACK}, epoch ms, or null
 * @param notes {@link ActionType#NOTE} actions recorded
 * @param actions {@link ActionType#ACTION} and {@link ActionType#ACTION_APPLIED} actions recorded
 * @param rootCause the text of the latest {@link ActionType#ROOT_CAUSE}, or null
 * @param appliedAt the time of the latest {@link ActionType#ACTION_APPLIED}, epoch ms, or null
 * @param cleanWindows ok windows counted since {@code appliedAt} (the current attempt)
 * @param effectiveness the verdict on the latest applied action
 * @param grade the grade by the rule ({@link RemediationPolicy#grade}); never goes down
 * @param gradeOverride the grade of the latest {@link ActionType#GRADE} action, or null
 * @param gradeReason that action's reason, or null
 * @param closedAt the time of the first {@link ActionType#CLOSE} since the incident was last
 *     reopened (an ineffective action reopens it), epoch ms, or null while open
 */
public record Remediation(
    String incidentId,
    String modelId,
    String series,
    Severity severity,
    long openedAt,
    Long resolvedAt,
    String acknowledgedBy,
    Long acknowledgedAt,
    int notes,
    int actions,
    String rootCause,
    Long appliedAt,
    int cleanWindows,
    Effectiveness effectiveness,
    NonconformityGrade grade,
    NonconformityGrade gradeOverride,
    String gradeReason,
    Long closedAt) {

  public Remediation {
    if (isBlank(incidentId) || isBlank(modelId) || isBlank(series)) {
      throw new IllegalArgumentException(
          "invariant 1: incidentId, modelId and series must be non-blank, were "
              + incidentId
              + ", "
              + modelId
              + ", "
              + series);
    }
    if (severity == null || effectiveness == null || grade == null) {
      throw new IllegalArgumentException(
          "invariant 1: severity, effectiveness and grade must be non-null");
    }
    if (resolvedAt != null && resolvedAt < openedAt) {
      throw new IllegalArgumentException(
          "invariant 2: resolvedAt must be >= openedAt, was " + resolvedAt + " < " + openedAt);
    }
    if ((acknowledgedBy == null) != (acknowledgedAt == null)) {
      throw new IllegalArgumentException(
          "invariant 3: acknowledgedBy and acknowledgedAt must be both set or both null");
    }
    if (notes < 0 || actions < 0) {
      throw new IllegalArgumentException(
          "invariant 4: notes and actions must be >= 0, were " + notes + ", " + actions);
    }
    if ((effectiveness == Effectiveness.NONE) != (appliedAt == null)) {
      throw new IllegalArgumentException(
          "invariant 5: effectiveness must be none exactly when no action was applied, was "
              + effectiveness.code()
              + " with appliedAt "
              + appliedAt);
    }
    if (cleanWindows < 0
        || cleanWindows > RemediationPolicy.MAX_VERIFY_WINDOWS
        || (effectiveness == Effectiveness.NONE && cleanWindows != 0)) {
      throw new IllegalArgumentException(
          "invariant 6: cleanWindows must be in [0, "
              + RemediationPolicy.MAX_VERIFY_WINDOWS
              + "] and 0 before an action is applied, was "
              + cleanWindows);
    }
    if ((grade == NonconformityGrade.OBSERVATION) != (severity == Severity.WARNING)) {
      throw new IllegalArgumentException(
          "invariant 7: grade must be observation exactly for a warning incident, was "
              + grade.code()
              + " for "
              + severity.code());
    }
    if ((gradeOverride == null) != (gradeReason == null)
        || (gradeReason != null && gradeReason.isBlank())) {
      throw new IllegalArgumentException(
          "invariant 8: gradeOverride and a non-blank gradeReason must be both set or both null");
    }
  }

  /** The grade in effect: the operator's override if any, else the rule's {@link #grade()}. */
  public NonconformityGrade effectiveGrade() {
    return gradeOverride != null ? gradeOverride : grade;
  }

  /** Whether a {@code resolved} event was seen. */
  public boolean isResolved() {
    return resolvedAt != null;
  }

  /** Whether an operator closed the incident. */
  public boolean isClosed() {
    return closedAt != null;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
