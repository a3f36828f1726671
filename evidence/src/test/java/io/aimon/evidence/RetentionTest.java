package io.aimon.evidence;

import static io.aimon.evidence.EvidenceFixtures.CHURN;
import static io.aimon.evidence.EvidenceFixtures.CREDIT;
import static io.aimon.evidence.EvidenceFixtures.OTHER_KEYS;
import static io.aimon.evidence.EvidenceFixtures.TEST_KEYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.evidence.ArchiveVerifier.Kind;
import io.aimon.evidence.ArchiveVerifier.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention removes whole days through a signed deletion record, and the chain still verifies; a
 * silent deletion, a tampered record and one signed by another key fail.
 */
class RetentionTest {
  /** The fixture's days: 2026-01-01 (windows 0-3), 2026-01-02 (4-7), 2026-01-03 (8, open). */
  private static final long NOW = Instant.parse("2026-01-03T12:00:00Z").toEpochMilli();

  @TempDir Path dir;

  private static List<Problem> of(ArchiveVerifier.Report r, Kind kind) {
    return r.problems().stream().filter(p -> p.kind() == kind).toList();
  }

  private List<Retention.Outcome> expire(long now) {
    return Retention.expire(dir, Duration.ofDays(1), now, TEST_KEYS, false);
  }

  @Test
  void wholeDaysGoThroughASignedDeletionRecordAndTheChainStillVerifies() {
    EvidenceFixtures.archive(dir, Set.of());
    long before = ArchiveVerifier.verify(dir, TEST_KEYS.getPublic()).models().get(CREDIT).records();
    List<Retention.Outcome> out = expire(NOW);
    Deletion d =
        out.stream().filter(o -> o.modelId().equals(CREDIT)).findFirst().orElseThrow().deletion();
    assertEquals(List.of("2026-01-01"), d.dates(), "the day that ended a day before now");
    assertEquals(1, d.firstSeq());
    assertEquals(4, d.manifests(), "windows 0..3");
    assertFalse(Files.exists(dir.resolve("model=" + CREDIT + "/date=2026-01-01")));
    assertTrue(Files.exists(dir.resolve("model=" + CREDIT + "/date=2026-01-02")));
    ArchiveVerifier.Report r = ArchiveVerifier.verify(dir, TEST_KEYS.getPublic());
    assertTrue(r.ok(), r.problems().toString());
    ArchiveVerifier.ModelSummary s = r.models().get(CREDIT);
    assertEquals(d.lastSeq() + 1, s.firstSeq(), "the chain starts after the deletion");
    assertEquals(before - d.records(), s.records());
    // a day later the next day goes, through a second record that follows the first
    Retention.Outcome next =
        expire(NOW + Duration.ofDays(1).toMillis()).stream()
            .filter(o -> o.modelId().equals(CREDIT))
            .findFirst()
            .orElseThrow();
    assertEquals(d.lastSeq() + 1, next.deletion().firstSeq());
    assertEquals(List.of("2026-01-02"), next.deletion().dates());
    assertTrue(ArchiveVerifier.verify(dir, TEST_KEYS.getPublic()).ok());
    // nothing more is old enough
    assertNull(
        expire(NOW + Duration.ofDays(1).toMillis()).stream()
            .filter(o -> o.modelId().equals(CHURN))
            .findFirst()
            .orElseThrow()
            .deletion());
  }

  @Test
  void aSilentDeletionFails() throws Exception {
    EvidenceFixtures.archive(dir, Set.of());
    deleteTree(dir.resolve("model=" + CREDIT + "/date=2026-01-01"));
    ArchiveVerifier.Report r = ArchiveVerifier.verify(dir, TEST_KEYS.getPublic());
    assertFalse(r.intact());
    List<Problem> deleted = of(r, Kind.DELETED);
    assertTrue(
        deleted.stream()
            .anyMatch(
                p -> p.modelId().equals(CREDIT) && p.message().contains("the chain starts at seq")),
        deleted.toString());
  }

  @Test
  void aTamperedDeletionRecordFailsAndTheRecordsCountAsDeleted() throws Exception {
    EvidenceFixtures.archive(dir, Set.of());
    expire(NOW);
    Path file = dir.resolve("model=" + CREDIT + "/" + Deletion.FILE);
    String line = Files.readString(file, StandardCharsets.UTF_8).strip();
    // claims one record more than was removed, with the signature left as it was
    Deletion d = Deletion.fromJson(line);
    Files.writeString(
        file,
        line.replace("\"records\":" + d.records() + ",", "\"records\":" + (d.records() + 1) + ",")
            + "\n");
    ArchiveVerifier.Report r = ArchiveVerifier.verify(dir, TEST_KEYS.getPublic());
    assertEquals(1, of(r, Kind.BAD_DELETION).size(), r.problems().toString());
    assertTrue(of(r, Kind.BAD_DELETION).get(0).message().contains("its signature does not verify"));
    assertFalse(of(r, Kind.DELETED).isEmpty(), "the records it names are missing");
  }

  @Test
  void aDeletionRecordOfAnotherKeyFails() throws Exception {
    EvidenceFixtures.archive(dir, Set.of());
    // the days removed through a record signed with another key than the archive's
    Retention.expire(dir, Duration.ofDays(1), NOW, TEST_KEYS, false);
    Path file = dir.resolve("model=" + CREDIT + "/" + Deletion.FILE);
    Deletion d = Deletion.fromJson(Files.readString(file, StandardCharsets.UTF_8).strip());
    Deletion forged =
        Deletion.sign(
            d.modelId(),
            d.deletedAt(),
            d.retention(),
            d.dates(),
            d.firstSeq(),
            d.lastSeq(),
            d.lastHash(),
            d.records(),
            d.manifests(),
            d.timestamps(),
            OTHER_KEYS);
    Files.writeString(file, forged.toJson() + "\n");
    ArchiveVerifier.Report r = ArchiveVerifier.verify(dir, TEST_KEYS.getPublic());
    assertTrue(
        of(r, Kind.BAD_DELETION).get(0).message().contains("with the trusted key"),
        r.problems().toString());
  }

  @Test
  void anArchiveThatDoesNotVerifyIsNotExpired() throws Exception {
    EvidenceFixtures.archive(dir, Set.of());
    Path day = dir.resolve("model=" + CREDIT + "/date=2026-01-02");
    Path f;
    try (Stream<Path> s = Files.list(day)) {
      f = s.findFirst().orElseThrow();
    }
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
    lines.remove(0); // a silent deletion in the middle
    Files.write(f, lines, StandardCharsets.UTF_8);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> expire(NOW));
    assertTrue(
        e.getMessage().startsWith("refusing to expire evidence: the archive does not verify"));
    assertTrue(
        Files.exists(dir.resolve("model=" + CREDIT + "/date=2026-01-01")), "nothing removed");
  }

  private static void deleteTree(Path p) throws Exception {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
