package io.aimon.jobs.monitor;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.notify.Secret;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.RawRecord;
import io.aimon.evidence.DeadLetterCount;
import io.aimon.evidence.EvidenceItem;
import io.aimon.jobs.evidence.EvidenceItems;
import io.aimon.jobs.evidence.EvidenceKeys;
import io.aimon.jobs.evidence.EvidenceLine;
import io.aimon.jobs.evidence.WriteEvidence;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * The monitor job's evidence graph: from the monitor graph's typed streams (check results, incident
 * events, window coverage, dead-letter counts) to hash-chained evidence per model.
 *
 * <pre>
 * checks, incidents, operators' actions ---keyBy series--> corrective actions --+
 * checks, incidents, coverage, alert deliveries (notifications) ----------------+-keyBy model-+
 * dead-letter counts -----------------------------------------------------------keyBy model--+-> evidence chain -> sinks
 * </pre>
 *
 * <pre>{@code
 * DataStream<DeadLetter> more = new EvidenceGraph(plan, sinks, actions, deliveries)
 *     .build(env, new EvidenceGraph.Inputs(checks, incidents, coverage, deadLetterCounts));
 * }</pre>
 */
final class EvidenceGraph {
  /** Stable operator uids (and names, after the prefix): savepoints depend on them. */
  static final String UID_ACTION_SOURCE = "monitor.action-source";

  static final String UID_ACTION_DECODE = "monitor.action-decode";
  static final String UID_ACTION_TIMESTAMPS = "monitor.action-timestamps";
  static final String UID_FINAL_CHECKS = "monitor.corrective-final-checks";
  static final String UID_CORRECTIVE_CHECKS = "monitor.corrective-checks";
  static final String UID_CORRECTIVE_INCIDENTS = "monitor.corrective-incidents";
  static final String UID_CORRECTIVE_ACTIONS = "monitor.corrective-actions";
  static final String UID_DELIVERY_SOURCE = "monitor.delivery-source";
  static final String UID_DELIVERY_DECODE = "monitor.delivery-decode";
  static final String UID_DELIVERY_TIMESTAMPS = "monitor.delivery-timestamps";
  static final String UID_EVIDENCE_CHECKS = "monitor.evidence-checks";
  static final String UID_EVIDENCE_INCIDENTS = "monitor.evidence-incidents";
  static final String UID_EVIDENCE = "monitor.evidence-chain";
  static final String UID_TOPIC_SINK = "monitor.evidence-topic-sink";
  static final String UID_ARCHIVE_SINK = "monitor.evidence-archive-sink";

  private static final OutputTag<DeadLetter> ACTION_DEAD_LETTERS =
      new OutputTag<>("action-dead-letters", TypeInformation.of(DeadLetter.class));
  private static final OutputTag<DeadLetter> UNKNOWN_INCIDENTS =
      new OutputTag<>("unknown-incidents", TypeInformation.of(DeadLetter.class));
  private static final OutputTag<DeadLetter> DELIVERY_DEAD_LETTERS =
      new OutputTag<>("delivery-dead-letters", TypeInformation.of(DeadLetter.class));

  /**
   * What the monitor graph hands over.
   *
   * @param checks every check result (final and partial)
   * @param incidents the alert policy's incident events
   * @param coverage each evaluated window's coverage item
   * @param deadLetters the coverage counts of every dead letter of the monitored input, timed
   */
  record Inputs(
      DataStream<CheckResult> checks,
      DataStream<IncidentEvent> incidents,
      DataStream<EvidenceItem> coverage,
      DataStream<DeadLetterCount> deadLetters) {}

  private final MonitorPlan plan;
  private final EvidenceSinks sinks;
  private final Source<RawRecord, ?, ?> actionSource;
  private final Source<RawRecord, ?, ?> deliverySource;

  /**
   * @param actionSource operators' corrective actions, or null
   * @param deliverySource the alert job's delivery records, or null
   */
  EvidenceGraph(
      MonitorPlan plan,
      EvidenceSinks sinks,
      Source<RawRecord, ?, ?> actionSource,
      Source<RawRecord, ?, ?> deliverySource) {
    this.plan = plan;
    this.sinks = sinks;
    this.actionSource = actionSource;
    this.deliverySource = deliverySource;
  }

  /** Adds the graph; returns the dead letters it makes (unknown incidents, malformed inputs). */
  DataStream<DeadLetter> build(StreamExecutionEnvironment env, Inputs in) {
    String configDigest = plan.configDigest();
    HashMap<String, String> planDigests = new HashMap<>();
    plan.monitoringPlans().forEach((id, p) -> planDigests.put(id, p.planDigest()));
    DataStream<EvidenceItem> items =
        in.checks()
            .map(
                r -> EvidenceItems.check(r, configDigest, planDigests.get(r.modelId())),
                EvidenceItemSerializer.TYPE_INFO)
            .uid(UID_EVIDENCE_CHECKS)
            .name(MonitorJob.name(UID_EVIDENCE_CHECKS))
            .union(
                in.coverage(),
                in.incidents()
                    .map(EvidenceItems::incident, EvidenceItemSerializer.TYPE_INFO)
                    .uid(UID_EVIDENCE_INCIDENTS)
                    .name(MonitorJob.name(UID_EVIDENCE_INCIDENTS)));
    Corrective corrective = correctiveActions(env, in);
    items = items.union(corrective.items());
    DataStream<DeadLetter> deadLetters = corrective.deadLetters();
    if (deliverySource != null) {
      SingleOutputStreamOperator<EvidenceItem> decoded =
          env.fromSource(
                  deliverySource,
                  WatermarkStrategy.noWatermarks(),
                  MonitorJob.name(UID_DELIVERY_SOURCE))
              .uid(UID_DELIVERY_SOURCE)
              .name(MonitorJob.name(UID_DELIVERY_SOURCE))
              .process(
                  new DecodeDeliveries(plan.specs().keySet(), DELIVERY_DEAD_LETTERS),
                  EvidenceItemSerializer.TYPE_INFO)
              .uid(UID_DELIVERY_DECODE)
              .name(MonitorJob.name(UID_DELIVERY_DECODE));
      deadLetters = deadLetters.union(decoded.getSideOutput(DELIVERY_DEAD_LETTERS));
      // A side input: a delivery is timed at its incident event, which the watermark has passed.
      items =
          items.union(
              decoded
                  .assignTimestampsAndWatermarks(
                      SideInputWatermarks.<EvidenceItem>strategy((i, previous) -> i.time()))
                  .uid(UID_DELIVERY_TIMESTAMPS)
                  .name(MonitorJob.name(UID_DELIVERY_TIMESTAMPS)));
    }
    if (plan.evidence().signingKey() != null) {
      // here, where the job is built: a refused key is one line before anything runs
      EvidenceKeys.checkPermissions(
          Secret.of(plan.evidence().signingKey()), plan.evidence().signingKeyOwnerOnly());
    }
    Map<String, Long> windows = new HashMap<>();
    plan.specs().forEach((id, spec) -> windows.put(id, spec.windowMillis()));
    DataStream<EvidenceLine> lines =
        items
            .keyBy(EvidenceItem::modelId)
            .connect(in.deadLetters().keyBy(DeadLetterCount::modelId))
            .process(
                new WriteEvidence(
                    plan.evidence().signingKey(),
                    windows,
                    plan.continuation(),
                    plan.monitoringPlans(),
                    plan.evidence().timestampUrl()),
                TypeInformation.of(EvidenceLine.class))
            .uid(UID_EVIDENCE)
            .name(MonitorJob.name(UID_EVIDENCE));
    if (sinks.topic() != null) {
      lines.sinkTo(sinks.topic()).uid(UID_TOPIC_SINK).name(MonitorJob.name(UID_TOPIC_SINK));
    }
    if (sinks.archive() != null) {
      lines.sinkTo(sinks.archive()).uid(UID_ARCHIVE_SINK).name(MonitorJob.name(UID_ARCHIVE_SINK));
    }
    return deadLetters;
  }

  /** The corrective-action items and the dead letters of their path. */
  private record Corrective(DataStream<EvidenceItem> items, DataStream<DeadLetter> deadLetters) {}

  /**
   * Final check results, incident events and (if a source is set) operators' actions, keyed by
   * series, through the corrective-action state machine into {@code corrective_action} items.
   */
  private Corrective correctiveActions(StreamExecutionEnvironment env, Inputs in) {
    DataStream<RemediationInput> inputs =
        in.checks()
            .filter(r -> !Boolean.TRUE.equals(r.partial()))
            .uid(UID_FINAL_CHECKS)
            .name(MonitorJob.name(UID_FINAL_CHECKS))
            .map(RemediationInput::check, TypeInformation.of(RemediationInput.class))
            .uid(UID_CORRECTIVE_CHECKS)
            .name(MonitorJob.name(UID_CORRECTIVE_CHECKS))
            .union(
                in.incidents()
                    .map(RemediationInput::incident, TypeInformation.of(RemediationInput.class))
                    .uid(UID_CORRECTIVE_INCIDENTS)
                    .name(MonitorJob.name(UID_CORRECTIVE_INCIDENTS)));
    DataStream<DeadLetter> decodeDeadLetters = null;
    if (actionSource != null) {
      SingleOutputStreamOperator<RemediationInput> actions =
          env.fromSource(
                  actionSource,
                  WatermarkStrategy.noWatermarks(),
                  MonitorJob.name(UID_ACTION_SOURCE))
              .uid(UID_ACTION_SOURCE)
              .name(MonitorJob.name(UID_ACTION_SOURCE))
              .process(
                  new DecodeActions(plan.maxFutureSkewMillis(), ACTION_DEAD_LETTERS),
                  TypeInformation.of(RemediationInput.class))
              .uid(UID_ACTION_DECODE)
              .name(MonitorJob.name(UID_ACTION_DECODE));
      decodeDeadLetters = actions.getSideOutput(ACTION_DEAD_LETTERS);
      inputs =
          inputs.union(
              actions
                  .assignTimestampsAndWatermarks(
                      SideInputWatermarks.<RemediationInput>strategy((a, previous) -> a.time()))
                  .uid(UID_ACTION_TIMESTAMPS)
                  .name(MonitorJob.name(UID_ACTION_TIMESTAMPS)));
    }
    SingleOutputStreamOperator<EvidenceItem> applied =
        inputs
            .keyBy(RemediationInput::series)
            .process(
                new ApplyCorrectiveActions(plan.remediationPolicy(), UNKNOWN_INCIDENTS),
                EvidenceItemSerializer.TYPE_INFO)
            .uid(UID_CORRECTIVE_ACTIONS)
            .name(MonitorJob.name(UID_CORRECTIVE_ACTIONS));
    DataStream<DeadLetter> deadLetters = applied.getSideOutput(UNKNOWN_INCIDENTS);
    return new Corrective(
        applied, decodeDeadLetters == null ? deadLetters : deadLetters.union(decodeDeadLetters));
  }
}
