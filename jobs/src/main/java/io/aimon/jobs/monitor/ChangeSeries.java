package io.aimon.jobs.monitor;

import io.aimon.detectors.change.ChangeWatch;
import io.aimon.detectors.change.PredictionError;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.label.LabelledPrediction;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The values {@link DetectChanges} watches, taken from the streams that carry them: the watched
 * series of the inference events of models that watch any ({@link #ofEvents}), and the per-event
 * error of the labelled predictions of models that watch it ({@link #ofErrors}), at the time the
 * label was joined (the record's timestamp). Events of other models pass nothing on.
 */
final class ChangeSeries {

  private ChangeSeries() {}

  /** The values of the watched series of each inference event. */
  static ProcessFunction<InferenceEvent, ChangeValues> ofEvents(MonitorPlan plan) {
    return new ProcessFunction<>() {
      private static final long serialVersionUID = 1L;
      private transient Map<String, int[]> columns;

      @Override
      public void processElement(InferenceEvent e, Context ctx, Collector<ChangeValues> out) {
        if (columns == null) {
          columns = new HashMap<>();
        }
        // per model once: where its watched series are read from (none: nothing to pass on)
        int[] c = columns.computeIfAbsent(e.modelId(), m -> ChangeWatch.columns(plan.spec(m)));
        if (c.length > 0) {
          out.collect(new ChangeValues(e.modelId(), e.timestamp(), ChangeWatch.row(c, e)));
        }
      }
    };
  }

  /** The per-event error of each labelled prediction, at the time its label was joined. */
  static ProcessFunction<LabelledPrediction, ChangeValues> ofErrors(MonitorPlan plan) {
    return new ProcessFunction<>() {
      private static final long serialVersionUID = 1L;

      @Override
      public void processElement(LabelledPrediction p, Context ctx, Collector<ChangeValues> out) {
        var spec = plan.spec(p.modelId());
        if (spec == null || !spec.changeDetection().watchesErrors()) {
          return;
        }
        long time = ctx.timestamp() != null ? ctx.timestamp() : p.labelTimestamp();
        out.collect(
            new ChangeValues(
                p.modelId(),
                time,
                ChangeWatch.errorRow(PredictionError.of(spec, p.prediction(), p.label()))));
      }
    };
  }
}
