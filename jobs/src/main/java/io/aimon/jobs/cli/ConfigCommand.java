package io.aimon.jobs.cli;

import io.aimon.config.AimonConfig;
import io.aimon.config.ConfigProblem;
import io.aimon.jobs.reference.ReferenceProfiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aimon config validate FILE}. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Check config files.",
    subcommands = {ConfigCommand.Validate.class})
final class ConfigCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Check a config file and report every problem.",
        "",
        "Checks a config: keys, types, durations, thresholds and reference files,",
        "and each model's features and fairness attributes against its reference",
        "(a name no reference event carries is a problem, with a suggestion when",
        "a key of the reference is close). Prints every problem as FILE:LINE KEY:",
        "MESSAGE and exits 2 when there is any."
      })
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The YAML config to check.")
    Path file;

    @Override
    public Integer call() {
      AimonConfig config = ConfigOption.load(file, spec.commandLine().getErr());
      if (config == null) {
        return 2;
      }
      List<ConfigProblem> problems = ReferenceProfiles.check(config);
      if (!problems.isEmpty()) {
        ConfigOption.report(file, problems, spec.commandLine().getErr());
        return 2;
      }
      spec.commandLine()
          .getOut()
          .println(
              file
                  + ": valid ("
                  + config.models().size()
                  + " model"
                  + (config.models().size() == 1 ? "" : "s")
                  + ", digest "
                  + config.digest().substring(0, 12)
                  + ")");
      return 0;
    }
  }
}
