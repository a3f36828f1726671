package io.aimon.jobs.monitor;

import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.RawRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * The monitor job's graph: source -> decode (bad records to dead letters) -> watermarks -> keyBy
 * model -> tumbling event-time window per model's size -> window profile -> checks -> sinks. Late
 * events become {@code late} dead letters. The same graph runs on Kafka ({@code run}, {@code demo})
 * and on files ({@code replay}); only the source and sinks passed in differ.
 *
 * <pre>{@code
 * new MonitorJob(plan, source, metricsSink, deadLetterSink).build(env);
 * env.execute("aimon-monitor");
 * }</pre>
 */
public final class MonitorJob {
  /** Stable operator uids: savepoints depend on them, never rename one. */
  public static final String UID_SOURCE = "monitor.source";

  public static final String UID_DECODE = "monitor.decode";
  public static final String UID_WATERMARKS = "monitor.watermarks";
  public static final String UID_WINDOW = "monitor.window-profile";
  public static final String UID_LATE = "monitor.late-dead-letters";
  public static final String UID_METRICS_SINK = "monitor.metrics-sink";
  public static final String UID_DEAD_LETTER_SINK = "monitor.dead-letter-sink";

  private static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>(
          "dead-letters",
          org.apache.flink.api.common.typeinfo.TypeInformation.of(DeadLetter.class));
  private static final OutputTag<InferenceEvent> LATE =
      new OutputTag<>(
          "late", org.apache.flink.api.common.typeinfo.TypeInformation.of(InferenceEvent.class));

  private final MonitorPlan plan;
  private final Source<RawRecord, ?, ?> source;
  private final Sink<CheckResult> metricsSink;
  private final Sink<DeadLetter> deadLetterSink;

  public MonitorJob(
      MonitorPlan plan,
      Source<RawRecord, ?, ?> source,
      Sink<CheckResult> metricsSink,
      Sink<DeadLetter> deadLetterSink) {
    this.plan = plan;
    this.source = source;
    this.metricsSink = metricsSink;
    this.deadLetterSink = deadLetterSink;
  }

  /** Adds the job's operators to the environment. */
  public void build(StreamExecutionEnvironment env) {
    build(env, UnaryOperator.identity());
  }

  /**
   * Adds the job's operators, passing the raw record stream through {@code afterSource} first: the
   * seam where tests insert fault injection. Operators it adds need their own uids.
   */
  public void build(
      StreamExecutionEnvironment env, UnaryOperator<DataStream<RawRecord>> afterSource) {
    DataStream<RawRecord> raw =
        afterSource.apply(
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "inference-source")
                .uid(UID_SOURCE)
                .name("inference-source"));

    SingleOutputStreamOperator<InferenceEvent> events =
        raw.process(new DecodeInference(plan, DEAD_LETTERS)).uid(UID_DECODE).name("decode");

    DataStream<InferenceEvent> timed =
        events
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<InferenceEvent>forGenerator(
                        EventTimeWatermarks.supplier(plan.outOfOrderness().toMillis()))
                    .withTimestampAssigner((e, previous) -> e.timestamp())
                    .withIdleness(plan.idleness()))
            .uid(UID_WATERMARKS)
            .name("watermarks");

    Map<String, Long> sizes = new HashMap<>();
    plan.specs().forEach((id, spec) -> sizes.put(id, spec.windowMillis()));

    SingleOutputStreamOperator<CheckResult> results =
        timed
            .keyBy(InferenceEvent::modelId)
            .window(new ModelWindows(sizes))
            .sideOutputLateData(LATE)
            .aggregate(
                new ProfileAggregate(plan),
                new EvaluateWindow(plan),
                WindowStateSerializer.TYPE_INFO,
                WindowStateSerializer.TYPE_INFO,
                org.apache.flink.api.common.typeinfo.TypeInformation.of(CheckResult.class))
            .uid(UID_WINDOW)
            .name("window-profile");

    DataStream<DeadLetter> late =
        results
            .getSideOutput(LATE)
            .map(new LateEventToDeadLetter())
            .uid(UID_LATE)
            .name("late-events");

    results.sinkTo(metricsSink).uid(UID_METRICS_SINK).name("metrics-sink");
    events
        .getSideOutput(DEAD_LETTERS)
        .union(late)
        .sinkTo(deadLetterSink)
        .uid(UID_DEAD_LETTER_SINK)
        .name("dead-letter-sink");
  }
}
