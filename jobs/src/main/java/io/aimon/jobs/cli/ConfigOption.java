package io.aimon.jobs.cli;

import io.aimon.config.AimonConfig;
import io.aimon.config.ConfigException;
import io.aimon.config.ConfigLoader;
import io.aimon.config.ConfigProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --config} option; loading prints every problem with file, line and key. */
final class ConfigOption {
  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The aimon YAML config (models, reference, thresholds, Kafka).")
  Path file;

  /** The loaded config, or null after printing every problem to err. */
  AimonConfig loadOrReport(PrintWriter err) {
    return load(file, err);
  }

  static AimonConfig load(Path file, PrintWriter err) {
    try {
      return ConfigLoader.load(file);
    } catch (ConfigException e) {
      for (ConfigProblem p : e.problems()) {
        err.println(p);
      }
      err.println(
          "aimon: invalid config "
              + file
              + " ("
              + e.problems().size()
              + " problem"
              + (e.problems().size() == 1 ? "" : "s")
              + ")");
      err.flush();
      return null;
    }
  }
}
