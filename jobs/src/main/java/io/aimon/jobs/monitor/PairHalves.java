package io.aimon.jobs.monitor;

import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.input.FormatDecoder;
import io.aimon.detectors.input.HalfPairing;
import io.aimon.detectors.input.PairHalf;
import io.aimon.detectors.input.PairStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by pair id: joins a paired format's request and response through {@link HalfPairing},
 * keeping the half that waits in Flink state with an event-time timer at its expiry (deleted when
 * the other half comes), and decodes each joined pair into its inference events ({@link
 * FormatDecoder#pair}). Unmatched and repeated halves and pairs that cannot be read go to the
 * dead-letter side output. Events are counted per model as {@code aimon.model.<id>.events}.
 */
final class PairHalves extends KeyedProcessFunction<String, PairHalf, InferenceEvent> {
  private static final long serialVersionUID = 1L;
  private final MonitorPlan plan;
  private final OutputTag<DeadLetter> deadLetters;
  private transient HalfPairing pairing;
  private transient FormatDecoder decoder;
  private transient ValueState<PairHalf> waiting;
  private transient List<Decoded<InferenceEvent>> scratch;
  private transient Map<String, Counter> decoded;

  PairHalves(MonitorPlan plan, OutputTag<DeadLetter> deadLetters) {
    this.plan = plan;
    this.deadLetters = deadLetters;
  }

  @Override
  public void open(OpenContext context) {
    pairing = plan.pairing();
    decoder = plan.formatDecoder();
    waiting =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("waiting-half", PairHalfSerializer.TYPE_INFO));
    scratch = new ArrayList<>();
    decoded = new HashMap<>();
    MetricGroup aimon = getRuntimeContext().getMetricGroup().addGroup("aimon");
    for (String model : plan.specs().keySet()) {
      decoded.put(model, aimon.addGroup("model", model).counter("events"));
    }
  }

  @Override
  public void processElement(PairHalf half, Context ctx, Collector<InferenceEvent> out)
      throws Exception {
    PairHalf before = waiting.value();
    PairStep step = pairing.onHalf(before, half);
    if (step.waiting() == null) {
      if (before != null) {
        waiting.clear();
        ctx.timerService().deleteEventTimeTimer(pairing.expiresAt(before));
      }
    } else if (before == null) {
      waiting.update(step.waiting());
      ctx.timerService().registerEventTimeTimer(pairing.expiresAt(step.waiting()));
    }
    if (step.deadLetter() != null) {
      ctx.output(deadLetters, step.deadLetter());
    }
    if (step.paired()) {
      scratch.clear();
      decoder.pair(step.request(), step.response(), System.currentTimeMillis(), scratch);
      for (Decoded<InferenceEvent> d : scratch) {
        if (d.isOk()) {
          Counter c = decoded.get(d.event().modelId());
          if (c != null) {
            c.inc();
          }
          out.collect(d.event());
        } else {
          ctx.output(deadLetters, d.deadLetter());
        }
      }
      scratch.clear();
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<InferenceEvent> out)
      throws Exception {
    PairHalf w = waiting.value();
    if (w != null && timestamp >= pairing.expiresAt(w)) {
      waiting.clear();
      ctx.output(deadLetters, pairing.onExpiry(w).deadLetter());
    }
  }
}
