package io.aimon.evidence;

import static io.aimon.evidence.EvidenceFixtures.CREDIT;
import static io.aimon.evidence.EvidenceFixtures.checkData;
import static io.aimon.evidence.EvidenceFixtures.coverageData;
import static io.aimon.evidence.EvidenceFixtures.windowEnd;
import static io.aimon.evidence.EvidenceFixtures.windowStart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The numbered invariants of {@link HashChain}. */
class HashChainTest {
  private static final EvidenceKind[] KINDS = EvidenceKind.values();

  /** Appends {@code n} records of all kinds from {@code state}, the i-th about window i. */
  private static List<EvidenceRecord> run(HashChain.State state, int from, int n) {
    List<EvidenceRecord> out = new ArrayList<>();
    HashChain.State s = state;
    for (int i = from; i < from + n; i++) {
      EvidenceKind kind = KINDS[i % KINDS.length];
      EvidenceRecord r =
          kind == EvidenceKind.COVERAGE
              ? HashChain.append(
                  s,
                  CREDIT,
                  kind,
                  windowEnd(i),
                  windowStart(i),
                  windowEnd(i),
                  coverageData(windowStart(i), windowEnd(i), i))
              : HashChain.append(
                  s,
                  CREDIT,
                  kind,
                  windowEnd(i),
                  windowStart(i),
                  windowEnd(i),
                  checkData("psi", "x", i, "ok"));
      out.add(r);
      s = HashChain.after(r);
    }
    return out;
  }

  @Test
  void appendedRecordsKeepTheInvariants() {
    List<EvidenceRecord> chain = run(HashChain.State.INITIAL, 0, 20);
    String prev = EvidenceRecord.GENESIS;
    for (int k = 1; k <= chain.size(); k++) {
      EvidenceRecord r = chain.get(k - 1);
      assertEquals(k, r.seq(), "1. seq");
      assertEquals(prev, r.prev(), "2. prev links to the previous hash");
      assertEquals(r.computeHash(), r.hash(), "3. sealed");
      assertTrue(r.hashValid());
      assertEquals(Iso42001.clauses(r.kind()), r.clauses(), "4. clauses");
      assertEquals(Iso42001.controls(r.kind()), r.controls(), "4. controls");
      assertEquals(new HashChain.State(k, r.hash()), HashChain.after(r), "5. state after");
      prev = r.hash();
    }
  }

  @Test
  void sameInputsGiveTheSameBytes() {
    List<String> a =
        run(HashChain.State.INITIAL, 0, 12).stream().map(EvidenceRecord::toJson).toList();
    List<String> b =
        run(HashChain.State.INITIAL, 0, 12).stream().map(EvidenceRecord::toJson).toList();
    assertEquals(a, b);
  }

  @Test
  void chainContinuesIdenticallyFromARestoredState() throws Exception {
    List<EvidenceRecord> uninterrupted = run(HashChain.State.INITIAL, 0, 12);
    List<EvidenceRecord> before = run(HashChain.State.INITIAL, 0, 5);
    HashChain.State restored = roundTrip(HashChain.after(before.get(4))); // a checkpoint
    List<EvidenceRecord> after = run(restored, 5, 7);
    List<EvidenceRecord> joined = new ArrayList<>(before);
    joined.addAll(after);
    assertEquals(
        uninterrupted.stream().map(EvidenceRecord::toJson).toList(),
        joined.stream().map(EvidenceRecord::toJson).toList());
  }

  @Test
  void initialStateIsSeqZeroAtGenesis() {
    assertEquals(new HashChain.State(0, EvidenceRecord.GENESIS), HashChain.State.INITIAL);
  }

  @Test
  void stateRejectsBadValues() {
    assertEquals(
        "seq: expected an integer in [0, 2^53 - 2], found -1",
        assertThrows(
                IllegalArgumentException.class,
                () -> new HashChain.State(-1, EvidenceRecord.GENESIS))
            .getMessage());
    assertEquals(
        "head: expected GENESIS for seq 0, found " + "a".repeat(64),
        assertThrows(IllegalArgumentException.class, () -> new HashChain.State(0, "a".repeat(64)))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> new HashChain.State(3, "xyz"));
  }

  @Test
  void appendValidatesLikeTheRecord() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                HashChain.append(
                    HashChain.State.INITIAL,
                    CREDIT,
                    EvidenceKind.COVERAGE,
                    0,
                    null,
                    null,
                    EvidenceFixtures.json("{}")));
    assertTrue(e.getMessage().startsWith("window_start, window_end: required"), e.getMessage());
  }

  private static HashChain.State roundTrip(HashChain.State s)
      throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (HashChain.State) in.readObject();
    }
  }
}
