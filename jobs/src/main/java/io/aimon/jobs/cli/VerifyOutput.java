package io.aimon.jobs.cli;

import io.aimon.evidence.ArchiveVerifier;
import io.aimon.evidence.ArchiveVerifier.Problem;
import io.aimon.evidence.Ed25519Keys;
import java.io.PrintWriter;
import java.security.PublicKey;
import java.util.List;

/**
 * What {@code aimon evidence verify} prints for a {@link ArchiveVerifier.Report}, and its exit
 * code. In this order: a line per model; each integrity problem; the coverage gaps, in a section of
 * their own; the verdict, last.
 *
 * <pre>
 * model credit-risk: 27 records (seq 1..27), 8 manifests, 7 windows covered, head 3f5c...
 * coverage: 1 gap between covered windows (not an integrity problem)
 *   COVERAGE_GAP model credit-risk seq 15 (...): window ... not covered: ...
 * evidence verified: 1 models, every chain, manifest and signature (key 9f4ea804f6b8fdb3) holds; 1
 *     coverage gap (not an integrity problem)
 * </pre>
 *
 * <p>Exit code 0 when the archive is intact ({@link ArchiveVerifier.Report#intact()}) and, with
 * {@code failOnCoverageGap}, has no coverage gap; else 1.
 */
final class VerifyOutput {
  private VerifyOutput() {}

  /** Prints the report of an archive verified against {@code trusted} (or null); the exit code. */
  static int print(
      ArchiveVerifier.Report report,
      PublicKey trusted,
      boolean failOnCoverageGap,
      PrintWriter out) {
    report
        .models()
        .forEach(
            (model, s) ->
                out.printf(
                    "model %s: %d records (seq %d..%d), %d manifests, %d windows covered, head %s%n",
                    model,
                    s.records(),
                    s.firstSeq(),
                    s.lastSeq(),
                    s.manifests(),
                    s.windowsCovered(),
                    s.head()));
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
    String holds =
        "every chain, manifest"
            + (trusted != null ? " and signature (key " + Ed25519Keys.keyId(trusted) + ")" : "")
            + " holds";
    if (!integrity.isEmpty()) {
      out.println(
          "evidence NOT verified: "
              + count(integrity.size(), "problem")
              + (gaps.isEmpty() ? "" : "; and " + count(gaps.size(), "coverage gap")));
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

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
