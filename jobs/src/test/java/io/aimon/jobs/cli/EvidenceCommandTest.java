package io.aimon.jobs.cli;

import static io.aimon.jobs.cli.ArchiveFixtures.KEYS;
import static io.aimon.jobs.cli.ArchiveFixtures.OTHER_KEYS;
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
    List<String> lines = r.lines();
    assertEquals(3, lines.size(), r.out);
    assertTrue(
        lines.get(0).startsWith("model credit-risk: 3 records (seq 1..3), 3 manifests, 3 windows"),
        lines.get(0));
    assertEquals("signed by key " + keyId(KEYS) + ", the trusted key", lines.get(1));
    assertEquals(
        "evidence verified: 1 models, every chain, manifest and signature (key "
            + keyId(KEYS)
            + ") holds",
        lines.get(2));
  }

  @Test
  void intactArchiveWithoutAKeyNamesTheSignerAsUnproven() throws IOException {
    ArchiveFixtures.archive(archive(), MODEL, 3, Set.of());

    Run r = aimon("evidence", "verify", archive().toString());
    assertEquals(0, r.exit, r.out + r.err);
    List<String> lines = r.lines();
    assertEquals(
        "signed by key "
            + keyId(KEYS)
            + ", unproven: no trusted key given (pass --public-key FILE, the public key of the"
            + " signer you expect, to prove who signed)",
        lines.get(lines.size() - 2));
    assertEquals(
        "evidence verified: 1 models, every chain and manifest holds: intact, but its signer is"
            + " unproven",
        r.last());
  }

  @Test
  void twoSignersFailWithoutAKeyAndNameBothKeys() throws IOException {
    ArchiveFixtures.archive(archive(), MODEL, 3, Set.of(), w -> w == 2 ? OTHER_KEYS : KEYS);

    Run r = aimon("evidence", "verify", archive().toString());
    assertEquals(1, r.exit, r.out + r.err);
    List<String> lines = r.lines();
    assertEquals(
        "MULTIPLE_SIGNERS model credit-risk (model=credit-risk/part-0.jsonl:6): manifests signed"
            + " with 2 keys: key "
            + keyId(KEYS)
            + " (2 manifests, the first at model=credit-risk/part-0.jsonl:2), key "
            + keyId(OTHER_KEYS)
            + " (1 manifest, the first here); an archive has one signer, and without a trusted"
            + " key nothing tells which key is genuine",
        lines.get(1));
    String both =
        java.util.stream.Stream.of(keyId(KEYS), keyId(OTHER_KEYS))
            .sorted()
            .map(k -> "key " + k)
            .collect(java.util.stream.Collectors.joining(", "));
    assertTrue(lines.get(2).startsWith("signed by " + both + ", unproven"), lines.get(2));
    assertEquals("evidence NOT verified: 1 problem", r.last());

    Run trusted = verifyWithKey();
    assertEquals(1, trusted.exit, trusted.out);
    assertTrue(
        trusted.out.contains(
            "BAD_SIGNATURE model credit-risk (model=credit-risk/part-0.jsonl:6): manifest of seq 3"),
        trusted.out);
    assertTrue(
        trusted.out.contains("signed by " + both + "; the trusted key is key " + keyId(KEYS)),
        trusted.out);
  }

  @Test
  void modelsSignedByDifferentKeysNameTheirKeyOnTheirLine() throws IOException {
    ArchiveFixtures.archive(archive(), "churn", 1, Set.of(), w -> OTHER_KEYS);
    ArchiveFixtures.archive(archive(), MODEL, 1, Set.of());

    Run r = aimon("evidence", "verify", archive().toString());
    assertEquals(1, r.exit, r.out);
    assertTrue(r.lines().get(0).endsWith(", signed by key " + keyId(OTHER_KEYS)), r.out);
    assertTrue(r.lines().get(1).endsWith(", signed by key " + keyId(KEYS)), r.out);
    assertTrue(r.lines().get(2).startsWith("MULTIPLE_SIGNERS model credit-risk"), r.out);
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

  @Test
  void symlinkIsNamedNotFollowedAndFails() throws IOException {
    ArchiveFixtures.archive(archive(), MODEL, 2, Set.of());
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-TOKEN\n");
    Files.createSymbolicLink(archive().resolve("model=credit-risk/notes.jsonl"), secret);

    Run r = verifyWithKey();
    assertEquals(1, r.exit, r.out + r.err);
    assertEquals(
        "SKIPPED_FILE model=credit-risk/notes.jsonl: skipped: a symbolic link, not followed (an"
            + " archive holds regular files only)",
        r.lines().get(1));
    assertTrue(!r.out.contains("TOP-SECRET") && !r.err.contains("TOP-SECRET"), r.out);
    assertEquals("evidence NOT verified: 1 problem", r.last());
  }

  @Test
  void lineOverTheCapIsUnreadableAndTheRestIsRead() throws IOException {
    Path file = archive().resolve(ArchiveFixtures.archive(archive(), MODEL, 2, Set.of()));
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(0);
      f.write((lines.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
      long at = f.getFilePointer() + (16 << 20) + 1; // a sparse line of 16 MiB + 1 zero bytes
      f.setLength(at);
      f.seek(at);
      f.write(("\n" + String.join("\n", lines.subList(1, lines.size())) + "\n").getBytes());
    }

    Run r = verifyWithKey();
    assertEquals(1, r.exit, r.out + r.err);
    assertEquals(
        "UNREADABLE model=credit-risk/part-0.jsonl:2: line longer than 16777216 bytes (16777217"
            + " bytes): not read",
        r.lines().get(1));
    assertTrue(
        r.lines().get(0).startsWith("model credit-risk: 2 records (seq 1..2), 2 manifests"),
        "the lines after it are read: " + r.out);
    assertEquals("evidence NOT verified: 1 problem", r.last());
  }
}
