package io.aimon.alerting.policy;

import static io.aimon.alerting.AlertFixtures.MODEL;
import static io.aimon.alerting.AlertFixtures.checkId;
import static io.aimon.alerting.AlertFixtures.end;
import static io.aimon.alerting.AlertFixtures.result;
import static io.aimon.alerting.AlertFixtures.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.IncidentIds;
import io.aimon.alerting.incident.SeriesKey;
import io.aimon.alerting.incident.Severity;
import io.aimon.detectors.check.CheckResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertStateMachineTest {

  /** The events and final state of feeding windows 0, 1, ... with the given status codes. */
  private record Run(List<IncidentEvent> events, String trace, SeriesState state) {}

  /**
   * Feeds one result per character of {@code statuses} (see {@code AlertFixtures.result}; spaces
   * are ignored), checking the invariants after every step. The trace has one character per window:
   * {@code .} no event, {@code O}pened, {@code E}scalated, {@code U}pdated, {@code R}esolved.
   */
  private static Run run(AlertPolicy policy, SeriesState state, int firstWindow, String statuses) {
    List<IncidentEvent> events = new ArrayList<>();
    StringBuilder trace = new StringBuilder();
    int i = firstWindow;
    for (char c : statuses.replace(" ", "").toCharArray()) {
      AlertStateMachine.Step step = AlertStateMachine.step(policy, state, result(i++, c));
      AlertStateMachine.checkInvariants(policy, step.next());
      assertTrue(step.events().size() <= 1, "at most one event per step");
      state = step.next();
      events.addAll(step.events());
      trace.append(step.events().isEmpty() ? '.' : step.events().get(0).type().name().charAt(0));
    }
    return new Run(events, trace.toString(), state);
  }

  private static Run run(AlertPolicy policy, String statuses) {
    return run(policy, SeriesState.INITIAL, 0, statuses);
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource({
    // default policy: warning 2 of 3, critical 1 of 1, resolve after 2
    "default,  w o o w o o w,  .......",
    "default,  w o w o w o,    ..O.U.",
    "default,  w w o o,        .O.R",
    "default,  w o w o o,      ..O.R",
    "default,  o o o,          ...",
    "default,  c,              O",
    "default,  w c,            .O",
    "default,  w w c w,        .OEU",
    "default,  c o c o o,      O.U.R",
    // flapping damped by a stricter warning rule: 3 of 3
    "strict,   w o w o w o w,  .......",
    "strict,   w w w o o,      ..O.R",
    // a critical opens at once even when the warning rule does not hold
    "strict,   c,              O",
    // critical 2 of 3: one critical window opens (or stays) warning
    "crit2of3, w w c,          .OU",
    "crit2of3, w w c c,        .OUE",
    "crit2of3, c o c,          ..O",
  })
  void windowsOpenEscalateUpdateAndResolveByTheRules(
      String policyName, String statuses, String expected) {
    AlertPolicy policy =
        switch (policyName) {
          case "default" -> AlertPolicy.DEFAULT;
          case "strict" -> AlertPolicy.builder().warning(3, 3).build();
          case "crit2of3" -> AlertPolicy.builder().critical(2, 3).build();
          default -> throw new IllegalArgumentException(policyName);
        };

    assertEquals(expected, run(policy, statuses).trace());
  }

  @Test
  void criticalOpensAtOnceAsCritical() {
    IncidentEvent opened = run(AlertPolicy.DEFAULT, "c").events().get(0);

    assertEquals(IncidentEvent.Type.OPENED, opened.type());
    assertEquals(Severity.CRITICAL, opened.severity());
    assertEquals(start(0), opened.firstWindowStart());
    assertEquals(end(0), opened.lastWindowEnd());
    assertEquals(List.of(checkId(0)), opened.checkIds());
    assertEquals(1, opened.breachCount());
  }

  @Test
  void warningOpensOnTheSecondBreachAndRestsOnBothWindows() {
    IncidentEvent opened = run(AlertPolicy.DEFAULT, "w o w").events().get(0);

    assertEquals(Severity.WARNING, opened.severity());
    assertEquals(start(2), opened.firstWindowStart());
    assertEquals(List.of(checkId(0), checkId(2)), opened.checkIds());
  }

  @Test
  void escalationStaysInTheSameIncidentAndSeverityNeverGoesDown() {
    Run r = run(AlertPolicy.DEFAULT, "w w c w");
    IncidentEvent opened = r.events().get(0);
    IncidentEvent escalated = r.events().get(1);
    IncidentEvent updated = r.events().get(2);

    assertEquals(Severity.WARNING, opened.severity());
    assertEquals(IncidentEvent.Type.ESCALATED, escalated.type());
    assertEquals(Severity.CRITICAL, escalated.severity());
    assertEquals(Severity.CRITICAL, updated.severity());
    assertEquals("warning", updated.windowStatus());
    for (IncidentEvent e : r.events()) {
      assertEquals(opened.dedupKey(), e.dedupKey());
      assertEquals(opened.incidentId(), e.incidentId());
      assertEquals(start(1), e.firstWindowStart());
    }
    assertEquals(end(3), updated.lastWindowEnd());
    assertEquals(3, updated.breachCount());
    assertEquals(List.of(checkId(0), checkId(1), checkId(2), checkId(3)), updated.checkIds());
  }

  @Test
  void twoOkWindowsResolveAndTheResolvedEventKeepsTheLastBreach() {
    Run r = run(AlertPolicy.DEFAULT, "c o o");
    IncidentEvent resolved = r.events().get(1);

    assertEquals("O.R", r.trace());
    assertEquals(IncidentEvent.Type.RESOLVED, resolved.type());
    assertEquals(Severity.CRITICAL, resolved.severity());
    assertEquals("ok", resolved.windowStatus());
    assertEquals(end(0), resolved.lastWindowEnd());
    assertEquals(end(2), resolved.eventTime());
    assertEquals(List.of(checkId(0), checkId(2)), resolved.checkIds());
    assertEquals(
        "credit-risk: psi of income is 0.04 (ok, warning at >= 0.1) in window "
            + "2026-11-22T18:26:20Z..18:26:30Z over 1000 events; back to normal for 2 windows",
        resolved.summary());
    assertNull(r.state().incident());
  }

  @Test
  void aBreachBetweenOkWindowsRestartsTheResolveCount() {
    assertEquals("O.U.R.", run(AlertPolicy.DEFAULT, "c o w o o o").trace());
  }

  @Test
  void cooldownBlocksReopeningUntilItEndsThenAllowsIt() {
    // windows of 10 s; resolved by window 2 (ends at +30 s): no opening before +60 s = window 6
    AlertPolicy cool = AlertPolicy.builder().cooldown(Duration.ofSeconds(30)).build();

    Run r = run(cool, "c o o c c c c c");

    assertEquals("O.R...OU", r.trace());
    IncidentEvent first = r.events().get(0);
    IncidentEvent reopened = r.events().get(2);
    assertEquals(start(6), reopened.firstWindowStart());
    assertNotEquals(first.dedupKey(), reopened.dedupKey());
    assertNotEquals(first.incidentId(), reopened.incidentId());
    assertEquals("O.ROUUUU", run(AlertPolicy.DEFAULT, "c o o c c c c c").trace());
  }

  @Test
  void cooldownIsMeasuredFromTheResolvingWindowEndToTheNextWindowStart() {
    // resolved by window 2, ends at +30 s; cooldown 10 s: window 3 starts at +30 s, still blocked
    AlertPolicy cool = AlertPolicy.builder().cooldown(Duration.ofSeconds(10)).build();

    Run r = run(cool, "c o o c c");

    assertEquals("O.R.O", r.trace());
    assertEquals(SeriesState.NONE, r.state().cooldownUntil());
  }

  @Test
  void breachesDuringTheCooldownCountOnceItIsOver() {
    // warning 2 of 3: window 3 breaches during the cooldown (until window 5); window 5 opens
    AlertPolicy cool = AlertPolicy.builder().cooldown(Duration.ofSeconds(20)).build();

    assertEquals("O.R..O", run(cool, "c o o w o w").trace());
    assertEquals("O.R...", run(cool, "c o o o o w").trace());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "i i i i,     ....",
    "i w i w,     ...O",
    "c o i o,     O..R",
    "c i i i,     O...",
    "c o i i i o, O....R",
    "w i i i i w, .....O",
  })
  void insufficientDataNeverOpensOrResolvesAndDoesNotBreakAnOkRun(String statuses, String trace) {
    assertEquals(trace, run(AlertPolicy.DEFAULT, statuses).trace());
  }

  @Test
  void insufficientDataIsSkippedButAdvancesTheLatestWindow() {
    SeriesState before = run(AlertPolicy.DEFAULT, "c o").state();

    AlertStateMachine.Step step =
        AlertStateMachine.step(AlertPolicy.DEFAULT, before, result(2, 'i'));

    assertEquals(AlertStateMachine.Outcome.SKIPPED_INSUFFICIENT_DATA, step.outcome());
    assertEquals(before.recent(), step.next().recent());
    assertEquals(before.okRun(), step.next().okRun());
    assertEquals(before.incident(), step.next().incident());
    assertEquals(start(2), step.next().lastWindowStart());
  }

  @Test
  void olderOrRepeatedWindowIsIgnoredAndChangesNothing() {
    SeriesState state = run(AlertPolicy.DEFAULT, "w w o").state();

    for (CheckResult stale : List.of(result(1, 'c'), result(2, 'c'), result(0, 'o'))) {
      AlertStateMachine.Step step = AlertStateMachine.step(AlertPolicy.DEFAULT, state, stale);

      assertEquals(AlertStateMachine.Outcome.IGNORED_STALE_WINDOW, step.outcome());
      assertSame(state, step.next());
      assertEquals(List.of(), step.events());
    }
  }

  @Test
  void quietStatesHaveNothingOpenPendingOrRecentlyBreached() {
    assertTrue(AlertStateMachine.isQuiet(SeriesState.INITIAL));
    assertTrue(AlertStateMachine.isQuiet(run(AlertPolicy.DEFAULT, "o o o").state()));
    assertTrue(AlertStateMachine.isQuiet(run(AlertPolicy.DEFAULT, "i o i").state()));
    // one warning, no incident (2 of 3 needed): not quiet while it can still count
    assertFalse(AlertStateMachine.isQuiet(run(AlertPolicy.DEFAULT, "o w").state()));
    assertFalse(AlertStateMachine.isQuiet(run(AlertPolicy.DEFAULT, "o w o").state()));
    assertTrue(AlertStateMachine.isQuiet(run(AlertPolicy.DEFAULT, "o w o o o").state()));
    // an open incident, then resolved, with the breaches still in the N-of-M window
    assertFalse(AlertStateMachine.isQuiet(run(AlertPolicy.DEFAULT, "c").state()));
    assertFalse(AlertStateMachine.isQuiet(run(AlertPolicy.DEFAULT, "c o").state()));
    assertFalse(AlertStateMachine.isQuiet(run(AlertPolicy.DEFAULT, "c o o").state()), "resolved");
    assertTrue(AlertStateMachine.isQuiet(run(AlertPolicy.DEFAULT, "c o o o").state()));
    // a pending cooldown keeps the series, until a window starts after it
    AlertPolicy cooldown = AlertPolicy.builder().cooldown(Duration.ofSeconds(20)).build();
    assertFalse(AlertStateMachine.isQuiet(run(cooldown, "c o o").state()));
    assertTrue(AlertStateMachine.isQuiet(run(cooldown, "c o o o o o").state()));
  }

  /**
   * A quiet state may be forgotten: every seeded sequence of statuses, under four policies, gives
   * the same events when each quiet state is replaced by INITIAL.
   */
  @Test
  void forgettingQuietStatesChangesNoEvent() {
    List<AlertPolicy> policies =
        List.of(
            AlertPolicy.DEFAULT,
            AlertPolicy.builder().cooldown(Duration.ofSeconds(25)).build(),
            AlertPolicy.builder().warning(3, 5).critical(2, 4).resolveAfter(3).build(),
            AlertPolicy.builder().warning(1, 1).resolveAfter(1).build());
    java.util.Random random = new java.util.Random(20_240_201);
    String codes = "oooowwci";
    int forgotten = 0;
    for (AlertPolicy policy : policies) {
      for (int sequence = 0; sequence < 500; sequence++) {
        SeriesState kept = SeriesState.INITIAL;
        SeriesState forgetting = SeriesState.INITIAL;
        for (int i = 0; i < 40; i++) {
          CheckResult r = result(i, codes.charAt(random.nextInt(codes.length())));
          AlertStateMachine.Step a = AlertStateMachine.step(policy, kept, r);
          AlertStateMachine.Step b = AlertStateMachine.step(policy, forgetting, r);
          assertEquals(a.events(), b.events(), "window " + i + " of sequence " + sequence);
          kept = a.next();
          forgetting = b.next();
          if (AlertStateMachine.isQuiet(forgetting)) {
            forgetting = SeriesState.INITIAL;
            forgotten++;
          }
          assertEquals(kept.incident(), forgetting.incident());
        }
      }
    }
    assertTrue(forgotten > 10_000, forgotten + " quiet states forgotten");
  }

  @Test
  void partialResultIsIgnored() {
    CheckResult r = result(0, 'c');
    CheckResult partial =
        new CheckResult(
            r.checkId(),
            r.modelId(),
            r.modelVersion(),
            r.windowStart(),
            r.windowEnd(),
            r.metric(),
            r.feature(),
            r.attribute(),
            r.group(),
            r.value(),
            r.pValue(),
            r.n(),
            r.nReference(),
            r.threshold(),
            r.status(),
            r.referenceDigest(),
            null,
            null,
            null,
            null,
            true,
            null,
            null,
            null,
            null,
            null,
            null);

    AlertStateMachine.Step step =
        AlertStateMachine.step(AlertPolicy.DEFAULT, SeriesState.INITIAL, partial);

    assertEquals(AlertStateMachine.Outcome.IGNORED_PARTIAL, step.outcome());
    assertSame(SeriesState.INITIAL, step.next());
  }

  @Test
  void restartFromAnEncodedStateGivesTheSameEventsAsAnUninterruptedRun() {
    AlertPolicy policy = AlertPolicy.builder().cooldown(Duration.ofSeconds(20)).build();
    String statuses = "wowwcwooiocccoowiwwoooc";
    Run whole = run(policy, statuses);
    assertTrue(whole.events().size() >= 6, whole.trace());

    for (int k = 0; k <= statuses.length(); k++) {
      Run before = run(policy, statuses.substring(0, k));
      SeriesState restored = SeriesStateCodec.decode(SeriesStateCodec.encode(before.state()));
      assertEquals(before.state(), restored);
      Run after = run(policy, restored, k, statuses.substring(k));

      List<IncidentEvent> events = new ArrayList<>(before.events());
      events.addAll(after.events());
      assertEquals(whole.events(), events, "restart after window " + k);
    }
  }

  @Test
  void idsAreDeterministicAndDerivedFromTheSeriesAndTheOpeningWindow() {
    IncidentEvent a = run(AlertPolicy.DEFAULT, "o c").events().get(0);
    IncidentEvent b = run(AlertPolicy.DEFAULT, "o c").events().get(0);
    SeriesKey series = new SeriesKey(MODEL, "psi", "income", null, null);

    assertEquals(a, b);
    assertEquals(IncidentIds.dedupKey(series, start(1)), a.dedupKey());
    assertEquals(32, a.dedupKey().length());
    assertEquals(IncidentIds.incidentId(a.dedupKey()), a.incidentId());
    assertEquals(5, UUID.fromString(a.incidentId()).version());
    assertNotEquals(
        a.dedupKey(), run(AlertPolicy.DEFAULT, "c").events().get(0).dedupKey(), "other window");
  }

  @Test
  void runbookUrlComesFromThePolicy() {
    AlertPolicy p = AlertPolicy.builder().runbookUrl("https://runbooks.example.com/psi").build();

    assertEquals("https://runbooks.example.com/psi", run(p, "c").events().get(0).runbookUrl());
    assertNull(run(AlertPolicy.DEFAULT, "c").events().get(0).runbookUrl());
  }

  @Test
  void checkIdsAreBoundedToTheLatestTwenty() {
    Run r = run(AlertPolicy.DEFAULT, "c".repeat(25));
    IncidentEvent last = r.events().get(24);

    assertEquals(IncidentEvent.MAX_CHECK_IDS, last.checkIds().size());
    assertEquals(checkId(5), last.checkIds().get(0));
    assertEquals(checkId(24), last.checkIds().get(19));
    assertEquals(25, last.breachCount());
    assertEquals(3, r.state().recent().size(), "the ring keeps max(of) = 3 statuses");
  }

  @Test
  void checkInvariantsRejectsAStateTooLongForThePolicy() {
    SeriesState state = run(AlertPolicy.builder().warning(5, 5).build(), "ooooo").state();

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> AlertStateMachine.checkInvariants(AlertPolicy.DEFAULT, state));
    assertTrue(e.getMessage().startsWith("invariant 1:"), e.getMessage());
  }
}
