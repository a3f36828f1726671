package io.aimon.jobs.monitor;

import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.label.LabelMatcher;
import io.aimon.detectors.label.LabelledPrediction;
import io.aimon.detectors.label.Prediction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Events with an inline label become labelled predictions (main output); events without one go to
 * the {@link #UNLABELLED} side output as predictions waiting for their label event. It gets only
 * the events {@link AdmitEvents} let in: a late or repeated event counts nowhere.
 */
final class SplitByLabel extends ProcessFunction<InferenceEvent, LabelledPrediction> {
  private static final long serialVersionUID = 1L;

  static final OutputTag<Prediction> UNLABELLED =
      new OutputTag<>("unlabelled", TypeInformation.of(Prediction.class));

  @Override
  public void processElement(InferenceEvent e, Context ctx, Collector<LabelledPrediction> out) {
    if (e.label() != null) {
      out.collect(LabelMatcher.inline(e));
    } else {
      ctx.output(UNLABELLED, Prediction.of(e));
    }
  }
}
