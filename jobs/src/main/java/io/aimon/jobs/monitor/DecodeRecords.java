package io.aimon.jobs.monitor;

import io.aimon.config.InputFormat;
import io.aimon.config.LabelFormat;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.EventDecoder;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.LabelEvent;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.input.FormatDecoder;
import io.aimon.detectors.input.PairHalf;
import io.aimon.evidence.DeadLetterCount;
import io.aimon.jobs.evidence.EvidenceItems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes raw records with {@link EventDecoder}: good events go on, bad ones to the dead-letter
 * side output ({@link CountDeadLetters} counts them). Decoded events are counted per configured
 * model as {@code aimon.model.<id>.events} (inference) or {@code .labels}; an unknown model's
 * events are dead-lettered, so the model label stays bounded.
 *
 * <p>Each dead letter is also counted for coverage evidence ({@link
 * EvidenceItems#deadLetterCounts}): for the model its record names, or for every model when it
 * names none. A bad record has no event time of its own; its count takes the largest event time
 * decoded so far by this subtask (checkpointed), so it counts in the window being read when it
 * came, the same after a restart.
 */
final class DecodeRecords<T> extends ProcessFunction<RawRecord, T> implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;

  /** What the records hold: contract-1 events, or halves of a paired format's inferences. */
  enum Kind {
    INFERENCE("events"),
    LABEL("labels"),
    /** Not counted here: {@link PairHalves} counts the events of the pairs. */
    HALF(null);

    final String metricName;

    Kind(String metricName) {
      this.metricName = metricName;
    }
  }

  private final MonitorPlan plan;
  private final Kind kind;
  private final OutputTag<DeadLetter> deadLetters;
  private final OutputTag<DeadLetterCount> counts;
  private transient EventDecoder decoder;
  private transient FormatDecoder formats;
  private transient long maxEventTime;
  private transient ListState<Long> maxEventTimeState;
  private transient Map<String, Counter> decoded;
  private transient List<Decoded<InferenceEvent>> scratch;

  /**
   * @param counts where the dead letters' counts for coverage evidence go
   */
  DecodeRecords(
      MonitorPlan plan,
      Kind kind,
      OutputTag<DeadLetter> deadLetters,
      OutputTag<DeadLetterCount> counts) {
    this.plan = plan;
    this.kind = kind;
    this.deadLetters = deadLetters;
    this.counts = counts;
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    maxEventTimeState =
        context
            .getOperatorStateStore()
            .getUnionListState(new ListStateDescriptor<>("max-event-time", Types.LONG));
    maxEventTime = Long.MIN_VALUE;
    for (Long t : maxEventTimeState.get()) {
      maxEventTime = Math.max(maxEventTime, t);
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    maxEventTimeState.update(List.of(maxEventTime));
  }

  @Override
  public void open(OpenContext context) {
    boolean platform =
        switch (kind) {
          case HALF -> true;
          case INFERENCE -> plan.input().format() != InputFormat.NATIVE;
          case LABEL -> plan.input().labelFormat() != LabelFormat.NATIVE;
        };
    if (platform) {
      formats = plan.formatDecoder();
      scratch = new ArrayList<>();
    } else {
      decoder = plan.decoder();
    }
    decoded = new HashMap<>();
    MetricGroup aimon = getRuntimeContext().getMetricGroup().addGroup("aimon");
    for (String model : plan.specs().keySet()) {
      if (kind.metricName != null) {
        decoded.put(model, aimon.addGroup("model", model).counter(kind.metricName));
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void processElement(RawRecord raw, Context ctx, Collector<T> out) {
    if (kind == Kind.INFERENCE && formats != null) {
      // a record holding a whole inference, maybe of several rows
      scratch.clear();
      formats.record(raw, System.currentTimeMillis(), scratch);
      for (Decoded<InferenceEvent> d : scratch) {
        emit(d, raw, ctx, out);
      }
      return;
    }
    Decoded<?> d =
        switch (kind) {
          case INFERENCE -> decoder.decodeInference(raw);
          case LABEL -> formats != null ? formats.label(raw) : decoder.decodeLabel(raw);
          case HALF -> formats.half(raw);
        };
    emit(d, raw, ctx, out);
  }

  @SuppressWarnings("unchecked")
  private void emit(Decoded<?> d, RawRecord raw, Context ctx, Collector<T> out) {
    if (d.isOk()) {
      T event = (T) d.event();
      if (event instanceof PairHalf half) {
        maxEventTime = Math.max(maxEventTime, half.timestamp());
        out.collect(event);
        return;
      }
      Counter c =
          decoded.get(
              event instanceof InferenceEvent e ? e.modelId() : ((LabelEvent) event).modelId());
      if (c != null) {
        c.inc();
      }
      maxEventTime =
          Math.max(
              maxEventTime,
              event instanceof InferenceEvent e ? e.timestamp() : ((LabelEvent) event).timestamp());
      out.collect(event);
    } else {
      ctx.output(deadLetters, d.deadLetter());
      String known = formats == null ? null : formats.modelOf(raw, kind == Kind.LABEL);
      for (DeadLetterCount c :
          EvidenceItems.deadLetterCounts(
              d.deadLetter(), known, plan.specs().keySet(), maxEventTime)) {
        ctx.output(counts, c);
      }
    }
  }
}
