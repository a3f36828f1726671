package io.aimon.jobs.cli;

import io.aimon.config.AlertingConfig;
import io.aimon.config.Durations;
import io.aimon.jobs.demo.Demo;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aimon demo}: everything on one machine, nothing to install. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the self-contained demo: embedded Kafka, local Flink, injected drift.",
      "",
      "Starts an embedded Kafka broker, generates inference events for two models",
      "(normal, then drift injected into some features, then recovery), runs the",
      "monitor and alert jobs on local Flink MiniClusters, prints one line per",
      "warning or critical check and per incident as it happens, delivers incidents",
      "to Alertmanager (--alertmanager-url, or a stand-in that prints them), serves",
      "Prometheus metrics on http://127.0.0.1:9249/metrics and writes the outputs",
      "(metrics.jsonl, incidents.jsonl, dead-letter.jsonl, alert-deliveries.jsonl,",
      "the config and reference files) to --out."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--duration",
      defaultValue = "90s",
      paramLabel = "DURATION",
      description = "How long to generate events, e.g. 90s or 3m (default: ${DEFAULT-VALUE}).")
  String duration;

  @Option(
      names = "--out",
      defaultValue = "aimon-demo-out",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--rate",
      defaultValue = "100",
      paramLabel = "EVENTS_PER_S",
      description = "Events per second per model (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--alertmanager-url",
      paramLabel = "URL",
      description =
          "Send incidents to this Alertmanager (base URL, e.g. http://localhost:9093) instead of"
              + " the demo's stand-in that prints them.")
  String alertmanagerUrl;

  @Override
  public Integer call() throws Exception {
    Duration d;
    try {
      d = Durations.parse(duration);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("aimon: --duration: " + e.getMessage());
      return 2;
    }
    if (d.toSeconds() < 30) {
      spec.commandLine()
          .getErr()
          .println("aimon: --duration: expected at least 30s, found " + duration);
      return 2;
    }
    if (rate < 10 || rate > 100_000) {
      spec.commandLine().getErr().println("aimon: --rate: expected 10..100000, found " + rate);
      return 2;
    }
    URI alertmanager = null;
    if (alertmanagerUrl != null) {
      if (!AlertingConfig.isHttpUrl(alertmanagerUrl)) {
        spec.commandLine()
            .getErr()
            .println(
                "aimon: --alertmanager-url: expected an http or https URL, found "
                    + alertmanagerUrl);
        return 2;
      }
      alertmanager = URI.create(alertmanagerUrl);
    }
    return new Demo(out, d, rate, alertmanager, spec.commandLine().getOut()).run();
  }
}
