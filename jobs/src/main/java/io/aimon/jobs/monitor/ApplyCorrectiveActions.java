package io.aimon.jobs.monitor;

import io.aimon.alerting.incident.CloudEvents;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.remediation.CorrectiveAction;
import io.aimon.alerting.remediation.Effectiveness;
import io.aimon.alerting.remediation.Remediation;
import io.aimon.alerting.remediation.RemediationMachine;
import io.aimon.alerting.remediation.RemediationPolicy;
import io.aimon.alerting.remediation.SeriousCategory;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.evidence.EvidenceItem;
import io.aimon.jobs.evidence.EventTimeBuffer;
import io.aimon.jobs.evidence.EvidenceItems;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by series: applies operators' corrective actions to the series' incidents and judges them
 * window by window with {@link RemediationMachine} (effectiveness over {@code
 * corrective_actions.verify_windows} clean windows, the nonconformity grade), emitting every
 * resulting event as a {@code corrective_action} evidence item.
 *
 * <p>Inputs wait until the watermark passes their time and are then applied in (time, kind, order)
 * order: a window's status before its incident event, both before an action at the same time. So
 * the result does not depend on how the streams interleave. An action for an incident the series
 * does not track (unknown, never opened, or closed and judged) is a dead letter {@code
 * unknown_incident}.
 *
 * <p>State: one {@link Remediation} (about 200 bytes) per incident until it is closed and no
 * verification is pending, plus the inputs waiting for the watermark. A series keeps at most {@link
 * #MAX_INCIDENTS_PER_SERIES}: past that, opening an incident forgets the oldest resolved one that
 * is not being verified (nothing can change it but an operator's late action, which then becomes a
 * dead letter {@code unknown_incident}), so incidents nobody closes do not grow the state forever.
 */
final class ApplyCorrectiveActions
    extends KeyedProcessFunction<String, RemediationInput, EvidenceItem> {
  private static final long serialVersionUID = 1L;
  private static final Comparator<RemediationInput> ORDER =
      Comparator.comparingLong(RemediationInput::time)
          .thenComparingInt(RemediationInput::kindRank)
          .thenComparing(RemediationInput::order);

  /** The most incidents one series keeps; see the class doc. */
  static final int MAX_INCIDENTS_PER_SERIES = 100;

  private final int verifyWindows;
  private final long majorAfterMillis;
  private final java.util.EnumMap<SeriousCategory, java.time.Duration> seriousDeadlines;
  private final OutputTag<DeadLetter> deadLetters;
  private transient RemediationPolicy policy;
  private transient MapState<String, Remediation> incidents;
  private transient EventTimeBuffer<RemediationInput> waiting;

  ApplyCorrectiveActions(RemediationPolicy policy, OutputTag<DeadLetter> deadLetters) {
    this.verifyWindows = policy.verifyWindows();
    this.majorAfterMillis = policy.majorAfter().toMillis();
    this.seriousDeadlines = new java.util.EnumMap<>(policy.seriousDeadlines());
    this.deadLetters = deadLetters;
  }

  @Override
  public void open(OpenContext context) {
    policy =
        new RemediationPolicy(
            verifyWindows, java.time.Duration.ofMillis(majorAfterMillis), seriousDeadlines);
    incidents =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "incidents", Types.STRING, RemediationSerializer.TYPE_INFO));
    waiting =
        EventTimeBuffer.create(
            getRuntimeContext(), "waiting", TypeInformation.of(RemediationInput.class));
  }

  @Override
  public void processElement(RemediationInput in, Context ctx, Collector<EvidenceItem> out)
      throws Exception {
    waiting.add(in.time(), in, ctx.timerService());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<EvidenceItem> out)
      throws Exception {
    for (RemediationInput in : waiting.takeUpTo(timestamp, ORDER)) {
      switch (in.kind()) {
        case RemediationInput.CHECK -> onWindow(in, out);
        case RemediationInput.INCIDENT -> onIncident(CloudEvents.fromJson(in.json()), out);
        default -> onAction(in, ctx, out);
      }
    }
  }

  private void onWindow(RemediationInput in, Collector<EvidenceItem> out) throws Exception {
    List<String> ids = new ArrayList<>();
    incidents.keys().forEach(ids::add);
    for (String id : ids) {
      save(
          RemediationMachine.onWindow(
              incidents.get(id), in.start(), in.time(), in.status(), policy),
          out);
    }
  }

  private void onIncident(IncidentEvent e, Collector<EvidenceItem> out) throws Exception {
    Remediation r = incidents.get(e.incidentId());
    if (r != null) {
      save(RemediationMachine.onIncident(r, e, policy), out);
    } else if (e.type() == IncidentEvent.Type.OPENED) {
      forgetOldestIfFull();
      save(RemediationMachine.opened(e, policy), out);
    }
    // other events of an incident not tracked (opened before corrective actions were tracked,
    // or closed and judged) change nothing
  }

  /** Keeps the series under {@link #MAX_INCIDENTS_PER_SERIES} before one more is tracked. */
  private void forgetOldestIfFull() throws Exception {
    int tracked = 0;
    Remediation oldest = null;
    for (Remediation r : incidents.values()) {
      tracked++;
      if (r.isResolved()
          && r.effectiveness() != Effectiveness.PENDING
          && (oldest == null || r.openedAt() < oldest.openedAt())) {
        oldest = r;
      }
    }
    if (tracked >= MAX_INCIDENTS_PER_SERIES && oldest != null) {
      incidents.remove(oldest.incidentId());
    }
  }

  private void onAction(RemediationInput in, OnTimerContext ctx, Collector<EvidenceItem> out)
      throws Exception {
    CorrectiveAction a = CorrectiveAction.fromJson(in.json());
    Remediation r = incidents.get(a.incidentId());
    if (r == null) {
      ctx.output(
          deadLetters,
          new DeadLetter(
              DeadLetterReason.UNKNOWN_INCIDENT.code(),
              "incident_id: "
                  + a.incidentId()
                  + " is not an open or unjudged incident of series "
                  + a.series(),
              in.source(),
              in.position(),
              in.json(),
              in.json().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
      return;
    }
    save(RemediationMachine.onAction(r, a, policy), out);
  }

  /** Keeps the next state (or forgets a closed, judged incident) and emits the events. */
  private void save(RemediationMachine.Step step, Collector<EvidenceItem> out) throws Exception {
    Remediation r = step.next();
    if (r.isClosed() && r.effectiveness() != Effectiveness.PENDING) {
      incidents.remove(r.incidentId());
    } else {
      incidents.put(r.incidentId(), r);
    }
    step.events().forEach(e -> out.collect(EvidenceItems.correctiveAction(e)));
  }
}
