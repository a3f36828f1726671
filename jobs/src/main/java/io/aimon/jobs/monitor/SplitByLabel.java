package io.aimon.jobs.monitor;

import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.label.LabelMatcher;
import io.aimon.detectors.label.LabelledPrediction;
import io.aimon.detectors.label.Prediction;
import io.aimon.detectors.model.EpochWindows;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Events with an inline label become labelled predictions (main output); events without one go to
 * the {@link #UNLABELLED} side output as predictions waiting for their label event. Events behind
 * the watermark for their window are skipped here: the drift window dead-letters them as {@code
 * late}, and a late event counts nowhere.
 */
final class SplitByLabel extends ProcessFunction<InferenceEvent, LabelledPrediction> {
  private static final long serialVersionUID = 1L;
  private final Map<String, Long> windowSizes;

  SplitByLabel(Map<String, Long> windowSizes) {
    this.windowSizes = Map.copyOf(windowSizes);
  }

  static final OutputTag<Prediction> UNLABELLED =
      new OutputTag<>("unlabelled", TypeInformation.of(Prediction.class));

  @Override
  public void processElement(InferenceEvent e, Context ctx, Collector<LabelledPrediction> out) {
    long size = windowSizes.get(e.modelId());
    long windowEnd = EpochWindows.end(e.timestamp(), size);
    if (windowEnd - 1 <= ctx.timerService().currentWatermark()) {
      return; // late: the window operator's side output dead-letters it
    }
    if (e.label() != null) {
      out.collect(LabelMatcher.inline(e));
    } else {
      ctx.output(UNLABELLED, Prediction.of(e));
    }
  }
}
