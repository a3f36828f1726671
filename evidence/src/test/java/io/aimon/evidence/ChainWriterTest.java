package io.aimon.evidence;

import static io.aimon.evidence.EvidenceFixtures.CREDIT;
import static io.aimon.evidence.EvidenceFixtures.TEST_KEYS;
import static io.aimon.evidence.EvidenceFixtures.WINDOW;
import static io.aimon.evidence.EvidenceFixtures.checkItem;
import static io.aimon.evidence.EvidenceFixtures.coverageItem;
import static io.aimon.evidence.EvidenceFixtures.windowEnd;
import static io.aimon.evidence.EvidenceFixtures.windowStart;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.evidence.payload.DeadLetterTotals;
import io.aimon.evidence.payload.EvidenceCodec;
import io.aimon.evidence.payload.MonitoringPlanEvidence;
import io.aimon.evidence.payload.NotificationEvidence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ChainWriter}'s invariants, one test each, and {@link ChainStateCodec}'s round trip. */
class ChainWriterTest {
  private final ChainWriter writer = new ChainWriter(CREDIT, WINDOW, TEST_KEYS);

  private static EvidenceItem notification(int w, String id) {
    return new EvidenceItem(
        CREDIT,
        windowEnd(w),
        null,
        null,
        id,
        new NotificationEvidence(
            "inc-1",
            id,
            "io.aimon.incident.opened",
            CREDIT,
            "credit-risk/psi/feature=income",
            "critical",
            "oncall",
            "delivered",
            1,
            200L,
            null,
            "opened delivered to oncall"));
  }

  private static DeadLetterCount dead(String reason, boolean own, long time) {
    return new DeadLetterCount(CREDIT, reason, own, time, 1);
  }

  private static List<EvidenceItem> window(int w) {
    return List.of(coverageItem(w), notification(w, "e1"), checkItem(w, "b"), checkItem(w, "a"));
  }

  @Test
  void invariant1ItemsLeaveInTimeKindOrderWhateverTheirArrivalOrder() {
    List<EvidenceItem> items = new ArrayList<>(window(0));
    List<String> reference = null;
    Random random = new Random(42);
    for (int round = 0; round < 10; round++) {
      Collections.shuffle(items, random);
      List<String> lines =
          writer.append(new ChainState(), items).stream().map(ArchiveLine::toJson).toList();
      if (reference == null) {
        reference = lines;
      }
      assertEquals(reference, lines);
    }
    List<ArchiveLine> out = writer.append(new ChainState(), items);
    assertEquals(
        List.of(
            EvidenceKind.CHECK,
            EvidenceKind.CHECK,
            EvidenceKind.NOTIFICATION,
            EvidenceKind.COVERAGE),
        out.subList(0, 4).stream().map(l -> ((EvidenceRecord) l).kind()).toList());
    assertEquals("a", ((EvidenceRecord) out.get(0)).data().path("check_id").asText());
  }

  @Test
  void invariant2RecordsFollowTheHashChainAcrossCalls() {
    ChainState s = new ChainState();
    List<ArchiveLine> out = new ArrayList<>(writer.append(s, window(0)));
    out.addAll(writer.append(s, window(1)));
    List<EvidenceRecord> records =
        out.stream().filter(l -> l instanceof EvidenceRecord).map(l -> (EvidenceRecord) l).toList();
    assertEquals(8, records.size());
    String prev = EvidenceRecord.GENESIS;
    for (int i = 0; i < records.size(); i++) {
      assertEquals(i + 1, records.get(i).seq());
      assertEquals(prev, records.get(i).prev());
      assertTrue(records.get(i).hashValid());
      prev = records.get(i).hash();
    }
    assertEquals(new HashChain.State(8, prev), s.head());
  }

  @Test
  void invariant3AManifestFollowsEachCoverageRecordListingTheRecordsSinceThePreviousOne() {
    ChainState s = new ChainState();
    List<ArchiveLine> out = new ArrayList<>(writer.append(s, window(0)));
    out.addAll(writer.append(s, List.of(checkItem(1, "a"))));
    out.addAll(writer.append(s, List.of(coverageItem(1))));
    Manifest m1 = (Manifest) out.get(4);
    Manifest m2 = (Manifest) out.get(7);
    assertEquals(1, m1.firstSeq());
    assertEquals(4, m1.lastSeq());
    assertEquals(windowStart(0), m1.windowStart());
    assertEquals(windowEnd(0), m1.windowEnd());
    assertEquals(
        out.subList(0, 4).stream().map(l -> ((EvidenceRecord) l).hash()).toList(), m1.hashes());
    assertEquals(5, m2.firstSeq());
    assertEquals(6, m2.lastSeq());
    assertTrue(m2.signatureValid(TEST_KEYS.getPublic()));
    assertEquals(List.of(), s.unmanifested());
  }

  @Test
  void invariant4EveryDeadLetterIsCountedInExactlyOneCoverageRecordOfItsWindowOrLater() {
    ChainState s = new ChainState();
    writer.count(s, dead("malformed_json", true, windowStart(0) + 1));
    writer.count(s, dead("malformed_json", true, windowEnd(0))); // the boundary ends window 0
    writer.count(s, dead("unknown_model", false, windowStart(0) + 2));
    writer.count(s, dead(DeadLetterTotals.LATE, true, windowStart(0) - 3 * WINDOW));
    writer.count(s, dead("wrong_type", true, windowStart(1) + 1)); // window 1
    JsonNode c0 = coverageData(writer.append(s, List.of(coverageItem(0))));
    assertEquals(1, c0.path("late_events").asLong());
    assertEquals(
        EvidenceJson.parseObject("{\"late\":1,\"malformed_json\":2}"), c0.get("dead_letters"));
    assertEquals(
        EvidenceJson.parseObject("{\"unknown_model\":1}"), c0.get("unattributed_dead_letters"));
    writer.count(s, dead("bad_timestamp", true, windowStart(0) + 5)); // window 0 was covered
    JsonNode c1 = coverageData(writer.append(s, List.of(coverageItem(1))));
    assertEquals(0, c1.path("late_events").asLong());
    assertEquals(
        EvidenceJson.parseObject("{\"bad_timestamp\":1,\"wrong_type\":1}"), c1.get("dead_letters"));
    assertEquals(0, s.pendingDeadLetters());
  }

  @Test
  void invariant5TheStateSizeDoesNotDependOnHowManyDeadLettersCame() {
    int[] sizes = new int[2];
    int[] floods = {10_000, 1_000_000};
    for (int f = 0; f < 2; f++) {
      ChainState s = new ChainState();
      writer.append(s, window(0));
      for (int i = 0; i < floods[f]; i++) {
        long time = i % 2 == 0 ? windowStart(0) - (i % 500) * WINDOW : windowStart(1) + i % 1000;
        writer.count(s, dead(i % 3 == 0 ? "late" : "malformed_json", i % 7 != 0, time));
      }
      assertEquals(floods[f], s.pendingDeadLetters());
      assertTrue(s.counters() <= 8, "counters " + s.counters());
      sizes[f] = ChainStateCodec.encode(s).length;
    }
    assertEquals(sizes[0], sizes[1]);
  }

  @Test
  void bucketsAreCappedAndTheirCountsMovedNotLost() {
    ChainState s = new ChainState();
    for (int w = 0; w < 3 * ChainState.MAX_BUCKETS; w++) {
      writer.count(s, dead("malformed_json", true, windowStart(w) + 1));
    }
    assertEquals(ChainState.MAX_BUCKETS, s.buckets().size());
    assertEquals(3 * ChainState.MAX_BUCKETS, s.pendingDeadLetters());
  }

  @Test
  void invariant6TheSameStateAndInputsGiveTheSameBytes() {
    ChainState a = new ChainState();
    ChainState b = ChainStateCodec.decode(ChainStateCodec.encode(a));
    writer.count(a, dead("late", true, windowStart(0)));
    writer.count(b, dead("late", true, windowStart(0)));
    List<String> la = writer.append(a, window(0)).stream().map(ArchiveLine::toJson).toList();
    List<String> lb = writer.append(b, window(0)).stream().map(ArchiveLine::toJson).toList();
    assertEquals(la, lb);
    assertArrayEquals(ChainStateCodec.encode(a), ChainStateCodec.encode(b));
  }

  @Test
  void invariant7FinishSignsTheRestOverItsOwnSpanOrNothing() {
    ChainState s = new ChainState();
    assertEquals(List.of(), writer.finish(s));
    writer.append(s, List.of(checkItem(2, "a"), checkItem(3, "a")));
    Manifest m = (Manifest) writer.finish(s).get(0);
    assertEquals(windowStart(2), m.windowStart());
    assertEquals(windowEnd(3), m.windowEnd());
    assertEquals(2, m.lastSeq());
    assertEquals(List.of(), writer.finish(s));
  }

  @Test
  void stateRoundTripsThroughItsCodecMidWindow() {
    ChainState s = new ChainState();
    writer.append(s, window(0));
    writer.append(s, List.of(checkItem(1, "a")));
    writer.count(s, dead("wrong_type", true, windowStart(1) + 1));
    writer.count(s, dead("unknown_model", false, windowStart(2) + 1));
    byte[] bytes = ChainStateCodec.encode(s);
    ChainState back = ChainStateCodec.decode(bytes);
    assertEquals(s.head(), back.head());
    assertEquals(s.unmanifested(), back.unmanifested());
    assertEquals(s.spanStart(), back.spanStart());
    assertEquals(s.coveredUpTo(), back.coveredUpTo());
    assertEquals(2, back.pendingDeadLetters());
    assertArrayEquals(bytes, ChainStateCodec.encode(back));
    bytes[0] = 9;
    byte[] unknown = bytes;
    assertEquals(
        "chain state: expected layout version 1 or 2, found 9",
        assertThrows(IllegalArgumentException.class, () -> ChainStateCodec.decode(unknown))
            .getMessage());
  }

  @Test
  void invariant8APlanIsRecordedBeforeTheFirstRecordsAndAgainOnlyWhenItChanges() {
    MonitoringPlanEvidence plan = Payloads.plan(CREDIT, 0.1);
    ChainWriter planned = new ChainWriter(CREDIT, WINDOW, TEST_KEYS, plan);
    ChainState s = new ChainState();
    List<ArchiveLine> first = planned.append(s, window(0));
    EvidenceRecord r = (EvidenceRecord) first.get(0);
    assertEquals(EvidenceKind.MONITORING_PLAN, r.kind());
    assertEquals(windowEnd(0), r.time(), "at the time of the first items");
    assertEquals(1, r.seq());
    assertEquals(plan, EvidenceCodec.decode(r));
    assertEquals(plan.planDigest(), s.planDigest());
    // a restart with the same plan, from the checkpointed state: no second plan record
    ChainState restored = ChainStateCodec.decode(ChainStateCodec.encode(s));
    assertEquals(plan.planDigest(), restored.planDigest());
    List<ArchiveLine> again =
        new ChainWriter(CREDIT, WINDOW, TEST_KEYS, plan).append(restored, window(1));
    assertFalse(
        again.stream()
            .anyMatch(
                l -> l instanceof EvidenceRecord e && e.kind() == EvidenceKind.MONITORING_PLAN));
    // a restart with a changed threshold: the new plan comes first
    MonitoringPlanEvidence changed = Payloads.plan(CREDIT, 0.12);
    assertNotEquals(plan.planDigest(), changed.planDigest());
    List<ArchiveLine> after =
        new ChainWriter(CREDIT, WINDOW, TEST_KEYS, changed).append(restored, window(2));
    assertEquals(EvidenceKind.MONITORING_PLAN, ((EvidenceRecord) after.get(0)).kind());
    assertEquals(changed.planDigest(), restored.planDigest());
    // nothing to append, nothing written
    assertEquals(List.of(), planned.append(new ChainState(), List.of()));
  }

  @Test
  void aVersion1StateDecodesAsOneThatRecordedNoPlan() {
    ChainState s = new ChainState();
    writer.append(s, window(0));
    byte[] v2 = ChainStateCodec.encode(s);
    assertEquals(ChainStateCodec.VERSION, v2[0]);
    // version 1 is version 2 without the trailing plan flag
    byte[] v1 = java.util.Arrays.copyOf(v2, v2.length - 1);
    v1[0] = 1;
    ChainState old = ChainStateCodec.decode(v1);
    assertEquals(s.head(), old.head());
    assertNull(old.planDigest());
  }

  @Test
  void itemsAndCountsOfAnotherModelAreRejected() {
    ChainState s = new ChainState();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> writer.count(s, new DeadLetterCount("churn", "late", true, 0, 1)));
    assertEquals(
        "model_id: expected credit-risk (this chain's model), found churn", e.getMessage());
  }

  private static JsonNode coverageData(List<ArchiveLine> lines) {
    return lines.stream()
        .filter(l -> l instanceof EvidenceRecord r && r.kind() == EvidenceKind.COVERAGE)
        .map(l -> ((EvidenceRecord) l).data())
        .findFirst()
        .orElseThrow();
  }
}
