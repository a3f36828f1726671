package io.aimon.jobs.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.policy.AlertPolicy;
import io.aimon.config.IncidentGrouping;
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
    return harness(AlertPolicy.DEFAULT);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, CheckResult, IncidentEvent> harness(
      AlertPolicy policy) throws Exception {
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
            Map.of(MODEL, policy));
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new RaiseIncidents(plan)),
            plan::incidentGroup,
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

  /** The watermark passes the end of window w: its results are judged. */
  private static void close(
      KeyedOneInputStreamOperatorTestHarness<String, CheckResult, IncidentEvent> h, int w)
      throws Exception {
    h.processWatermark(W0 + (w + 1) * WINDOW - 1);
  }

  @Test
  void seriesThatStayOkOrInsufficientDataHoldNoState() throws Exception {
    var h = harness();
    for (int w = 0; w < 5; w++) {
      groups(h, w);
      h.processElement(result(w, "demographic_parity_ratio", null, CheckStatus.INSUFFICIENT_DATA));
      assertEquals(0, h.numKeyedStateEntries(), "window " + w + ": nothing kept, even waiting");
      close(h, w);
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
    assertEquals(1, h.numKeyedStateEntries(), "waiting for the watermark");
    close(h, 0);
    assertEquals(2, h.numKeyedStateEntries(), "the series' and the group's open incident");
    step(h, 1, gap, CheckStatus.OK);
    step(h, 2, gap, CheckStatus.OK);
    assertEquals(1, h.numKeyedStateEntries(), "resolved, the breach still in the 3-window rule");
    step(h, 3, gap, CheckStatus.OK);
    assertEquals(0, h.numKeyedStateEntries(), "quiet: cleared");
    // the series starts again from the initial state and opens a new incident
    step(h, 4, gap, CheckStatus.CRITICAL);
    assertEquals(2, h.numKeyedStateEntries());
    List<IncidentEvent.Type> types =
        h.extractOutputValues().stream().map(IncidentEvent::type).toList();
    assertEquals(
        List.of(IncidentEvent.Type.OPENED, IncidentEvent.Type.RESOLVED, IncidentEvent.Type.OPENED),
        types);
    List<IncidentEvent> events = h.extractOutputValues();
    assertTrue(!events.get(0).incidentId().equals(events.get(2).incidentId()), "two episodes");
    h.close();
  }

  private static void step(
      KeyedOneInputStreamOperatorTestHarness<String, CheckResult, IncidentEvent> h,
      int w,
      String metric,
      CheckStatus status)
      throws Exception {
    h.processElement(result(w, metric, null, status));
    close(h, w);
  }

  /** A drift result of window w on feature income. */
  private static StreamRecord<CheckResult> drift(int w, String metric, CheckStatus status) {
    long start = W0 + w * WINDOW;
    CheckResult r =
        CheckResult.builder()
            .checkId(String.format("%s-income-%03d", metric, w))
            .modelId(MODEL)
            .window(start, start + WINDOW)
            .metric(metric)
            .feature("income")
            .value(status == CheckStatus.OK ? 0.01 : 0.4)
            .n(1000)
            .status(status)
            .build();
    return new StreamRecord<>(r, start + WINDOW - 1);
  }

  @Test
  void aWindowsDriftOfOneFeatureIsOneIncidentWhateverTheOrderItsResultsArrive() throws Exception {
    List<List<String>> orders =
        List.of(
            List.of("psi", "ks", "jensen_shannon"),
            List.of("jensen_shannon", "psi", "ks"),
            List.of("ks", "jensen_shannon", "psi"));
    List<List<IncidentEvent>> outputs = new java.util.ArrayList<>();
    for (List<String> order : orders) {
      var h = harness();
      for (int w = 0; w < 4; w++) {
        for (String metric : order) {
          CheckStatus status =
              w >= 2
                  ? CheckStatus.OK
                  : metric.equals("ks") ? CheckStatus.WARNING : CheckStatus.CRITICAL;
          h.processElement(drift(w, metric, status));
        }
        close(h, w);
      }
      outputs.add(h.extractOutputValues());
      h.close();
    }
    List<IncidentEvent> events = outputs.get(0);
    assertEquals(
        List.of(IncidentEvent.Type.OPENED, IncidentEvent.Type.UPDATED, IncidentEvent.Type.RESOLVED),
        events.stream().map(IncidentEvent::type).toList(),
        "one incident: opened, updated by window 1, resolved after two ok windows");
    assertEquals(1, events.stream().map(IncidentEvent::incidentId).distinct().count());
    assertEquals("credit-risk/feature=income", events.get(0).groupKey());
    assertEquals(
        List.of("jensen_shannon", "psi"),
        events.get(0).members().stream().map(m -> m.series().metric()).toList(),
        "ks warns once: not yet a breach by the 2-of-3 warning rule");
    assertEquals(
        List.of("jensen_shannon", "ks", "psi"),
        events.get(1).members().stream().map(m -> m.series().metric()).toList(),
        "ks joins on its second warning");
    assertTrue(events.get(2).members().stream().noneMatch(m -> m.open()), "all recovered");
    assertEquals("jensen_shannon", events.get(0).metric(), "the lead: critical, first by series");
    assertEquals(outputs.get(0), outputs.get(1), "the same events whatever the arrival order");
    assertEquals(outputs.get(0), outputs.get(2));
  }

  @Test
  void groupedBySeriesEachMetricIsItsOwnIncident() throws Exception {
    var h = harness(AlertPolicy.builder().groupBy(IncidentGrouping.SERIES).build());
    for (String metric : List.of("psi", "ks", "jensen_shannon")) {
      h.processElement(drift(0, metric, CheckStatus.CRITICAL));
    }
    List<IncidentEvent> events = h.extractOutputValues();
    assertEquals(3, events.size(), "emitted on arrival, without waiting for the watermark");
    assertEquals(3, events.stream().map(IncidentEvent::incidentId).distinct().count());
    assertTrue(events.stream().noneMatch(IncidentEvent::grouped));
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
      close(h, w);
      sizes[w] = h.snapshot(w, w).getStateSize();
    }
    System.out.printf(
        "alert-policy state: %d bytes after window 1, %d after window 21, %d after window 30"
            + " (30,030 group series seen)%n",
        sizes[0], sizes[20], sizes[29]);
    assertEquals(2, h.numKeyedStateEntries(), "only the breaching gap and its group's incident");
    assertTrue(sizes[0] > 0);
    // the open incident keeps its latest 20 check ids, so it grows up to window 20, then not
    assertTrue(sizes[29] < 3 * sizes[0], sizes[0] + " vs " + sizes[29] + " bytes");
    assertEquals(sizes[20], sizes[29], "the same size from window 21 to window 30");
    h.close();
  }
}
