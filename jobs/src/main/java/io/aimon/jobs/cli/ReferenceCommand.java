package io.aimon.jobs.cli;

import io.aimon.config.AimonConfig;
import io.aimon.config.ConfigException;
import io.aimon.config.ModelConfig;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.detectors.profile.ReferenceProfileCodec;
import io.aimon.jobs.reference.ReferenceProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aimon reference build}. */
@Command(
    name = "reference",
    mixinStandardHelpOptions = true,
    description = "Build reference profiles from reference events.",
    subcommands = {ReferenceCommand.Build.class})
final class ReferenceCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "build",
      mixinStandardHelpOptions = true,
      description = {
        "Build a model's reference profile and write it as JSON.",
        "",
        "Builds a model's reference profile from the reference events named in the",
        "config (decile bin edges, bin and category counts, value summaries) and",
        "writes it as JSON, usable in the config as reference: {profile: FILE}.",
        "Shows a progress bar on large input."
      })
  static final class Build implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConfigOption config;

    @Option(names = "--model", required = true, paramLabel = "ID", description = "The model id.")
    String model;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "PROFILE.json",
        description = "Where to write the profile.")
    Path out;

    @Override
    public Integer call() throws Exception {
      AimonConfig cfg = config.loadOrReport(spec.commandLine().getErr());
      if (cfg == null) {
        return 2;
      }
      Optional<ModelConfig> m = cfg.model(model);
      if (m.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println("aimon: model '" + model + "' is not in " + config.file);
        return 2;
      }
      ReferenceProfile p;
      try {
        p = ReferenceProfiles.load(cfg, m.get(), true);
      } catch (ConfigException e) {
        ConfigOption.report(config.file, e.problems(), spec.commandLine().getErr());
        return 2;
      }
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(out, ReferenceProfileCodec.toJson(p));
      spec.commandLine()
          .getOut()
          .println(
              "wrote "
                  + out
                  + ": model "
                  + p.modelId()
                  + ", "
                  + p.events()
                  + " events, digest "
                  + p.digest());
      return 0;
    }
  }
}
