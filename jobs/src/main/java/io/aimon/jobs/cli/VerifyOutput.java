package io.aimon.jobs.cli;

import io.aimon.evidence.ArchiveVerifier;
import io.aimon.evidence.ArchiveVerifier.ModelSummary;
import io.aimon.evidence.ArchiveVerifier.Problem;
import io.aimon.evidence.Ed25519Keys;
import java.io.PrintWriter;
import java.security.PublicKey;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code aimon evidence verify} prints for a {@link ArchiveVerifier.Report}, and its exit
 * code. In this order: a line per model (ending with its signing keys when the models' keys
 * differ); each integrity problem; the coverage gaps, in a section of their own; the time stamps
 * (when the archive holds any, or with {@code --require-timestamps}) and the manifests without one;
 * the signing keys seen and whether they are proven; the verdict, last.
 *
 * <pre>
 * model credit-risk: 27 records (seq 1..27), 8 manifests, 7 windows covered, head 3f5c...
 * coverage: 1 gap between covered windows (not an integrity problem)
 *   COVERAGE_GAP model credit-risk seq 15 (...): window ... not covered: ...
 * signed by key 9f4ea804f6b8fdb3, unproven: no trusted key given (pass --public-key FILE, ...)
 * evidence verified: 1 models, every chain and manifest holds: intact, but its signer is
 *     unproven; 1 coverage gap (not an integrity problem)
 * </pre>
 *
 * <p>Exit code 0 when the archive is intact ({@link ArchiveVerifier.Report#intact()}) and, with
 * {@code failOnCoverageGap}, has no coverage gap; else 1. Without a trusted key an intact archive
 * exits 0 but is said to have an unproven signer; one signed by several keys is not intact ({@link
 * ArchiveVerifier.Kind#MULTIPLE_SIGNERS}).
 */
final class VerifyOutput {
  private VerifyOutput() {}

  /** Prints the report of an archive verified against {@code trusted} (or null); the exit code. */
  static int print(
      ArchiveVerifier.Report report,
      PublicKey trusted,
      boolean failOnCoverageGap,
      PrintWriter out) {
    return print(report, trusted, failOnCoverageGap, false, out);
  }

  /**
   * As above; with {@code requireTimestamps}, a manifest without a time stamp fails too (exit 1).
   */
  static int print(
      ArchiveVerifier.Report report,
      PublicKey trusted,
      boolean failOnCoverageGap,
      boolean requireTimestamps,
      PrintWriter out) {
    boolean keysDiffer =
        report.models().values().stream().map(ModelSummary::keyIds).distinct().count() > 1;
    report
        .models()
        .forEach(
            (model, s) ->
                out.printf(
                    "model %s: %d records (seq %d..%d), %d manifests, %d windows covered, head"
                        + " %s%s%n",
                    model,
                    s.records(),
                    s.firstSeq(),
                    s.lastSeq(),
                    s.manifests(),
                    s.windowsCovered(),
                    s.head(),
                    keysDiffer ? ", " + signedBy(s.keyIds()) : ""));
    List<Problem> integrity = report.integrityProblems();
    for (Problem p : integrity) {
      out.println(p.kind() + " " + p.message());
    }
    List<Problem> gaps = report.coverageGaps();
    if (!gaps.isEmpty()) {
      out.println(
          "coverage: "
              + count(gaps.size(), "gap")
              + " between covered windows (not an integrity problem"
              + (failOnCoverageGap ? "; fatal with --fail-on-coverage-gap)" : ")"));
      for (Problem p : gaps) {
        out.println("  " + p.kind() + " " + p.message());
      }
    }
    List<Problem> unstamped = report.unstamped();
    ArchiveVerifier.Stamps stamps = report.stamps();
    if (stamps.stamped() > 0 || !unstamped.isEmpty() || requireTimestamps) {
      out.println(
          "time stamps: "
              + stamps.stamped()
              + " of "
              + count(stamps.manifests(), "manifest")
              + " stamped"
              + (stamps.tsas().isEmpty() ? "" : " by " + String.join(", ", stamps.tsas()))
              + (stamps.stamped() == 0
                  ? ""
                  : stamps.trusted()
                      ? ", the trusted TSA"
                      : ", unproven: no trusted TSA certificate given (pass --tsa-cert FILE)"));
      for (Problem p : unstamped) {
        out.println("  " + p.kind() + " " + p.message());
      }
    }
    if (report.gates() > 0) {
      long bad =
          report.problems().stream().filter(p -> p.kind() == ArchiveVerifier.Kind.BAD_GATE).count();
      out.println(
          "gate records: "
              + report.gates()
              + (bad == 0
                  ? ", every signature holds"
                  : ", " + count(bad, "signature") + " not verifying (BAD_GATE)"));
    }
    List<String> keys = report.keyIds();
    String trustedId = trusted == null ? null : Ed25519Keys.keyId(trusted);
    long manifests = report.models().values().stream().mapToLong(ModelSummary::manifests).sum();
    out.println(signers(keys, trustedId, manifests));
    String holds =
        keys.isEmpty()
            ? "every chain holds, but no manifest signs it"
            : trustedId != null
                ? "every chain, manifest and signature (key " + trustedId + ") holds"
                : "every chain and manifest holds: intact, but its signer is unproven";
    if (!integrity.isEmpty()) {
      out.println(
          "evidence NOT verified: "
              + count(integrity.size(), "problem")
              + (gaps.isEmpty() ? "" : "; and " + count(gaps.size(), "coverage gap")));
      return 1;
    }
    long missingStamps = stamps.manifests() - stamps.stamped();
    if (requireTimestamps && missingStamps > 0) {
      out.println(
          "evidence NOT verified: "
              + count(missingStamps, "manifest")
              + " without a time stamp (--require-timestamps); "
              + holds);
      return 1;
    }
    if (failOnCoverageGap && !gaps.isEmpty()) {
      out.println(
          "evidence NOT verified: "
              + count(gaps.size(), "coverage gap")
              + " (--fail-on-coverage-gap); "
              + holds);
      return 1;
    }
    out.println(
        "evidence verified: "
            + report.models().size()
            + " models, "
            + holds
            + (gaps.isEmpty()
                ? ""
                : "; " + count(gaps.size(), "coverage gap") + " (not an integrity problem)"));
    return 0;
  }

  /** The line naming the signing keys seen, and what proves them. */
  private static String signers(List<String> keys, String trustedId, long manifests) {
    if (keys.isEmpty()) {
      return manifests == 0
          ? "signed by no key: the archive holds no manifest"
          : "signed by no key: no manifest's signature verifies";
    }
    if (trustedId == null) {
      return signedBy(keys)
          + ", unproven: no trusted key given (pass --public-key FILE, the public key of the"
          + " signer you expect, to prove who signed)";
    }
    return keys.equals(List.of(trustedId))
        ? signedBy(keys) + ", the trusted key"
        : signedBy(keys) + "; the trusted key is key " + trustedId;
  }

  /** {@code signed by key K1, key K2}, or {@code no signed manifest}. */
  private static String signedBy(List<String> keys) {
    return keys.isEmpty()
        ? "no signed manifest"
        : "signed by " + keys.stream().map(k -> "key " + k).collect(Collectors.joining(", "));
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
