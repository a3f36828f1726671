package io.aimon.jobs.monitor;

import io.aimon.alerting.incident.CloudEvents;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.config.InputConfig;
import io.aimon.config.InputFormat;
import io.aimon.config.KafkaSettings;
import io.aimon.config.LabelFormat;
import io.aimon.config.StateBackend;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.OutputJson;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.input.SageMakerGroundTruth;
import io.aimon.jobs.evidence.EvidenceArchive;
import io.aimon.jobs.evidence.EvidenceLine;
import io.aimon.jobs.io.JsonLinesFileSink;
import io.aimon.jobs.io.JsonLinesFormat;
import io.aimon.jobs.kafka.KafkaConnectors;
import io.aimon.jobs.kafka.RawRecordDeserializer;
import io.aimon.jobs.metrics.LocalPrometheusReporterFactory;
import io.aimon.jobs.state.CheckpointStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Sets up the execution environment and plugs the real sources and sinks into {@link MonitorJob}:
 * Kafka for {@code run} and {@code demo}, files for {@code replay}. In the {@code aimon} process
 * the environment is a local MiniCluster; submitted to a Flink cluster, the same code runs there.
 */
public final class MonitorRunner {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(MonitorRunner.class);
  public static final String METRICS_FILE = "metrics.jsonl";
  public static final String DEAD_LETTER_FILE = "dead-letter.jsonl";
  public static final String INCIDENTS_FILE = "incidents.jsonl";
  public static final String EVIDENCE_DIR = "evidence";

  /** The ports the local jobs' Prometheus endpoint tries, in order. */
  public static final String PROMETHEUS_PORTS = "9249-9259";

  static final String PROMETHEUS_REPORTER_FACTORY = LocalPrometheusReporterFactory.class.getName();

  /** The local Prometheus endpoint on {@code host} (e.g. 127.0.0.1): {@code host:9249-9259}. */
  public static String prometheusEndpoint(String host) {
    return host + ":" + PROMETHEUS_PORTS;
  }

  private MonitorRunner() {}

  /**
   * An environment with checkpointing, strict typing (no Kryo fallback), mandatory uids and, when
   * {@code restarts} is set, a fixed-delay restart strategy.
   */
  public static StreamExecutionEnvironment environment(MonitorPlan plan, boolean restarts) {
    return environment(
        plan.parallelism(),
        plan.checkpointInterval(),
        plan.stateBackend(),
        restarts,
        null,
        null,
        null);
  }

  /** As {@link #environment(MonitorPlan, boolean)}, for any job. */
  public static StreamExecutionEnvironment environment(
      int parallelism, Duration checkpointInterval, boolean restarts) {
    return environment(parallelism, checkpointInterval, restarts, null);
  }

  /**
   * As {@link #environment(int, Duration, boolean)}, with Flink's PrometheusReporter serving the
   * job's metrics on the first free port of {@code prometheusPorts} (e.g. {@code 9249-9259}) when
   * it is not null. Applies to the local MiniCluster; a Flink cluster configures its own reporters.
   */
  public static StreamExecutionEnvironment environment(
      int parallelism, Duration checkpointInterval, boolean restarts, String prometheusPorts) {
    return environment(
        parallelism,
        checkpointInterval,
        StateBackend.HASHMAP,
        restarts,
        prometheusPorts,
        null,
        null);
  }

  /**
   * As {@link #environment(int, Duration, boolean, String)}, with state in {@code backend} (RocksDB
   * with incremental checkpoints, or the heap), durable checkpoints in {@code store} (when not
   * null) and the job started from {@code restore} (when not null).
   */
  public static StreamExecutionEnvironment environment(
      int parallelism,
      Duration checkpointInterval,
      StateBackend backend,
      boolean restarts,
      String prometheusPorts,
      CheckpointStore store,
      CheckpointStore.Snapshot restore) {
    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, backend.configName());
    if (backend == StateBackend.ROCKSDB) {
      // a checkpoint uploads the files written since the last one, not the whole state
      conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    }
    if (store != null) {
      store.configure(conf, restore);
    }
    if (prometheusPorts != null) {
      // HOST:PORTS, or PORTS alone for the loopback address
      int colon = prometheusPorts.lastIndexOf(':');
      conf.set(stringOption("metrics.reporter.prom.factory.class"), PROMETHEUS_REPORTER_FACTORY);
      conf.set(
          stringOption("metrics.reporter.prom.host"),
          colon < 0
              ? LocalPrometheusReporterFactory.DEFAULT_HOST
              : prometheusPorts.substring(0, colon));
      conf.set(stringOption("metrics.reporter.prom.port"), prometheusPorts.substring(colon + 1));
      // keep label values as they are: model ids such as credit-risk must match the config
      conf.set(stringOption("metrics.reporter.prom.filterLabelValueCharacters"), "false");
    }
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
    if (restarts) {
      conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
    } else {
      conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(parallelism);
    env.enableCheckpointing(checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
    return env;
  }

  /**
   * The replay job: the input file (and, if given, a file of label events) through the monitor
   * graph into JSON Lines files in outDir.
   *
   * @param labels label events (contract 1, or SageMaker ground truth timed by the hour of its
   *     path), or null when labels only come inline
   */
  public static MonitorJob replayJob(MonitorPlan plan, Path input, Path labels, Path outDir) {
    return new MonitorJob(
            plan,
            fileSource(plan, input),
            labels == null
                ? null
                : fileSource(
                    plan,
                    labels,
                    plan.input().labelFormat() == LabelFormat.SAGEMAKER
                        ? SageMakerGroundTruth.hourOfPath(labels.toAbsolutePath().toString())
                        : RawRecord.NO_TIMESTAMP),
            new JsonLinesFileSink<CheckResult>(
                outDir.resolve(METRICS_FILE), OutputJson::checkResult),
            new JsonLinesFileSink<DeadLetter>(
                outDir.resolve(DEAD_LETTER_FILE), OutputJson::deadLetter),
            new JsonLinesFileSink<IncidentEvent>(
                outDir.resolve(INCIDENTS_FILE), CloudEvents::toJson),
            new EvidenceSinks(
                null,
                EvidenceArchive.sink(outDir.resolve(EVIDENCE_DIR).toAbsolutePath().toString()),
                outDir.resolve(EVIDENCE_DIR).toAbsolutePath().toString()))
        .spreadInput();
  }

  private static org.apache.flink.configuration.ConfigOption<String> stringOption(String key) {
    return org.apache.flink.configuration.ConfigOptions.key(key).stringType().noDefaultValue();
  }

  /** A bounded source of the lines of {@code file} (.jsonl or .jsonl.gz). */
  public static FileSource<RawRecord> fileSource(MonitorPlan plan, Path file) {
    return fileSource(plan, file, RawRecord.NO_TIMESTAMP);
  }

  /** As {@link #fileSource(MonitorPlan, Path)}, every line timed {@code timestamp}. */
  private static FileSource<RawRecord> fileSource(MonitorPlan plan, Path file, long timestamp) {
    return FileSource.forRecordStreamFormat(
            new JsonLinesFormat(file.getFileName().toString(), plan.maxRecordBytes(), timestamp),
            new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri()))
        .build();
  }

  /**
   * The production job: the inference and label topics to the metrics and dead-letter topics,
   * exactly once. When the labels topic does not exist, labels only come inline (logged).
   *
   * @param bounded stop at the offsets that are latest at start (tests and backfills)
   * @param transactionalIdPrefix unique per job instance on a cluster, e.g. {@code aimon-monitor}
   */
  public static MonitorJob kafkaJob(
      MonitorPlan plan, KafkaSettings kafka, boolean bounded, String transactionalIdPrefix) {
    return new MonitorJob(
            plan,
            KafkaConnectors.rawSource(
                kafka,
                kafka.groupId(),
                inferenceTopics(plan.input(), kafka, plan.specs().keySet()).stream()
                    .map(keyAndTopic -> keyAndTopic[1])
                    .toList(),
                new RawRecordDeserializer(
                    plan.maxRecordBytes(),
                    plan.input().format() == InputFormat.KSERVE
                        || plan.input().format() == InputFormat.SELDON,
                    plan.input().format() == InputFormat.SELDON
                        || (plan.input().format() == InputFormat.OTLP
                            && plan.input().otlp().protobuf())),
                bounded),
            labelSource(kafka, plan, bounded),
            KafkaConnectors.<CheckResult>exactlyOnceSink(
                kafka,
                kafka.metricsTopic(),
                transactionalIdPrefix + "-metrics",
                CheckResult::modelId,
                OutputJson::checkResult),
            KafkaConnectors.<DeadLetter>exactlyOnceSink(
                kafka,
                kafka.deadLetterTopic(),
                transactionalIdPrefix + "-dead-letter",
                DeadLetter::source,
                OutputJson::deadLetter),
            KafkaConnectors.<IncidentEvent>exactlyOnceSink(
                kafka,
                kafka.incidentsTopic(),
                transactionalIdPrefix + "-incidents",
                IncidentEvent::dedupKey,
                CloudEvents::toJson),
            evidenceSinks(plan, kafka, transactionalIdPrefix))
        .withActions(actionSource(kafka, plan, bounded))
        .withDeliveries(deliverySource(kafka, plan, bounded));
  }

  /**
   * The topics inference records are read from, each with the config key that names it: {@code
   * kafka.topics.inference}, or for Seldon Core 2 each model's {@code .inputs} and {@code .outputs}
   * topics (in model id order).
   */
  public static List<String[]> inferenceTopics(
      InputConfig input, KafkaSettings kafka, java.util.Collection<String> modelIds) {
    if (input.format() != InputFormat.SELDON) {
      return List.<String[]>of(new String[] {"kafka.topics.inference", kafka.inferenceTopic()});
    }
    List<String[]> out = new java.util.ArrayList<>();
    for (String model : new java.util.TreeSet<>(modelIds)) {
      String key = "input.seldon, model " + model;
      out.add(new String[] {key, input.seldon().inputs(model)});
      out.add(new String[] {key, input.seldon().outputs(model)});
    }
    return out;
  }

  /**
   * The alert deliveries topic (notification evidence), or null (logged) when it does not exist.
   */
  private static org.apache.flink.api.connector.source.Source<RawRecord, ?, ?> deliverySource(
      KafkaSettings kafka, MonitorPlan plan, boolean bounded) {
    if (!KafkaConnectors.topicExists(kafka, kafka.alertDeliveriesTopic())) {
      LOG.warn(
          "alert deliveries topic {} does not exist: incident notifications are not evidence",
          kafka.alertDeliveriesTopic());
      return null;
    }
    return KafkaConnectors.rawSource(kafka, kafka.alertDeliveriesTopic(), 1 << 20, bounded);
  }

  /** The incident actions topic, or null (logged) when it does not exist. */
  private static org.apache.flink.api.connector.source.Source<RawRecord, ?, ?> actionSource(
      KafkaSettings kafka, MonitorPlan plan, boolean bounded) {
    if (!KafkaConnectors.topicExists(kafka, kafka.incidentActionsTopic())) {
      LOG.warn(
          "incident actions topic {} does not exist: corrective actions (aimon incident ...) are"
              + " not applied; incidents are still graded",
          kafka.incidentActionsTopic());
      return null;
    }
    return KafkaConnectors.rawSource(
        kafka, kafka.incidentActionsTopic(), plan.maxRecordBytes(), bounded);
  }

  /** The evidence topic, and the archive when {@code evidence.dir} is set. */
  private static EvidenceSinks evidenceSinks(
      MonitorPlan plan, KafkaSettings kafka, String transactionalIdPrefix) {
    return new EvidenceSinks(
        KafkaConnectors.<EvidenceLine>exactlyOnceSink(
            kafka,
            kafka.evidenceTopic(),
            transactionalIdPrefix + "-evidence",
            EvidenceLine::modelId,
            EvidenceLine::json),
        plan.evidence().dir() == null ? null : EvidenceArchive.sink(plan.evidence().dir()),
        plan.evidence().dir());
  }

  private static org.apache.flink.api.connector.source.Source<RawRecord, ?, ?> labelSource(
      KafkaSettings kafka, MonitorPlan plan, boolean bounded) {
    if (!KafkaConnectors.topicExists(kafka, kafka.labelsTopic())) {
      LOG.warn(
          "labels topic {} does not exist: label events are not read, inline labels still count",
          kafka.labelsTopic());
      return null;
    }
    return KafkaConnectors.rawSource(kafka, kafka.labelsTopic(), plan.maxRecordBytes(), bounded);
  }
}
