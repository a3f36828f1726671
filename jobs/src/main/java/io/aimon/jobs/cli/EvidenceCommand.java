package io.aimon.jobs.cli;

import io.aimon.alerting.notify.Secret;
import io.aimon.config.AimonConfig;
import io.aimon.config.Durations;
import io.aimon.evidence.ArchiveVerifier;
import io.aimon.evidence.Deletion;
import io.aimon.evidence.Ed25519Keys;
import io.aimon.evidence.Retention;
import io.aimon.evidence.export.AuditExport;
import io.aimon.evidence.export.ExportSummary;
import io.aimon.jobs.evidence.EvidenceKeys;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aimon evidence}: keys for signing evidence, and verifying an evidence archive. */
@Command(
    name = "evidence",
    mixinStandardHelpOptions = true,
    description = {
      "Sign and verify monitoring evidence (ISO/IEC 42001 9.1, 10.2).",
      "",
      "The monitor job writes every check result, window coverage and incident",
      "event as a hash-chained record per model and a signed manifest per closed",
      "window. `keygen` makes the signing key, `verify` checks an archive,",
      "`export` writes the audit bundle of a period, `push` delivers it to a GRC",
      "platform, `expire` applies the retention."
    },
    subcommands = {
      EvidenceCommand.Keygen.class,
      EvidenceCommand.Verify.class,
      EvidenceCommand.Export.class,
      EvidenceCommand.Expire.class,
      EvidencePushCommand.class
    })
final class EvidenceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** {@code aimon evidence keygen}. */
  @Command(
      name = "keygen",
      mixinStandardHelpOptions = true,
      description = {
        "Write an Ed25519 key pair for signing evidence manifests.",
        "",
        "Writes DIR/aimon-evidence.key (the private key followed by the public key,",
        "PEM; readable by its owner only: point evidence.signing_key at it with",
        "file:PATH) and DIR/aimon-evidence.pub (the public key, PEM: give it to",
        "auditors for `aimon evidence verify --public-key`). Refuses to overwrite."
      })
  static final class Keygen implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "Directory to write the key files to (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      Path key = out.resolve(EvidenceKeys.KEY_FILE);
      Path pub = out.resolve(EvidenceKeys.PUBLIC_KEY_FILE);
      for (Path p : new Path[] {key, pub}) {
        if (Files.exists(p)) {
          err.println("aimon: " + p + ": already exists; not overwriting a key");
          return 1;
        }
      }
      Files.createDirectories(out);
      KeyPair keys = Ed25519Keys.generate();
      EvidenceKeys.write(keys, key, pub);
      spec.commandLine()
          .getOut()
          .printf(
              "wrote %s (private: keep it secret) and %s (public), key id %s%n",
              key, pub, Ed25519Keys.keyId(keys.getPublic()));
      return 0;
    }
  }

  /** {@code aimon evidence verify}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Verify an evidence archive: hash chains, manifests, signatures, coverage.",
        "",
        "Reads every .jsonl file under DIR, checks each model's hash chain (modified,",
        "deleted, inserted or reordered records), the manifests and their signatures",
        "(against --public-key when given) and the windows covered, and reports each",
        "problem with its file and line. Exit 0 when the archive is intact, 1 when an",
        "integrity problem is found. Coverage gaps (windows the job never evaluated)",
        "are listed apart and fail only with --fail-on-coverage-gap. The signing key",
        "ids seen are always named; without --public-key they prove the archive intact,",
        "not who signed it, and manifests signed by more than one key fail.",
        "",
        "RFC 3161 time stamps (evidence.timestamp_url) are checked against the manifest",
        "they stamp and the TSA certificate (--tsa-cert; without it, the certificate each",
        "token carries: intact, the TSA unproven). A bad stamp is an integrity problem;",
        "manifests without one are listed, and fail only with --require-timestamps."
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The evidence archive directory.")
    Path dir;

    @Mixin TrustOptions trust;

    @Option(
        names = "--fail-on-coverage-gap",
        description = "Exit 1 also when a coverage gap is found (default: report it, exit 0).")
    boolean failOnCoverageGap;

    @Option(
        names = "--require-timestamps",
        description = "Exit 1 also when a manifest has no time stamp (default: list it, exit 0).")
    boolean requireTimestamps;

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      if (!Files.isDirectory(dir)) {
        err.println("aimon: " + dir + ": not a directory");
        return 2;
      }
      PublicKey trusted = trust.key();
      X509Certificate tsa;
      try {
        tsa = trust.tsa();
      } catch (IllegalArgumentException e) {
        err.println("aimon: " + e.getMessage());
        return 2;
      }
      ArchiveVerifier.Report report = ArchiveVerifier.verify(dir, trusted, tsa);
      return VerifyOutput.print(
          report, trusted, failOnCoverageGap, requireTimestamps, spec.commandLine().getOut());
    }
  }

  /** {@code aimon evidence expire}. */
  @Command(
      name = "expire",
      mixinStandardHelpOptions = true,
      description = {
        "Remove evidence older than evidence.retention, through signed deletion records.",
        "",
        "Per model, removes the whole UTC days of the archive that ended at least the",
        "retention before now, after appending a deletion record signed with",
        "evidence.signing_key to model=ID/_deletions.jsonl (the dates, the seqs and the",
        "hash of the last record removed, the counts): verify accepts a chain whose start",
        "was removed only through such records. Refuses, removing nothing, when the",
        "archive does not verify against the signing key. Run it from cron or a",
        "Kubernetes CronJob; without evidence.retention it keeps everything."
      })
  static final class Expire implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ConfigOption config;

    @Option(
        names = "--evidence",
        paramLabel = "DIR",
        description = "The evidence archive directory (default: evidence.dir of the config).")
    Path evidence;

    @Option(
        names = "--now",
        paramLabel = "TIME",
        description = "Expire as of this ISO-8601 instant (default: now).")
    String now;

    @Option(names = "--dry-run", description = "Say what would go; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      AimonConfig cfg = config.loadOrReport(err);
      if (cfg == null) {
        return 2;
      }
      Duration retention = cfg.evidence().retention();
      if (retention == null) {
        out.println("evidence.retention is not set: all evidence is kept, nothing to expire");
        return 0;
      }
      if (cfg.evidence().signingKey() == null) {
        err.println(
            "aimon: evidence.signing_key is not set: deletion records are signed with the"
                + " evidence key, and the archive must verify against it");
        return 2;
      }
      Path dir =
          evidence != null
              ? evidence
              : cfg.evidence().dir() == null ? null : Path.of(cfg.evidence().dir());
      if (dir == null || !Files.isDirectory(dir)) {
        err.println(
            "aimon: "
                + (dir == null ? "no --evidence and no evidence.dir" : dir + ": not a directory"));
        return 2;
      }
      long at;
      try {
        at = now == null ? System.currentTimeMillis() : Instant.parse(now).toEpochMilli();
      } catch (java.time.format.DateTimeParseException e) {
        err.println(
            "aimon: --now: expected an ISO-8601 instant like 2027-01-01T00:00:00Z, found '"
                + now
                + "'");
        return 2;
      }
      KeyPair keys = EvidenceKeys.read(Secret.of(cfg.evidence().signingKey()));
      List<Retention.Outcome> outcomes;
      try {
        outcomes = Retention.expire(dir, retention, at, keys, dryRun);
      } catch (IllegalStateException e) {
        err.println("aimon: " + e.getMessage());
        return 1;
      }
      for (Retention.Outcome o : outcomes) {
        Deletion d = o.deletion();
        out.println(
            d == null
                ? "model "
                    + o.modelId()
                    + ": nothing older than the retention ("
                    + Durations.format(retention)
                    + ")"
                : "model "
                    + o.modelId()
                    + (dryRun ? ": would remove " : ": removed ")
                    + String.join(", ", d.dates())
                    + " (seqs "
                    + d.firstSeq()
                    + ".."
                    + d.lastSeq()
                    + ": "
                    + d.records()
                    + " records, "
                    + d.manifests()
                    + " manifests, "
                    + d.timestamps()
                    + " time stamps)"
                    + (dryRun
                        ? ""
                        : "; deletion record in model=" + o.modelId() + "/" + Deletion.FILE));
      }
      return 0;
    }
  }

  /** {@code aimon evidence export}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Export the evidence of a period as an audit bundle (a directory or a .zip).",
        "",
        "Writes the selected records (records.jsonl, records.csv), the manifests and",
        "the archive's verification (verification.txt, .json), an OSCAL 1.0.6",
        "assessment-results document (oscal-assessment-results.json) and a",
        "self-contained HTML report (report.html) that opens with an executive",
        "summary for the management review. Exit 0 when the archive was intact, 1 when",
        "the bundle was written but the archive did not verify (coverage gaps do not",
        "count: verification.txt lists them apart)."
      })
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--evidence",
        required = true,
        paramLabel = "DIR",
        description = "The evidence archive directory.")
    Path evidence;

    @Option(
        names = "--from",
        required = true,
        paramLabel = "TIME",
        description = "Start of the period, inclusive: an ISO-8601 instant or a date (UTC).")
    String from;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "TIME",
        description = "End of the period, exclusive: an ISO-8601 instant or a date (UTC).")
    String to;

    @Option(names = "--model", paramLabel = "ID", description = "Only this model.")
    String model;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "OUT",
        description = "The bundle: a directory, or a zip file when it ends with .zip.")
    Path out;

    @Mixin TrustOptions trust;

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      Instant start;
      Instant end;
      try {
        start = instant(from, "--from");
        end = instant(to, "--to");
      } catch (IllegalArgumentException e) {
        err.println("aimon: " + e.getMessage());
        return 2;
      }
      if (!start.isBefore(end)) {
        err.println("aimon: --to: expected a time after --from " + start + ", found " + end);
        return 2;
      }
      if (!Files.isDirectory(evidence)) {
        err.println("aimon: --evidence: " + evidence + ": not a directory");
        return 2;
      }
      PublicKey trusted = trust.key();
      X509Certificate tsa;
      try {
        tsa = trust.tsa();
      } catch (IllegalArgumentException e) {
        err.println("aimon: " + e.getMessage());
        return 2;
      }
      ExportSummary summary;
      try (ProgressBar bar =
          new ProgressBarBuilder()
              .setTaskName("export")
              .setUnit(" lines", 1)
              .setStyle(ProgressBarStyle.ASCII)
              .build()) {
        summary =
            AuditExport.export(
                evidence,
                new AuditExport.Selection(start.toEpochMilli(), end.toEpochMilli(), model),
                out,
                trusted,
                tsa,
                (done, total) -> {
                  bar.maxHint(total);
                  bar.stepTo(done);
                });
      }
      spec.commandLine()
          .getOut()
          .printf(
              "exported %d records and %d manifests of %d models to %s (%d bytes: %s); archive %s%n",
              summary.records(),
              summary.manifests(),
              summary.models(),
              out,
              summary.bytes(),
              String.join(", ", summary.files()),
              summary.verified() ? "verified" : "NOT verified: see verification.txt");
      return summary.verified() ? 0 : 1;
    }

    static Instant instant(String text, String option) {
      try {
        return text.length() == 10
            ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
            : Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            option
                + ": expected an ISO-8601 instant (2026-01-01T00:00:00Z) or a date (2026-01-01),"
                + " found "
                + text);
      }
    }
  }
}
