package io.aimon.evidence;

import static io.aimon.evidence.ArchiveVerifier.Kind.SKIPPED_FILE;
import static io.aimon.evidence.ArchiveVerifier.Kind.UNREADABLE;
import static io.aimon.evidence.EvidenceFixtures.CHURN;
import static io.aimon.evidence.EvidenceFixtures.CREDIT;
import static io.aimon.evidence.EvidenceFixtures.TEST_KEYS;
import static io.aimon.evidence.EvidenceFixtures.assertProblems;
import static io.aimon.evidence.EvidenceFixtures.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.evidence.ArchiveVerifier.Report;
import io.aimon.evidence.EvidenceFixtures.Archive;
import io.aimon.evidence.EvidenceFixtures.Location;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive reader at its trust boundary: symbolic links are named and never followed, a line
 * over the cap is one UNREADABLE finding, read without being buffered, and the lines after it
 * count.
 */
class ArchiveReaderTest {
  private static final String SECRET = "TOP-SECRET-TOKEN";

  @TempDir Path dir;
  @TempDir Path outside;

  private Report verify() {
    return ArchiveVerifier.verify(dir, TEST_KEYS.getPublic());
  }

  /** A file outside the archive that holds a secret and a valid record of another model. */
  private Path outsideFile() throws IOException {
    Path secret = outside.resolve("secret.jsonl");
    Files.write(
        secret,
        List.of(SECRET + " not json", EvidenceFixtures.chain("intruder", 1).get(0).toJson()),
        StandardCharsets.UTF_8);
    return secret;
  }

  @Test
  void symlinkedFileIsNamedNotFollowedAndFailsIntegrity() throws IOException {
    EvidenceFixtures.archive(dir, Set.of());
    Files.createSymbolicLink(dir.resolve("model=churn/evil.jsonl"), outsideFile());

    Report r = verify();
    assertProblems(r, "SKIPPED_FILE null null model=churn/evil.jsonl:null");
    ArchiveVerifier.Problem p = r.problems().get(0);
    assertNull(p.line(), "about the whole file");
    assertEquals(
        "model=churn/evil.jsonl: skipped: a symbolic link, not followed (an archive holds regular"
            + " files only)",
        p.message());
    assertFalse(r.intact());
    assertFalse(r.models().containsKey("intruder"), "the target was not read");
    assertFalse(r.summary().contains(SECRET));
    assertEquals(List.of(CHURN, CREDIT), List.copyOf(r.models().keySet()));
  }

  @Test
  void symlinkedDirectoryIsNamedAndNotDescended() throws IOException {
    EvidenceFixtures.archive(dir, Set.of());
    outsideFile();
    Files.createSymbolicLink(dir.resolve("more"), outside);

    Report r = verify();
    assertProblems(r, "SKIPPED_FILE null null more:null");
    assertEquals(SKIPPED_FILE, r.problems().get(0).kind());
    assertFalse(r.models().containsKey("intruder"));
  }

  @Test
  void partFileReplacedByALinkExplainsTheRecordsMissingWithIt() throws IOException {
    Archive a = EvidenceFixtures.archive(dir, Set.of());
    String day2 = "model=credit-risk/date=2026-01-02/part-0.jsonl";
    Path moved = outside.resolve("part-0.jsonl");
    Files.move(dir.resolve(day2), moved);
    Files.createSymbolicLink(dir.resolve(day2), moved);

    Report r = verify();
    assertProblems(r, "SKIPPED_FILE null null " + day2 + ":null");
    String message = r.problems().get(0).message();
    assertTrue(message.contains("model credit-risk seqs 14..27 missing around it"), message);
    assertTrue(a.files().contains(day2), "the link is still there");
  }

  @Test
  void archiveDirectoryMayItselfBeALink() throws IOException {
    EvidenceFixtures.archive(dir, Set.of());
    Path link = outside.resolve("evidence");
    Files.createSymbolicLink(link, dir);

    Report r = ArchiveVerifier.verify(link, TEST_KEYS.getPublic());
    assertProblems(r);
    assertEquals(53, r.models().values().stream().mapToLong(m -> m.records()).sum());
  }

  @Test
  void lineOverTheCapIsUnreadableAndTheRecordsAfterItAreRead() throws IOException {
    Archive a = EvidenceFixtures.archive(dir, Set.of());
    Location at = a.record(CREDIT, 5);
    a.insert(at, "{\"junk\":\"" + "x".repeat(10_000) + "\"}");

    Report r = ArchiveVerifier.verify(dir, TEST_KEYS.getPublic(), 4096);
    assertProblems(r, problem(UNREADABLE, null, null, at));
    assertEquals(
        at.file() + ":" + at.line() + ": line longer than 4096 bytes (10011 bytes): not read",
        r.problems().get(0).message());
    assertEquals(28, r.models().get(CREDIT).records(), "seq 5 on the next line and all after it");
  }

  /**
   * The default cap through the verifier, on a real line over it: a sparse file (no disk blocks) of
   * a record, 16 MiB + 1 zero bytes, and another record. The multi-gigabyte case is {@link
   * BoundedLinesTest}'s, on a stream that needs no file: a sparse file of gigabytes costs seconds
   * of page cache on its first read.
   */
  @Test
  void lineOverTheDefaultCapIsOneFindingAndTheRecordAfterItIsRead() throws IOException {
    List<EvidenceRecord> chain = EvidenceFixtures.chain(CHURN, 2);
    Path file = dir.resolve("part-0.jsonl");
    long huge = BoundedLines.MAX_LINE_BYTES + 1L;
    byte[] first = (chain.get(0).toJson() + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] second = ("\n" + chain.get(1).toJson() + "\n").getBytes(StandardCharsets.UTF_8);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.write(first);
      f.setLength(first.length + huge);
      f.seek(first.length + huge);
      f.write(second);
    }

    Report r = ArchiveVerifier.verify(dir, null);
    assertProblems(r, problem(UNREADABLE, null, null, new Location("part-0.jsonl", 2)));
    assertEquals(
        "part-0.jsonl:2: line longer than 16777216 bytes (16777217 bytes): not read",
        r.problems().get(0).message());
    assertEquals(2, r.models().get(CHURN).records(), "the record after the long line is read");
  }
}
