package io.aimon.jobs.cli;

import io.aimon.jobs.state.JobLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code aimon} command line: the picocli root whose subcommands run the jobs and tools.
 *
 * <pre>
 * ./aimon demo --duration 90s
 * ./aimon replay --config aimon.yaml --input production.jsonl.gz --out out/
 * </pre>
 */
@Command(
    name = "aimon",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Streaming production AI monitoring: drift, performance and fairness checks on Kafka"
            + " inference logs with Apache Flink, incidents delivered to on-call tools, signed"
            + " audit evidence.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      AlertCommand.class,
      ReplayCommand.class,
      ReferenceCommand.class,
      GateCommand.class,
      ConfigCommand.class,
      EvidenceCommand.class,
      IncidentCommand.class,
      BenchCommand.class,
      InspectCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AimonCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Runs the command line and exits with its code; inside a Flink client or cluster (`flink run`, a
   * REST or Web UI submission, application mode) it returns instead, or throws for a non-zero code,
   * because {@code System.exit} there would stop the JobManager.
   */
  public static void main(String[] args) {
    int code = execute(args);
    if (!JobLauncher.insideFlink()) {
      System.exit(code);
    }
    if (code != 0) {
      throw new IllegalStateException("aimon " + String.join(" ", args) + ": exit code " + code);
    }
  }

  /** Runs the command line and returns its exit code (0 ok, 1 failure, 2 usage or config error). */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /**
   * The command line as {@link #execute} runs it: a command that fails prints one line, {@code
   * aimon: <cause>}, and exits 1.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new AimonCommand())
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println("aimon: " + oneLine(e));
              return 1;
            });
  }

  static String oneLine(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof io.aimon.jobs.io.InputFileException) {
        return c.getMessage();
      }
    }
    Throwable t = e;
    while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
      t = t.getCause();
    }
    String msg = t.getMessage() == null ? t.toString() : t.getMessage();
    int nl = msg.indexOf('\n');
    return nl < 0 ? msg : msg.substring(0, nl);
  }
}
