package io.aimon.alerting.remediation;

import static io.aimon.alerting.remediation.RemediationFixtures.OPENED;
import static io.aimon.alerting.remediation.RemediationFixtures.POLICY;
import static io.aimon.alerting.remediation.RemediationFixtures.action;
import static io.aimon.alerting.remediation.RemediationFixtures.opened;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aimon.alerting.incident.Severity;
import org.junit.jupiter.api.Test;

class RemediationEventTest {

  @Test
  void toDataOfAnActionHoldsItsTypeActorAndText() {
    RemediationEvent e =
        RemediationMachine.onAction(
                opened(Severity.CRITICAL),
                action(ActionType.ACTION_APPLIED, "alice", OPENED, "rolled back"),
                POLICY)
            .events()
            .get(0);

    assertEquals(
        "{\"event\":\"action_recorded\",\"incident_id\":\"0d4e8a4c-7f53-5b1e-9a57-5b4d1b0f0c11\","
            + "\"model_id\":\"credit-risk\",\"series\":\"credit-risk/psi/feature=income\","
            + "\"time\":\"2026-03-02T00:00:00Z\",\"actor\":\"alice\","
            + "\"action_id\":\"act-action_applied-1772409600000\",\"action_type\":\"action_applied\","
            + "\"text\":\"rolled back\",\"effectiveness\":\"pending\","
            + "\"summary\":\"action_applied by alice: verifying effectiveness\"}",
        e.toData().toString());
  }

  @Test
  void toDataOfAGradeChangeLeavesOutTheActionFields() {
    RemediationEvent e =
        RemediationFixtures.onWindow(
                opened(Severity.CRITICAL), OPENED + 86_400_000L, "critical", POLICY)
            .events()
            .get(0);

    assertEquals(
        "{\"event\":\"grade_changed\",\"incident_id\":\"0d4e8a4c-7f53-5b1e-9a57-5b4d1b0f0c11\","
            + "\"model_id\":\"credit-risk\",\"series\":\"credit-risk/psi/feature=income\","
            + "\"time\":\"2026-03-03T00:00:00Z\",\"grade\":\"major\","
            + "\"reason\":\"reached critical and unresolved PT24H after it opened at"
            + " 2026-03-02T00:00:00Z\",\"summary\":\"grade minor -> major: reached critical and"
            + " unresolved PT24H after it opened at 2026-03-02T00:00:00Z\"}",
        e.toData().toString());
  }

  @Test
  void unknownTypesAreRejected() {
    assertEquals(
        "type: expected one of action_recorded, effectiveness_verified, effectiveness_failed,"
            + " grade_changed, grade_overridden, found 'closed'",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new RemediationEvent(
                        "closed", "i", "m", "s", 0, null, null, null, null, null, null, null, "x"))
            .getMessage());
  }
}
