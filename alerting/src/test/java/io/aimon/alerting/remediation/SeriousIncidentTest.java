package io.aimon.alerting.remediation;

import static io.aimon.alerting.remediation.RemediationFixtures.INCIDENT;
import static io.aimon.alerting.remediation.RemediationFixtures.MODEL;
import static io.aimon.alerting.remediation.RemediationFixtures.OPENED;
import static io.aimon.alerting.remediation.RemediationFixtures.SERIES;
import static io.aimon.alerting.remediation.RemediationFixtures.opened;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aimon.alerting.incident.Severity;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Declaring an incident serious (EU AI Act Art. 73) starts its reporting deadline: the
 * declaration's event carries the category and the due time of the policy; the report is recorded.
 */
class SeriousIncidentTest {
  private static CorrectiveAction serious(SeriousCategory category, long time) {
    return new CorrectiveAction(
        "act-serious-" + time,
        INCIDENT,
        MODEL,
        SERIES,
        ActionType.SERIOUS,
        "alice",
        time,
        "loans refused to a protected group for a day",
        null,
        null,
        category);
  }

  @Test
  void theArticle73DeadlinesAreTheDefaults() {
    assertEquals(Duration.ofDays(10), SeriousCategory.DEATH.article73Deadline());
    assertEquals(Duration.ofDays(2), SeriousCategory.CRITICAL_INFRASTRUCTURE.article73Deadline());
    assertEquals(Duration.ofDays(2), SeriousCategory.WIDESPREAD_INFRINGEMENT.article73Deadline());
    assertEquals(Duration.ofDays(15), SeriousCategory.OTHER.article73Deadline());
    assertEquals(
        SeriousCategory.article73Deadlines(), RemediationPolicy.defaults().seriousDeadlines());
  }

  @Test
  void theDeclarationCarriesTheCategoryAndTheDueTime() {
    long at = OPENED + 3_600_000L;
    RemediationMachine.Step s =
        RemediationMachine.onAction(
            opened(Severity.CRITICAL),
            serious(SeriousCategory.WIDESPREAD_INFRINGEMENT, at),
            RemediationPolicy.defaults());
    assertEquals(1, s.events().size());
    RemediationEvent e = s.events().get(0);
    assertEquals(RemediationEvent.ACTION_RECORDED, e.type());
    assertEquals(ActionType.SERIOUS, e.actionType());
    assertEquals(SeriousCategory.WIDESPREAD_INFRINGEMENT, e.category());
    assertEquals(at + Duration.ofDays(2).toMillis(), e.reportDue());
    assertEquals(
        "serious by alice: declared a serious incident (widespread_infringement), to be reported by"
            + " 2026-03-04T01:00:00Z",
        e.summary());

    // a configured deadline
    Map<SeriousCategory, Duration> within = new EnumMap<>(SeriousCategory.article73Deadlines());
    within.put(SeriousCategory.WIDESPREAD_INFRINGEMENT, Duration.ofHours(36));
    RemediationEvent custom =
        RemediationMachine.onAction(
                opened(Severity.CRITICAL),
                serious(SeriousCategory.WIDESPREAD_INFRINGEMENT, at),
                new RemediationPolicy(3, Duration.ofHours(24), within))
            .events()
            .get(0);
    assertEquals(at + Duration.ofHours(36).toMillis(), custom.reportDue());

    // the report: recorded with its text, no deadline of its own
    RemediationEvent reported =
        RemediationMachine.onAction(
                s.next(),
                RemediationFixtures.action(
                    ActionType.SERIOUS_REPORTED, "alice", at + 1000, "to the MSA, ref 2026-17"),
                RemediationPolicy.defaults())
            .events()
            .get(0);
    assertEquals(ActionType.SERIOUS_REPORTED, reported.actionType());
    assertEquals("to the MSA, ref 2026-17", reported.text());
    assertNull(reported.reportDue());
    assertEquals("serious_reported by alice: serious incident reported", reported.summary());
  }

  @Test
  void theActionNeedsACategoryAndAReasonAndKeepsThemInJson() {
    CorrectiveAction a = serious(SeriousCategory.DEATH, OPENED);
    CorrectiveAction back = CorrectiveAction.fromJson(a.toJson());
    assertEquals(a, back);
    assertEquals(SeriousCategory.DEATH, back.category());
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> serious(null, OPENED));
    assertEquals(
        "category: expected one of death, critical_infrastructure, widespread_infringement, other"
            + " for type serious, found nothing",
        none.getMessage());
    IllegalArgumentException other =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new CorrectiveAction(
                    "a",
                    INCIDENT,
                    MODEL,
                    SERIES,
                    ActionType.NOTE,
                    "bob",
                    OPENED,
                    "x",
                    null,
                    null,
                    SeriousCategory.OTHER));
    assertEquals("category: expected nothing for type note, found 'other'", other.getMessage());
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> CorrectiveAction.fromJson(a.toJson().replace("\"death\"", "\"flood\"")));
    assertEquals(
        "category: expected one of death, critical_infrastructure, widespread_infringement, other,"
            + " found 'flood'",
        bad.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new RemediationPolicy(
                3, Duration.ofHours(1), Map.of(SeriousCategory.DEATH, Duration.ofDays(1))),
        "every category needs a deadline");
  }
}
