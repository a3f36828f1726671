package io.aimon.jobs.cli;

import io.aimon.config.Durations;
import io.aimon.jobs.demo.Demo;
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
      "monitor job on a local Flink MiniCluster, prints one line per warning or",
      "critical check as it happens and writes the outputs (metrics.jsonl,",
      "dead-letter.jsonl, the config and reference files) to --out."
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
    return new Demo(out, d, rate, spec.commandLine().getOut()).run();
  }
}
