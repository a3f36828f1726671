package io.aimon.alerting.remediation;

import static io.aimon.alerting.remediation.RemediationEvent.ACTION_RECORDED;
import static io.aimon.alerting.remediation.RemediationEvent.EFFECTIVENESS_FAILED;
import static io.aimon.alerting.remediation.RemediationEvent.EFFECTIVENESS_VERIFIED;
import static io.aimon.alerting.remediation.RemediationEvent.GRADE_CHANGED;
import static io.aimon.alerting.remediation.RemediationEvent.GRADE_OVERRIDDEN;
import static io.aimon.alerting.remediation.RemediationFixtures.HOUR;
import static io.aimon.alerting.remediation.RemediationFixtures.INCIDENT;
import static io.aimon.alerting.remediation.RemediationFixtures.OPENED;
import static io.aimon.alerting.remediation.RemediationFixtures.POLICY;
import static io.aimon.alerting.remediation.RemediationFixtures.action;
import static io.aimon.alerting.remediation.RemediationFixtures.grade;
import static io.aimon.alerting.remediation.RemediationFixtures.incident;
import static io.aimon.alerting.remediation.RemediationFixtures.opened;
import static io.aimon.alerting.remediation.RemediationFixtures.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.alerting.incident.IncidentEvent.Type;
import io.aimon.alerting.incident.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RemediationMachineTest {

  /** One input and what it should emit and leave. */
  private record Row(
      String input,
      java.util.function.Function<Remediation, RemediationMachine.Step> step,
      List<String> events,
      Effectiveness effectiveness,
      int cleanWindows) {}

  private static Row ack(String actor, long t) {
    return new Row(
        "ack " + actor,
        r -> RemediationMachine.onAction(r, action(ActionType.ACK, actor, t, null), POLICY),
        List.of(ACTION_RECORDED),
        null,
        -1);
  }

  private static Row applied(long t, Effectiveness after) {
    return new Row(
        "applied",
        r ->
            RemediationMachine.onAction(
                r, action(ActionType.ACTION_APPLIED, "alice", t, "rolled back to v2"), POLICY),
        List.of(ACTION_RECORDED),
        after,
        0);
  }

  private static Row win(long end, String status, List<String> events, Effectiveness e, int clean) {
    return new Row(
        status + " window",
        r -> RemediationFixtures.onWindow(r, end, status, POLICY),
        events,
        e,
        clean);
  }

  /** Runs the rows from {@code start}, checking each step; returns the last state. */
  private static Remediation run(Remediation start, List<Row> rows) {
    Remediation r = start;
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      RemediationMachine.Step s = row.step.apply(r);
      String where = "step " + i + " (" + row.input + ")";
      assertEquals(row.events, s.events().stream().map(RemediationEvent::type).toList(), where);
      if (row.effectiveness != null) {
        assertEquals(row.effectiveness, s.next().effectiveness(), where);
      }
      if (row.cleanWindows >= 0) {
        assertEquals(row.cleanWindows, s.next().cleanWindows(), where);
      }
      r = s.next();
    }
    return r;
  }

  @Test
  void breachAckAppliedAndThreeOkWindowsVerifyTheAction() {
    RemediationMachine.Step open =
        RemediationMachine.opened(incident(Type.OPENED, Severity.CRITICAL, OPENED), POLICY);
    assertEquals(
        List.of(GRADE_CHANGED), open.events().stream().map(RemediationEvent::type).toList());
    assertEquals(NonconformityGrade.MINOR, open.events().get(0).grade());
    assertEquals(Effectiveness.NONE, open.next().effectiveness());

    long appliedAt = OPENED + HOUR / 2;
    Remediation r =
        run(
            open.next(),
            List.of(
                ack("bob", OPENED + 60_000),
                applied(appliedAt, Effectiveness.PENDING),
                // the window the action fell in holds data from before it: it does not count
                win(window(1), "ok", List.of(), Effectiveness.PENDING, 0),
                win(window(2), "ok", List.of(), Effectiveness.PENDING, 1),
                win(window(3), "ok", List.of(), Effectiveness.PENDING, 2),
                win(
                    window(4),
                    "ok",
                    List.of(EFFECTIVENESS_VERIFIED),
                    Effectiveness.VERIFIED_EFFECTIVE,
                    3),
                win(window(5), "critical", List.of(), Effectiveness.VERIFIED_EFFECTIVE, 3)));

    assertEquals("bob", r.acknowledgedBy());
    assertEquals(OPENED + 60_000, r.acknowledgedAt());
    assertEquals(appliedAt, r.appliedAt());
    assertEquals(1, r.actions());
    assertEquals(NonconformityGrade.MINOR, r.effectiveGrade());
  }

  @Test
  void theVerifiedEventNamesTheActionAndTheWindows() {
    Remediation r =
        RemediationMachine.onAction(
                opened(Severity.CRITICAL),
                action(ActionType.ACTION_APPLIED, "alice", OPENED, "retrained"),
                POLICY)
            .next();
    r = RemediationFixtures.onWindow(r, window(1), "ok", POLICY).next();
    r = RemediationFixtures.onWindow(r, window(2), "ok", POLICY).next();
    RemediationEvent e = RemediationFixtures.onWindow(r, window(3), "ok", POLICY).events().get(0);

    assertEquals(window(3), e.time());
    assertEquals(Effectiveness.VERIFIED_EFFECTIVE, e.effectiveness());
    assertNull(e.actor());
    assertEquals(
        "action applied at 2026-03-02T00:00:00Z effective: 3 clean windows up to"
            + " 2026-03-02T03:00:00Z",
        e.summary());
  }

  @Test
  void aBreachAfterTheActionMakesItIneffectiveAndANewAttemptCanBeVerified() {
    Remediation r =
        run(
            opened(Severity.CRITICAL),
            List.of(
                applied(OPENED, Effectiveness.PENDING),
                win(window(1), "ok", List.of(), Effectiveness.PENDING, 1),
                win(
                    window(2),
                    "critical",
                    List.of(EFFECTIVENESS_FAILED),
                    Effectiveness.INEFFECTIVE,
                    1),
                win(window(3), "ok", List.of(), Effectiveness.INEFFECTIVE, 1),
                applied(window(3), Effectiveness.PENDING),
                win(window(4), "ok", List.of(), Effectiveness.PENDING, 1),
                win(window(5), "ok", List.of(), Effectiveness.PENDING, 2),
                win(
                    window(6),
                    "ok",
                    List.of(EFFECTIVENESS_VERIFIED),
                    Effectiveness.VERIFIED_EFFECTIVE,
                    3)));

    assertEquals(2, r.actions());
    assertEquals(window(3), r.appliedAt());
  }

  @Test
  void aWarningWindowAlsoFailsThePendingAction() {
    Remediation r =
        run(
            opened(Severity.CRITICAL),
            List.of(
                applied(OPENED + HOUR / 2, Effectiveness.PENDING),
                // a breach in the window the action fell in was before the fix: not judged
                win(window(1), "critical", List.of(), Effectiveness.PENDING, 0),
                win(
                    window(2),
                    "warning",
                    List.of(EFFECTIVENESS_FAILED),
                    Effectiveness.INEFFECTIVE,
                    0)));
    assertEquals(Effectiveness.INEFFECTIVE, r.effectiveness());
  }

  @Test
  void insufficientDataWindowsNeitherCountNorBreak() {
    run(
        opened(Severity.CRITICAL),
        List.of(
            applied(OPENED + 1, Effectiveness.PENDING),
            win(window(1), "insufficient_data", List.of(), Effectiveness.PENDING, 0),
            win(window(2), "ok", List.of(), Effectiveness.PENDING, 1),
            win(window(3), "insufficient_data", List.of(), Effectiveness.PENDING, 1),
            win(window(4), "ok", List.of(), Effectiveness.PENDING, 2),
            win(window(5), "insufficient_data", List.of(), Effectiveness.PENDING, 2),
            win(
                window(6),
                "ok",
                List.of(EFFECTIVENESS_VERIFIED),
                Effectiveness.VERIFIED_EFFECTIVE,
                3)));
  }

  @Test
  void windowsBeforeAnyActionOrEndingBeforeTheActionAreNotJudged() {
    run(
        opened(Severity.CRITICAL),
        List.of(
            win(window(1), "ok", List.of(), Effectiveness.NONE, 0),
            win(window(2), "critical", List.of(), Effectiveness.NONE, 0),
            applied(window(5), Effectiveness.PENDING),
            win(window(4), "critical", List.of(), Effectiveness.PENDING, 0),
            win(window(5), "ok", List.of(), Effectiveness.PENDING, 0),
            win(window(6), "ok", List.of(), Effectiveness.PENDING, 1)));
  }

  static Stream<Arguments> breachingIncidentEvents() {
    return Stream.of(
        Arguments.of(Type.UPDATED, Severity.CRITICAL),
        Arguments.of(Type.ESCALATED, Severity.CRITICAL));
  }

  @ParameterizedTest
  @MethodSource("breachingIncidentEvents")
  void anIncidentBreachAfterTheActionMakesItIneffective(Type type, Severity severity) {
    Remediation r =
        RemediationMachine.onAction(
                opened(Severity.WARNING),
                action(ActionType.ACTION_APPLIED, "alice", OPENED, "fixed the feed"),
                POLICY)
            .next();

    RemediationMachine.Step before =
        RemediationMachine.onIncident(r, incident(type, severity, OPENED), POLICY);
    assertEquals(Effectiveness.PENDING, before.next().effectiveness());

    RemediationMachine.Step s =
        RemediationMachine.onIncident(r, incident(type, severity, window(1)), POLICY);
    assertEquals(Effectiveness.INEFFECTIVE, s.next().effectiveness());
    assertEquals(EFFECTIVENESS_FAILED, s.events().get(0).type());
    assertEquals(window(1), s.events().get(0).time());
    // the window of the same breach then changes nothing more
    assertEquals(
        List.of(), RemediationFixtures.onWindow(s.next(), window(1), "critical", POLICY).events());
  }

  @Test
  void anIncidentBreachAfterVerificationMakesTheActionIneffective() {
    Remediation r =
        RemediationMachine.onAction(
                opened(Severity.CRITICAL),
                action(ActionType.ACTION_APPLIED, "alice", OPENED, "retrained"),
                POLICY)
            .next();
    for (int w = 1; w <= 3; w++) {
      r = RemediationFixtures.onWindow(r, window(w), "ok", POLICY).next();
    }
    assertEquals(Effectiveness.VERIFIED_EFFECTIVE, r.effectiveness());

    RemediationMachine.Step s =
        RemediationMachine.onIncident(
            r, incident(Type.UPDATED, Severity.CRITICAL, window(4)), POLICY);
    assertEquals(Effectiveness.INEFFECTIVE, s.next().effectiveness());
  }

  @Test
  void resolvedAndEscalatedEventsSetResolvedAtAndSeverity() {
    RemediationMachine.Step esc =
        RemediationMachine.onIncident(
            opened(Severity.WARNING),
            incident(Type.ESCALATED, Severity.CRITICAL, window(1)),
            POLICY);
    assertEquals(Severity.CRITICAL, esc.next().severity());
    assertEquals(
        List.of(GRADE_CHANGED), esc.events().stream().map(RemediationEvent::type).toList());
    assertEquals("grade observation -> minor: reached critical", esc.events().get(0).summary());

    Remediation res =
        RemediationMachine.onIncident(
                esc.next(), incident(Type.RESOLVED, Severity.CRITICAL, window(3)), POLICY)
            .next();
    assertEquals(window(3), res.resolvedAt());
    assertTrue(res.isResolved());
    Remediation again =
        RemediationMachine.onIncident(
                res, incident(Type.RESOLVED, Severity.CRITICAL, window(5)), POLICY)
            .next();
    assertEquals(window(3), again.resolvedAt(), "resolvedAt is set once");

    RemediationMachine.Step dup =
        RemediationMachine.onIncident(
            res, incident(Type.OPENED, Severity.CRITICAL, OPENED), POLICY);
    assertSame(res, dup.next());
    assertEquals(List.of(), dup.events());
  }

  /** One grading scenario: the steps after opening, and the grades expected after the last. */
  static Stream<Arguments> grades() {
    List<UnaryOperator<Remediation>> none = List.of();
    return Stream.of(
        Arguments.of(
            "warning only",
            Severity.WARNING,
            none,
            NonconformityGrade.OBSERVATION,
            NonconformityGrade.OBSERVATION),
        Arguments.of(
            "warning unresolved for 48h",
            Severity.WARNING,
            List.<UnaryOperator<Remediation>>of(r -> atWindow(r, 48, "warning")),
            NonconformityGrade.OBSERVATION,
            NonconformityGrade.OBSERVATION),
        Arguments.of(
            "critical",
            Severity.CRITICAL,
            none,
            NonconformityGrade.MINOR,
            NonconformityGrade.MINOR),
        Arguments.of(
            "critical unresolved for 23h",
            Severity.CRITICAL,
            List.<UnaryOperator<Remediation>>of(r -> atWindow(r, 23, "critical")),
            NonconformityGrade.MINOR,
            NonconformityGrade.MINOR),
        Arguments.of(
            "critical unresolved for 24h",
            Severity.CRITICAL,
            List.<UnaryOperator<Remediation>>of(r -> atWindow(r, 24, "ok")),
            NonconformityGrade.MAJOR,
            NonconformityGrade.MAJOR),
        Arguments.of(
            "critical resolved after 10h, then 30h of windows",
            Severity.CRITICAL,
            List.<UnaryOperator<Remediation>>of(r -> resolve(r, 10), r -> atWindow(r, 30, "ok")),
            NonconformityGrade.MINOR,
            NonconformityGrade.MINOR),
        Arguments.of(
            "critical resolved after 30h with no window in between",
            Severity.CRITICAL,
            List.<UnaryOperator<Remediation>>of(r -> resolve(r, 30)),
            NonconformityGrade.MAJOR,
            NonconformityGrade.MAJOR),
        Arguments.of(
            "major stays major when a late window arrives",
            Severity.CRITICAL,
            List.<UnaryOperator<Remediation>>of(
                r -> atWindow(r, 25, "ok"), r -> atWindow(r, 2, "ok")),
            NonconformityGrade.MAJOR,
            NonconformityGrade.MAJOR),
        Arguments.of(
            "override wins over the rule, also after it turns major",
            Severity.CRITICAL,
            List.<UnaryOperator<Remediation>>of(
                r -> act(r, grade(NonconformityGrade.OBSERVATION, "known data outage", OPENED + 5)),
                r -> atWindow(r, 30, "critical")),
            NonconformityGrade.MAJOR,
            NonconformityGrade.OBSERVATION),
        Arguments.of(
            "override of a warning to major",
            Severity.WARNING,
            List.<UnaryOperator<Remediation>>of(
                r -> act(r, grade(NonconformityGrade.MAJOR, "customer impact", OPENED + 5))),
            NonconformityGrade.OBSERVATION,
            NonconformityGrade.MAJOR));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("grades")
  void gradeFollowsTheRuleUnlessOverridden(
      String name,
      Severity severity,
      List<UnaryOperator<Remediation>> steps,
      NonconformityGrade rule,
      NonconformityGrade effective) {
    Remediation r = opened(severity);
    for (UnaryOperator<Remediation> s : steps) {
      r = s.apply(r);
    }
    assertEquals(rule, r.grade(), "rule grade");
    assertEquals(effective, r.effectiveGrade(), "effective grade");
  }

  @Test
  void majorIsReachedAtTheFirstWindowEnding24hAfterOpeningAndSaidOnce() {
    Remediation r = opened(Severity.CRITICAL);
    List<String> gradeEvents = new ArrayList<>();
    long majorAt = 0;
    for (int w = 1; w <= 30; w++) {
      RemediationMachine.Step s = RemediationFixtures.onWindow(r, window(w), "critical", POLICY);
      for (RemediationEvent e : s.events()) {
        gradeEvents.add(e.type() + " " + e.grade().code());
        majorAt = e.time();
      }
      r = s.next();
    }
    assertEquals(List.of(GRADE_CHANGED + " major"), gradeEvents);
    assertEquals(window(24), majorAt);
  }

  @Test
  void anOverrideEmitsItsEventAndSilencesRuleChanges() {
    RemediationMachine.Step s =
        RemediationMachine.onAction(
            opened(Severity.CRITICAL),
            grade(NonconformityGrade.OBSERVATION, "known data outage", OPENED + 5),
            POLICY);
    assertEquals(
        List.of(ACTION_RECORDED, GRADE_OVERRIDDEN),
        s.events().stream().map(RemediationEvent::type).toList());
    RemediationEvent o = s.events().get(1);
    assertEquals("auditor", o.actor());
    assertEquals("known data outage", o.reason());
    assertEquals("grade minor -> observation set by auditor: known data outage", o.summary());
    assertEquals("known data outage", s.next().gradeReason());

    assertEquals(
        List.of(), RemediationFixtures.onWindow(s.next(), window(24), "ok", POLICY).events());
  }

  @Test
  void closeBeforeVerificationIsRecordedAsClosedWithoutVerifiedEffectiveness() {
    Remediation r =
        RemediationMachine.onAction(
                opened(Severity.CRITICAL),
                action(ActionType.ACTION_APPLIED, "alice", OPENED, "retrained"),
                POLICY)
            .next();
    RemediationMachine.Step close =
        RemediationMachine.onAction(
            r, action(ActionType.CLOSE, "carol", OPENED + HOUR, null), POLICY);

    assertEquals(OPENED + HOUR, close.next().closedAt());
    assertTrue(close.next().isClosed());
    assertEquals(Effectiveness.PENDING, close.next().effectiveness());
    assertEquals(
        "close by carol: closed without verified effectiveness (effectiveness pending)",
        close.events().get(0).summary());

    RemediationMachine.Step again =
        RemediationMachine.onAction(
            close.next(), action(ActionType.CLOSE, "dave", OPENED + 2 * HOUR, null), POLICY);
    assertEquals(close.next(), again.next());
    assertEquals(
        "close by dave: already closed at 2026-03-02T01:00:00Z", again.events().get(0).summary());
  }

  @Test
  void anIneffectiveActionReopensAClosedIncident() {
    Remediation r =
        act(
            opened(Severity.CRITICAL),
            action(ActionType.ACTION_APPLIED, "alice", OPENED, "rolled back the feature pipeline"));
    r = act(r, action(ActionType.CLOSE, "alice", OPENED + 1, null));
    r = atWindow(r, 1, "ok");
    assertTrue(r.isClosed());

    RemediationMachine.Step breach = RemediationFixtures.onWindow(r, window(2), "critical", POLICY);

    assertEquals(Effectiveness.INEFFECTIVE, breach.next().effectiveness());
    assertNull(breach.next().closedAt());
    assertEquals(EFFECTIVENESS_FAILED, breach.events().get(0).type());
    assertEquals(
        "action applied at 2026-03-02T00:00:00Z ineffective: a critical window ending"
            + " 2026-03-02T02:00:00Z after 1 clean; incident reopened (closed at"
            + " 2026-03-02T00:00:00.001Z)",
        breach.events().get(0).summary());

    RemediationMachine.Step open =
        RemediationFixtures.onWindow(
            act(opened(Severity.CRITICAL), action(ActionType.ACTION_APPLIED, "bob", OPENED, "x")),
            window(1),
            "warning",
            POLICY);
    assertTrue(
        open.events().get(0).summary().endsWith("; corrective action still open"),
        open.events().get(0).summary());
  }

  @Test
  void everyActionIsRecordedWithItsTypeActorAndText() {
    Remediation r = opened(Severity.CRITICAL);
    List<CorrectiveAction> actions =
        List.of(
            action(ActionType.ACK, "bob", OPENED + 1, null),
            action(ActionType.ACK, "carol", OPENED + 2, "me too"),
            action(ActionType.NOTE, "bob", OPENED + 3, "looking"),
            action(ActionType.ROOT_CAUSE, "bob", OPENED + 4, "upstream schema change"),
            action(ActionType.ROOT_CAUSE, "bob", OPENED + 5, "upstream unit change"),
            action(ActionType.ACTION, "bob", OPENED + 6, "pin the feed version"),
            action(ActionType.NOTE, "carol", OPENED + 7, "agreed"));
    for (CorrectiveAction a : actions) {
      RemediationMachine.Step s = RemediationMachine.onAction(r, a, POLICY);
      RemediationEvent e = s.events().get(0);
      assertEquals(1, s.events().size());
      assertEquals(ACTION_RECORDED, e.type());
      assertEquals(a.type(), e.actionType());
      assertEquals(a.actor(), e.actor());
      assertEquals(a.text(), e.text());
      assertEquals(a.actionId(), e.actionId());
      assertEquals(a.time(), e.time());
      r = s.next();
    }
    assertEquals("bob", r.acknowledgedBy(), "a second ack changes nothing");
    assertEquals(OPENED + 1, r.acknowledgedAt());
    assertEquals(2, r.notes());
    assertEquals(1, r.actions());
    assertEquals("upstream unit change", r.rootCause());
    assertEquals(Effectiveness.NONE, r.effectiveness());
  }

  @Test
  void inputsOfAnotherIncidentAreRejected() {
    Remediation r = opened(Severity.CRITICAL);
    CorrectiveAction other =
        new CorrectiveAction(
            "a", "other-id", "m", "s", ActionType.ACK, "bob", OPENED, null, null, null);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RemediationMachine.onAction(r, other, POLICY));
    assertEquals("incident_id: expected " + INCIDENT + ", found other-id", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RemediationMachine.onIncident(
                r, incident("other-id", Type.UPDATED, Severity.CRITICAL, window(1)), POLICY));
  }

  @Test
  void badInputsAreRejected() {
    Remediation r = opened(Severity.CRITICAL);
    assertEquals(
        "status: expected ok, warning, critical or insufficient_data, found 'partial'",
        assertThrows(
                IllegalArgumentException.class,
                () -> RemediationFixtures.onWindow(r, window(1), "partial", POLICY))
            .getMessage());
    assertEquals(
        "incident event: expected type opened, found io.aimon.incident.updated",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    RemediationMachine.opened(
                        incident(Type.UPDATED, Severity.CRITICAL, window(1)), POLICY))
            .getMessage());
  }

  @Test
  void stepsAreDeterministic() {
    assertEquals(
        RemediationMachine.opened(incident(Type.OPENED, Severity.CRITICAL, OPENED), POLICY),
        RemediationMachine.opened(incident(Type.OPENED, Severity.CRITICAL, OPENED), POLICY));
    Remediation r = opened(Severity.CRITICAL);
    CorrectiveAction a = action(ActionType.CLOSE, "bob", OPENED, null);
    assertEquals(
        RemediationMachine.onAction(r, a, POLICY), RemediationMachine.onAction(r, a, POLICY));
  }

  private static Remediation atWindow(Remediation r, int hours, String status) {
    return RemediationFixtures.onWindow(r, window(hours), status, POLICY).next();
  }

  private static Remediation resolve(Remediation r, int hours) {
    return RemediationMachine.onIncident(
            r, incident(Type.RESOLVED, r.severity(), window(hours)), POLICY)
        .next();
  }

  private static Remediation act(Remediation r, CorrectiveAction a) {
    return RemediationMachine.onAction(r, a, POLICY).next();
  }
}
