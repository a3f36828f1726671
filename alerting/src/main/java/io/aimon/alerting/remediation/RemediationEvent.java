package io.aimon.alerting.remediation;

import java.util.Objects;
import java.util.Set;

/**
 * One thing that happened to an incident's corrective action, emitted by {@link
 * RemediationMachine}: what becomes a {@code corrective_action} evidence record (laid out by the
 * evidence module's {@code EvidenceCodec}). Deterministic: the same inputs give equal events.
 *
 * <p>Types: {@link #ACTION_RECORDED} (every operator action, with its type, actor and text), {@link
 * #EFFECTIVENESS_VERIFIED}, {@link #EFFECTIVENESS_FAILED}, {@link #GRADE_CHANGED} (by the rule) and
 * {@link #GRADE_OVERRIDDEN} (by an operator).
 *
 * @param type one of the types above
 * @param incidentId the incident
 * @param modelId the incident's model
 * @param series the incident's series
 * @param time epoch ms: the action's time, or the event time (window end) of the judgement
 * @param actor the operator, or null for events of the machine
 * @param actionId the operator action's id, or null
 * @param actionType the operator action's type, or null
 * @param text the operator's text, or null
 * @param grade the new grade ({@link #GRADE_CHANGED}, {@link #GRADE_OVERRIDDEN}, and the {@link
 *     ActionType#GRADE} action), or null
 * @param reason why that grade, or null
 * @param effectiveness the verdict after the event, or null when it did not change
 * @param summary one line a person can read, non-null
 * @param category what makes the incident serious (the {@link ActionType#SERIOUS} action), or null
 * @param reportDue epoch ms by which the serious incident must be reported (the {@link
 *     ActionType#SERIOUS} action: its time plus the category's deadline), or null
 */
public record RemediationEvent(
    String type,
    String incidentId,
    String modelId,
    String series,
    long time,
    String actor,
    String actionId,
    ActionType actionType,
    String text,
    NonconformityGrade grade,
    String reason,
    Effectiveness effectiveness,
    String summary,
    SeriousCategory category,
    Long reportDue) {

  /** An event of no serious-incident declaration. */
  public RemediationEvent(
      String type,
      String incidentId,
      String modelId,
      String series,
      long time,
      String actor,
      String actionId,
      ActionType actionType,
      String text,
      NonconformityGrade grade,
      String reason,
      Effectiveness effectiveness,
      String summary) {
    this(
        type,
        incidentId,
        modelId,
        series,
        time,
        actor,
        actionId,
        actionType,
        text,
        grade,
        reason,
        effectiveness,
        summary,
        null,
        null);
  }

  /** An operator action was recorded. */
  public static final String ACTION_RECORDED = "action_recorded";

  /** The applied action was verified effective. */
  public static final String EFFECTIVENESS_VERIFIED = "effectiveness_verified";

  /** The applied action proved ineffective. */
  public static final String EFFECTIVENESS_FAILED = "effectiveness_failed";

  /** The rule's grade changed. */
  public static final String GRADE_CHANGED = "grade_changed";

  /** An operator set the grade. */
  public static final String GRADE_OVERRIDDEN = "grade_overridden";

  private static final Set<String> TYPES =
      Set.of(
          ACTION_RECORDED,
          EFFECTIVENESS_VERIFIED,
          EFFECTIVENESS_FAILED,
          GRADE_CHANGED,
          GRADE_OVERRIDDEN);

  public RemediationEvent {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "type: expected one of action_recorded, effectiveness_verified, effectiveness_failed,"
              + " grade_changed, grade_overridden, found '"
              + type
              + "'");
    }
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(summary, "summary");
    if ((category == null) != (reportDue == null)) {
      throw new IllegalArgumentException(
          "category, report_due: expected both (a serious incident declared) or neither");
    }
  }
}
