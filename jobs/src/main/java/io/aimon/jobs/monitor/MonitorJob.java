package io.aimon.jobs.monitor;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.LabelEvent;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.input.PairHalf;
import io.aimon.detectors.label.LabelMatcher;
import io.aimon.detectors.label.LabelledPrediction;
import io.aimon.detectors.label.Prediction;
import io.aimon.evidence.DeadLetterCount;
import io.aimon.evidence.EvidenceItem;
import io.aimon.jobs.evidence.EvidenceItems;
import io.aimon.jobs.evidence.GateLookup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The monitor job's graph. The same graph runs on Kafka ({@code run}, {@code demo}) and on files
 * ({@code replay}); only the sources and sinks passed in differ.
 *
 * <pre>
 * inference source -> decode -> watermarks -> keyBy (model, shard) -> admit (late? repeat?) -+
 *   +----------------------------------------------------------------------------------------+
 *   +-> partial window per shard -> keyBy model -> merged window -> drift, data quality,
 *   |     selection-rate fairness checks
 *   +-> inline label? ----------------------------------------------------------+
 *   +-> no label: keyBy inference id --------------+                             |
 * label source -> decode -> watermarks -> join labels (keyed by inference id) ---+-> keyBy
 *   (model, shard) -> outcome window part per shard (final at window end + labels.max_delay)
 *   -> keyBy model -> merged parts -> performance and label-based fairness checks
 * </pre>
 *
 * A shard ({@link ShardKeys}) is a hash of the inference id: one model's events spread over every
 * subtask, and its partial windows are merged before the checks, so results do not depend on the
 * parallelism.
 *
 * <p>Every check result also goes, keyed by its series, through the alert policy, which turns
 * breaches into incident events (opened, escalated, updated, resolved). Bad records, late and
 * repeated events and rejected labels become dead letters with a reason.
 *
 * <p>With evidence sinks: final check results, incident events and operators' corrective actions
 * ({@link #withActions}) go, keyed by series, through {@link ApplyCorrectiveActions}; its events,
 * the check results, window coverage (with the input ranges and dead letters by reason) and
 * incident events go, keyed by model, into the hash chains ({@link EvidenceGraph}).
 *
 * <pre>{@code
 * new MonitorJob(plan, inferenceSource, labelSource, metricsSink, deadLetterSink).build(env);
 * env.execute("aimon-monitor");
 * }</pre>
 */
public final class MonitorJob {
  /** Stable operator uids: savepoints depend on them, never rename one. */
  public static final String UID_SOURCE = "monitor.source";

  public static final String UID_DECODE = "monitor.decode";
  public static final String UID_WATERMARKS = "monitor.watermarks";
  public static final String UID_HALF_WATERMARKS = "monitor.half-watermarks";
  public static final String UID_PAIR = "monitor.pair-halves";
  public static final String UID_ADMIT = "monitor.admit";
  public static final String UID_DUPLICATE_DEAD_LETTERS = "monitor.duplicate-dead-letters";
  public static final String UID_DUPLICATE_COUNTS = "monitor.duplicate-counts";
  public static final String UID_WINDOW = "monitor.window-profile";
  public static final String UID_EVALUATE = "monitor.window-evaluate";
  public static final String UID_CHANGE_FILTER = "monitor.change-series";
  public static final String UID_CHANGES = "monitor.change-detection";
  public static final String UID_ERROR_SERIES = "monitor.change-error-series";
  public static final String UID_ERROR_CHANGES = "monitor.change-detection-errors";
  public static final String UID_LATE = "monitor.late-dead-letters";
  public static final String UID_LATE_COUNTS = "monitor.late-counts";
  public static final String UID_DECODE_DEAD_LETTER_COUNTS = "monitor.decode-dead-letter-counts";
  public static final String UID_OUTCOME_DEAD_LETTER_COUNTS = "monitor.outcome-dead-letter-counts";
  public static final String UID_LABEL_SOURCE = "monitor.label-source";
  public static final String UID_LABEL_DECODE = "monitor.label-decode";
  public static final String UID_LABEL_WATERMARKS = "monitor.label-watermarks";
  public static final String UID_INLINE_LABELS = "monitor.inline-labels";
  public static final String UID_JOIN = "monitor.label-join";
  public static final String UID_OUTCOMES = "monitor.outcome-windows";
  public static final String UID_OUTCOME_EVALUATE = "monitor.outcome-evaluate";
  public static final String UID_INCIDENTS = "monitor.alert-policy";
  public static final String UID_INCIDENT_SINK = "monitor.incident-sink";
  public static final String UID_CHECK_METRICS = "monitor.check-metrics";
  public static final String UID_INCIDENT_METRICS = "monitor.incident-metrics";
  public static final String UID_DEAD_LETTER_METRICS = "monitor.dead-letter-metrics";
  public static final String UID_METRICS_SINK = "monitor.metrics-sink";
  public static final String UID_DEAD_LETTER_SINK = "monitor.dead-letter-sink";

  private static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));
  private static final OutputTag<DeadLetter> PAIR_DEAD_LETTERS =
      new OutputTag<>("pair-dead-letters", TypeInformation.of(DeadLetter.class));
  private static final OutputTag<DeadLetter> LABEL_DEAD_LETTERS =
      new OutputTag<>("label-dead-letters", TypeInformation.of(DeadLetter.class));
  private static final OutputTag<DeadLetter> JOIN_DEAD_LETTERS =
      new OutputTag<>("join-dead-letters", TypeInformation.of(DeadLetter.class));
  private static final OutputTag<DeadLetter> OUTCOME_DEAD_LETTERS =
      new OutputTag<>("outcome-dead-letters", TypeInformation.of(DeadLetter.class));
  private static final OutputTag<DeadLetterCount> DEAD_LETTER_COUNTS =
      new OutputTag<>("dead-letter-counts", TypeInformation.of(DeadLetterCount.class));
  private static final OutputTag<DeadLetterCount> LABEL_DEAD_LETTER_COUNTS =
      new OutputTag<>("label-dead-letter-counts", TypeInformation.of(DeadLetterCount.class));
  private static final OutputTag<EvidenceItem> COVERAGE =
      new OutputTag<>("coverage", EvidenceItemSerializer.TYPE_INFO);

  private final MonitorPlan plan;
  private final Source<RawRecord, ?, ?> source;
  private final Source<RawRecord, ?, ?> labelSource;
  private final Sink<CheckResult> metricsSink;
  private final Sink<DeadLetter> deadLetterSink;
  private final Sink<IncidentEvent> incidentSink;
  private final EvidenceSinks evidenceSinks;
  private Source<RawRecord, ?, ?> actionSource;
  private Source<RawRecord, ?, ?> deliverySource;
  private boolean spreadInput;

  /**
   * @param labelSource label events (contract 1), or null when labels only come inline
   * @param evidenceSinks where the evidence records and manifests go (archive files, a topic)
   */
  public MonitorJob(
      MonitorPlan plan,
      Source<RawRecord, ?, ?> source,
      Source<RawRecord, ?, ?> labelSource,
      Sink<CheckResult> metricsSink,
      Sink<DeadLetter> deadLetterSink,
      Sink<IncidentEvent> incidentSink,
      EvidenceSinks evidenceSinks) {
    this.evidenceSinks = evidenceSinks;
    this.plan = plan;
    this.source = source;
    this.labelSource = labelSource;
    this.metricsSink = metricsSink;
    this.deadLetterSink = deadLetterSink;
    this.incidentSink = incidentSink;
  }

  /**
   * Reads operators' corrective actions ({@code aimon incident ...}) from {@code source} and
   * applies them to the incidents; without it incidents are still graded and their events become
   * evidence. Only a job with evidence sinks judges corrective actions.
   */
  public MonitorJob withActions(Source<RawRecord, ?, ?> source) {
    this.actionSource = source;
    return this;
  }

  /**
   * Spreads the raw records over every decoding subtask (round robin) when the job runs with
   * parallelism above 1: for sources that one subtask reads whole (a replay file is one split), so
   * decoding, the largest per-event cost, uses every core. A Kafka topic needs none: its partitions
   * spread over the source subtasks.
   */
  public MonitorJob spreadInput() {
    this.spreadInput = true;
    return this;
  }

  /**
   * Reads the alert job's delivery records from {@code source} back as {@code notification}
   * evidence (first deliveries only). Only a job with evidence sinks reads them.
   */
  public MonitorJob withDeliveries(Source<RawRecord, ?, ?> source) {
    this.deliverySource = source;
    return this;
  }

  /** Adds the job's operators to the environment. */
  public void build(StreamExecutionEnvironment env) {
    build(env, UnaryOperator.identity());
  }

  /**
   * Adds the job's operators, passing the raw inference stream through {@code afterSource} first:
   * the seam where tests insert fault injection. Operators it adds need their own uids.
   */
  public void build(
      StreamExecutionEnvironment env, UnaryOperator<DataStream<RawRecord>> afterSource) {
    // where event time is the record's own timestamp, the source tracks it per partition
    WatermarkStrategy<RawRecord> sourceWatermarks =
        plan.input().format().timedByRecord()
            ? WatermarkStrategy.<RawRecord>forGenerator(
                    EventTimeWatermarks.supplier(plan.outOfOrderness().toMillis()))
                .withTimestampAssigner((r, previous) -> r.timestamp())
                .withIdleness(plan.idleness())
            : WatermarkStrategy.noWatermarks();
    DataStream<RawRecord> raw =
        spread(
            afterSource.apply(
                env.fromSource(source, sourceWatermarks, name(UID_SOURCE))
                    .uid(UID_SOURCE)
                    .name(name(UID_SOURCE))));

    Decoding decoding = decode(raw);
    DataStream<InferenceEvent> events = decoding.events();

    // paired events carry the watermarks their halves had (set before pairing)
    DataStream<InferenceEvent> timed =
        plan.input().format().paired()
            ? events
            : events
                .assignTimestampsAndWatermarks(
                    WatermarkStrategy.<InferenceEvent>forGenerator(
                            EventTimeWatermarks.supplier(plan.outOfOrderness().toMillis()))
                        .withTimestampAssigner((e, previous) -> e.timestamp())
                        .withIdleness(plan.idleness()))
                .uid(UID_WATERMARKS)
                .name(name(UID_WATERMARKS));

    Map<String, Long> sizes = new HashMap<>();
    plan.specs().forEach((id, spec) -> sizes.put(id, spec.windowMillis()));

    ShardKeys shards = plan.shardKeys();
    KeySelector<InferenceEvent, String> shardOf = e -> shards.of(e.modelId(), e.inferenceId());
    SingleOutputStreamOperator<InferenceEvent> admitted =
        timed
            .keyBy(shardOf, Types.STRING)
            .process(
                new AdmitEvents(
                    sizes,
                    plan.duplicateIdsPerWindow(),
                    plan.duplicateFalsePositiveRate(),
                    plan.continuation() == null ? Map.of() : plan.continuation().coveredUpTo()),
                InferenceEventSerializer.TYPE_INFO)
            .uid(UID_ADMIT)
            .name(name(UID_ADMIT));

    // still partitioned by shard: the shards' windows need no second shuffle, and are chained to
    // the admission, so they see its watermark (no event it admitted is late here)
    SingleOutputStreamOperator<WindowState> partials =
        DataStreamUtils.reinterpretAsKeyedStream(admitted, shardOf, Types.STRING)
            .window(new ModelWindows(sizes))
            .sideOutputLateData(AdmitEvents.LATE)
            .aggregate(
                new ProfileAggregate(plan),
                WindowStateSerializer.TYPE_INFO,
                WindowStateSerializer.TYPE_INFO)
            .uid(UID_WINDOW)
            .name(name(UID_WINDOW));
    DataStream<InferenceEvent> lateEvents =
        admitted.getSideOutput(AdmitEvents.LATE).union(partials.getSideOutput(AdmitEvents.LATE));

    // the shards' partial windows of a model, merged once the watermark passes the window's end
    SingleOutputStreamOperator<CheckResult> results =
        partials
            .keyBy(WindowState::modelId, Types.STRING)
            .window(new ModelWindows(sizes))
            .aggregate(
                new MergePartials(),
                new EvaluateWindow(
                    plan,
                    COVERAGE,
                    new GateLookup(evidenceSinks.archiveDir(), plan.evidence().signingKey())),
                WindowStateSerializer.TYPE_INFO,
                WindowStateSerializer.TYPE_INFO,
                TypeInformation.of(CheckResult.class))
            .uid(UID_EVALUATE)
            .name(name(UID_EVALUATE));

    DataStream<DeadLetter> late =
        lateEvents.map(EventToDeadLetter.late()).uid(UID_LATE).name(name(UID_LATE));
    DataStream<DeadLetter> duplicates =
        admitted
            .getSideOutput(AdmitEvents.DUPLICATES)
            .map(EventToDeadLetter.duplicate())
            .uid(UID_DUPLICATE_DEAD_LETTERS)
            .name(name(UID_DUPLICATE_DEAD_LETTERS));

    Outcomes outcomes = outcomes(env, admitted, shards);

    // the models' watched series, per model in event-time order, flagged before windows close;
    // the per-event error in the order labels are joined
    DataStream<CheckResult> changes =
        admitted
            .process(ChangeSeries.ofEvents(plan), TypeInformation.of(ChangeValues.class))
            .uid(UID_CHANGE_FILTER)
            .name(name(UID_CHANGE_FILTER))
            .keyBy(ChangeValues::modelId, Types.STRING)
            .process(DetectChanges.events(plan), TypeInformation.of(CheckResult.class))
            .uid(UID_CHANGES)
            .name(name(UID_CHANGES))
            .union(
                outcomes
                    .labelled()
                    .process(ChangeSeries.ofErrors(plan), TypeInformation.of(ChangeValues.class))
                    .uid(UID_ERROR_SERIES)
                    .name(name(UID_ERROR_SERIES))
                    .keyBy(ChangeValues::modelId, Types.STRING)
                    .process(DetectChanges.errors(plan), TypeInformation.of(CheckResult.class))
                    .uid(UID_ERROR_CHANGES)
                    .name(name(UID_ERROR_CHANGES)));

    DataStream<CheckResult> checks =
        results
            .union(outcomes.results(), changes)
            .map(new RecordCheckMetrics())
            .uid(UID_CHECK_METRICS)
            .name(name(UID_CHECK_METRICS));
    checks.sinkTo(metricsSink).uid(UID_METRICS_SINK).name(name(UID_METRICS_SINK));
    DataStream<IncidentEvent> incidents =
        checks
            .keyBy(plan::incidentGroup, Types.STRING)
            .process(new RaiseIncidents(plan), TypeInformation.of(IncidentEvent.class))
            .uid(UID_INCIDENTS)
            .name(name(UID_INCIDENTS));
    DataStream<DeadLetter> deadLetters =
        decoding.deadLetters().union(late, duplicates, outcomes.deadLetters());
    if (evidenceSinks.any()) {
      EvidenceGraph.Inputs inputs =
          new EvidenceGraph.Inputs(
              checks,
              incidents,
              results.getSideOutput(COVERAGE),
              deadLetterCounts(decoding, admitted, lateEvents, outcomes));
      deadLetters =
          deadLetters.union(
              new EvidenceGraph(plan, evidenceSinks, actionSource, deliverySource)
                  .build(env, inputs));
    }
    incidents
        .map(new CountOpenIncidents(List.copyOf(plan.specs().keySet())))
        .setParallelism(1)
        .uid(UID_INCIDENT_METRICS)
        .name(name(UID_INCIDENT_METRICS))
        .sinkTo(incidentSink)
        .uid(UID_INCIDENT_SINK)
        .name(name(UID_INCIDENT_SINK));
    deadLetters
        .map(new CountDeadLetters())
        .uid(UID_DEAD_LETTER_METRICS)
        .name(name(UID_DEAD_LETTER_METRICS))
        .sinkTo(deadLetterSink)
        .uid(UID_DEAD_LETTER_SINK)
        .name(name(UID_DEAD_LETTER_SINK));
  }

  /**
   * The coverage counts of every dead letter of the monitored input: the decoders' (timed by the
   * decoder, before any watermark, so the stream is marked idle), the late and repeated events' (at
   * their own time) and the label join's and outcome windows' (timed by the operator that made
   * them).
   */
  private DataStream<DeadLetterCount> deadLetterCounts(
      Decoding decoding,
      SingleOutputStreamOperator<InferenceEvent> admitted,
      DataStream<InferenceEvent> lateEvents,
      Outcomes outcomes) {
    DataStream<DeadLetterCount> decoded = decoding.counts();
    if (outcomes.labelDecodeCounts() != null) {
      decoded = decoded.union(outcomes.labelDecodeCounts());
    }
    Set<String> models = Set.copyOf(plan.specs().keySet());
    DataStream<DeadLetter> keyedDeadLetters = outcomes.keyedDeadLetters();
    if (decoding.keyedDeadLetters() != null) {
      keyedDeadLetters = keyedDeadLetters.union(decoding.keyedDeadLetters());
    }
    DataStream<DeadLetterCount> keyed =
        keyedDeadLetters
            .flatMap(
                (DeadLetter d, Collector<DeadLetterCount> out) ->
                    EvidenceItems.deadLetterCounts(d, models, Long.MIN_VALUE).forEach(out::collect),
                TypeInformation.of(DeadLetterCount.class))
            .uid(UID_OUTCOME_DEAD_LETTER_COUNTS)
            .name(name(UID_OUTCOME_DEAD_LETTER_COUNTS));
    DataStream<DeadLetterCount> late =
        lateEvents
            .map(EvidenceItems::late, TypeInformation.of(DeadLetterCount.class))
            .uid(UID_LATE_COUNTS)
            .name(name(UID_LATE_COUNTS));
    DataStream<DeadLetterCount> repeated =
        admitted
            .getSideOutput(AdmitEvents.DUPLICATES)
            .map(EvidenceItems::duplicate, TypeInformation.of(DeadLetterCount.class))
            .uid(UID_DUPLICATE_COUNTS)
            .name(name(UID_DUPLICATE_COUNTS));
    return decoded
        .assignTimestampsAndWatermarks(
            SideInputWatermarks.<DeadLetterCount>strategy((c, previous) -> c.time()))
        .uid(UID_DECODE_DEAD_LETTER_COUNTS)
        .name(name(UID_DECODE_DEAD_LETTER_COUNTS))
        .union(keyed, late, repeated);
  }

  /**
   * The inference records decoded into events. A native record is one event; a paired format's
   * records are halves, joined by id (keyed, in event time) and then decoded into events.
   */
  private Decoding decode(DataStream<RawRecord> raw) {
    if (!plan.input().format().paired()) {
      SingleOutputStreamOperator<InferenceEvent> events =
          raw.process(
                  new DecodeRecords<InferenceEvent>(
                      plan, DecodeRecords.Kind.INFERENCE, DEAD_LETTERS, DEAD_LETTER_COUNTS),
                  InferenceEventSerializer.TYPE_INFO)
              .uid(UID_DECODE)
              .name(name(UID_DECODE));
      return new Decoding(
          events,
          events.getSideOutput(DEAD_LETTERS),
          events.getSideOutput(DEAD_LETTER_COUNTS),
          null);
    }
    SingleOutputStreamOperator<PairHalf> halves =
        raw.process(
                new DecodeRecords<PairHalf>(
                    plan, DecodeRecords.Kind.HALF, DEAD_LETTERS, DEAD_LETTER_COUNTS),
                PairHalfSerializer.TYPE_INFO)
            .uid(UID_DECODE)
            .name(name(UID_DECODE));
    DataStream<PairHalf> timedHalves =
        plan.input().format().timedByRecord()
            ? halves // watermarks from the source, per partition
            : halves
                .assignTimestampsAndWatermarks(
                    WatermarkStrategy.<PairHalf>forGenerator(
                            EventTimeWatermarks.supplier(plan.outOfOrderness().toMillis()))
                        .withTimestampAssigner((h, previous) -> h.timestamp())
                        .withIdleness(plan.idleness()))
                .uid(UID_HALF_WATERMARKS)
                .name(name(UID_HALF_WATERMARKS));
    SingleOutputStreamOperator<InferenceEvent> paired =
        timedHalves
            .keyBy(PairHalf::joinKey, Types.STRING)
            .process(new PairHalves(plan, PAIR_DEAD_LETTERS), InferenceEventSerializer.TYPE_INFO)
            .uid(UID_PAIR)
            .name(name(UID_PAIR));
    DataStream<DeadLetter> pairDeadLetters = paired.getSideOutput(PAIR_DEAD_LETTERS);
    return new Decoding(
        paired,
        halves.getSideOutput(DEAD_LETTERS).union(pairDeadLetters),
        halves.getSideOutput(DEAD_LETTER_COUNTS),
        pairDeadLetters);
  }

  /**
   * The decoded inference events and the input's dead letters.
   *
   * @param counts the coverage counts of the decoder's dead letters (before any watermark)
   * @param keyedDeadLetters the dead letters of the pairing (after watermarks), or null
   */
  private record Decoding(
      DataStream<InferenceEvent> events,
      DataStream<DeadLetter> deadLetters,
      DataStream<DeadLetterCount> counts,
      DataStream<DeadLetter> keyedDeadLetters) {}

  /**
   * The outcome path's check results and its dead letters (rejected labels).
   *
   * @param deadLetters all dead letters of the path
   * @param keyedDeadLetters those of the label join and the outcome windows (after watermarks)
   * @param labelDecodeCounts the coverage counts of the label decoder's dead letters, or null
   */
  private record Outcomes(
      DataStream<CheckResult> results,
      DataStream<LabelledPrediction> labelled,
      DataStream<DeadLetter> deadLetters,
      DataStream<DeadLetter> keyedDeadLetters,
      DataStream<DeadLetterCount> labelDecodeCounts) {}

  private Outcomes outcomes(
      StreamExecutionEnvironment env, DataStream<InferenceEvent> admitted, ShardKeys shards) {
    SingleOutputStreamOperator<LabelledPrediction> inline =
        admitted
            .process(new SplitByLabel(), LabelledPredictionSerializer.TYPE_INFO)
            .uid(UID_INLINE_LABELS)
            .name(name(UID_INLINE_LABELS));
    DataStream<LabelledPrediction> labelled = inline;
    DataStream<DeadLetter> labelDeadLetters = null;
    DataStream<DeadLetter> joinDeadLetters = null;
    DataStream<DeadLetterCount> labelDecodeCounts = null;
    if (labelSource != null) {
      SingleOutputStreamOperator<LabelEvent> labels =
          spread(
                  env.fromSource(
                          labelSource, WatermarkStrategy.noWatermarks(), name(UID_LABEL_SOURCE))
                      .uid(UID_LABEL_SOURCE)
                      .name(name(UID_LABEL_SOURCE)))
              .process(
                  new DecodeRecords<LabelEvent>(
                      plan, DecodeRecords.Kind.LABEL, LABEL_DEAD_LETTERS, LABEL_DEAD_LETTER_COUNTS),
                  TypeInformation.of(LabelEvent.class))
              .uid(UID_LABEL_DECODE)
              .name(name(UID_LABEL_DECODE));
      labelDeadLetters = labels.getSideOutput(LABEL_DEAD_LETTERS);
      labelDecodeCounts = labels.getSideOutput(LABEL_DEAD_LETTER_COUNTS);
      DataStream<LabelEvent> timedLabels =
          labels
              .assignTimestampsAndWatermarks(
                  WatermarkStrategy.<LabelEvent>forGenerator(
                          EventTimeWatermarks.supplier(plan.outOfOrderness().toMillis()))
                      .withTimestampAssigner((l, previous) -> l.timestamp())
                      .withIdleness(plan.idleness()))
              .uid(UID_LABEL_WATERMARKS)
              .name(name(UID_LABEL_WATERMARKS));
      DataStream<Prediction> predictions = inline.getSideOutput(SplitByLabel.UNLABELLED);
      SingleOutputStreamOperator<LabelledPrediction> joined =
          predictions
              .keyBy(Prediction::inferenceId)
              .connect(timedLabels.keyBy(LabelEvent::inferenceId))
              .process(
                  new JoinLabels(new LabelMatcher(plan.specs()), JOIN_DEAD_LETTERS),
                  LabelledPredictionSerializer.TYPE_INFO)
              .uid(UID_JOIN)
              .name(name(UID_JOIN));
      joinDeadLetters = joined.getSideOutput(JOIN_DEAD_LETTERS);
      labelDeadLetters = labelDeadLetters.union(joinDeadLetters);
      labelled = labelled.union(joined);
    }
    SingleOutputStreamOperator<OutcomePartial> parts =
        byShard(labelled, labelSource == null, shards)
            .process(
                new OutcomeWindows(plan, OUTCOME_DEAD_LETTERS), OutcomePartialSerializer.TYPE_INFO)
            .uid(UID_OUTCOMES)
            .name(name(UID_OUTCOMES));
    SingleOutputStreamOperator<CheckResult> results =
        parts
            .keyBy(OutcomePartial::modelId, Types.STRING)
            .process(new EvaluateOutcomes(plan), TypeInformation.of(CheckResult.class))
            .uid(UID_OUTCOME_EVALUATE)
            .name(name(UID_OUTCOME_EVALUATE));
    DataStream<DeadLetter> deadLetters = parts.getSideOutput(OUTCOME_DEAD_LETTERS);
    return new Outcomes(
        results,
        labelled,
        labelDeadLetters == null ? deadLetters : deadLetters.union(labelDeadLetters),
        joinDeadLetters == null ? deadLetters : deadLetters.union(joinDeadLetters),
        labelDecodeCounts);
  }

  /**
   * Labelled predictions keyed by shard. When labels only come inline, they come from the admitted
   * events, which are partitioned by that same shard key already: the outcome windows then need no
   * shuffle, and are chained to the admission (no serialization, no hand-over between threads).
   * Labels from a topic arrive keyed by inference id, so the union is shuffled by shard.
   */
  private static KeyedStream<LabelledPrediction, String> byShard(
      DataStream<LabelledPrediction> labelled, boolean onlyInline, ShardKeys shards) {
    KeySelector<LabelledPrediction, String> shardOf = p -> shards.of(p.modelId(), p.inferenceId());
    return onlyInline
        ? DataStreamUtils.reinterpretAsKeyedStream(labelled, shardOf, Types.STRING)
        : labelled.keyBy(shardOf, Types.STRING);
  }

  private DataStream<RawRecord> spread(DataStream<RawRecord> raw) {
    return spreadInput && plan.parallelism() > 1 ? raw.rebalance() : raw;
  }

  /** An operator's name: its uid without the job prefix, so names and uids always match. */
  static String name(String uid) {
    return uid.substring(uid.indexOf('.') + 1);
  }
}
