package io.aimon.jobs.cli;

import io.aimon.alerting.notify.Secret;
import io.aimon.config.AimonConfig;
import io.aimon.config.ConfigException;
import io.aimon.config.ModelConfig;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.gate.GateOutcome;
import io.aimon.detectors.gate.GateVerdict;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.evidence.Gate;
import io.aimon.evidence.GateLog;
import io.aimon.jobs.evidence.EvidenceItems;
import io.aimon.jobs.evidence.EvidenceKeys;
import io.aimon.jobs.gate.CandidateFile;
import io.aimon.jobs.reference.ReferenceProfiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aimon gate}: judges a candidate model version before deployment. */
@Command(
    name = "gate",
    description = {
      "Judge a candidate model version before deployment; exit 0 only when it passes.",
      "",
      "Reads the candidate's labelled evaluation events (.jsonl or .jsonl.gz, the",
      "inference event schema with label inline) as one window and judges them against",
      "the model's reference and thresholds with the checks production windows get:",
      "drift, data quality, fairness and performance. Prints every check and the",
      "verdict, and appends a signed gate record (evidence.signing_key) to",
      "model=ID/_gates.jsonl of the evidence archive, where the monitor job looks the",
      "version up when it first sees it in production.",
      "",
      "Verdicts: pass (exit 0); fail (exit 1): a check breached or a record was",
      "rejected; inconclusive (exit 1): fewer events than min_samples, or no labels.",
      "Exit 2: invalid usage or config."
    })
final class GateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  // not mixinStandardHelpOptions: its -V, --version (aimon's own version) would take --version
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--model", required = true, paramLabel = "ID", description = "The model id.")
  String model;

  @Option(
      names = "--candidate",
      required = true,
      paramLabel = "EVAL.jsonl",
      description = "The candidate version's labelled evaluation events.")
  Path candidate;

  @Option(
      names = "--version",
      paramLabel = "V",
      description =
          "The candidate version (default: the one version its events carry in model_version).")
  String version;

  @Option(
      names = "--evidence",
      paramLabel = "DIR",
      description = "The evidence archive to record the gate in (default: evidence.dir).")
  Path evidence;

  @Option(names = "--dry-run", description = "Judge and print; record nothing (no key needed).")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AimonConfig cfg = config.loadOrReport(err);
    if (cfg == null) {
      return 2;
    }
    Optional<ModelConfig> m = cfg.model(model);
    if (m.isEmpty()) {
      err.println("aimon: model '" + model + "' is not in " + config.file);
      return 2;
    }
    if (!Files.isRegularFile(candidate)) {
      err.println("aimon: --candidate " + candidate + ": not a file");
      return 2;
    }
    Path dir = evidence != null ? evidence : localDir(cfg.evidence().dir(), err);
    if (!dryRun && evidence == null && cfg.evidence().dir() != null && dir == null) {
      return 2;
    }
    if (!dryRun && (cfg.evidence().signingKey() == null || dir == null)) {
      err.println(
          "aimon: "
              + (dir == null
                  ? "no --evidence and no evidence.dir"
                  : "evidence.signing_key is not set")
              + ": a gate record is signed and kept in the evidence archive (or use --dry-run)");
      return 2;
    }
    ReferenceProfile reference;
    try {
      reference = ReferenceProfiles.load(cfg, m.get(), false);
    } catch (ConfigException e) {
      ConfigOption.report(config.file, e.problems(), err);
      return 2;
    }
    ModelSpec modelSpec = ModelSpec.from(m.get(), cfg.job().exactValues());
    CandidateFile.Judged judged =
        CandidateFile.judge(modelSpec, reference, candidate, cfg.job().maxRecordBytes());
    GateOutcome outcome = judged.outcome();
    List<String> rejects = judged.firstRejects();
    String sha256 = judged.sha256();
    String v = version(outcome, err);
    if (v == null) {
      return 2;
    }
    print(out, v, outcome, rejects);
    if (!dryRun) {
      KeyPair keys = EvidenceKeys.read(Secret.of(cfg.evidence().signingKey()));
      Gate record =
          Gate.sign(
              modelSpec.id(),
              v,
              System.currentTimeMillis(),
              outcome,
              Gate.Candidate.of(candidate.getFileName().toString(), sha256, outcome),
              reference.digest(),
              cfg.digest(),
              EvidenceItems.aimonVersion(),
              keys);
      Path file = GateLog.append(dir, record);
      out.println("gate record " + record.digest().substring(0, 16) + "... appended to " + file);
    }
    out.flush();
    return outcome.verdict() == GateVerdict.PASS ? 0 : 1;
  }

  /**
   * {@code evidence.dir} as a local directory, or null (after a line on err when it is a URI of
   * another file system: gate records are appended to a local file).
   */
  private static Path localDir(String dir, PrintWriter err) {
    if (dir == null) {
      return null;
    }
    if (!dir.matches("[A-Za-z][A-Za-z0-9+.-]+://.*")) {
      return Path.of(dir);
    }
    if (dir.startsWith("file:")) {
      return Path.of(java.net.URI.create(dir));
    }
    err.println(
        "aimon: evidence.dir "
            + dir
            + " is not a local directory: write the gate record with --evidence DIR and copy"
            + " model=ID/_gates.jsonl to the same place under evidence.dir");
    return null;
  }

  /** The candidate's version: --version, else the one its events carry; null after an error. */
  private String version(GateOutcome outcome, PrintWriter err) {
    if (version != null) {
      if (version.isBlank()) {
        err.println("aimon: --version: expected a version, found an empty string");
        return null;
      }
      if (!outcome.versions().isEmpty()
          && !outcome.versions().keySet().equals(java.util.Set.of(version))) {
        err.println(
            "aimon: --version "
                + version
                + ": the candidate's events carry model_version "
                + outcome.versions()
                + " (events per version)");
        return null;
      }
      return version;
    }
    if (outcome.versions().size() == 1) {
      return outcome.versions().firstKey();
    }
    err.println(
        "aimon: "
            + (outcome.versions().isEmpty()
                ? "the candidate's events carry no model_version: name it with --version"
                : "the candidate's events carry several versions "
                    + outcome.versions()
                    + ": a gate judges one (filter the file, or name it with --version)"));
    return null;
  }

  private void print(PrintWriter out, String v, GateOutcome o, List<String> rejects) {
    out.println(
        "gate: model "
            + model
            + " version "
            + v
            + ", candidate "
            + candidate.getFileName()
            + ": "
            + o.events()
            + " events ("
            + o.labelled()
            + " labelled) of "
            + o.records()
            + " records");
    out.println();
    out.printf(
        "%-17s %-20s %-24s %12s %10s %11s %8s%n",
        "status", "metric", "feature / group", "value", "p-value", "threshold", "n");
    for (CheckResult r : o.results()) {
      out.printf(
          "%-17s %-20s %-24s %12s %10s %11s %8d%n",
          r.status().code(),
          r.metric(),
          subject(r),
          number(r.value()),
          number(r.pValue()),
          number(r.threshold()),
          r.n());
    }
    out.println();
    List<CheckResult> breaches = o.breaches();
    if (!breaches.isEmpty()) {
      out.println("breaches (" + breaches.size() + "):");
      for (CheckResult r : breaches) {
        out.println(
            "  "
                + r.status().code()
                + " "
                + r.metric()
                + (subject(r).equals("-") ? "" : " " + subject(r))
                + " = "
                + number(r.value())
                + (r.pValue() == null ? "" : ", p-value " + number(r.pValue()))
                + " (threshold "
                + number(r.threshold())
                + ")");
      }
    }
    if (!rejects.isEmpty()) {
      out.println("rejected records (" + o.rejectedTotal() + "), the first:");
      rejects.forEach(r -> out.println("  " + r));
    }
    out.println(
        "verdict: "
            + o.verdict().code().toUpperCase(java.util.Locale.ROOT)
            + (o.reasons().isEmpty() ? "" : " (" + String.join("; ", o.reasons()) + ")"));
  }

  private static String number(Double v) {
    return v == null ? "-" : String.format(java.util.Locale.ROOT, "%.6g", v);
  }

  private static String subject(CheckResult r) {
    if (r.group() != null) {
      return r.attribute() + "=" + r.group();
    }
    if (r.attribute() != null) {
      return r.attribute();
    }
    return r.feature() == null ? "-" : r.feature();
  }
}
