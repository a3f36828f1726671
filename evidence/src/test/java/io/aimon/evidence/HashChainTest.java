package io.aimon.evidence;

import static io.aimon.evidence.EvidenceFixtures.CREDIT;
import static io.aimon.evidence.EvidenceFixtures.windowEnd;
import static io.aimon.evidence.EvidenceFixtures.windowStart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.evidence.payload.EvidenceCodec;
import io.aimon.evidence.payload.EvidencePayload;
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

  /** Appends {@code n} records of all kinds from {@code state}, the i-th about window i. */
  private static List<EvidenceRecord> run(HashChain.State state, int from, int n) {
    List<EvidenceRecord> out = new ArrayList<>();
    HashChain.State s = state;
    for (int i = from; i < from + n; i++) {
      EvidencePayload payload =
          i % 3 == 2
              ? Payloads.coverage(windowStart(i), windowEnd(i), i)
              : Payloads.check(CREDIT, windowStart(i), windowEnd(i), "psi", "x", i, "ok");
      EvidenceRecord r =
          HashChain.append(s, CREDIT, windowEnd(i), windowStart(i), windowEnd(i), payload);
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
      assertEquals(EvidenceRecord.VERSION, r.version(), "4. version");
      assertEquals(
          EvidenceCodec.decode(r),
          EvidenceCodec.decode(
              EvidenceRecord.VERSION, r.kind(), EvidenceCodec.encode(EvidenceCodec.decode(r))),
          "4. data is the payload's");
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
                    0,
                    null,
                    null,
                    Payloads.coverage(windowStart(0), windowEnd(0), 10)));
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
