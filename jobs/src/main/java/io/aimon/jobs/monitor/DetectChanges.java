package io.aimon.jobs.monitor;

import io.aimon.detectors.change.ChangeWatch;
import io.aimon.detectors.check.ChangeChecks;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.model.EpochWindows;
import io.aimon.detectors.model.ModelSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by model: feeds the watched series of the model's events to its online change detectors
 * ({@link ChangeWatch}) in event-time order, and emits each window's {@code change_point} results
 * ({@link ChangeChecks}): at once when a change is flagged, else at the window's end. One instance
 * watches the series read from the inference events ({@link #events}); another the per-event error
 * of the labelled predictions ({@link #errors}), timed when each label was joined.
 *
 * <p>Order. An event's series values wait in {@code pending}, under their event time, until the
 * watermark passes that time; a timer then feeds them, the values of one millisecond sorted so that
 * any arrival order gives the same stream. So results do not depend on how the shards' events
 * interleave, and a restart replays the same stream. At most {@value #MAX_PENDING} values wait per
 * model; beyond that a value is not fed and counts as late in its window's result.
 */
final class DetectChanges extends KeyedProcessFunction<String, ChangeValues, CheckResult> {
  private static final long serialVersionUID = 1L;

  /** Values waiting for the watermark per model at most: 1,000,000. */
  static final int MAX_PENDING = 1_000_000;

  private final MonitorPlan plan;
  private final boolean errors;
  private transient ValueState<ChangeWatch> watch;
  private transient MapState<Long, double[]> pending;
  private transient ValueState<Long> waiting;

  private DetectChanges(MonitorPlan plan, boolean errors) {
    this.plan = plan;
    this.errors = errors;
  }

  /** The detectors of the series read from the inference events (score, numeric features). */
  static DetectChanges events(MonitorPlan plan) {
    return new DetectChanges(plan, false);
  }

  /** The detector of the per-event error of the labelled predictions. */
  static DetectChanges errors(MonitorPlan plan) {
    return new DetectChanges(plan, true);
  }

  @Override
  public void open(OpenContext context) {
    watch =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("change-watch", ChangeWatchSerializer.TYPE_INFO));
    pending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "change-pending",
                    Types.LONG,
                    PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    waiting =
        getRuntimeContext().getState(new ValueStateDescriptor<>("change-waiting", Types.LONG));
  }

  @Override
  public void processElement(ChangeValues e, Context ctx, Collector<CheckResult> out)
      throws Exception {
    ModelSpec spec = plan.spec(e.modelId());
    ChangeWatch w = watch(spec);
    long time = e.time();
    long start = EpochWindows.start(time, spec.windowMillis());
    ctx.timerService().registerEventTimeTimer(start + spec.windowMillis() - 1);
    long n = waiting.value() == null ? 0 : waiting.value();
    double[] row = e.row();
    if (n >= MAX_PENDING) {
      w.skip(time); // counted late in its window, not fed
      watch.update(w);
      return;
    }
    double[] rows = pending.get(time);
    if (rows == null) {
      rows = row;
      ctx.timerService().registerEventTimeTimer(time);
    } else {
      rows = Arrays.copyOf(rows, rows.length + row.length);
      System.arraycopy(row, 0, rows, rows.length - row.length, row.length);
    }
    pending.put(time, rows);
    waiting.update(n + 1);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CheckResult> out)
      throws Exception {
    ModelSpec spec = plan.spec(ctx.getCurrentKey());
    String digest = plan.reference(spec.id()).digest();
    ChangeWatch w = watch(spec);
    double[] rows = pending.get(timestamp);
    if (rows != null) {
      pending.remove(timestamp);
      int s = w.series().size();
      List<double[]> ordered = new ArrayList<>();
      for (int i = 0; i < rows.length; i += s) {
        ordered.add(Arrays.copyOfRange(rows, i, i + s));
      }
      ordered.sort(Arrays::compare);
      for (double[] row : ordered) {
        for (ChangeWatch.Flag f : w.feed(timestamp, row)) {
          out.collect(ChangeChecks.flagged(spec, digest, w, f));
        }
      }
      waiting.update(Math.max(0, (waiting.value() == null ? 0 : waiting.value()) - ordered.size()));
    }
    List<Long> closing = new ArrayList<>();
    for (Map.Entry<Long, ChangeWatch.Tally> t : w.open().entrySet()) {
      if (t.getKey() + spec.windowMillis() - 1 <= timestamp) {
        closing.add(t.getKey());
      }
    }
    for (Long start : closing) {
      ChangeChecks.quiet(spec, digest, w, start, w.close(start)).forEach(out::collect);
    }
    watch.update(w);
  }

  private ChangeWatch watch(ModelSpec spec) throws Exception {
    ChangeWatch w = watch.value();
    return w != null ? w : errors ? ChangeWatch.createForErrors(spec) : ChangeWatch.create(spec);
  }
}
