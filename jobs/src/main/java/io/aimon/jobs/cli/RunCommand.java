package io.aimon.jobs.cli;

import io.aimon.config.AimonConfig;
import io.aimon.config.ModelConfig;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.jobs.kafka.TopicCheck;
import io.aimon.jobs.monitor.MonitorPlan;
import io.aimon.jobs.monitor.MonitorRunner;
import io.aimon.jobs.state.ChainContinuation;
import io.aimon.jobs.state.CheckpointStore;
import io.aimon.jobs.state.JobIdentity;
import io.aimon.jobs.state.JobLauncher;
import io.aimon.jobs.state.StartGuard;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aimon run}: the monitor job against the Kafka cluster of the config. Started with {@code
 * java -jar} it runs on a local MiniCluster, with its checkpoints in {@code job.checkpoint_dir}: it
 * resumes from the latest one after its process died, stops with a savepoint on SIGTERM or Ctrl-C,
 * and refuses to start over with empty state when an earlier run left traces ({@link StartGuard}).
 * Submitted with {@code flink run -c io.aimon.jobs.cli.AimonCommand aimon.jar run --config F} the
 * same code runs on the cluster.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the monitor job on the Kafka cluster of the config.",
      "",
      "Runs the monitor job on Kafka: reads kafka.topics.inference, writes check",
      "results to kafka.topics.metrics and bad records to",
      "kafka.topics.dead_letter, incidents to kafka.topics.incidents, exactly",
      "once. Runs until stopped (or, with --bounded, until the offsets that were",
      "latest at start). Serves Prometheus metrics on the first free port of",
      "127.0.0.1:9249-9259 (/metrics; job.metrics_host sets the address).",
      "",
      "Checkpoints go to job.checkpoint_dir (default ./aimon-checkpoints); a run",
      "resumes from the latest one of the same job, so a killed process loses",
      "nothing. SIGTERM or Ctrl-C stops with a savepoint there. With no checkpoint",
      "but traces of an earlier run (committed offsets, evidence), the start is",
      "refused (exit 2) rather than silently starting over; --continue-chain",
      "starts anyway, continuing the evidence chains and recording the break."
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(
      names = "--bounded",
      description = "Stop at the input offsets that are latest at start (backfills, tests).")
  boolean bounded;

  @Option(
      names = "--transactional-id-prefix",
      defaultValue = "aimon-monitor",
      paramLabel = "PREFIX",
      description =
          "Prefix of the Kafka transactional ids; unique per running job (default: ${DEFAULT-VALUE}).")
  String transactionalIdPrefix;

  @Option(
      names = "--from-savepoint",
      paramLabel = "PATH",
      description =
          "Start from this savepoint or retained checkpoint (its directory) instead of the latest"
              + " one in job.checkpoint_dir.")
  String fromSavepoint;

  @Option(
      names = "--continue-chain",
      description =
          "With no checkpoint or savepoint to restore but an earlier run's traces, start anyway:"
              + " continue each model's evidence chain where it ends (the archive must verify)"
              + " and record the break there as a state_loss record.")
  boolean continueChain;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    AimonConfig cfg = config.loadOrReport(err);
    if (cfg == null) {
      return 2;
    }
    ChainContinuation continuation = null;
    List<String[]> required =
        new java.util.ArrayList<>(
            MonitorRunner.inferenceTopics(
                cfg.input(), cfg.kafka(), cfg.models().stream().map(ModelConfig::id).toList()));
    required.add(new String[] {"kafka.topics.metrics", cfg.kafka().metricsTopic()});
    required.add(new String[] {"kafka.topics.dead_letter", cfg.kafka().deadLetterTopic()});
    required.add(new String[] {"kafka.topics.incidents", cfg.kafka().incidentsTopic()});
    required.add(new String[] {"kafka.topics.evidence", cfg.kafka().evidenceTopic()});
    String kafkaProblem = TopicCheck.problem(cfg.kafka(), required);
    if (kafkaProblem != null) {
      err.println("aimon: " + kafkaProblem);
      return 2;
    }
    CheckpointStore store =
        new CheckpointStore(
            cfg.job().checkpointLocation(),
            JobIdentity.monitor(cfg.kafka(), transactionalIdPrefix));
    // inside Flink, a restore path the cluster was given (the operator's upgrade savepoint) wins
    Optional<String> clusterRestore =
        fromSavepoint == null ? JobLauncher.clusterRestorePath() : Optional.empty();
    Optional<CheckpointStore.Snapshot> restore =
        fromSavepoint != null
            ? Optional.of(CheckpointStore.given(fromSavepoint))
            : clusterRestore.isPresent() ? Optional.empty() : store.latest();
    if (clusterRestore.isPresent()) {
      err.println("aimon: the Flink cluster restores the job from " + clusterRestore.get());
    } else if (restore.isPresent()) {
      err.println(
          "aimon: resuming from "
              + (restore.get().savepoint() ? "savepoint " : "checkpoint ")
              + restore.get().path()
              + " (written "
              + Instant.ofEpochMilli(restore.get().writtenAt())
              + ")");
    } else {
      List<String> models = cfg.models().stream().map(ModelConfig::id).toList();
      StartGuard.Traces traces = StartGuard.probe(cfg.kafka(), cfg.evidence().dir(), models);
      Optional<String> refusal = traces.refusal(store, cfg.kafka(), cfg.evidence().dir());
      if (refusal.isPresent() && !continueChain) {
        err.println("aimon: " + refusal.get());
        return 2;
      }
      if (refusal.isPresent()) {
        try {
          continuation =
              ChainContinuation.read(
                  cfg.kafka(),
                  cfg.evidence().dir(),
                  models,
                  "no checkpoint or savepoint of this job under " + store.location(),
                  traces.found(cfg.kafka(), cfg.evidence().dir()));
        } catch (IllegalArgumentException | IllegalStateException e) {
          err.println("aimon: --continue-chain: " + e.getMessage());
          return 2;
        }
        err.println(
            "aimon: no checkpoint of this job under "
                + store.location()
                + "; continuing the evidence chains ("
                + continuation.describe()
                + ") with a state_loss record: windows open now are evaluated on the events read"
                + " from here, incidents open before are no longer tracked");
      }
    }
    err.flush();
    Map<String, ReferenceProfile> references =
        ConfigOption.references(cfg, true, spec.commandLine().getErr());
    if (references == null) {
      return 2;
    }
    MonitorPlan plan = MonitorPlan.of(cfg, references).withContinuation(continuation);
    StreamExecutionEnvironment env =
        MonitorRunner.environment(
            plan.parallelism(),
            plan.checkpointInterval(),
            plan.stateBackend(),
            true,
            JobLauncher.insideFlink()
                ? null
                : MonitorRunner.prometheusEndpoint(cfg.job().metricsHost()),
            store,
            restore.orElse(null));
    MonitorRunner.kafkaJob(plan, cfg.kafka(), bounded, transactionalIdPrefix).build(env);
    JobLauncher.run(env, "aimon-monitor", store, err);
    return 0;
  }
}
