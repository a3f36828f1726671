package io.aimon.jobs.cli;

import io.aimon.jobs.bench.Bench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aimon bench}: throughput and memory of the replay path. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the replay path: events per second and peak heap.",
      "",
      "Generates a file of inference events (one model, 20 numeric and 5",
      "categorical features), replays it through the monitor job on a local",
      "MiniCluster (job.parallelism, default 1) and prints events per second, events per",
      "CPU-second and the peak heap. --versus compares two job settings side by",
      "side: e.g. --versus 'duplicate_ids_per_window: 0' prices the duplicate check,",
      "--job 'parallelism: 2' --versus 'parallelism: 1' the second core.",
      "--input FILE --config F replays your own events with your config instead."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--events",
      defaultValue = "1000000",
      paramLabel = "N",
      description = "Events to replay (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(
      names = "--windows",
      defaultValue = "24",
      paramLabel = "N",
      description = "Hourly windows the events are spread over (default: ${DEFAULT-VALUE}).")
  int windows;

  @Option(
      names = "--outcomes",
      description = "Also label every event inline and monitor fairness over 2 attributes.")
  boolean outcomes;

  @Option(
      names = "--job",
      paramLabel = "YAML",
      defaultValue = "",
      description = "Job settings to bench, YAML under job: (e.g. 'duplicate_ids_per_window: 0').")
  String job;

  @Option(
      names = "--versus",
      paramLabel = "YAML",
      description =
          "Also bench these job settings, alternating with --job's, twice each in this process,"
              + " and print the ratio.")
  String versus;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description =
          "Replay this .jsonl or .jsonl.gz file (your own inference events) instead of generated"
              + " ones; needs --config.")
  Path input;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The config to replay --input with (its job settings apply).")
  Path config;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Working directory (default: a temporary one).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    if ((input == null) != (config == null)) {
      spec.commandLine().getErr().println("aimon: --input and --config: expected both or neither");
      return 2;
    }
    if (input != null && versus != null) {
      spec.commandLine()
          .getErr()
          .println("aimon: --versus: compares job settings on generated events, not with --input");
      return 2;
    }
    if (input != null) {
      Path work =
          dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("aimon-bench-");
      spec.commandLine().getOut().println(Bench.file(work, input, config));
      return 0;
    }
    if (events < 1000 || windows < 1) {
      spec.commandLine().getErr().println("aimon: --events: expected >= 1000 and --windows >= 1");
      return 2;
    }
    Path work =
        dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("aimon-bench-");
    Bench bench = new Bench(work, events, windows, outcomes, job.replace(", ", "\n"));
    spec.commandLine()
        .getOut()
        .println(versus == null ? bench.run() : bench.versus(versus.replace(", ", "\n")));
    return 0;
  }
}
