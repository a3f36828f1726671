package io.aimon.jobs.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.SeriesKey;
import io.aimon.alerting.policy.AlertPolicy;
import io.aimon.config.JobSettings;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.CheckStatus;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.ReferenceProfile;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link RaiseIncidents} in Flink's operator test harness: series that stay ok or insufficient_data
 * hold no keyed state, a breaching series holds it until it is quiet again and then clears it, and
 * 30 windows of new fairness groups leave the checkpointed state the same size.
 */
class RaiseIncidentsHarnessTest {
  private static final String MODEL = "credit-risk";
  private static final long WINDOW = 3_600_000L;
  private static final long W0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private static KeyedOneInputStreamOperatorTestHarness<String, CheckResult, IncidentEvent>
      harness() throws Exception {
    ModelSpec spec =
        new ModelSpec(
            MODEL,
            "1",
            WINDOW,
            100,
            List.of("income"),
            List.of(),
            false,
            false,
            "1",
            List.of("client"),
            1000,
            Map.of());
    ReferenceProfile reference =
        new ReferenceProfile(MODEL, 100, Map.of(), Map.of(), null, null, "digest", Map.of());
    MonitorPlan plan =
        new MonitorPlan(
            Map.of(MODEL, spec),
            Map.of(MODEL, reference),
            JobSettings.defaults(),
            Map.of(MODEL, AlertPolicy.DEFAULT));
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new RaiseIncidents(plan)),
            (CheckResult r) -> SeriesKey.of(r).asString(),
            Types.STRING);
    h.open();
    return h;
  }

  /** A result of window w: a group rate (group non-null) or the attribute's parity gap. */
  private static StreamRecord<CheckResult> result(
      int w, String metric, String group, CheckStatus status) {
    long start = W0 + w * WINDOW;
    CheckResult r =
        CheckResult.builder()
            .checkId(String.format("%s-%s-%03d", metric, group, w))
            .modelId(MODEL)
            .window(start, start + WINDOW)
            .metric(metric)
            .group("client", group)
            .value(0.5)
            .n(group == null ? 1300 : 1)
            .status(status)
            .build();
    return new StreamRecord<>(r, start + WINDOW - 1);
  }

  /** One window: 1,001 group results (every group new), ok or insufficient_data. */
  private static void groups(
      KeyedOneInputStreamOperatorTestHarness<String, CheckResult, IncidentEvent> h, int w)
      throws Exception {
    for (int g = 0; g < 1000; g++) {
      h.processElement(result(w, "selection_rate", "client-" + w + "-" + g, CheckStatus.OK));
      h.processElement(result(w, "count", "client-" + w + "-" + g, CheckStatus.INSUFFICIENT_DATA));
    }
    h.processElement(result(w, "selection_rate", "__OTHER__", CheckStatus.INSUFFICIENT_DATA));
  }

  @Test
  void seriesThatStayOkOrInsufficientDataHoldNoState() throws Exception {
    var h = harness();
    for (int w = 0; w < 5; w++) {
      groups(h, w);
      h.processElement(result(w, "demographic_parity_ratio", null, CheckStatus.INSUFFICIENT_DATA));
    }
    assertEquals(0, h.numKeyedStateEntries(), "10,005 series seen, none kept");
    assertEquals(List.of(), h.extractOutputValues());
    h.close();
  }

  @Test
  void aBreachingSeriesKeepsItsStateUntilQuietThenClearsIt() throws Exception {
    var h = harness();
    String gap = "demographic_parity_ratio";
    h.processElement(result(0, gap, null, CheckStatus.CRITICAL));
    assertEquals(1, h.numKeyedStateEntries(), "an open incident");
    h.processElement(result(1, gap, null, CheckStatus.OK));
    h.processElement(result(2, gap, null, CheckStatus.OK));
    assertEquals(1, h.numKeyedStateEntries(), "resolved, the breach still in the 3-window rule");
    h.processElement(result(3, gap, null, CheckStatus.OK));
    assertEquals(0, h.numKeyedStateEntries(), "quiet: cleared");
    // the series starts again from the initial state and opens a new incident
    h.processElement(result(4, gap, null, CheckStatus.CRITICAL));
    assertEquals(1, h.numKeyedStateEntries());
    List<IncidentEvent.Type> types =
        h.extractOutputValues().stream().map(IncidentEvent::type).toList();
    assertEquals(
        List.of(IncidentEvent.Type.OPENED, IncidentEvent.Type.RESOLVED, IncidentEvent.Type.OPENED),
        types);
    List<IncidentEvent> events = h.extractOutputValues();
    assertTrue(!events.get(0).incidentId().equals(events.get(2).incidentId()), "two episodes");
    h.close();
  }

  @Test
  void thirtyWindowsOfNewGroupsLeaveTheCheckpointedStateTheSameSize() throws Exception {
    var h = harness();
    long[] sizes = new long[30];
    for (int w = 0; w < 30; w++) {
      groups(h, w);
      // one judged series that breaches every window keeps an open incident throughout
      h.processElement(result(w, "demographic_parity_ratio", null, CheckStatus.WARNING));
      sizes[w] = h.snapshot(w, w).getStateSize();
    }
    System.out.printf(
        "alert-policy state: %d bytes after window 1, %d after window 21, %d after window 30"
            + " (30,030 group series seen)%n",
        sizes[0], sizes[20], sizes[29]);
    assertEquals(1, h.numKeyedStateEntries(), "only the breaching gap");
    assertTrue(sizes[0] > 0);
    // the open incident keeps its latest 20 check ids, so it grows up to window 20, then not
    assertTrue(sizes[29] < 3 * sizes[0], sizes[0] + " vs " + sizes[29] + " bytes");
    assertEquals(sizes[20], sizes[29], "the same size from window 21 to window 30");
    h.close();
  }
}
