package io.aimon.jobs.monitor;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.policy.AlertStateMachine;
import io.aimon.alerting.policy.SeriesState;
import io.aimon.detectors.check.CheckResult;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by series (model, metric, feature or attribute/group): feeds each check result to the alert
 * policy's state machine ({@link AlertStateMachine}), keeping its {@link SeriesState} in Flink
 * state, and emits the incident events it decides.
 *
 * <p><b>State.</b> A series holds state only while it is not quiet ({@link
 * AlertStateMachine#isQuiet}: an open incident, a pending cooldown or a breach still in the N-of-M
 * window); when its state turns quiet, it is cleared, which the state machine shows changes no
 * later event (results reach this function in window order). So series that stay ok or
 * insufficient_data cost nothing, and the series that can hold state are those that can breach:
 * judged checks of configured features and attributes, a number fixed by the config. Group rates
 * (one series per fairness group, up to the group bound per attribute) are never judged, so they
 * never hold state, however many groups the events bring. Counters {@code
 * aimon.alert_series_stored} (a series got state) and {@code aimon.alert_series_expired} (a series'
 * state was cleared) show the churn per subtask.
 */
final class RaiseIncidents extends KeyedProcessFunction<String, CheckResult, IncidentEvent> {
  private static final long serialVersionUID = 1L;
  private final MonitorPlan plan;
  private transient ValueState<SeriesState> state;
  private transient Counter stored;
  private transient Counter expired;

  RaiseIncidents(MonitorPlan plan) {
    this.plan = plan;
  }

  @Override
  public void open(OpenContext context) {
    state =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("series", SeriesStateSerializer.TYPE_INFO));
    MetricGroup aimon = getRuntimeContext().getMetricGroup().addGroup("aimon");
    stored = aimon.counter("alert_series_stored");
    expired = aimon.counter("alert_series_expired");
  }

  @Override
  public void processElement(CheckResult result, Context ctx, Collector<IncidentEvent> out)
      throws Exception {
    SeriesState current = state.value();
    AlertStateMachine.Step step =
        AlertStateMachine.step(
            plan.policy(result.modelId()), current == null ? SeriesState.INITIAL : current, result);
    SeriesState next = step.next();
    if (AlertStateMachine.isQuiet(next)) {
      if (current != null) {
        state.clear();
        expired.inc();
      }
    } else if (next != current) {
      if (current == null) {
        stored.inc();
      }
      state.update(next);
    }
    step.events().forEach(out::collect);
  }
}
