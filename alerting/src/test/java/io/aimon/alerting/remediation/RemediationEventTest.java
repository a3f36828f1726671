package io.aimon.alerting.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RemediationEventTest {

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
