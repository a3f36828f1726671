package io.aimon.jobs.cli;

import static io.aimon.jobs.cli.ArchiveFixtures.KEYS;
import static io.aimon.jobs.cli.ArchiveFixtures.keyId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code aimon evidence verify}: what it prints and its exit code, run through picocli. */
class EvidenceCommandTest {
  private static final String MODEL = "credit-risk";

  @TempDir Path dir;

  /** The result of one command line run. */
  private record Run(int exit, String out, String err) {
    List<String> lines() {
      return List.of(out.split("\\R"));
    }

    String last() {
      List<String> l = lines();
      return l.get(l.size() - 1);
    }
  }

  private Path archive() {
    return dir.resolve("evidence");
  }

  private Run aimon(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new AimonCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Run verifyWithKey(String... more) throws IOException {
    Path pub = ArchiveFixtures.publicKeyFile(dir, KEYS);
    List<String> args =
        new java.util.ArrayList<>(
            List.of("evidence", "verify", archive().toString(), "--public-key", pub.toString()));
    args.addAll(List.of(more));
    return aimon(args.toArray(String[]::new));
  }

  @Test
  void intactArchiveWithTheTrustedKeyExitsZero() throws IOException {
    ArchiveFixtures.archive(archive(), MODEL, 3, Set.of());

    Run r = verifyWithKey();
    assertEquals(0, r.exit, r.out + r.err);
    assertEquals(
        "evidence verified: 1 models, every chain, manifest and signature (key "
            + keyId(KEYS)
            + ") holds",
        r.last());
  }

  @Test
  void coverageGapIsListedApartAndDoesNotFail() throws IOException {
    ArchiveFixtures.archive(archive(), MODEL, 4, Set.of(1));

    Run r = verifyWithKey();
    assertEquals(0, r.exit, r.out + r.err);
    List<String> lines = r.lines();
    int section =
        lines.indexOf("coverage: 1 gap between covered windows (not an integrity problem)");
    assertTrue(section > 0, r.out);
    assertEquals(
        "  COVERAGE_GAP model credit-risk seq 2 (model=credit-risk/part-0.jsonl:3): window"
            + " 2026-01-01T01:00:00Z..2026-01-01T02:00:00Z not covered: the covered windows jump"
            + " from the one ending there (seq 1, model=credit-risk/part-0.jsonl:1) to the one"
            + " starting there",
        lines.get(section + 1));
    assertEquals(
        "evidence verified: 1 models, every chain, manifest and signature (key "
            + keyId(KEYS)
            + ") holds; 1 coverage gap (not an integrity problem)",
        r.last());
  }

  @Test
  void coverageGapFailsWithTheFlag() throws IOException {
    ArchiveFixtures.archive(archive(), MODEL, 4, Set.of(1, 2));

    Run r = verifyWithKey("--fail-on-coverage-gap");
    assertEquals(1, r.exit, r.out + r.err);
    assertTrue(
        r.out.contains(
            "coverage: 1 gap between covered windows (not an integrity problem; fatal with"
                + " --fail-on-coverage-gap)"),
        r.out);
    assertEquals(
        "evidence NOT verified: 1 coverage gap (--fail-on-coverage-gap); every chain, manifest"
            + " and signature (key "
            + keyId(KEYS)
            + ") holds",
        r.last());
  }

  @Test
  void integrityProblemFailsAndCountsTheGapApart() throws IOException {
    Path file = ArchiveFixtures.archive(archive(), MODEL, 4, Set.of(1));
    Path abs = archive().resolve(file);
    List<String> lines = Files.readAllLines(abs, StandardCharsets.UTF_8);
    // seq 3, the coverage of window 3: the gap (window 1) lies before it, not explained by it
    lines.set(4, lines.get(4).replace("\"events\":100", "\"events\":101"));
    Files.write(abs, lines, StandardCharsets.UTF_8);

    Run r = verifyWithKey();
    assertEquals(1, r.exit, r.out + r.err);
    assertTrue(
        r.out.contains(
            "MODIFIED model credit-risk seq 3 (model=credit-risk/part-0.jsonl:5): hash mismatch"),
        r.out);
    assertEquals("evidence NOT verified: 1 problem; and 1 coverage gap", r.last());
  }
}
