package io.aimon.evidence.export;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of a {@code corrective_action} record's data, one event of an incident's
 * corrective-action state machine as the monitor job writes it: {@code {"event", "incident_id",
 * "model_id", "series", "time", "actor"?, "action_id"?, "action_type"?, "text"?, "grade"?,
 * "reason"?, "effectiveness"?, "summary"}}. The incident id and summary stay in {@link
 * ExportRecord}; the fields here are null when the record leaves them out.
 *
 * @param event {@link #ACTION_RECORDED}, {@link #EFFECTIVENESS_VERIFIED}, {@link
 *     #EFFECTIVENESS_FAILED}, {@link #GRADE_CHANGED} or {@link #GRADE_OVERRIDDEN}
 * @param series the incident's CloudEvent subject, e.g. {@code credit-risk/psi/feature=income}
 * @param actor the operator; null for events of the machine
 * @param actionType ack, note, root_cause, action, action_applied, close or grade
 * @param grade major, minor or observation
 * @param effectiveness the verdict after the event (pending, verified_effective, ineffective)
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
    String effectiveness) {
  static final String ACTION_RECORDED = "action_recorded";
  static final String EFFECTIVENESS_VERIFIED = "effectiveness_verified";
  static final String EFFECTIVENESS_FAILED = "effectiveness_failed";
  static final String GRADE_CHANGED = "grade_changed";
  static final String GRADE_OVERRIDDEN = "grade_overridden";

  /** The event in {@code data}, a {@code corrective_action} record's data. */
  static CorrectiveEvent of(JsonNode data) {
    return new CorrectiveEvent(
        text(data, "event"),
        text(data, "series"),
        text(data, "actor"),
        text(data, "action_id"),
        text(data, "action_type"),
        text(data, "text"),
        text(data, "grade"),
        text(data, "reason"),
        text(data, "effectiveness"));
  }

  /** Whether this records an operator's action of {@code type} (ack, root_cause, close, ...). */
  boolean isAction(String type) {
    return ACTION_RECORDED.equals(event) && type.equals(actionType);
  }

  /** Whether the machine, not an operator, emitted it. */
  boolean machine() {
    return actor == null;
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
  }
}
