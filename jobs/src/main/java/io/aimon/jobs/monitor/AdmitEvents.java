package io.aimon.jobs.monitor;

import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.InferenceIdFilter;
import io.aimon.detectors.model.EpochWindows;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by shard ({@link ShardKeys}): the one place an inference event is judged, before every
 * window that counts it. An event behind the watermark for its window goes to {@link #LATE}; a
 * repeat of an inference id already seen in its window goes to {@link #DUPLICATES}, through one
 * {@link InferenceIdFilter} per open window, dropped when the watermark passes the window's end;
 * the rest go on. The drift window and the label split are chained behind this operator and see the
 * same watermark, so every path agrees on each event at any parallelism. With {@code maxIds} 0
 * repeats are not looked for.
 */
final class AdmitEvents extends KeyedProcessFunction<String, InferenceEvent, InferenceEvent> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(AdmitEvents.class);

  /** Events behind the watermark: their window was evaluated already. */
  static final OutputTag<InferenceEvent> LATE =
      new OutputTag<>("late", InferenceEventSerializer.TYPE_INFO);

  /** Repeated events: second and later ones of an inference id in a window. */
  static final OutputTag<InferenceEvent> DUPLICATES =
      new OutputTag<>("duplicates", InferenceEventSerializer.TYPE_INFO);

  private final Map<String, Long> windowSizes;
  private final Map<String, Long> coveredUpTo;
  private final long maxIds;
  private final double falsePositiveRate;
  private transient MapState<Long, InferenceIdFilter> filters;
  private transient Map<String, Counter> unrecorded;

  /**
   * @param maxIds ids remembered per model and window ({@code job.duplicate_ids_per_window}); 0
   *     turns the check off
   * @param falsePositiveRate {@code job.duplicate_false_positive_rate}
   * @param coveredUpTo per model, the end of the last window an earlier run's evidence chain
   *     covered, when this run continues that chain ({@code --continue-chain}): those windows are
   *     closed, and their events read again are late; empty otherwise
   */
  AdmitEvents(
      Map<String, Long> windowSizes,
      long maxIds,
      double falsePositiveRate,
      Map<String, Long> coveredUpTo) {
    this.windowSizes = Map.copyOf(windowSizes);
    this.coveredUpTo = Map.copyOf(coveredUpTo);
    this.maxIds = maxIds;
    this.falsePositiveRate = falsePositiveRate;
  }

  @Override
  public void open(OpenContext context) {
    filters =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "inference-ids", Types.LONG, InferenceIdFilterSerializer.TYPE_INFO));
    unrecorded = new HashMap<>();
    var aimon = getRuntimeContext().getMetricGroup().addGroup("aimon");
    for (String model : windowSizes.keySet()) {
      unrecorded.put(model, aimon.addGroup("model", model).counter("duplicate_ids_unrecorded"));
    }
  }

  @Override
  public void processElement(InferenceEvent e, Context ctx, Collector<InferenceEvent> out)
      throws Exception {
    long size = windowSizes.get(e.modelId());
    long start = EpochWindows.start(e.timestamp(), size);
    if (start + size - 1 <= ctx.timerService().currentWatermark()
        || start + size <= coveredUpTo.getOrDefault(e.modelId(), Long.MIN_VALUE)) {
      ctx.output(LATE, e);
      return;
    }
    if (maxIds == 0) {
      out.collect(e);
      return;
    }
    InferenceIdFilter filter = filters.get(start);
    if (filter == null) {
      filter = new InferenceIdFilter(maxIds, falsePositiveRate);
      ctx.timerService().registerEventTimeTimer(start + size - 1);
    }
    switch (filter.check(e.inferenceId())) {
      case NEW -> out.collect(e);
      case DUPLICATE -> ctx.output(DUPLICATES, e);
      case UNRECORDED -> {
        unrecorded.get(e.modelId()).inc();
        out.collect(e);
      }
    }
    filters.put(start, filter);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<InferenceEvent> out)
      throws Exception {
    String model = ShardKeys.modelOf(ctx.getCurrentKey());
    long start = timestamp + 1 - windowSizes.get(model);
    InferenceIdFilter filter = filters.get(start);
    if (filter != null && filter.unrecorded() > 0) {
      LOG.warn(
          "model {} window {}: {} events past job.duplicate_ids_per_window ({}) were not checked"
              + " for repeats",
          model,
          Instant.ofEpochMilli(start),
          filter.unrecorded(),
          filter.maxIds());
    }
    filters.remove(start);
  }
}
