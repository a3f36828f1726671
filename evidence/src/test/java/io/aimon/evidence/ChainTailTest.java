package io.aimon.evidence;

import static io.aimon.evidence.EvidenceFixtures.CREDIT;
import static io.aimon.evidence.EvidenceFixtures.TEST_KEYS;
import static io.aimon.evidence.EvidenceFixtures.WINDOW;
import static io.aimon.evidence.EvidenceFixtures.checkItem;
import static io.aimon.evidence.EvidenceFixtures.coverageItem;
import static io.aimon.evidence.EvidenceFixtures.windowEnd;
import static io.aimon.evidence.EvidenceFixtures.windowStart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.evidence.payload.EvidenceCodec;
import io.aimon.evidence.payload.StateLossEvidence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain whose writer died (its state lost, two records written after its last manifest) is
 * continued from its {@link ChainTail}: the continuing run's first record is the state loss, its
 * next manifest signs the dead run's unsealed records too, and the archive of both runs verifies as
 * one chain.
 */
class ChainTailTest {
  private final ChainWriter writer = new ChainWriter(CREDIT, WINDOW, TEST_KEYS);

  /** Windows 0 and 1 sealed; window 2's check written, its coverage never: then the run died. */
  private List<String> deadRun() {
    ChainState s = new ChainState();
    List<String> lines = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      writer
          .append(s, List.of(checkItem(w, "c" + w), coverageItem(w)))
          .forEach(l -> lines.add(l.toJson()));
    }
    writer
        .append(s, List.of(checkItem(2, "c2a"), checkItem(2, "c2b")))
        .forEach(l -> lines.add(l.toJson()));
    return lines;
  }

  @Test
  void theTailHoldsTheHeadAndTheRecordsAfterTheLastManifest(@TempDir Path dir) throws IOException {
    List<String> lines = deadRun();
    Files.write(dir.resolve("part-0.jsonl"), lines);

    ChainTail tail = ChainTail.ofArchive(dir, List.of(CREDIT, "fraud")).get(CREDIT);
    assertEquals(6, tail.head().seq());
    assertEquals(2, tail.unsealed().size(), "window 2's two checks");
    assertEquals(windowStart(2), tail.spanStart());
    assertEquals(windowEnd(2), tail.spanEnd());
    assertEquals(windowEnd(1), tail.coveredUpTo());
    assertEquals(windowEnd(2), tail.time());
    assertEquals(
        ChainTail.NONE, ChainTail.ofArchive(dir, List.of("fraud")).get("fraud"), "no records");

    ChainTail.Reader reader = new ChainTail.Reader(CREDIT);
    lines.forEach(reader::line);
    assertEquals(tail, reader.tail(), "read from lines as from the archive");
  }

  @Test
  void aContinuedChainVerifiesAsOneChain(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("part-0.jsonl"), deadRun());
    ChainTail tail = ChainTail.ofArchive(dir, List.of(CREDIT)).get(CREDIT);

    ChainState s = ChainState.continuing(tail);
    StateLossEvidence loss =
        StateLossEvidence.of(
            tail.head().seq(),
            tail.unsealed().size(),
            "no checkpoint or savepoint under file:/tmp/checkpoints",
            List.of("consumer group g has committed offsets on t"),
            "2026-12-01T15:00:00Z");
    List<String> lines = new ArrayList<>();
    writer
        .append(s, List.of(new EvidenceItem(CREDIT, tail.time(), null, null, "state-loss", loss)))
        .forEach(l -> lines.add(l.toJson()));
    writer
        .append(s, List.of(checkItem(2, "c2c"), coverageItem(2)))
        .forEach(l -> lines.add(l.toJson()));
    Files.write(dir.resolve("part-1.jsonl"), lines);

    ArchiveVerifier.Report report = ArchiveVerifier.verify(dir, TEST_KEYS.getPublic());
    assertTrue(report.ok(), report.problems().toString());
    EvidenceRecord first = EvidenceRecord.fromJson(lines.get(0));
    assertEquals(7, first.seq());
    assertEquals(tail.head().head(), first.prev());
    assertEquals(EvidenceKind.STATE_LOSS, first.kind());
    assertEquals(List.of("9.1", "10.2"), first.clauses());
    assertEquals(loss, EvidenceCodec.decode(first));
    Manifest m = Manifest.fromJson(lines.get(lines.size() - 1));
    assertEquals(5, m.firstSeq(), "the dead run's unsealed records, signed now");
    assertEquals(9, m.lastSeq());
  }

  @Test
  void aChainIsNotContinuedFromAnArchiveThatDoesNotVerify(@TempDir Path dir) throws IOException {
    List<String> lines = new ArrayList<>(deadRun());
    lines.remove(1); // a record deleted
    Files.write(dir.resolve("part-0.jsonl"), lines);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ChainTail.ofArchive(dir, List.of(CREDIT)));
    assertTrue(e.getMessage().contains("does not verify"), e.getMessage());

    ChainTail.Reader reader = new ChainTail.Reader(CREDIT);
    assertThrows(IllegalArgumentException.class, () -> lines.forEach(reader::line));
  }

  @Test
  void theStateLossSummarySaysWhereTheChainContinues() {
    StateLossEvidence l = StateLossEvidence.of(41, 3, "r", List.of(), "2026-12-01T15:00:00Z");
    assertEquals(
        "state lost: the chain continues after seq 41; windows open at 2026-12-01T15:00:00Z are"
            + " evaluated on the events read since, incidents open then are no longer tracked",
        l.summary());
    assertThrows(
        IllegalArgumentException.class, () -> StateLossEvidence.of(2, 3, "r", List.of(), "t"));
  }
}
