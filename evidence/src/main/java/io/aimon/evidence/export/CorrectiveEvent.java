package io.aimon.evidence.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.alerting.remediation.RemediationEvent;

/**
 * The fields of a {@code corrective_action} record's data, one event of an incident's
 * corrective-action state machine as the monitor job writes it: {@code {"event", "incident_id",
 * "model_id", "series", "time", "actor"?, "action_id"?, "action_type"?, "text"?, "grade"?,
 * "reason"?, "effectiveness"?, "category"?, "report_due"?, "summary"}}. The incident id and summary
 * stay in {@link ExportRecord}; the fields here are null when the record leaves them out.
 *
 * @param event {@link #ACTION_RECORDED}, {@link #EFFECTIVENESS_VERIFIED}, {@link
 *     #EFFECTIVENESS_FAILED}, {@link #GRADE_CHANGED} or {@link #GRADE_OVERRIDDEN}
 * @param series the incident's CloudEvent subject, e.g. {@code credit-risk/psi/feature=income}
 * @param actor the operator; null for events of the machine
 * @param actionType ack, note, root_cause, action, action_applied, close or grade
 * @param grade major, minor or observation
 * @param effectiveness the verdict after the event (pending, verified_effective, ineffective)
 * @param category what made the incident serious ({@code serious} action), or null
 * @param reportDue epoch ms by which a serious incident must be reported, or null
 */
record CorrectiveEvent(
    String event,
    String series,
    String actor,
    String actionId,
    String actionType,
    String text,
    String grade,
    String reason,
    String effectiveness,
    String category,
    Long reportDue) {
  static final String ACTION_RECORDED = "action_recorded";
  static final String EFFECTIVENESS_VERIFIED = "effectiveness_verified";
  static final String EFFECTIVENESS_FAILED = "effectiveness_failed";
  static final String GRADE_CHANGED = "grade_changed";
  static final String GRADE_OVERRIDDEN = "grade_overridden";

  /** The view of a corrective-action event. */
  static CorrectiveEvent of(RemediationEvent e) {
    return new CorrectiveEvent(
        e.type(),
        e.series(),
        e.actor(),
        e.actionId(),
        e.actionType() == null ? null : e.actionType().code(),
        e.text(),
        e.grade() == null ? null : e.grade().code(),
        e.reason(),
        e.effectiveness() == null ? null : e.effectiveness().code(),
        e.category() == null ? null : e.category().code(),
        e.reportDue());
  }

  /** The event in layout-1 {@code data}, members read as they come. */
  static CorrectiveEvent ofV1(JsonNode data) {
    return new CorrectiveEvent(
        RecordFields.text(data, "event"),
        RecordFields.text(data, "series"),
        RecordFields.text(data, "actor"),
        RecordFields.text(data, "action_id"),
        RecordFields.text(data, "action_type"),
        RecordFields.text(data, "text"),
        RecordFields.text(data, "grade"),
        RecordFields.text(data, "reason"),
        RecordFields.text(data, "effectiveness"),
        null,
        null);
  }

  /** Whether this records an operator's action of {@code type} (ack, root_cause, close, ...). */
  boolean isAction(String type) {
    return ACTION_RECORDED.equals(event) && type.equals(actionType);
  }

  /** Whether the machine, not an operator, emitted it. */
  boolean machine() {
    return actor == null;
  }
}
