package io.aimon.jobs.alert;

import io.aimon.alerting.incident.IncidentEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes every incident event on, and keeps the latest event of each open incident (keyed by
 * incident id) to re-send it every {@code resendInterval} of processing time until the incident
 * resolves: Alertmanager forgets an alert that is not re-sent within its resolve timeout. The state
 * and the timer are checkpointed, so re-sends continue after a restart. An event older than the one
 * kept (a redelivery) replaces nothing.
 */
final class ResendOpenIncidents extends KeyedProcessFunction<String, IncidentEvent, Dispatch> {
  private static final long serialVersionUID = 1L;
  private final long resendIntervalMillis;
  private final boolean resend;
  private transient ValueState<IncidentEvent> latest;
  private transient ValueState<Long> nextResend;

  /**
   * @param resendIntervalMillis the re-send period
   * @param resend false when no configured notifier needs re-sends: then nothing is kept
   */
  ResendOpenIncidents(long resendIntervalMillis, boolean resend) {
    this.resendIntervalMillis = resendIntervalMillis;
    this.resend = resend;
  }

  @Override
  public void open(OpenContext context) {
    latest =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("latest", TypeInformation.of(IncidentEvent.class)));
    nextResend =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("next-resend", TypeInformation.of(Long.class)));
  }

  @Override
  public void processElement(IncidentEvent e, Context ctx, Collector<Dispatch> out)
      throws Exception {
    out.collect(new Dispatch(e, false));
    if (!resend) {
      return;
    }
    IncidentEvent kept = latest.value();
    if (kept != null && kept.eventTime() > e.eventTime()) {
      return;
    }
    Long timer = nextResend.value();
    if (e.type() == IncidentEvent.Type.RESOLVED) {
      if (timer != null) {
        ctx.timerService().deleteProcessingTimeTimer(timer);
      }
      latest.clear();
      nextResend.clear();
      return;
    }
    latest.update(e);
    if (timer == null) {
      schedule(ctx.timerService().currentProcessingTime(), ctx.timerService());
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Dispatch> out)
      throws Exception {
    IncidentEvent kept = latest.value();
    if (kept == null) {
      nextResend.clear();
      return;
    }
    out.collect(new Dispatch(kept, true));
    schedule(timestamp, ctx.timerService());
  }

  private void schedule(long now, org.apache.flink.streaming.api.TimerService timers)
      throws Exception {
    long at = now + resendIntervalMillis;
    timers.registerProcessingTimeTimer(at);
    nextResend.update(at);
  }
}
