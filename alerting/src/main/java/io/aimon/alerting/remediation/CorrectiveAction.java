package io.aimon.alerting.remediation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An operator's action on an incident, as {@code aimon incident ack|note|root-cause|action|close|
 * grade ID} writes it.
 *
 * <pre>{@code
 * CorrectiveAction a = new CorrectiveAction("act-1", incidentId, "credit-risk",
 *     "credit-risk/psi/feature=income", ActionType.ACK, "alice", time, null, null, null);
 * CorrectiveAction back = CorrectiveAction.fromJson(a.toJson()); // equals a
 * }</pre>
 *
 * <p>JSON (compact, one object per line): {@code {"action_id", "incident_id", "model_id", "series",
 * "type", "actor", "time", "text"?, "grade"?, "reason"?, "category"?}}; {@code type} is an {@link
 * ActionType#code()}, {@code time} ISO-8601 UTC, {@code grade} a {@link NonconformityGrade#code()},
 * {@code category} a {@link SeriousCategory#code()}; {@code ?} marks fields left out when null.
 * Unknown fields are ignored.
 *
 * @param actionId the action's id, unique per action (the command makes it), non-blank
 * @param incidentId the incident acted on, non-blank
 * @param modelId the incident's model, non-blank
 * @param series the incident's series: its CloudEvent's {@code subject}, non-blank
 * @param type what the operator did
 * @param actor who did it, non-blank
 * @param time when, epoch ms (the operator's clock; never compared with window times for grading)
 * @param text what was done or found: required (non-blank) for {@link ActionType#requiresText()},
 *     optional otherwise
 * @param grade the grade set by hand: required for {@link ActionType#GRADE}, null otherwise
 * @param reason why that grade: required (non-blank) for {@link ActionType#GRADE}, null otherwise
 * @param category what makes the incident serious: required for {@link ActionType#SERIOUS}, null
 *     otherwise
 */
public record CorrectiveAction(
    String actionId,
    String incidentId,
    String modelId,
    String series,
    ActionType type,
    String actor,
    long time,
    String text,
    NonconformityGrade grade,
    String reason,
    SeriousCategory category) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** An action of any type but {@link ActionType#SERIOUS} (no category). */
  public CorrectiveAction(
      String actionId,
      String incidentId,
      String modelId,
      String series,
      ActionType type,
      String actor,
      long time,
      String text,
      NonconformityGrade grade,
      String reason) {
    this(actionId, incidentId, modelId, series, type, actor, time, text, grade, reason, null);
  }

  public CorrectiveAction {
    requireText("action_id", actionId);
    requireText("incident_id", incidentId);
    requireText("model_id", modelId);
    requireText("series", series);
    if (type == null) {
      throw new IllegalArgumentException("type: expected an action type, found nothing");
    }
    requireText("actor", actor);
    if (type.requiresText() && isBlank(text)) {
      throw new IllegalArgumentException(
          "text: expected a non-blank string for type " + type.code() + ", found " + quote(text));
    }
    if (type == ActionType.GRADE) {
      if (grade == null) {
        throw new IllegalArgumentException(
            "grade: expected one of major, minor, observation for type grade, found nothing");
      }
      if (isBlank(reason)) {
        throw new IllegalArgumentException(
            "reason: expected a non-blank string for type grade, found " + quote(reason));
      }
    } else {
      if (grade != null) {
        throw new IllegalArgumentException(
            "grade: expected nothing for type " + type.code() + ", found '" + grade.code() + "'");
      }
      if (reason != null) {
        throw new IllegalArgumentException(
            "reason: expected nothing for type " + type.code() + ", found " + quote(reason));
      }
    }
    if (type == ActionType.SERIOUS && category == null) {
      throw new IllegalArgumentException(
          "category: expected one of death, critical_infrastructure, widespread_infringement,"
              + " other for type serious, found nothing");
    }
    if (type != ActionType.SERIOUS && category != null) {
      throw new IllegalArgumentException(
          "category: expected nothing for type "
              + type.code()
              + ", found '"
              + category.code()
              + "'");
    }
  }

  /** The JSON form (see the class doc), compact, on one line. */
  public String toJson() {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("action_id", actionId);
    o.put("incident_id", incidentId);
    o.put("model_id", modelId);
    o.put("series", series);
    o.put("type", type.code());
    o.put("actor", actor);
    o.put("time", Instant.ofEpochMilli(time).toString());
    if (text != null) {
      o.put("text", text);
    }
    if (grade != null) {
      o.put("grade", grade.code());
    }
    if (reason != null) {
      o.put("reason", reason);
    }
    if (category != null) {
      o.put("category", category.code());
    }
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads an action written by {@link #toJson}.
   *
   * @throws IllegalArgumentException naming the first missing or malformed field, what was expected
   *     and what was found
   */
  public static CorrectiveAction fromJson(String json) {
    JsonNode o;
    try {
      o = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("action: expected a JSON object, found invalid JSON", e);
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException(
          "action: expected a JSON object, found " + (o == null ? "nothing" : o.getNodeType()));
    }
    String actionId = string(o, "action_id", true);
    String incidentId = string(o, "incident_id", true);
    String modelId = string(o, "model_id", true);
    String series = string(o, "series", true);
    ActionType type = ActionType.ofCode(string(o, "type", true));
    String actor = string(o, "actor", true);
    String t = string(o, "time", true);
    long time;
    try {
      time = Instant.parse(t).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "time: expected an ISO-8601 UTC time, found '" + t + "'", e);
    }
    String text = string(o, "text", false);
    String g = string(o, "grade", false);
    NonconformityGrade grade = g == null ? null : NonconformityGrade.ofCode(g);
    String reason = string(o, "reason", false);
    String c = string(o, "category", false);
    SeriousCategory category = c == null ? null : SeriousCategory.ofCode(c);
    return new CorrectiveAction(
        actionId, incidentId, modelId, series, type, actor, time, text, grade, reason, category);
  }

  private static String string(JsonNode o, String name, boolean required) {
    JsonNode n = o.get(name);
    if (n == null || n.isNull()) {
      if (required) {
        throw new IllegalArgumentException(name + ": expected a string, found nothing");
      }
      return null;
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException(name + ": expected a string, found " + n);
    }
    return n.textValue();
  }

  private static void requireText(String field, String value) {
    if (isBlank(value)) {
      throw new IllegalArgumentException(
          field + ": expected a non-blank string, found " + quote(value));
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String quote(String s) {
    return s == null ? "nothing" : "'" + s + "'";
  }
}
