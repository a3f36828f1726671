package io.aimon.jobs.cli;

import io.aimon.config.AimonConfig;
import io.aimon.config.ConfigException;
import io.aimon.config.ConfigLoader;
import io.aimon.config.ConfigProblem;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.jobs.reference.ReferenceProfiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
      report(file, e.problems(), err);
      return null;
    }
  }

  /**
   * The reference profiles of every model of {@code cfg} ({@link ReferenceProfiles#loadAll}), or
   * null after printing, like an invalid config, each feature or attribute that never occurs in its
   * reference: a job does not start on names it could only ever see missing.
   */
  static Map<String, ReferenceProfile> references(
      AimonConfig cfg, boolean progress, PrintWriter err) throws IOException {
    try {
      return ReferenceProfiles.loadAll(cfg, progress);
    } catch (ConfigException e) {
      report(cfg.source(), e.problems(), err);
      return null;
    }
  }

  /** Prints each problem on its own line, then {@code aimon: invalid config FILE (N problems)}. */
  static void report(Path file, List<ConfigProblem> problems, PrintWriter err) {
    for (ConfigProblem p : problems) {
      err.println(p);
    }
    err.println(
        "aimon: invalid config "
            + file
            + " ("
            + problems.size()
            + " problem"
            + (problems.size() == 1 ? "" : "s")
            + ")");
    err.flush();
  }
}
