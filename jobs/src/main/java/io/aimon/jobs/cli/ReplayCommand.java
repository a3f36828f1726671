package io.aimon.jobs.cli;

import io.aimon.config.AimonConfig;
import io.aimon.config.InputFormat;
import io.aimon.config.LabelFormat;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.input.SageMakerGroundTruth;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.jobs.monitor.MonitorPlan;
import io.aimon.jobs.monitor.MonitorRunner;
import io.aimon.jobs.replay.ReplaySummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aimon replay}: the monitor job over a file of past inference events. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Run the monitor job over a file of past inference events.",
      "",
      "Runs the monitor job over a file of inference events (.jsonl or .jsonl.gz)",
      "on a local Flink MiniCluster and writes metrics.jsonl (every check of",
      "every window), dead-letter.jsonl and incidents.jsonl to the output",
      "directory, and the evidence archive to DIR/evidence. With --actions it",
      "applies operators' corrective actions (aimon incident ... --actions FILE)",
      "to the incidents. Exits 0 when the input is exhausted.",
      "",
      "Refuses an output directory that is not empty unless --replace is given.",
      "While it runs, and after a failure, DIR/INCOMPLETE says that the outputs",
      "are partial (and why); it is removed when the replay succeeds."
    })
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "FILE",
      description = "Inference events, one JSON object per line.")
  Path input;

  @Option(
      names = "--labels",
      paramLabel = "FILE",
      description =
          "Label events (inference_id, model_id, label, timestamp), one JSON object per line,"
              + " joined with the inference events by inference_id.")
  Path labels;

  @Option(
      names = "--actions",
      paramLabel = "FILE",
      description =
          "Corrective actions on incidents, one JSON object per line, as `aimon incident ..."
              + " --actions FILE` writes them.")
  Path actions;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output directory (created if missing).")
  Path out;

  @Option(
      names = "--replace",
      description =
          "Replace the outputs of an earlier replay in --out (only aimon's own files; a directory"
              + " holding anything else is still refused).")
  boolean replace;

  @Override
  public Integer call() throws Exception {
    AimonConfig cfg = config.loadOrReport(spec.commandLine().getErr());
    if (cfg == null) {
      return 2;
    }
    if (cfg.input().format() == InputFormat.SELDON) {
      spec.commandLine()
          .getErr()
          .println(
              "aimon: "
                  + cfg.source()
                  + ": input.format: seldon records are protobuf on Seldon's Kafka topics and"
                  + " replay reads lines of text; read them with aimon run (--bounded reads what"
                  + " the topics hold and stops)");
      return 2;
    }
    if (!Files.isRegularFile(input)) {
      spec.commandLine().getErr().println("aimon: --input: file not found: " + input);
      return 2;
    }
    if (labels != null && !Files.isRegularFile(labels)) {
      spec.commandLine().getErr().println("aimon: --labels: file not found: " + labels);
      return 2;
    }
    if (labels != null
        && cfg.input().labelFormat() == LabelFormat.SAGEMAKER
        && SageMakerGroundTruth.hourOfPath(labels.toAbsolutePath().toString())
            == RawRecord.NO_TIMESTAMP) {
      spec.commandLine()
          .getErr()
          .println(
              "aimon: --labels: "
                  + labels
                  + ": a SageMaker ground-truth file is timed by the hour of its path, as"
                  + " SageMaker stores it (…/yyyy/mm/dd/hh/file.jsonl), and this path names none");
      return 2;
    }
    if (actions != null && !Files.isRegularFile(actions)) {
      spec.commandLine().getErr().println("aimon: --actions: file not found: " + actions);
      return 2;
    }
    Map<String, ReferenceProfile> references =
        ConfigOption.references(cfg, true, spec.commandLine().getErr());
    if (references == null) {
      return 2;
    }
    String refusal = ReplayOutput.prepare(out, replace);
    if (refusal != null) {
      spec.commandLine().getErr().println("aimon: --out: " + refusal);
      return 2;
    }
    MonitorPlan plan = MonitorPlan.of(cfg, references);
    // coverage evidence names each input file by its SHA-256
    plan.withInputDigest(input);
    if (labels != null) {
      plan.withInputDigest(labels);
    }
    StreamExecutionEnvironment env = MonitorRunner.environment(plan, false);
    env.setParallelism(1);
    MonitorRunner.replayJob(plan, input, labels, out)
        .withActions(actions == null ? null : MonitorRunner.fileSource(plan, actions))
        .build(env);
    try {
      env.execute("aimon-replay");
    } catch (Exception e) {
      ReplayOutput.failed(out, AimonCommand.oneLine(e));
      throw e;
    }
    ReplayOutput.succeeded(out);
    spec.commandLine().getOut().println(ReplaySummary.of(out));
    return 0;
  }
}
