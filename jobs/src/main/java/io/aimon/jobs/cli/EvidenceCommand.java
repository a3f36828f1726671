package io.aimon.jobs.cli;

import io.aimon.evidence.ArchiveVerifier;
import io.aimon.evidence.Ed25519Keys;
import io.aimon.evidence.export.AuditExport;
import io.aimon.evidence.export.ExportSummary;
import io.aimon.jobs.evidence.EvidenceKeys;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
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
      "`export` writes the audit bundle of a period."
    },
    subcommands = {
      EvidenceCommand.Keygen.class,
      EvidenceCommand.Verify.class,
      EvidenceCommand.Export.class
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
        "not who signed it, and manifests signed by more than one key fail."
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The evidence archive directory.")
    Path dir;

    @Option(
        names = "--public-key",
        paramLabel = "FILE",
        description = "The public key (PEM) the manifests must be signed with.")
    Path publicKey;

    @Option(
        names = "--fail-on-coverage-gap",
        description = "Exit 1 also when a coverage gap is found (default: report it, exit 0).")
    boolean failOnCoverageGap;

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      if (!Files.isDirectory(dir)) {
        err.println("aimon: " + dir + ": not a directory");
        return 2;
      }
      PublicKey trusted = publicKey == null ? null : Ed25519Keys.readPublic(publicKey);
      ArchiveVerifier.Report report = ArchiveVerifier.verify(dir, trusted);
      return VerifyOutput.print(report, trusted, failOnCoverageGap, spec.commandLine().getOut());
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

    @Option(
        names = "--public-key",
        paramLabel = "FILE",
        description = "The public key (PEM) the manifests must be signed with.")
    Path publicKey;

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
      PublicKey trusted = publicKey == null ? null : Ed25519Keys.readPublic(publicKey);
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

    private static Instant instant(String text, String option) {
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
