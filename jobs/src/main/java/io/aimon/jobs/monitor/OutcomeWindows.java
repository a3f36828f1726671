package io.aimon.jobs.monitor;

import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.label.LabelledPrediction;
import io.aimon.detectors.model.EpochWindows;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.outcome.OutcomeAccumulator;
import io.aimon.detectors.version.VersionSplit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by shard ({@link ShardKeys}): accumulates labelled predictions in the window of their
 * prediction time and emits the shard's part of the window once, when the watermark (the slower of
 * predictions and labels) passes window end + {@code labels.max_delay}, and optionally an early
 * part at window end; {@link EvaluateOutcomes} merges the parts per model and evaluates. A label
 * for a window that is already final is dead-lettered as {@code label_too_late}.
 *
 * <p>A window's state is its accumulators split by model version ({@link VersionSplit}). State of a
 * build that kept one accumulator per window ({@code outcomes}) is moved into that form, as pooled,
 * the first time the window is touched.
 */
final class OutcomeWindows
    extends KeyedProcessFunction<String, LabelledPrediction, OutcomePartial> {
  private static final long serialVersionUID = 1L;
  private final MonitorPlan plan;
  private final OutputTag<DeadLetter> deadLetters;
  private transient MapState<Long, VersionSplit<OutcomeAccumulator>> windows;
  private transient MapState<Long, OutcomeAccumulator> earlierBuild;

  OutcomeWindows(MonitorPlan plan, OutputTag<DeadLetter> deadLetters) {
    this.plan = plan;
    this.deadLetters = deadLetters;
  }

  @Override
  public void open(OpenContext context) {
    windows =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "outcome-versions", Types.LONG, OutcomeSplitSerializer.TYPE_INFO));
    earlierBuild =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>("outcomes", Types.LONG, OutcomeSerializer.TYPE_INFO));
  }

  @Override
  public void processElement(LabelledPrediction p, Context ctx, Collector<OutcomePartial> out)
      throws Exception {
    ModelSpec spec = plan.spec(p.modelId());
    long size = spec.windowMillis();
    long start = EpochWindows.start(p.predictionTimestamp(), size);
    long finalAt = start + size + spec.labelMaxDelayMillis() - 1;
    // too late: observed after the window's outcome was final, or the window was already emitted
    if (p.labelTimestamp() > finalAt || ctx.timerService().currentWatermark() >= finalAt) {
      ctx.output(deadLetters, tooLate(p, start, size, finalAt));
      return;
    }
    // the earlier build's state is looked up only for a window this build has not seen: one
    // lookup per window and shard, not per event
    VersionSplit<OutcomeAccumulator> split = windows.get(start);
    if (split == null) {
      split = EarlierOutcomeState.take(start, earlierBuild);
    }
    boolean known = split != null;
    if (!known) {
      split = VersionSplit.empty();
      ctx.timerService().registerEventTimeTimer(finalAt);
      if (spec.outcomes().partialResults()
          && ctx.timerService().currentWatermark() < start + size - 1) {
        ctx.timerService().registerEventTimeTimer(start + size - 1);
      }
    }
    OutcomeAccumulator acc =
        split.accumulatorFor(
            VersionSplit.versionOf(p.modelVersion(), spec),
            () -> OutcomeAccumulator.create(spec, plan.reference(spec.id()).estimation()));
    boolean added = acc.add(spec, p);
    if (!added) {
      ctx.output(
          deadLetters,
          deadLetter(
              DeadLetterReason.WRONG_TYPE,
              p,
              "prediction/label: expected numbers for a regression model, found '"
                  + p.prediction()
                  + "' / '"
                  + p.label()
                  + "'"));
    }
    if (added || known) {
      // also after a rejected one in a known window: the version it named may have its (empty)
      // accumulator now, and every state backend must keep the same
      windows.put(start, split);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<OutcomePartial> out)
      throws Exception {
    ModelSpec spec = plan.spec(ShardKeys.modelOf(ctx.getCurrentKey()));
    long size = spec.windowMillis();
    List<Long> done = new ArrayList<>();
    EarlierOutcomeState.moveAll(earlierBuild, windows);
    for (Map.Entry<Long, VersionSplit<OutcomeAccumulator>> w : windows.entries()) {
      long start = w.getKey();
      long end = start + size;
      boolean isFinal = timestamp == end + spec.labelMaxDelayMillis() - 1;
      boolean isPartial = !isFinal && spec.outcomes().partialResults() && timestamp == end - 1;
      if (!isFinal && !isPartial) {
        continue;
      }
      out.collect(new OutcomePartial(spec.id(), start, w.getValue()));
      if (isFinal) {
        done.add(start);
      }
    }
    for (Long start : done) {
      windows.remove(start);
    }
  }

  private static DeadLetter tooLate(LabelledPrediction p, long start, long size, long finalAt) {
    return deadLetter(
        DeadLetterReason.LABEL_TOO_LATE,
        p,
        "label of inference '"
            + p.inferenceId()
            + "' ("
            + Instant.ofEpochMilli(p.labelTimestamp())
            + ") came after its window ["
            + Instant.ofEpochMilli(start)
            + ", "
            + Instant.ofEpochMilli(start + size)
            + ") was final at "
            + Instant.ofEpochMilli(finalAt + 1));
  }

  private static DeadLetter deadLetter(
      DeadLetterReason reason, LabelledPrediction p, String detail) {
    String payload =
        "{\"inference_id\":"
            + quote(p.inferenceId())
            + ",\"model_id\":"
            + quote(p.modelId())
            + ",\"label\":"
            + quote(p.label())
            + ",\"timestamp\":\""
            + Instant.ofEpochMilli(p.labelTimestamp())
            + "\"}";
    return new DeadLetter(
        reason.code(), detail, p.source(), p.position(), payload, payload.length());
  }

  private static String quote(String s) {
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
  }
}
