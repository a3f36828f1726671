package io.aimon.alerting.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.IncidentIds;
import io.aimon.alerting.incident.IncidentMember;
import io.aimon.alerting.incident.SeriesKey;
import io.aimon.alerting.incident.Severity;
import io.aimon.config.IncidentGrouping;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.CheckStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The grouper over the real per-series state machines (default policy: warning 2 of 3, critical 1
 * of 1, resolve after 2): a table of windows, each with the statuses of psi, ks and jensen_shannon
 * of one feature, and the grouped event it gives, its severity and its open and recovered members.
 */
class IncidentGrouperTest {
  private static final long WINDOW = 3_600_000L;
  private static final long W0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  private static final String GROUP = "credit-risk/feature=income";
  private static final AlertPolicy POLICY = AlertPolicy.DEFAULT;

  /** One row: the window's statuses (o ok, w warning, c critical) and what the group shows. */
  private record Row(
      int window,
      String psi,
      String ks,
      String js,
      IncidentEvent.Type event,
      Severity severity,
      String open,
      String recovered) {}

  private static final List<Row> TABLE =
      List.of(
          new Row(0, "w", "o", "o", null, null, "", ""), // psi warns once: no breach yet
          new Row(1, "w", "w", "o", IncidentEvent.Type.OPENED, Severity.WARNING, "psi", ""),
          new Row(2, "w", "w", "o", IncidentEvent.Type.UPDATED, Severity.WARNING, "ks psi", ""),
          new Row(3, "o", "c", "o", IncidentEvent.Type.ESCALATED, Severity.CRITICAL, "ks psi", ""),
          new Row(4, "o", "o", "c", IncidentEvent.Type.UPDATED, Severity.CRITICAL, "js ks", "psi"),
          new Row(5, "o", "o", "o", IncidentEvent.Type.UPDATED, Severity.CRITICAL, "js", "ks psi"),
          new Row(
              6, "o", "o", "o", IncidentEvent.Type.RESOLVED, Severity.CRITICAL, "", "js ks psi"),
          new Row(7, "o", "o", "o", null, null, "", ""),
          new Row(8, "c", "o", "o", IncidentEvent.Type.OPENED, Severity.CRITICAL, "psi", ""));

  /** Per-series state machines plus the grouper, as RaiseIncidents runs them. */
  private static final class Driver {
    final Map<String, SeriesState> series = new HashMap<>();
    GroupIncident open;

    List<IncidentEvent> batch(List<CheckResult> results) {
      List<IncidentGrouper.Judged> judged = new ArrayList<>();
      for (CheckResult r : results) {
        String key = SeriesKey.of(r).asString();
        AlertStateMachine.Step s =
            AlertStateMachine.step(POLICY, series.getOrDefault(key, SeriesState.INITIAL), r);
        series.put(key, s.next());
        if (s.outcome() == AlertStateMachine.Outcome.APPLIED) {
          judged.add(
              new IncidentGrouper.Judged(r, s.events().isEmpty() ? null : s.events().get(0)));
        }
      }
      IncidentGrouper.Step step = IncidentGrouper.step(POLICY, GROUP, open, judged);
      open = step.next();
      return step.events();
    }
  }

  private static CheckResult result(int w, String metric, String status) {
    long start = W0 + w * WINDOW;
    CheckStatus s =
        switch (status) {
          case "o" -> CheckStatus.OK;
          case "w" -> CheckStatus.WARNING;
          default -> CheckStatus.CRITICAL;
        };
    return CheckResult.builder()
        .checkId(metric + "-" + w)
        .modelId("credit-risk")
        .window(start, start + WINDOW)
        .metric(metric)
        .feature("income")
        .value(s == CheckStatus.OK ? 0.01 : s == CheckStatus.WARNING ? 0.15 : 0.4)
        .threshold(0.1)
        .n(1000)
        .status(s)
        .build();
  }

  private static List<CheckResult> window(Row row) {
    return List.of(
        result(row.window(), "psi", row.psi()),
        result(row.window(), "ks", row.ks()),
        result(row.window(), "jensen_shannon", row.js()));
  }

  private static String names(List<IncidentMember> members, boolean open) {
    return members.stream()
        .filter(m -> m.open() == open)
        .map(m -> m.series().metric().equals("jensen_shannon") ? "js" : m.series().metric())
        .sorted()
        .collect(Collectors.joining(" "));
  }

  @Test
  void membersJoinEscalateRecoverAndTheIncidentResolvesWhenAllHaveRecovered() {
    Driver d = new Driver();
    List<IncidentEvent> all = new ArrayList<>();
    for (Row row : TABLE) {
      List<IncidentEvent> events = d.batch(window(row));
      String where = "window " + row.window();
      if (row.event() == null) {
        assertEquals(List.of(), events, where);
        continue;
      }
      assertEquals(1, events.size(), where + ": one event for the whole feature");
      IncidentEvent e = events.get(0);
      all.add(e);
      assertEquals(row.event(), e.type(), where);
      assertEquals(row.severity(), e.severity(), where);
      assertEquals(row.open(), names(e.members(), true), where + ": open members");
      assertEquals(row.recovered(), names(e.members(), false), where + ": recovered members");
      assertEquals(GROUP, e.groupKey(), where);
      assertEquals(W0 + (row.window() + 1) * WINDOW, e.eventTime(), where + ": the window's end");
      if (row.window() == 3) {
        assertEquals(
            "credit-risk feature income: 1 of 2 checks breaches, 1 recovering: ks is 0.4 (critical"
                + " p < 0.1), psi is 0.01 (ok, warning at >= 0.1); window"
                + " 2026-01-01T03:00:00Z..04:00:00Z; escalated from warning",
            e.summary());
      }
      if (row.event() == IncidentEvent.Type.RESOLVED) {
        assertEquals("credit-risk feature income: all 3 checks back to normal", e.summary());
      }
    }
    // the first six events are one incident with stable ids; the lead psi names it throughout
    List<IncidentEvent> first = all.subList(0, 6);
    String dedupKey = IncidentIds.dedupKey(GROUP, W0 + WINDOW);
    for (IncidentEvent e : first) {
      assertEquals(dedupKey, e.dedupKey(), "derived from the group and the opening window");
      assertEquals(IncidentIds.incidentId(dedupKey), e.incidentId());
      assertEquals("psi", e.metric(), "the lead stays the series that opened it");
      assertEquals("income", e.feature());
    }
    assertEquals("ok", all.get(5).windowStatus(), "resolved");
    assertEquals(
        List.of(1, 2, 3, 4, 4, 4), first.stream().map(IncidentEvent::breachCount).toList());
    IncidentEvent reopened = all.get(6);
    assertNotEquals(first.get(0).incidentId(), reopened.incidentId(), "a new episode");
    assertEquals(reopened.incidentId(), d.open.incidentId(), "the state holds the new incident");
  }

  @Test
  void theLeadIsTheMostSevereOfTheOpeningSeriesThenTheFirstBySeries() {
    Driver d = new Driver();
    List<IncidentEvent> e =
        d.batch(
            List.of(result(0, "psi", "c"), result(0, "ks", "c"), result(0, "jensen_shannon", "c")));
    assertEquals("jensen_shannon", e.get(0).metric(), "first by series among the critical");
    assertEquals(3, e.get(0).members().size());
    assertTrue(e.get(0).summary().startsWith("credit-risk feature income: 3 of 3 checks breach"));
  }

  @Test
  void aRecoveredMemberThatBreachesAgainRejoinsTheOpenIncident() {
    Driver d = new Driver();
    String[] psiRows = {"c", "o", "o", "c"};
    String[] ksRows = {"c", "c", "c", "c"};
    List<IncidentEvent> events = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      events.addAll(d.batch(List.of(result(w, "psi", psiRows[w]), result(w, "ks", ksRows[w]))));
    }
    assertEquals(
        List.of(
            IncidentEvent.Type.OPENED,
            IncidentEvent.Type.UPDATED,
            IncidentEvent.Type.UPDATED,
            IncidentEvent.Type.UPDATED),
        events.stream().map(IncidentEvent::type).toList());
    assertEquals("ks", names(events.get(2).members(), true), "psi recovered after 2 ok windows");
    assertEquals("ks psi", names(events.get(3).members(), true), "psi rejoined");
    assertEquals(1, events.stream().map(IncidentEvent::incidentId).distinct().count());
  }

  @Test
  void theBatchIsJudgedInSeriesOrderWhateverOrderItCameIn() {
    List<CheckResult> forward =
        List.of(result(0, "psi", "c"), result(0, "ks", "w"), result(0, "jensen_shannon", "c"));
    List<CheckResult> backward = new ArrayList<>(forward);
    java.util.Collections.reverse(backward);
    List<IncidentEvent> a = new Driver().batch(forward);
    List<IncidentEvent> b = new Driver().batch(backward);
    assertEquals(a, b);
  }

  @Test
  void aChangeFlaggedWithinAWindowPagesAtItsDetectionAndTheWindowsChecksJoinAtItsEnd() {
    Driver d = new Driver();
    long detected = W0 + 1_200_000L;
    CheckResult change =
        CheckResult.builder()
            .checkId("change-0")
            .modelId("credit-risk")
            .window(W0, W0 + WINDOW)
            .metric("change_point")
            .feature("income")
            .value(1.0)
            .n(500)
            .status(CheckStatus.CRITICAL)
            .change(W0 + 1_000_000L, detected)
            .build();
    IncidentEvent opened = d.batch(List.of(change)).get(0);
    assertEquals(IncidentEvent.Type.OPENED, opened.type());
    assertEquals(detected + 1, opened.eventTime(), "just after the flagging event");
    IncidentEvent joined = d.batch(List.of(result(0, "psi", "c"), result(0, "ks", "c"))).get(0);
    assertEquals(IncidentEvent.Type.UPDATED, joined.type());
    assertEquals(W0 + WINDOW, joined.eventTime(), "the window's end");
    assertEquals(opened.incidentId(), joined.incidentId());
    assertNotEquals(opened.eventId(), joined.eventId());
    assertEquals("change_point", joined.metric(), "the lead");
    assertEquals(3, joined.members().size());
  }

  @Test
  void groupKeysFollowTheGrouping() {
    SeriesKey psi = new SeriesKey("credit-risk", "psi", "income", null, null);
    SeriesKey tpr = new SeriesKey("credit-risk", "tpr", null, "sex", "Female");
    SeriesKey accuracy = new SeriesKey("credit-risk", "accuracy", null, null, null, "8");
    assertEquals("credit-risk/psi/feature=income", psi.groupKey(IncidentGrouping.SERIES));
    assertEquals("credit-risk/feature=income", psi.groupKey(IncidentGrouping.FEATURE));
    assertEquals("credit-risk/attribute=sex", tpr.groupKey(IncidentGrouping.FEATURE));
    assertEquals("credit-risk/version=8", accuracy.groupKey(IncidentGrouping.FEATURE));
    assertEquals("credit-risk", psi.groupKey(IncidentGrouping.MODEL));
    assertEquals("credit-risk", tpr.groupKey(IncidentGrouping.MODEL));
  }

  @Test
  void aBreachOfASeriesTheGroupDoesNotHoldJoinsItInsteadOfFailingTheJob() {
    CheckResult r = result(0, "psi", "c");
    AlertStateMachine.Step opened = AlertStateMachine.step(POLICY, SeriesState.INITIAL, r);
    IncidentEvent e = opened.events().get(0);
    IncidentEvent updated =
        new IncidentEvent(
            IncidentEvent.Type.UPDATED,
            e.incidentId(),
            e.dedupKey(),
            e.modelId(),
            e.modelVersion(),
            e.metric(),
            e.feature(),
            e.attribute(),
            e.group(),
            e.severity(),
            e.windowStatus(),
            e.firstWindowStart(),
            e.lastWindowEnd(),
            e.windowStart(),
            e.eventTime(),
            e.value(),
            e.pValue(),
            e.threshold(),
            e.n(),
            e.breachCount(),
            e.summary(),
            e.runbookUrl(),
            e.checkIds(),
            null,
            null,
            List.of());
    // e.g. its series state kept from a run with another group_by
    IncidentGrouper.Step step =
        IncidentGrouper.step(POLICY, GROUP, null, List.of(new IncidentGrouper.Judged(r, updated)));
    assertEquals(IncidentEvent.Type.OPENED, step.events().get(0).type());
    assertEquals("psi", step.next().lead().metric());
  }

  @Test
  void theOpenIncidentSurvivesItsCodec() {
    Driver d = new Driver();
    d.batch(window(TABLE.get(0)));
    d.batch(window(TABLE.get(1)));
    d.batch(window(TABLE.get(2)));
    GroupIncident g = d.open;
    byte[] bytes = GroupIncidentCodec.encode(g);
    assertEquals(g, GroupIncidentCodec.decode(bytes));
    assertEquals(GroupIncidentCodec.VERSION, bytes[0]);
    assertThrows(
        IllegalArgumentException.class,
        () -> GroupIncidentCodec.decode(java.util.Arrays.copyOf(bytes, bytes.length - 1)));
    System.out.printf("a grouped incident of 2 drift members: %d bytes%n", bytes.length);
  }
}
