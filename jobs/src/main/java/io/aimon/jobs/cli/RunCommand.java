package io.aimon.jobs.cli;

import io.aimon.config.AimonConfig;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.jobs.monitor.MonitorPlan;
import io.aimon.jobs.monitor.MonitorRunner;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aimon run}: the monitor job against the Kafka cluster of the config. Started with {@code
 * java -jar} it runs on a local MiniCluster; submitted with {@code flink run -c
 * io.aimon.jobs.cli.AimonCommand aimon.jar run --config F} the same code runs on the cluster.
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
      "127.0.0.1:9249-9259 (/metrics)."
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

  @Override
  public Integer call() throws Exception {
    AimonConfig cfg = config.loadOrReport(spec.commandLine().getErr());
    if (cfg == null) {
      return 2;
    }
    Map<String, ReferenceProfile> references =
        ConfigOption.references(cfg, true, spec.commandLine().getErr());
    if (references == null) {
      return 2;
    }
    MonitorPlan plan = MonitorPlan.of(cfg, references);
    StreamExecutionEnvironment env =
        MonitorRunner.environment(
            plan.parallelism(), plan.checkpointInterval(), true, MonitorRunner.PROMETHEUS_PORTS);
    MonitorRunner.kafkaJob(plan, cfg.kafka(), bounded, transactionalIdPrefix).build(env);
    env.execute("aimon-monitor");
    return 0;
  }
}
