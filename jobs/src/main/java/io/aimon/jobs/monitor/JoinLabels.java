package io.aimon.jobs.monitor;

import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.LabelEvent;
import io.aimon.detectors.label.JoinState;
import io.aimon.detectors.label.JoinStep;
import io.aimon.detectors.label.LabelMatcher;
import io.aimon.detectors.label.LabelledPrediction;
import io.aimon.detectors.label.Prediction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by inference id: joins predictions (input 1) with label events (input 2) through {@link
 * LabelMatcher}, keeping its {@link JoinState} in Flink state and an event-time timer at the
 * state's expiry. Rejected labels go to the dead-letter side output.
 */
final class JoinLabels
    extends KeyedCoProcessFunction<String, Prediction, LabelEvent, LabelledPrediction> {
  private static final long serialVersionUID = 1L;
  private final LabelMatcher matcher;
  private final OutputTag<DeadLetter> deadLetters;
  private transient ValueState<JoinState> state;

  JoinLabels(LabelMatcher matcher, OutputTag<DeadLetter> deadLetters) {
    this.matcher = matcher;
    this.deadLetters = deadLetters;
  }

  @Override
  public void open(OpenContext context) {
    state =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("join", TypeInformation.of(JoinState.class)));
  }

  @Override
  public void processElement1(Prediction e, Context ctx, Collector<LabelledPrediction> out)
      throws Exception {
    apply(matcher.onPrediction(state.value(), e), ctx, out);
  }

  @Override
  public void processElement2(LabelEvent l, Context ctx, Collector<LabelledPrediction> out)
      throws Exception {
    apply(matcher.onLabel(state.value(), l), ctx, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<LabelledPrediction> out)
      throws Exception {
    JoinState s = state.value();
    if (s != null && timestamp >= s.expiresAt()) {
      apply(matcher.onExpiry(s), ctx, out);
    }
  }

  private void apply(JoinStep step, Context ctx, Collector<LabelledPrediction> out)
      throws Exception {
    JoinState before = state.value();
    if (step.state() == null) {
      state.clear();
    } else {
      state.update(step.state());
      if (before == null || before.expiresAt() != step.state().expiresAt()) {
        ctx.timerService().registerEventTimeTimer(step.state().expiresAt());
      }
    }
    if (step.joined() != null) {
      out.collect(step.joined());
    }
    if (step.deadLetter() != null) {
      ctx.output(deadLetters, step.deadLetter());
    }
  }
}
