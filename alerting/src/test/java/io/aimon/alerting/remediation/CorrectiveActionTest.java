package io.aimon.alerting.remediation;

import static io.aimon.alerting.remediation.RemediationFixtures.OPENED;
import static io.aimon.alerting.remediation.RemediationFixtures.action;
import static io.aimon.alerting.remediation.RemediationFixtures.grade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CorrectiveActionTest {

  private static final String ACK_JSON =
      "{\"action_id\":\"act-ack-1772409600000\",\"incident_id\":\"0d4e8a4c-7f53-5b1e-9a57-5b4d1b0f0c11\","
          + "\"model_id\":\"credit-risk\",\"series\":\"credit-risk/psi/feature=income\",\"type\":\"ack\","
          + "\"actor\":\"bob\",\"time\":\"2026-03-02T00:00:00Z\"}";

  static Stream<CorrectiveAction> actions() {
    return Stream.of(
        action(ActionType.ACK, "bob", OPENED, null),
        action(ActionType.ACK, "bob", OPENED, "on it"),
        action(ActionType.NOTE, "bob", OPENED + 1, "looking \"quoted\" ü"),
        action(ActionType.ROOT_CAUSE, "bob", OPENED + 2, "upstream schema change"),
        action(ActionType.ACTION, "bob", OPENED + 3, "pin the feed"),
        action(ActionType.ACTION_APPLIED, "bob", OPENED + 4, "pinned"),
        action(ActionType.CLOSE, "bob", OPENED + 5, null),
        grade(NonconformityGrade.MAJOR, "customer impact", OPENED + 6));
  }

  @ParameterizedTest
  @MethodSource("actions")
  void fromJsonOfToJsonIsTheSameAction(CorrectiveAction a) {
    assertEquals(a, CorrectiveAction.fromJson(a.toJson()));
  }

  @Test
  void toJsonWritesSnakeCaseFieldsAndLeavesOutNulls() {
    assertEquals(ACK_JSON, action(ActionType.ACK, "bob", OPENED, null).toJson());
  }

  @ParameterizedTest
  @EnumSource(ActionType.class)
  void codesRoundTrip(ActionType t) {
    assertEquals(t, ActionType.ofCode(t.code()));
  }

  @Test
  void gradeCodesRoundTrip() {
    for (NonconformityGrade g : NonconformityGrade.values()) {
      assertEquals(g, NonconformityGrade.ofCode(g.code()));
    }
  }

  static Stream<Arguments> badJson() {
    return Stream.of(
        Arguments.of("[1]", "action: expected a JSON object, found ARRAY"),
        Arguments.of("{", "action: expected a JSON object, found invalid JSON"),
        Arguments.of(without("action_id"), "action_id: expected a string, found nothing"),
        Arguments.of(without("incident_id"), "incident_id: expected a string, found nothing"),
        Arguments.of(without("model_id"), "model_id: expected a string, found nothing"),
        Arguments.of(without("series"), "series: expected a string, found nothing"),
        Arguments.of(without("type"), "type: expected a string, found nothing"),
        Arguments.of(without("actor"), "actor: expected a string, found nothing"),
        Arguments.of(without("time"), "time: expected a string, found nothing"),
        Arguments.of(
            replace("\"actor\":\"bob\"", "\"actor\":7"), "actor: expected a string, found 7"),
        Arguments.of(
            replace("\"actor\":\"bob\"", "\"actor\":\" \""),
            "actor: expected a non-blank string, found ' '"),
        Arguments.of(
            replace("\"type\":\"ack\"", "\"type\":\"root-cause\""),
            "type: expected one of ack, note, root_cause, action, action_applied, close, grade,"
                + " serious, serious_reported, found 'root-cause'"),
        Arguments.of(
            replace("2026-03-02T00:00:00Z", "yesterday"),
            "time: expected an ISO-8601 UTC time, found 'yesterday'"),
        Arguments.of(
            replace("\"type\":\"ack\"", "\"type\":\"note\""),
            "text: expected a non-blank string for type note, found nothing"),
        Arguments.of(
            replace("\"type\":\"ack\"", "\"type\":\"grade\""),
            "grade: expected one of major, minor, observation for type grade, found nothing"),
        Arguments.of(
            replace("\"type\":\"ack\"", "\"type\":\"grade\",\"grade\":\"minor\""),
            "reason: expected a non-blank string for type grade, found nothing"),
        Arguments.of(
            replace("\"type\":\"ack\"", "\"type\":\"grade\",\"grade\":\"huge\",\"reason\":\"r\""),
            "grade: expected one of major, minor, observation, found 'huge'"),
        Arguments.of(
            replace("\"type\":\"ack\"", "\"type\":\"ack\",\"grade\":\"minor\""),
            "grade: expected nothing for type ack, found 'minor'"),
        Arguments.of(
            replace("\"type\":\"ack\"", "\"type\":\"ack\",\"reason\":\"why\""),
            "reason: expected nothing for type ack, found 'why'"));
  }

  @ParameterizedTest
  @MethodSource("badJson")
  void badJsonIsRejectedNamingTheField(String json, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CorrectiveAction.fromJson(json));
    assertEquals(message, e.getMessage());
  }

  @Test
  void unknownFieldsAreIgnored() {
    assertEquals(
        action(ActionType.ACK, "bob", OPENED, null),
        CorrectiveAction.fromJson(ACK_JSON.replace("{", "{\"future\":1,")));
  }

  private static String without(String field) {
    return ACK_JSON.replaceFirst(",?\"" + field + "\":\"[^\"]*\"", "").replace("{,", "{");
  }

  private static String replace(String from, String to) {
    return ACK_JSON.replace(from, to);
  }
}
