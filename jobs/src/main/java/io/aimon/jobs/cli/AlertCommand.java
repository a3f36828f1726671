package io.aimon.jobs.cli;

import io.aimon.config.AimonConfig;
import io.aimon.jobs.alert.AlertJob;
import io.aimon.jobs.kafka.TopicCheck;
import io.aimon.jobs.monitor.MonitorRunner;
import io.aimon.jobs.state.CheckpointStore;
import io.aimon.jobs.state.JobIdentity;
import io.aimon.jobs.state.JobLauncher;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aimon alert}: the alert job, next to {@code aimon run}. */
@Command(
    name = "alert",
    mixinStandardHelpOptions = true,
    description = {
      "Run the alert job: deliver incidents to Alertmanager, PagerDuty, Slack, webhooks.",
      "",
      "Reads the incident events the monitor job committed (kafka.topics.incidents,",
      "read_committed) and delivers them to the notifiers of the notify section as its",
      "routes say, with retries; re-sends open incidents to Alertmanager every",
      "notify.resend_interval. Every delivery goes to kafka.topics.alert_deliveries,",
      "failed ones also to kafka.topics.alert_dead_letter. Runs until stopped."
    })
final class AlertCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(
      names = "--transactional-id-prefix",
      defaultValue = "aimon-alert",
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
    if (cfg.notifyConfig().notifiers().isEmpty()) {
      spec.commandLine()
          .getErr()
          .println("aimon: " + cfg.source() + ": notify.notifiers: expected at least one notifier");
      return 2;
    }
    String kafkaProblem =
        TopicCheck.problem(
            cfg.kafka(),
            java.util.List.of(
                new String[] {"kafka.topics.incidents", cfg.kafka().incidentsTopic()},
                new String[] {"kafka.topics.alert_deliveries", cfg.kafka().alertDeliveriesTopic()},
                new String[] {
                  "kafka.topics.alert_dead_letter", cfg.kafka().alertDeadLetterTopic()
                }));
    if (kafkaProblem != null) {
      spec.commandLine().getErr().println("aimon: " + kafkaProblem);
      return 2;
    }
    // the same durable checkpoints as aimon run: a killed alert job resumes where it stopped
    CheckpointStore store =
        new CheckpointStore(
            cfg.job().checkpointLocation(), JobIdentity.alert(cfg.kafka(), transactionalIdPrefix));
    java.util.Optional<String> clusterRestore = JobLauncher.clusterRestorePath();
    CheckpointStore.Snapshot restore =
        clusterRestore.isPresent() ? null : store.latest().orElse(null);
    if (clusterRestore.isPresent()) {
      spec.commandLine()
          .getErr()
          .println("aimon: the Flink cluster restores the job from " + clusterRestore.get());
    } else if (restore != null) {
      spec.commandLine().getErr().println("aimon: resuming from " + restore.path());
      spec.commandLine().getErr().flush();
    }
    StreamExecutionEnvironment env =
        MonitorRunner.environment(
            1,
            cfg.job().checkpointInterval(),
            cfg.job().stateBackend(),
            true,
            JobLauncher.insideFlink()
                ? null
                : MonitorRunner.prometheusEndpoint(cfg.job().metricsHost()),
            store,
            restore);
    AlertJob.kafkaJob(
            cfg.notifyConfig(), cfg.kafka(), cfg.job().maxRecordBytes(), transactionalIdPrefix)
        .build(env);
    JobLauncher.run(env, "aimon-alert", store, spec.commandLine().getErr());
    return 0;
  }
}
