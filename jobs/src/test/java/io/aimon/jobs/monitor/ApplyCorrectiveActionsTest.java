package io.aimon.jobs.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.IncidentIds;
import io.aimon.alerting.incident.SeriesKey;
import io.aimon.alerting.incident.Severity;
import io.aimon.alerting.remediation.ActionType;
import io.aimon.alerting.remediation.CorrectiveAction;
import io.aimon.alerting.remediation.RemediationEvent;
import io.aimon.alerting.remediation.RemediationPolicy;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.RawRecord;
import io.aimon.evidence.EvidenceItem;
import io.aimon.evidence.payload.CorrectiveActionEvidence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/**
 * {@link ApplyCorrectiveActions} in Flink's operator test harness: inputs wait for the watermark
 * and are applied in (time, kind, order) order whatever their arrival order; an action behind the
 * watermark is applied on the next one; unknown incidents are dead letters; the state survives a
 * snapshot and restore; a series keeps a bounded number of incidents.
 */
class ApplyCorrectiveActionsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long MINUTE = 60_000L;
  private static final SeriesKey SERIES = new SeriesKey("credit-risk", "psi", "income", null, null);
  private static final OutputTag<DeadLetter> DEAD =
      new OutputTag<>("dead", TypeInformation.of(DeadLetter.class));

  private static KeyedOneInputStreamOperatorTestHarness<String, RemediationInput, EvidenceItem>
      harness(OperatorSubtaskState restore) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new ApplyCorrectiveActions(new RemediationPolicy(2, Duration.ofHours(1)), DEAD)),
            RemediationInput::series,
            Types.STRING);
    if (restore != null) {
      h.initializeState(restore);
    }
    h.open();
    return h;
  }

  /** An incident event of the series for the window [start, start + 1 min). */
  private static RemediationInput incident(IncidentEvent.Type type, long start) {
    return incident(type, 0, start);
  }

  /** Event of the incident whose episode started at {@code episode} minutes. */
  private static RemediationInput incident(IncidentEvent.Type type, int episode, long start) {
    String dedup = IncidentIds.dedupKey(SERIES, episode * MINUTE);
    return RemediationInput.incident(
        new IncidentEvent(
            type,
            IncidentIds.incidentId(dedup),
            dedup,
            "credit-risk",
            null,
            "psi",
            "income",
            null,
            null,
            Severity.CRITICAL,
            type == IncidentEvent.Type.RESOLVED ? "ok" : "critical",
            episode * MINUTE,
            start + MINUTE,
            start,
            start + MINUTE,
            0.4,
            null,
            0.25,
            1000,
            1,
            "credit-risk: psi of income is 0.4",
            null,
            List.of("c"),
            null,
            null,
            List.of()));
  }

  private static String id(int episode) {
    return IncidentIds.incidentId(IncidentIds.dedupKey(SERIES, episode * MINUTE));
  }

  private static RemediationInput window(long start, String status) {
    return new RemediationInput(
        RemediationInput.CHECK,
        SERIES.asString(),
        start,
        start + MINUTE,
        "check-" + start,
        status,
        null,
        null,
        0);
  }

  private static RemediationInput action(
      String actionId, String incidentId, ActionType type, long time) {
    return RemediationInput.action(
        new CorrectiveAction(
            actionId,
            incidentId,
            "credit-risk",
            SERIES.asString(),
            type,
            "alice",
            time,
            type.requiresText() ? "fixed" : null,
            null,
            null),
        new RawRecord("actions.jsonl", 7, "{}", 2));
  }

  private static void feed(
      KeyedOneInputStreamOperatorTestHarness<String, RemediationInput, EvidenceItem> h,
      List<RemediationInput> inputs)
      throws Exception {
    for (RemediationInput in : inputs) {
      h.processElement(new StreamRecord<>(in, in.time()));
    }
  }

  /** The corrective-action events emitted, as "minute event action_type effectiveness". */
  private static List<String> story(
      KeyedOneInputStreamOperatorTestHarness<String, RemediationInput, EvidenceItem> h)
      throws Exception {
    List<String> out = new ArrayList<>();
    for (EvidenceItem item : h.extractOutputValues()) {
      RemediationEvent e = ((CorrectiveActionEvidence) item.payload()).event();
      out.add(
          item.time() / MINUTE
              + " "
              + e.type()
              + (e.actionType() != null ? " " + e.actionType().code() : "")
              + (e.effectiveness() != null ? " " + e.effectiveness().code() : ""));
    }
    return out;
  }

  private static final List<RemediationInput> FLOW =
      List.of(
          window(0, "critical"),
          incident(IncidentEvent.Type.OPENED, 0),
          action("a1", id(0), ActionType.ACK, 90_000),
          action("a2", id(0), ActionType.ACTION_APPLIED, 2 * MINUTE),
          window(MINUTE, "critical"),
          incident(IncidentEvent.Type.UPDATED, MINUTE),
          window(2 * MINUTE, "ok"),
          window(3 * MINUTE, "ok"));

  private static final List<String> FLOW_STORY =
      List.of(
          "1 grade_changed",
          "1 action_recorded ack",
          "2 action_recorded action_applied pending",
          "4 effectiveness_verified verified_effective");

  @Test
  void inputsAreAppliedInEventTimeOrderWhateverTheirArrivalOrder() throws Exception {
    var inOrder = harness(null);
    feed(inOrder, FLOW);
    inOrder.processWatermark(10 * MINUTE);
    assertEquals(FLOW_STORY, story(inOrder));

    var reversed = harness(null);
    List<RemediationInput> backwards = new ArrayList<>(FLOW);
    java.util.Collections.reverse(backwards);
    feed(reversed, backwards);
    assertEquals(List.of(), story(reversed), "nothing before the watermark passes");
    reversed.processWatermark(10 * MINUTE);
    assertEquals(FLOW_STORY, story(reversed));
  }

  @Test
  void seriesWithoutIncidentsHoldNoStateOnceTheirWindowsAreApplied() throws Exception {
    var h = harness(null);
    for (int g = 0; g < 1000; g++) {
      RemediationInput w = window(0, "ok");
      h.processElement(
          new StreamRecord<>(
              new RemediationInput(
                  w.kind(),
                  "credit-risk/selection_rate/attribute=client/group=c" + g,
                  w.start(),
                  w.time(),
                  w.order(),
                  w.status(),
                  null,
                  null,
                  0),
              w.time()));
    }
    assertEquals(1000, h.numKeyedStateEntries(), "one waiting window per series");
    h.processWatermark(MINUTE);
    assertEquals(0, h.numKeyedStateEntries(), "applied: no empty buffer is left behind");
    assertEquals(0, h.numEventTimeTimers());
  }

  @Test
  void anActionBehindTheWatermarkIsAppliedOnTheNextWatermark() throws Exception {
    var h = harness(null);
    feed(h, List.of(window(0, "critical"), incident(IncidentEvent.Type.OPENED, 0)));
    h.processWatermark(5 * MINUTE);
    feed(h, List.of(action("a1", id(0), ActionType.ACK, 90_000)));
    assertEquals(List.of("1 grade_changed"), story(h));
    h.processWatermark(6 * MINUTE);
    assertEquals(List.of("1 grade_changed", "1 action_recorded ack"), story(h));
  }

  @Test
  void anActionOnAnIncidentTheSeriesDoesNotTrackIsADeadLetter() throws Exception {
    var h = harness(null);
    feed(h, List.of(action("a1", "no-such-incident", ActionType.ACK, MINUTE)));
    h.processWatermark(2 * MINUTE);
    List<DeadLetter> dead = new ArrayList<>();
    h.getSideOutput(DEAD).forEach(r -> dead.add(r.getValue()));
    assertEquals(1, dead.size());
    assertEquals("unknown_incident", dead.get(0).reason());
    assertEquals("actions.jsonl", dead.get(0).source());
    assertEquals(7, dead.get(0).position());
    assertEquals(
        "incident_id: no-such-incident is not an open or unjudged incident of series "
            + SERIES.asString(),
        dead.get(0).detail());
    assertEquals(List.of(), story(h));
  }

  @Test
  void theStateSurvivesASnapshotAndRestore() throws Exception {
    var before = harness(null);
    feed(before, FLOW.subList(0, 4));
    before.processWatermark(150_000);
    assertEquals(FLOW_STORY.subList(0, 3), story(before));
    OperatorSubtaskState snapshot = before.snapshot(1, 1);
    before.close();

    var after = harness(snapshot);
    feed(after, FLOW.subList(4, FLOW.size()));
    after.processWatermark(10 * MINUTE);
    // the applied action was recorded before the snapshot; the restored state verifies it
    assertEquals(List.of("4 effectiveness_verified verified_effective"), story(after));
  }

  @Test
  void aSeriesForgetsItsOldestJudgedIncidentBeyondTheBound() throws Exception {
    var h = harness(null);
    int n = ApplyCorrectiveActions.MAX_INCIDENTS_PER_SERIES + 1;
    for (int i = 0; i < n; i++) {
      long start = 2L * i * MINUTE;
      feed(
          h,
          List.of(
              incident(IncidentEvent.Type.OPENED, 2 * i, start),
              incident(IncidentEvent.Type.RESOLVED, 2 * i, start + MINUTE)));
    }
    long later = 2L * n * MINUTE;
    feed(
        h,
        List.of(
            action("old", id(0), ActionType.CLOSE, later),
            action("kept", id(2), ActionType.CLOSE, later)));
    h.processWatermark(later + MINUTE);
    List<String> dead = new ArrayList<>();
    h.getSideOutput(DEAD).forEach(r -> dead.add(r.getValue().detail()));
    assertEquals(1, dead.size(), dead.toString());
    assertEquals(true, dead.get(0).contains(id(0)), dead.toString());
    assertEquals(
        1L,
        story(h).stream().filter(s -> s.endsWith("action_recorded close")).count(),
        "the second oldest is still tracked and closed");
  }
}
