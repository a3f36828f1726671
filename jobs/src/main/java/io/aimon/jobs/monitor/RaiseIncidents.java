package io.aimon.jobs.monitor;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.policy.AlertStateMachine;
import io.aimon.alerting.policy.SeriesState;
import io.aimon.detectors.check.CheckResult;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by series (model, metric, feature or attribute/group): feeds each check result to the alert
 * policy's state machine ({@link AlertStateMachine}), keeping its {@link SeriesState} in Flink
 * state, and emits the incident events it decides.
 */
final class RaiseIncidents extends KeyedProcessFunction<String, CheckResult, IncidentEvent> {
  private static final long serialVersionUID = 1L;
  private final MonitorPlan plan;
  private transient ValueState<SeriesState> state;

  RaiseIncidents(MonitorPlan plan) {
    this.plan = plan;
  }

  @Override
  public void open(OpenContext context) {
    state =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("series", SeriesStateSerializer.TYPE_INFO));
  }

  @Override
  public void processElement(CheckResult result, Context ctx, Collector<IncidentEvent> out)
      throws Exception {
    SeriesState current = state.value();
    AlertStateMachine.Step step =
        AlertStateMachine.step(
            plan.policy(result.modelId()), current == null ? SeriesState.INITIAL : current, result);
    state.update(step.next());
    step.events().forEach(out::collect);
  }
}
