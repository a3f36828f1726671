package io.aimon.evidence;

import static io.aimon.evidence.ArchiveVerifier.Kind.BAD_SIGNATURE;
import static io.aimon.evidence.ArchiveVerifier.Kind.COVERAGE_GAP;
import static io.aimon.evidence.ArchiveVerifier.Kind.DELETED;
import static io.aimon.evidence.ArchiveVerifier.Kind.INSERTED;
import static io.aimon.evidence.ArchiveVerifier.Kind.MODIFIED;
import static io.aimon.evidence.ArchiveVerifier.Kind.MULTIPLE_SIGNERS;
import static io.aimon.evidence.ArchiveVerifier.Kind.REORDERED;
import static io.aimon.evidence.ArchiveVerifier.Kind.TRUNCATED;
import static io.aimon.evidence.ArchiveVerifier.Kind.UNREADABLE;
import static io.aimon.evidence.EvidenceFixtures.CHURN;
import static io.aimon.evidence.EvidenceFixtures.CREDIT;
import static io.aimon.evidence.EvidenceFixtures.OTHER_KEYS;
import static io.aimon.evidence.EvidenceFixtures.TEST_KEYS;
import static io.aimon.evidence.EvidenceFixtures.assertProblems;
import static io.aimon.evidence.EvidenceFixtures.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.evidence.ArchiveVerifier.ModelSummary;
import io.aimon.evidence.ArchiveVerifier.Report;
import io.aimon.evidence.EvidenceFixtures.Archive;
import io.aimon.evidence.EvidenceFixtures.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampering with a generated archive (two models, nine windows each, coverage records, a manifest
 * per closed window): each kind is caught once, at its cause, with kind, seq, file and line.
 *
 * <p>credit-risk's seqs: window 0 is 1..3, window 1 4..6, window 2 7..10 (10 an incident), window 3
 * 11..13, window 4 14..17, window 5 18..21 (21 a corrective action), windows 6 and 7 22..27, the
 * open window 28. Windows 0..3 are in {@code date=2026-01-01}, 4..7 in {@code date=2026-01-02}.
 */
class ArchiveVerifierTest {
  private static final String DAY1 = "model=credit-risk/date=2026-01-01/part-0.jsonl";
  private static final String DAY2 = "model=credit-risk/date=2026-01-02/part-0.jsonl";

  @TempDir Path dir;

  private Archive archive() {
    return EvidenceFixtures.archive(dir, Set.of());
  }

  private Report verify() {
    return ArchiveVerifier.verify(dir, TEST_KEYS.getPublic());
  }

  @Test
  void untouchedArchiveVerifiesWithAndWithoutTrustedKey() {
    Archive a = archive();
    Report trusted = verify();
    assertProblems(trusted);
    assertTrue(trusted.ok());
    assertTrue(ArchiveVerifier.verify(dir, null).ok());

    ModelSummary credit = trusted.models().get(CREDIT);
    String head = a.read(a.record(CREDIT, 28)).hash();
    String keyId = Ed25519Keys.keyId(TEST_KEYS.getPublic());
    assertEquals(new ModelSummary(28, 8, 1, 28, head, 8, List.of(keyId)), credit);
    assertEquals(List.of(keyId), trusted.keyIds());
    assertEquals(25, trusted.models().get(CHURN).records());
    assertEquals(List.of(CHURN, CREDIT), List.copyOf(trusted.models().keySet()));
    assertEquals("2 models, 53 records, 16 manifests: intact", trusted.summary());
  }

  @Test
  void changedValueIsModifiedAtThatRecordOnly() {
    Archive a = archive();
    Location at = a.record(CREDIT, 5);
    String line = a.lines(at.file()).get(at.line() - 1);
    a.replace(at, line.replace("\"value\":0.9", "\"value\":0.99"));

    Report r = verify();
    assertProblems(r, problem(MODIFIED, CREDIT, 5L, at));
    assertEquals(
        "model credit-risk seq 5 (" + DAY1 + ":6): hash mismatch: record was modified",
        r.problems().get(0).message());
    assertEquals("2 models, 53 records, 16 manifests: 1 problem (MODIFIED 1)", r.summary());
    assertFalse(r.intact());
  }

  @Test
  void modifiedRecordWithRecomputedHashIsFoundThroughTheNextLinkAndManifest() {
    Archive a = archive();
    Location at = a.record(CREDIT, 5);
    EvidenceRecord original = a.read(at);
    ObjectNode data = (ObjectNode) original.data();
    data.put("status", "critical");
    EvidenceRecord forged = withData(original, data);
    a.replace(at, forged.withHash(forged.computeHash()).toJson());

    Report r = verify();
    assertProblems(r, problem(MODIFIED, CREDIT, 5L, at));
    assertTrue(r.problems().get(0).message().contains("hash recomputed"));
  }

  @Test
  void coverageRecordReplacedByAForgeryIsOneModificationNotAlsoACoverageGap() {
    Archive a = archive();
    Location at = a.record(CHURN, 12); // coverage of window 3
    EvidenceRecord coverage = a.read(at);
    assertEquals(EvidenceKind.COVERAGE, coverage.kind());
    EvidenceRecord forged =
        LayoutV1.append(
            new HashChain.State(11, coverage.prev()),
            CHURN,
            EvidenceKind.CHECK,
            coverage.time(),
            coverage.windowStart(),
            coverage.windowEnd(),
            EvidenceFixtures.checkData("psi", "tenure", 0.01, "ok"));
    a.replace(at, forged.toJson());

    Report r = verify();
    assertProblems(r, problem(MODIFIED, CHURN, 12L, at));
    assertTrue(
        r.problems()
            .get(0)
            .message()
            .endsWith(
                "; window 2026-01-01T18:00:00Z..2026-01-02T00:00:00Z has no coverage record now"),
        r.problems().get(0).message());
  }

  @Test
  void chainRewrittenFromARecordIsReportedOnceAtItsStart() {
    Archive a = archive();
    // rewrite credit-risk from seq 20 on, recomputing every later hash and prev
    List<Location> where = new ArrayList<>();
    List<EvidenceRecord> old = new ArrayList<>();
    for (long seq = 20; seq <= 28; seq++) {
      where.add(a.record(CREDIT, seq));
      old.add(a.read(where.get(where.size() - 1)));
    }
    HashChain.State s = new HashChain.State(19, a.read(a.record(CREDIT, 19)).hash());
    for (int i = 0; i < old.size(); i++) {
      EvidenceRecord o = old.get(i);
      ObjectNode data = (ObjectNode) o.data();
      if (i == 0) {
        data.put("value", 0.5);
      }
      EvidenceRecord n =
          LayoutV1.append(s, CREDIT, o.kind(), o.time(), o.windowStart(), o.windowEnd(), data);
      a.replace(where.get(i), n.toJson());
      s = HashChain.after(n);
    }

    Report r = verify();
    assertProblems(r, problem(MODIFIED, CREDIT, 20L, where.get(0)));
    assertTrue(
        r.problems().get(0).message().contains("7 later records differ from the signed hashes"),
        r.problems().get(0).message());
  }

  @Test
  void deletedRecordIsReportedAtItsSeqWhereTheChainResumes() {
    Archive a = archive();
    a.delete(a.record(CREDIT, 5));
    Location resumes = a.record(CREDIT, 6);

    Report r = verify();
    assertProblems(r, problem(DELETED, CREDIT, 5L, resumes));
    assertEquals(
        "model credit-risk seq 5 ("
            + DAY1
            + ":6): record deleted: the chain jumps from seq 4 ("
            + DAY1
            + ":5) to seq 6 here",
        r.problems().get(0).message());
  }

  @Test
  void deletedCoverageRecordIsOneDeletionNotAlsoACoverageGap() {
    Archive a = archive();
    Location at = a.record(CREDIT, 13); // coverage of window 3, the last record of day 1
    assertEquals(EvidenceKind.COVERAGE, a.read(at).kind());
    a.delete(at);

    Report r = verify();
    assertProblems(r, problem(DELETED, CREDIT, 13L, a.record(CREDIT, 14)));
    assertTrue(
        r.problems()
            .get(0)
            .message()
            .endsWith(
                "; window 2026-01-01T18:00:00Z..2026-01-02T00:00:00Z has no coverage record now"),
        r.problems().get(0).message());
  }

  @Test
  void insertedRecordWithARepeatedSeqIsTheOneTheChainDoesNotContinueFrom() {
    Archive a = archive();
    Location genuine = a.record(CREDIT, 7);
    EvidenceRecord six = a.read(a.record(CREDIT, 6));
    EvidenceRecord forged =
        LayoutV1.append(
            HashChain.after(six),
            CREDIT,
            EvidenceKind.CHECK,
            EvidenceFixtures.windowEnd(2),
            EvidenceFixtures.windowStart(2),
            EvidenceFixtures.windowEnd(2),
            EvidenceFixtures.checkData("psi", "income", 0.01, "ok"));
    a.insert(genuine, forged.toJson()); // before the genuine seq 7, which moves one line down

    Report r = verify();
    assertProblems(r, problem(INSERTED, CREDIT, 7L, genuine));
    assertTrue(r.problems().get(0).message().contains(DAY1 + ":" + (genuine.line() + 1)));
  }

  @Test
  void duplicatedLineIsAnInsertedCopy() {
    Archive a = archive();
    Location at = a.record(CHURN, 10);
    String line = a.lines(at.file()).get(at.line() - 1);
    Location copy = new Location(at.file(), at.line() + 1);
    a.insert(copy, line);

    Report r = verify();
    assertProblems(r, problem(INSERTED, CHURN, 10L, copy));
    assertTrue(r.problems().get(0).message().contains("a copy of the record at"));
  }

  @Test
  void swappedLinesAreOneReorderedRecord() {
    Archive a = archive();
    Location four = a.record(CREDIT, 4);
    Location five = a.record(CREDIT, 5);
    String l4 = a.lines(four.file()).get(four.line() - 1);
    String l5 = a.lines(five.file()).get(five.line() - 1);
    a.replace(four, l5);
    a.replace(five, l4);

    Report r = verify();
    // seq 5 now sits on seq 4's line; 4 and 6 stay in order
    assertProblems(r, problem(REORDERED, CREDIT, 5L, four));
    assertEquals(
        "model credit-risk seq 5 ("
            + DAY1
            + ":5): out of order: it comes before seq 4 ("
            + DAY1
            + ":6)",
        r.problems().get(0).message());
  }

  @Test
  void recordMovedFarIsOneReorderedRecord() {
    Archive a = archive();
    Location two = a.record(CREDIT, 2);
    String line = a.lines(two.file()).get(two.line() - 1);
    a.delete(two);
    Location end = new Location(DAY1, a.lines(DAY1).size() + 1);
    a.insert(end, line); // the last line of day 1, after seq 13

    Report r = verify();
    assertProblems(r, problem(REORDERED, CREDIT, 2L, end));
  }

  @Test
  void fileCutMidLineIsUnreadableAndExplainsWhatWentMissingWithIt() throws IOException {
    Archive a = archive();
    Location at = a.record(CREDIT, 23); // window 6, on day 2; day 3 still has seq 28
    Path file = dir.resolve(at.file());
    List<String> lines = a.lines(at.file());
    String kept =
        lines.subList(0, at.line() - 1).stream().map(l -> l + "\n").collect(Collectors.joining())
            + lines.get(at.line() - 1).substring(0, 50);
    Files.writeString(file, kept, StandardCharsets.UTF_8);

    Report r = verify();
    assertProblems(r, problem(UNREADABLE, null, null, at));
    String message = r.problems().get(0).message();
    assertTrue(message.startsWith(DAY2 + ":" + at.line() + ": the file ends mid-line"), message);
    assertTrue(message.contains("model credit-risk seqs 23..27 missing around it"), message);
  }

  @Test
  void fileCutMidLineBeforeLaterFilesIsStillOneProblem() throws IOException {
    Archive a = archive();
    Location at = a.record(CREDIT, 8); // window 2 on day 1; windows 2, 3 and their manifests go
    List<String> lines = a.lines(at.file());
    String kept =
        lines.subList(0, at.line() - 1).stream().map(l -> l + "\n").collect(Collectors.joining())
            + lines.get(at.line() - 1).substring(0, 80);
    Files.writeString(dir.resolve(at.file()), kept, StandardCharsets.UTF_8);

    Report r = verify();
    assertProblems(r, problem(UNREADABLE, null, null, at));
    String message = r.problems().get(0).message();
    assertTrue(message.contains("model credit-risk seqs 8..13 missing around it"), message);
    assertTrue(message.contains("no manifest of model credit-risk covers seqs 7..13"), message);
    assertTrue(
        message.contains("window 2026-01-01T12:00:00Z..2026-01-02T00:00:00Z has no coverage"),
        message);
  }

  @Test
  void lineThatIsJsonButNotARecordIsUnreadableAndNamesTheField() {
    Archive a = archive();
    Location at = a.record(CHURN, 4);
    String line = a.lines(at.file()).get(at.line() - 1);
    a.replace(at, line.replace("\"seq\":4,", "\"seq\":\"four\","));

    Report r = verify();
    assertProblems(r, problem(UNREADABLE, CHURN, null, at));
    assertTrue(
        r.problems()
            .get(0)
            .message()
            .contains(
                "not a valid evidence record: seq: expected an integer >= 1, found the string"),
        r.problems().get(0).message());
  }

  @Test
  void damagedSignatureIsABadSignatureOfThatManifest() {
    Archive a = archive();
    Location at = a.manifest(CREDIT, 2);
    String line = a.lines(at.file()).get(at.line() - 1);
    int sig = line.indexOf("\"signature\":\"") + "\"signature\":\"".length() + 10;
    char c = line.charAt(sig);
    a.replace(at, line.substring(0, sig) + (c == 'A' ? 'B' : 'A') + line.substring(sig + 1));

    Report r = verify();
    assertProblems(r, problem(BAD_SIGNATURE, CREDIT, null, at));
    assertEquals(
        "model credit-risk ("
            + DAY1
            + ":13): manifest of seqs 7..10 (window"
            + " 2026-01-01T12:00:00Z..2026-01-01T18:00:00Z): signature does not verify: the"
            + " manifest was modified or its signature damaged",
        r.problems().get(0).message());
  }

  @Test
  void manifestWithAChangedHashFailsItsSignatureWithoutBlamingTheRecord() {
    Archive a = archive();
    Location at = a.manifest(CHURN, 1);
    Manifest m = Manifest.fromJson(a.lines(at.file()).get(at.line() - 1));
    List<String> hashes = new ArrayList<>(m.hashes());
    hashes.set(0, "f".repeat(64));
    Manifest forged =
        new Manifest(
            1,
            m.modelId(),
            m.windowStart(),
            m.windowEnd(),
            m.firstSeq(),
            m.lastSeq(),
            hashes,
            m.head(),
            m.publicKey(),
            m.keyId(),
            m.signature());
    a.replace(at, forged.toJson());

    assertProblems(verify(), problem(BAD_SIGNATURE, CHURN, null, at));
  }

  @Test
  void deletedManifestIsReportedAtTheNextManifest() {
    Archive a = archive();
    Location gone = a.manifest(CREDIT, 2); // seqs 7..10
    a.delete(gone);
    Location next = a.manifest(CREDIT, 2); // seqs 11..13, one line up now

    Report r = verify();
    assertProblems(r, problem(DELETED, CREDIT, 7L, next));
    assertTrue(
        r.problems().get(0).message().contains("manifest deleted: no manifest covers seqs 7..10"));
  }

  @Test
  void coverageGapIsReportedApartAndLeavesTheArchiveIntact() {
    EvidenceFixtures.archive(dir, Set.of(CREDIT + "/3", CHURN + "/5"));

    Report r = verify();
    assertTrue(r.intact(), "a window the job never evaluated is not tampering");
    assertFalse(r.ok(), "but something was found");
    assertEquals(List.of(), r.integrityProblems());
    assertEquals(
        List.of(COVERAGE_GAP, COVERAGE_GAP),
        r.coverageGaps().stream().map(ArchiveVerifier.Problem::kind).toList());
    assertEquals(
        "2 models, 51 records, 16 manifests: intact; 2 coverage gaps (not an integrity problem)",
        r.summary());
    assertFalse(COVERAGE_GAP.integrity());
    assertTrue(MODIFIED.integrity());
  }

  @Test
  void coverageGapNextToAnIntegrityProblemIsCountedApart() {
    Archive a = EvidenceFixtures.archive(dir, Set.of(CREDIT + "/3"));
    Location at = a.record(CHURN, 5);
    a.replace(at, a.lines(at.file()).get(at.line() - 1).replace("0.9", "0.91"));

    Report r = verify();
    assertFalse(r.intact());
    assertEquals(1, r.integrityProblems().size());
    assertEquals(1, r.coverageGaps().size());
    assertEquals(
        "2 models, 52 records, 16 manifests: 1 problem (MODIFIED 1); 1 coverage gap", r.summary());
  }

  @Test
  void droppedCoverageWindowIsACoverageGapWithTheMissingInterval() {
    Archive a = EvidenceFixtures.archive(dir, Set.of(CREDIT + "/3"));
    Location next = a.record(CREDIT, 15); // window 4's coverage: seqs shift by one after window 3
    assertEquals(EvidenceKind.COVERAGE, a.read(next).kind());

    Report r = verify();
    assertProblems(r, problem(COVERAGE_GAP, CREDIT, 15L, next));
    assertTrue(
        r.problems()
            .get(0)
            .message()
            .contains("window 2026-01-01T18:00:00Z..2026-01-02T00:00:00Z not covered"),
        r.problems().get(0).message());
    assertEquals(7, r.models().get(CREDIT).windowsCovered());
  }

  @Test
  void anotherTrustedKeyIsOneBadSignaturePerModel() {
    Archive a = archive();
    Report r = ArchiveVerifier.verify(dir, OTHER_KEYS.getPublic());
    assertProblems(
        r,
        problem(BAD_SIGNATURE, CHURN, null, a.manifest(CHURN, 0)),
        problem(BAD_SIGNATURE, CREDIT, null, a.manifest(CREDIT, 0)));
    String message = r.problems().get(1).message();
    assertTrue(
        message.contains(
            "is signed with key id "
                + Ed25519Keys.keyId(TEST_KEYS.getPublic())
                + ", not with the trusted key (key id "
                + Ed25519Keys.keyId(OTHER_KEYS.getPublic())
                + "); so are 7 more manifests of this model"),
        message);
  }

  @Test
  void aManifestReSignedByAnotherKeyFailsWithATrustedKeyAndIsFlaggedWithoutOne() {
    Archive a = archive();
    Location at = a.manifest(CHURN, 3);
    Manifest m = Manifest.fromJson(a.lines(at.file()).get(at.line() - 1));
    List<EvidenceRecord> records = new ArrayList<>();
    for (long seq = m.firstSeq(); seq <= m.lastSeq(); seq++) {
      records.add(a.read(a.record(CHURN, seq)));
    }
    a.replace(
        at, Manifest.sign(CHURN, m.windowStart(), m.windowEnd(), records, OTHER_KEYS).toJson());
    String genuine = Ed25519Keys.keyId(TEST_KEYS.getPublic());
    String other = Ed25519Keys.keyId(OTHER_KEYS.getPublic());

    Report untrusted = ArchiveVerifier.verify(dir, null);
    assertProblems(untrusted, problem(MULTIPLE_SIGNERS, CHURN, null, at));
    assertFalse(untrusted.intact(), "two signers fail verification without a trusted key");
    assertEquals(
        "model churn ("
            + at.file()
            + ":"
            + at.line()
            + "): manifests signed with 2 keys: key "
            + genuine
            + " (15 manifests, the first at "
            + a.manifest(CHURN, 0).file()
            + ":"
            + a.manifest(CHURN, 0).line()
            + "), key "
            + other
            + " (1 manifest, the first here); an archive has one signer, and without a trusted key"
            + " nothing tells which key is genuine",
        untrusted.problems().get(0).message());
    assertEquals(List.of(genuine, other).stream().sorted().toList(), untrusted.keyIds());
    assertEquals(
        List.of(genuine, other).stream().sorted().toList(), untrusted.models().get(CHURN).keyIds());
    assertEquals(List.of(genuine), untrusted.models().get(CREDIT).keyIds());

    Report trusted = verify();
    assertProblems(trusted, problem(BAD_SIGNATURE, CHURN, null, at));
    assertFalse(trusted.intact());
  }

  @Test
  void modelsSignedByDifferentKeysAreOneFindingForTheArchive() throws IOException {
    List<EvidenceRecord> churn = EvidenceFixtures.chain(CHURN, 2);
    List<EvidenceRecord> credit = EvidenceFixtures.chain(CREDIT, 2);
    long start = EvidenceFixtures.windowStart(0);
    long end = EvidenceFixtures.windowEnd(1);
    Files.write(
        dir.resolve("a.jsonl"),
        List.of(
            churn.get(0).toJson(),
            churn.get(1).toJson(),
            Manifest.sign(CHURN, start, end, churn, TEST_KEYS).toJson()));
    Files.write(
        dir.resolve("b.jsonl"),
        List.of(
            credit.get(0).toJson(),
            credit.get(1).toJson(),
            Manifest.sign(CREDIT, start, end, credit, OTHER_KEYS).toJson()));

    Report r = ArchiveVerifier.verify(dir, null);
    assertProblems(r, problem(MULTIPLE_SIGNERS, CREDIT, null, new Location("b.jsonl", 3)));
    assertTrue(r.problems().get(0).message().contains("(1 manifest, the first at a.jsonl:3)"));
    assertEquals(List.of(Ed25519Keys.keyId(TEST_KEYS.getPublic())), r.models().get(CHURN).keyIds());
    assertEquals(
        List.of(Ed25519Keys.keyId(OTHER_KEYS.getPublic())), r.models().get(CREDIT).keyIds());
    assertTrue(MULTIPLE_SIGNERS.integrity());
  }

  @Test
  void recordsSignedInAManifestButCutAtTheEndAreTruncated() throws IOException {
    List<EvidenceRecord> chain = EvidenceFixtures.chain(CREDIT, 5);
    Manifest m =
        Manifest.sign(
            CREDIT,
            EvidenceFixtures.windowStart(0),
            EvidenceFixtures.windowEnd(4),
            chain,
            TEST_KEYS);
    Files.write(
        dir.resolve("records.jsonl"),
        chain.subList(0, 3).stream().map(EvidenceRecord::toJson).collect(Collectors.toList()));
    Files.write(dir.resolve("manifests.jsonl"), List.of(m.toJson()));

    Report r = verify();
    assertProblems(r, problem(TRUNCATED, CREDIT, 4L, new Location("manifests.jsonl", 1)));
    assertEquals(
        "model credit-risk seq 4 (manifests.jsonl:1): records cut off at the end: seqs 4..5 are"
            + " signed in this manifest but the archive ends at seq 3 (records.jsonl:3)",
        r.problems().get(0).message());
  }

  @Test
  void recordsAfterTheLastManifestAreAnOpenWindow() throws IOException {
    List<EvidenceRecord> chain = EvidenceFixtures.chain(CHURN, 5);
    Manifest m =
        Manifest.sign(
            CHURN,
            EvidenceFixtures.windowStart(0),
            EvidenceFixtures.windowEnd(2),
            chain.subList(0, 3),
            TEST_KEYS);
    List<String> lines = new ArrayList<>();
    chain.subList(0, 3).forEach(r -> lines.add(r.toJson()));
    lines.add(m.toJson());
    chain.subList(3, 5).forEach(r -> lines.add(r.toJson()));
    Files.write(dir.resolve("part-0.jsonl"), lines);

    Report r = verify();
    assertProblems(r);
    assertEquals(5, r.models().get(CHURN).lastSeq());
  }

  @Test
  void filesAreReadInNaturalPathOrder() throws IOException {
    List<EvidenceRecord> chain = EvidenceFixtures.chain(CHURN, 11);
    for (int i = 0; i < chain.size(); i++) {
      Files.write(dir.resolve("part-" + i + ".jsonl"), List.of(chain.get(i).toJson()));
    }
    assertProblems(verify()); // part-10 after part-9, not after part-1

    assertTrue(ArchiveFiles.compareNatural("part-2", "part-10") < 0);
    assertTrue(ArchiveFiles.compareNatural("part-02", "part-2") != 0);
    assertTrue(ArchiveFiles.compareNatural("date=2026-01-02", "date=2026-01-10") < 0);
    assertTrue(
        ArchiveFiles.comparePaths(Path.of("a", "part-9.jsonl"), Path.of("a", "part-10.jsonl")) < 0);
  }

  @Test
  void chainNotStartingAtSeqOneIsADeletionOfTheFirstRecords() throws IOException {
    List<EvidenceRecord> chain = EvidenceFixtures.chain(CHURN, 4);
    Files.write(
        dir.resolve("part-0.jsonl"),
        chain.subList(2, 4).stream().map(EvidenceRecord::toJson).collect(Collectors.toList()));

    Report r = verify();
    assertProblems(r, problem(DELETED, CHURN, 1L, new Location("part-0.jsonl", 1)));
    assertTrue(r.problems().get(0).message().contains("records seqs 1..2 deleted"));
  }

  @Test
  void directoryWithoutEvidenceFilesIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ArchiveVerifier.verify(dir, null));
    assertTrue(e.getMessage().endsWith("no *.jsonl evidence files found"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> ArchiveVerifier.verify(dir.resolve("missing"), null));
  }

  private static EvidenceRecord withData(EvidenceRecord r, ObjectNode data) {
    return new EvidenceRecord(
        r.version(),
        r.modelId(),
        r.seq(),
        r.kind(),
        r.time(),
        r.windowStart(),
        r.windowEnd(),
        r.clauses(),
        r.controls(),
        data,
        r.prev(),
        r.hash());
  }
}
