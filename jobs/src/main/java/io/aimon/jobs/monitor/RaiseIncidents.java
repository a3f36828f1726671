package io.aimon.jobs.monitor;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.SeriesKey;
import io.aimon.alerting.policy.AlertPolicy;
import io.aimon.alerting.policy.AlertStateMachine;
import io.aimon.alerting.policy.GroupIncident;
import io.aimon.alerting.policy.IncidentGrouper;
import io.aimon.alerting.policy.SeriesState;
import io.aimon.config.IncidentGrouping;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.CheckStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by incident group ({@link MonitorPlan#incidentGroup}): feeds each check result to its
 * series' alert state machine ({@link AlertStateMachine}) and folds the series of one group into
 * one incident ({@link IncidentGrouper}), keeping both states in Flink state, and emits the
 * incident events they decide.
 *
 * <p><b>Batches.</b> Under {@code alerting.group_by: series} a group is one series and its events
 * are emitted as each result arrives. Otherwise results wait in state until the watermark passes
 * their timestamp (the end of their window, or the moment a change was flagged); the timer then
 * judges all of the group's results of that time as one batch, in series order, so the incident
 * events do not depend on the order in which results of one window arrived from parallel operators.
 * A result that arrives with its timestamp already behind the watermark (a performance result after
 * late labels) is judged on arrival as a batch of its own.
 *
 * <p><b>State.</b> A series holds state only while it is not quiet ({@link
 * AlertStateMachine#isQuiet}: an open incident, a pending cooldown or a breach still in the N-of-M
 * window); when its state turns quiet, it is cleared, which the state machine shows changes no
 * later event (results reach this function in window order). A group holds its incident while one
 * is open, and results only until the watermark passes them. An ok or insufficient_data result of a
 * quiet series in a group with no incident open and nothing waiting changes nothing and is not
 * kept, so series that stay ok cost nothing, and the series that can hold state are those that can
 * breach: judged checks of configured features and attributes, a number fixed by the config. Group
 * rates (one series per fairness group, up to the group bound per attribute) are never judged, so
 * they never hold state, however many groups the events bring. Counters {@code
 * aimon.alert_series_stored} (a series got state) and {@code aimon.alert_series_expired} (a series'
 * state was cleared) show the churn per subtask.
 */
final class RaiseIncidents extends KeyedProcessFunction<String, CheckResult, IncidentEvent> {
  private static final long serialVersionUID = 1L;
  private final MonitorPlan plan;
  private transient MapState<String, SeriesState> series;
  private transient ValueState<GroupIncident> group;
  private transient MapState<Long, List<CheckResult>> waiting;
  private transient Counter stored;
  private transient Counter expired;

  RaiseIncidents(MonitorPlan plan) {
    this.plan = plan;
  }

  @Override
  public void open(OpenContext context) {
    series =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "series-states", Types.STRING, SeriesStateSerializer.TYPE_INFO));
    group =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("group-incident", GroupIncidentSerializer.TYPE_INFO));
    waiting =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "waiting-results",
                    Types.LONG,
                    Types.LIST(TypeInformation.of(CheckResult.class))));
    MetricGroup aimon = getRuntimeContext().getMetricGroup().addGroup("aimon");
    stored = aimon.counter("alert_series_stored");
    expired = aimon.counter("alert_series_expired");
  }

  @Override
  public void processElement(CheckResult result, Context ctx, Collector<IncidentEvent> out)
      throws Exception {
    AlertPolicy policy = plan.policy(result.modelId());
    if (policy.groupBy() == IncidentGrouping.SERIES) {
      judge(policy, result).forEach(j -> emit(j.seriesEvent(), out));
      return;
    }
    if (Boolean.TRUE.equals(result.partial()) || changesNothing(result)) {
      return;
    }
    long time = ctx.timestamp() != null ? ctx.timestamp() : result.windowEnd() - 1;
    if (time <= ctx.timerService().currentWatermark()) {
      batch(policy, ctx.getCurrentKey(), List.of(result), out);
      return;
    }
    List<CheckResult> batch = waiting.get(time);
    List<CheckResult> next = new ArrayList<>(batch == null ? List.of() : batch);
    next.add(result);
    waiting.put(time, next);
    ctx.timerService().registerEventTimeTimer(time);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<IncidentEvent> out)
      throws Exception {
    List<CheckResult> batch = waiting.get(timestamp);
    if (batch == null) {
      return;
    }
    waiting.remove(timestamp);
    batch(plan.policy(batch.get(0).modelId()), ctx.getCurrentKey(), batch, out);
  }

  /** Judges one batch of a group's results and emits the grouped incident's event, if any. */
  private void batch(
      AlertPolicy policy, String groupKey, List<CheckResult> results, Collector<IncidentEvent> out)
      throws Exception {
    List<CheckResult> ordered = new ArrayList<>(results);
    ordered.sort(
        Comparator.comparing((CheckResult r) -> SeriesKey.of(r).asString())
            .thenComparingLong(CheckResult::windowStart));
    List<IncidentGrouper.Judged> judged = new ArrayList<>();
    for (CheckResult r : ordered) {
      judged.addAll(judge(policy, r));
    }
    IncidentGrouper.Step step = IncidentGrouper.step(policy, groupKey, group.value(), judged);
    if (step.next() == null) {
      group.clear();
    } else {
      group.update(step.next());
    }
    step.events().forEach(out::collect);
  }

  /**
   * Steps the result's series, keeping or clearing its state; the judged result when the state
   * machine applied it (with its event, if any), else nothing.
   */
  private List<IncidentGrouper.Judged> judge(AlertPolicy policy, CheckResult r) throws Exception {
    String key = SeriesKey.of(r).asString();
    SeriesState current = series.get(key);
    AlertStateMachine.Step step =
        AlertStateMachine.step(policy, current == null ? SeriesState.INITIAL : current, r);
    SeriesState next = step.next();
    if (AlertStateMachine.isQuiet(next)) {
      if (current != null) {
        series.remove(key);
        expired.inc();
      }
    } else if (next != current) {
      if (current == null) {
        stored.inc();
      }
      series.put(key, next);
    }
    if (step.outcome() != AlertStateMachine.Outcome.APPLIED) {
      return List.of();
    }
    return List.of(
        new IncidentGrouper.Judged(r, step.events().isEmpty() ? null : step.events().get(0)));
  }

  /**
   * Whether {@code r} can change nothing: an ok or insufficient_data result of a quiet series, in a
   * group with no incident open and no results waiting (which could be earlier windows of it).
   */
  private boolean changesNothing(CheckResult r) throws Exception {
    return (r.status() == CheckStatus.OK || r.status() == CheckStatus.INSUFFICIENT_DATA)
        && group.value() == null
        && waiting.isEmpty()
        && !series.contains(SeriesKey.of(r).asString());
  }

  private static void emit(IncidentEvent e, Collector<IncidentEvent> out) {
    if (e != null) {
      out.collect(e);
    }
  }
}
