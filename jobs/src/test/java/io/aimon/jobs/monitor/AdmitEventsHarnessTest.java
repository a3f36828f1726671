package io.aimon.jobs.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aimon.detectors.event.InferenceEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link AdmitEvents} in Flink's operator test harness: a repeat in the same window goes to the
 * side output, the same id in another window counts, the state of a window is gone once the
 * watermark passes its end, a repeat is still caught after a restore, and late events go to their
 * own side output without state.
 */
class AdmitEventsHarnessTest {
  private static final String MODEL = "credit-risk";
  private static final long HOUR = 3_600_000L;
  private static final long W0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private static KeyedOneInputStreamOperatorTestHarness<String, InferenceEvent, InferenceEvent>
      harness(long maxIds, OperatorSubtaskState restore) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new AdmitEvents(Map.of(MODEL, HOUR), maxIds, 1e-6, Map.of())),
            InferenceEvent::modelId,
            Types.STRING);
    if (restore != null) {
      h.initializeState(restore);
    }
    h.open();
    return h;
  }

  private static StreamRecord<InferenceEvent> event(String id, long time) {
    return new StreamRecord<>(
        new InferenceEvent(
            id,
            MODEL,
            null,
            time,
            new double[0],
            new String[0],
            "1",
            Double.NaN,
            null,
            new String[0],
            Double.NaN,
            new int[0],
            "test",
            1),
        time);
  }

  private static List<String> passed(
      KeyedOneInputStreamOperatorTestHarness<String, InferenceEvent, InferenceEvent> h) {
    return h.extractOutputValues().stream().map(InferenceEvent::inferenceId).toList();
  }

  private static List<String> repeated(
      KeyedOneInputStreamOperatorTestHarness<String, InferenceEvent, InferenceEvent> h) {
    return aside(h, AdmitEvents.DUPLICATES);
  }

  private static List<String> aside(
      KeyedOneInputStreamOperatorTestHarness<String, InferenceEvent, InferenceEvent> h,
      org.apache.flink.util.OutputTag<InferenceEvent> tag) {
    return Objects.requireNonNullElse(h.getSideOutput(tag), List.of()).stream()
        .map(r -> ((StreamRecord<InferenceEvent>) r).getValue().inferenceId())
        .toList();
  }

  @Test
  void aRepeatInTheSameWindowIsSentAsideAndInTheNextWindowCounts() throws Exception {
    try (var h = harness(1_000_000, null)) {
      h.processElement(event("a", W0 + 10));
      h.processElement(event("b", W0 + 20));
      h.processElement(event("a", W0 + HOUR - 1));
      h.processElement(event("a", W0 + HOUR)); // the next window
      assertEquals(List.of("a", "b", "a"), passed(h));
      assertEquals(List.of("a"), repeated(h));
      assertEquals(1, h.numKeyedStateEntries(), "one map of filters for the model");
      assertEquals(2, h.numEventTimeTimers(), "one timer per open window");
    }
  }

  @Test
  void aWindowsIdsAreForgottenOnceTheWatermarkPassesItsEnd() throws Exception {
    try (var h = harness(1_000_000, null)) {
      h.processElement(event("a", W0 + 10));
      h.processElement(event("a", W0 + HOUR + 10));
      h.processWatermark(new Watermark(W0 + HOUR - 1));
      assertEquals(1, h.numEventTimeTimers(), "the first window's filter is gone");
      assertEquals(1, h.numKeyedStateEntries());
      h.processWatermark(new Watermark(W0 + 2 * HOUR - 1));
      assertEquals(0, h.numKeyedStateEntries());
      assertEquals(0, h.numEventTimeTimers());
    }
  }

  @Test
  void lateEventsGoAsideAndLeaveNoState() throws Exception {
    try (var h = harness(1_000_000, null)) {
      h.processWatermark(new Watermark(W0 + HOUR - 1));
      h.processElement(event("a", W0 + 10));
      h.processElement(event("a", W0 + 10));
      h.processElement(event("b", W0 + HOUR));
      assertEquals(List.of("b"), passed(h));
      assertEquals(List.of("a", "a"), aside(h, AdmitEvents.LATE), "both late, neither a repeat");
      assertEquals(List.of(), repeated(h));
      assertEquals(1, h.numKeyedStateEntries(), "the filter of b's window only");
    }
  }

  @Test
  void aRepeatIsStillCaughtAfterARestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness(1_000_000, null)) {
      h.processElement(event("a", W0 + 10));
      snapshot = h.snapshot(1, W0 + 11);
    }
    try (var h = harness(1_000_000, snapshot)) {
      h.processElement(event("a", W0 + 20));
      h.processElement(event("b", W0 + 30));
      assertEquals(List.of("b"), passed(h));
      assertEquals(List.of("a"), repeated(h));
    }
  }

  @Test
  void aContinuedChainsCoveredWindowsAreClosed() throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new AdmitEvents(Map.of(MODEL, HOUR), 1_000_000, 1e-6, Map.of(MODEL, W0 + HOUR))),
            InferenceEvent::modelId,
            Types.STRING);
    h.open();
    h.processElement(event("a", W0 + 10)); // in the window the earlier run covered
    h.processElement(event("b", W0 + HOUR)); // in the next one
    assertEquals(List.of("b"), passed(h));
    assertEquals(List.of("a"), aside(h, AdmitEvents.LATE));
    h.close();
  }

  @Test
  void withoutTheCheckEveryEventPasses() throws Exception {
    try (var h = harness(0, null)) {
      h.processElement(event("a", W0 + 10));
      h.processElement(event("a", W0 + 10));
      assertEquals(List.of("a", "a"), passed(h));
      assertEquals(0, h.numKeyedStateEntries());
    }
  }
}
