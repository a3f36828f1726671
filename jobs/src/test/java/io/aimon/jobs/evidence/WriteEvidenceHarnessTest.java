package io.aimon.jobs.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.CheckStatus;
import io.aimon.evidence.ChainTail;
import io.aimon.evidence.DeadLetterCount;
import io.aimon.evidence.EvidenceItem;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.Manifest;
import io.aimon.evidence.ManifestTimestamp;
import io.aimon.evidence.payload.CoverageEvidence;
import io.aimon.evidence.payload.DeadLetterTotals;
import io.aimon.evidence.timestamp.LocalTimestampAuthority;
import io.aimon.evidence.timestamp.TimestampCheck;
import io.aimon.evidence.timestamp.TimestampClient;
import io.aimon.jobs.state.ChainContinuation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WriteEvidence} in Flink's operator test harness: items wait for the watermark and leave in
 * chain order; dead-letter counts go into the coverage record of their window without waiting; a
 * flood of dead letters leaves the checkpointed state the same size; the chain continues across a
 * snapshot and restore exactly as without one; a bounded input ends with a final manifest.
 */
class WriteEvidenceHarnessTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String MODEL = "credit-risk";
  private static final long WINDOW = 60_000L;
  private static final long W1 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z, a window start

  @TempDir static Path keyDir;
  private static String signingKey;

  @BeforeAll
  static void writeKey() {
    Path key = keyDir.resolve(EvidenceKeys.KEY_FILE);
    EvidenceKeys.write(
        io.aimon.evidence.Ed25519Keys.generate(),
        key,
        keyDir.resolve(EvidenceKeys.PUBLIC_KEY_FILE));
    signingKey = "file:" + key;
  }

  private static KeyedTwoInputStreamOperatorTestHarness<
          String, EvidenceItem, DeadLetterCount, EvidenceLine>
      harness(OperatorSubtaskState restore) throws Exception {
    return harness(restore, (ChainContinuation) null);
  }

  private static KeyedTwoInputStreamOperatorTestHarness<
          String, EvidenceItem, DeadLetterCount, EvidenceLine>
      harness(OperatorSubtaskState restore, ChainContinuation continuation) throws Exception {
    return harness(
        restore,
        new WriteEvidence(signingKey, Map.of(MODEL, WINDOW), continuation, Map.of(), null));
  }

  private static KeyedTwoInputStreamOperatorTestHarness<
          String, EvidenceItem, DeadLetterCount, EvidenceLine>
      harness(OperatorSubtaskState restore, WriteEvidence function) throws Exception {
    var h =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(function),
            EvidenceItem::modelId,
            DeadLetterCount::modelId,
            Types.STRING);
    if (restore != null) {
      h.initializeState(restore);
    }
    h.open();
    return h;
  }

  private static EvidenceItem check(long windowStart, String checkId) {
    CheckResult r =
        CheckResult.builder()
            .checkId(checkId)
            .modelId(MODEL)
            .window(windowStart, windowStart + WINDOW)
            .metric("psi")
            .feature("income")
            .value(0.01)
            .n(100)
            .threshold(0.25)
            .status(CheckStatus.OK)
            .referenceDigest("7ebb1eb2")
            .build();
    return EvidenceItems.check(r, "c0ffee", null);
  }

  private static EvidenceItem coverage(long windowStart) {
    return EvidenceItems.coverage(
        MODEL, CoverageEvidence.of(windowStart, windowStart + WINDOW, 100, 1, 0, List.of()));
  }

  /** An item as the window operator emits it: timestamped at the window's last millisecond. */
  private static StreamRecord<EvidenceItem> timed(EvidenceItem item) {
    return new StreamRecord<>(item, item.windowEnd() - 1);
  }

  private static StreamRecord<DeadLetterCount> dead(String reason, boolean own, long time) {
    return new StreamRecord<>(new DeadLetterCount(MODEL, reason, own, time, 1), time);
  }

  private static List<JsonNode> lines(
      KeyedTwoInputStreamOperatorTestHarness<String, EvidenceItem, DeadLetterCount, EvidenceLine> h)
      throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (EvidenceLine l : h.extractOutputValues()) {
      out.add(MAPPER.readTree(l.json()));
    }
    return out;
  }

  private static List<String> kinds(List<JsonNode> lines) {
    return lines.stream().map(l -> l.path("kind").asText()).toList();
  }

  @Test
  void aContinuedChainOpensWithTheStateLossAndSignsTheUnsealedTail() throws Exception {
    // an earlier run's chain: a sealed window, then one check it wrote before it died
    var earlier = harness(null);
    earlier.processElement1(timed(check(W1, "a")));
    earlier.processElement1(timed(coverage(W1)));
    earlier.processBothWatermarks(
        new org.apache.flink.streaming.api.watermark.Watermark(W1 + WINDOW));
    earlier.processElement1(timed(check(W1 + WINDOW, "b")));
    earlier.processBothWatermarks(
        new org.apache.flink.streaming.api.watermark.Watermark(W1 + 2 * WINDOW - 1));
    ChainTail.Reader reader = new ChainTail.Reader(MODEL);
    earlier.extractOutputValues().forEach(l -> reader.line(l.json()));
    earlier.close();
    ChainTail tail = reader.tail();
    assertEquals(3, tail.head().seq());
    assertEquals(1, tail.unsealed().size());

    ChainContinuation c =
        new ChainContinuation(
            Map.of(MODEL, tail), "no checkpoint", List.of("trace"), "2026-12-01T15:00:00Z");
    var h = harness(null, c);
    h.processElement1(timed(coverage(W1 + WINDOW)));
    h.processBothWatermarks(
        new org.apache.flink.streaming.api.watermark.Watermark(W1 + 2 * WINDOW));
    List<JsonNode> out = lines(h);
    assertEquals(List.of("state_loss", "coverage", "manifest"), kinds(out));
    EvidenceRecord loss = EvidenceRecord.fromJson(out.get(0).toString());
    assertEquals(4, loss.seq());
    assertEquals(tail.head().head(), loss.prev());
    assertEquals(3, loss.data().path("continues_seq").asLong());
    Manifest m = Manifest.fromJson(out.get(2).toString());
    assertEquals(3, m.firstSeq(), "the earlier run's unsealed check, signed now");
    assertEquals(5, m.lastSeq());
    // the break is written once: the next window's records follow it
    h.processElement1(timed(coverage(W1 + 2 * WINDOW)));
    h.processBothWatermarks(
        new org.apache.flink.streaming.api.watermark.Watermark(W1 + 3 * WINDOW));
    assertEquals(
        List.of("state_loss", "coverage", "manifest", "coverage", "manifest"), kinds(lines(h)));
    h.close();
  }

  @Test
  void itemsWaitForTheWatermarkAndLeaveInChainOrder() throws Exception {
    var h = harness(null);
    h.processElement1(timed(coverage(W1)));
    h.processElement1(timed(check(W1, "b")));
    h.processElement1(timed(check(W1, "a")));
    assertEquals(List.of(), h.extractOutputValues(), "nothing leaves before the watermark");
    assertEquals(2, h.numEventTimeTimers(), "one timer for the window, one for the end of input");

    h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(W1 + WINDOW));
    List<JsonNode> out = lines(h);
    assertEquals(List.of("check", "check", "coverage", "manifest"), kinds(out));
    assertEquals("a", out.get(0).path("data").path("check_id").asText());
    assertEquals("b", out.get(1).path("data").path("check_id").asText());
    for (int i = 0; i < 3; i++) {
      EvidenceRecord r = EvidenceRecord.fromJson(out.get(i).toString());
      assertEquals(i + 1, r.seq());
      assertTrue(r.hashValid());
    }
    Manifest m = Manifest.fromJson(out.get(3).toString());
    assertEquals(1, m.firstSeq());
    assertEquals(3, m.lastSeq());
    assertEquals(W1, m.windowStart());
    assertTrue(m.signatureValid());
    h.close();
  }

  /** Three windows of a check and a coverage each, released by the watermark one by one. */
  private static List<JsonNode> threeWindows(String timestampUrl) throws Exception {
    var h =
        harness(
            null,
            new WriteEvidence(signingKey, Map.of(MODEL, WINDOW), null, Map.of(), timestampUrl));
    for (int w = 0; w < 3; w++) {
      long start = W1 + w * WINDOW;
      h.processElement1(timed(check(start, "c" + w)));
      h.processElement1(timed(coverage(start)));
      h.processBothWatermarks(
          new org.apache.flink.streaming.api.watermark.Watermark(start + WINDOW));
    }
    List<JsonNode> out = lines(h);
    h.close();
    return out;
  }

  @Test
  void eachManifestIsFollowedByItsTimeStamp() throws Exception {
    try (LocalTimestampAuthority tsa = LocalTimestampAuthority.start("harness TSA")) {
      List<JsonNode> out = threeWindows(tsa.url().toString());
      List<String> window = List.of("check", "coverage", "manifest", "timestamp");
      List<String> expected = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        expected.addAll(window);
      }
      assertEquals(expected, kinds(out));
      assertEquals(3, tsa.requests());
      for (int i = 3; i < out.size(); i += 4) {
        Manifest m = Manifest.fromJson(out.get(i - 1).toString());
        ManifestTimestamp t = ManifestTimestamp.fromJson(out.get(i).toString());
        assertEquals(
            TimestampCheck.Outcome.VALID, TimestampCheck.check(t, m, tsa.certificate()).outcome());
      }
    }
  }

  @Test
  void aTsaThatFailsLeavesManifestsUnstampedWithoutHoldingTheChainUp() throws Exception {
    try (LocalTimestampAuthority tsa = LocalTimestampAuthority.start("failing TSA")) {
      tsa.failNext(1_000);
      List<JsonNode> out = threeWindows(tsa.url().toString());
      assertEquals(
          List.of(
              "check",
              "coverage",
              "manifest",
              "check",
              "coverage",
              "manifest",
              "check",
              "coverage",
              "manifest"),
          kinds(out),
          "the chain is written as without a TSA");
      // the first manifest's attempts, then a pause: the next two are not asked for
      assertEquals(TimestampClient.ATTEMPTS, tsa.requests());
    }
  }

  @Test
  void deadLettersCountInTheCoverageOfTheirWindowWithoutWaiting() throws Exception {
    var h = harness(null);
    long w2 = W1 + WINDOW;
    h.processElement2(dead("malformed_json", true, W1 + 10));
    h.processElement2(dead("malformed_json", true, W1 + WINDOW)); // on the boundary: window 1
    h.processElement2(dead("unknown_model", false, W1 + 20));
    h.processElement2(dead("malformed_json", true, w2 + 5)); // window 2
    h.processElement2(dead(DeadLetterTotals.LATE, true, W1 - 5 * WINDOW)); // a late event
    assertEquals(0, h.numKeyedStateEntries() - 1, "one state entry: the chain, no waiting item");
    h.processElement1(timed(coverage(W1)));
    h.processElement1(timed(coverage(w2)));
    h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(w2 + WINDOW));

    List<JsonNode> coverage =
        lines(h).stream().filter(l -> l.path("kind").asText().equals("coverage")).toList();
    JsonNode c1 = coverage.get(0).path("data");
    assertEquals(1, c1.path("late_events").asLong());
    assertEquals(MAPPER.readTree("{\"late\":1,\"malformed_json\":2}"), c1.path("dead_letters"));
    assertEquals(MAPPER.readTree("{\"unknown_model\":1}"), c1.path("unattributed_dead_letters"));
    JsonNode c2 = coverage.get(1).path("data");
    assertEquals(0, c2.path("late_events").asLong());
    assertEquals(MAPPER.readTree("{\"malformed_json\":1}"), c2.path("dead_letters"));
    assertEquals(MAPPER.readTree("{}"), c2.path("unattributed_dead_letters"));

    // after window 1's coverage: a late event and a bad record of window 1 count in the next one
    h.processElement2(dead(DeadLetterTotals.LATE, true, W1 + 1));
    h.processElement2(dead("wrong_type", true, W1 + 2));
    long w3 = w2 + WINDOW;
    h.processElement1(timed(coverage(w3)));
    h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(w3 + WINDOW));
    List<JsonNode> all = lines(h);
    JsonNode c3 =
        all.stream().filter(l -> l.path("kind").asText().equals("coverage")).toList().get(2);
    assertEquals(1, c3.path("data").path("late_events").asLong());
    assertEquals(
        MAPPER.readTree("{\"late\":1,\"wrong_type\":1}"), c3.path("data").path("dead_letters"));
    h.close();
  }

  /** Checkpointed state size after {@code n} dead letters of five reasons within one window. */
  private static long stateSizeAfterDeadLetters(int n) throws Exception {
    var h = harness(null);
    h.processElement1(timed(check(W1, "a")));
    String[] reasons = {"malformed_json", "wrong_type", "bad_timestamp", "unknown_model", "late"};
    for (int i = 0; i < n; i++) {
      String reason = reasons[i % reasons.length];
      long time =
          reason.equals("late") ? W1 - (i % 1000) * WINDOW : W1 + (i % (int) WINDOW); // late: past
      h.processElement2(dead(reason, !reason.equals("unknown_model"), time));
    }
    long size = h.snapshot(1, 1).getStateSize();
    h.close();
    return size;
  }

  @Test
  void aFloodOfDeadLettersLeavesTheStateTheSameSize() throws Exception {
    long small = stateSizeAfterDeadLetters(10_000);
    long flood = stateSizeAfterDeadLetters(1_000_000);
    System.out.printf(
        "evidence-chain state: %d bytes after 10,000 dead letters, %d after 1,000,000%n",
        small, flood);
    assertTrue(small > 0);
    assertTrue(Math.abs(flood - small) < 300, small + " vs " + flood + " bytes");
  }

  @Test
  void theChainContinuesAfterRestoreExactlyAsWithoutOne() throws Exception {
    long w2 = W1 + WINDOW;
    var straight = harness(null);
    var first = harness(null);
    for (var h : List.of(straight, first)) {
      h.processElement1(timed(check(W1, "a")));
      h.processElement1(timed(coverage(W1)));
      h.processElement2(dead("malformed_json", true, w2 + 1));
      h.processElement1(timed(check(w2, "a"))); // waiting when the snapshot is taken
      h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(w2));
    }
    OperatorSubtaskState snapshot = first.snapshot(1, 1);
    List<EvidenceLine> before = new ArrayList<>(first.extractOutputValues());
    first.close();
    var restored = harness(snapshot);
    for (var h : List.of(straight, restored)) {
      h.processElement1(timed(coverage(w2)));
      h.processBothWatermarks(
          new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));
    }
    List<EvidenceLine> recovered = new ArrayList<>(before);
    recovered.addAll(restored.extractOutputValues());
    assertEquals(straight.extractOutputValues(), recovered);
    List<JsonNode> out = lines(straight);
    assertEquals(
        List.of("check", "coverage", "manifest", "check", "coverage", "manifest"), kinds(out));
    assertEquals(4, out.get(4).path("seq").asLong());
    assertEquals(out.get(3).path("hash"), out.get(4).path("prev"));
    assertEquals(1, out.get(4).path("data").path("dead_letters").path("malformed_json").asLong());
    straight.close();
    restored.close();
  }

  @Test
  void theEndOfABoundedInputSignsTheRestInAFinalManifest() throws Exception {
    var h = harness(null);
    h.processElement1(timed(check(W1, "a")));
    h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));
    List<JsonNode> out = lines(h);
    assertEquals(List.of("check", "manifest"), kinds(out));
    Manifest m = Manifest.fromJson(out.get(1).toString());
    assertEquals(W1, m.windowStart());
    assertEquals(W1 + WINDOW, m.windowEnd());
    assertEquals(1, m.lastSeq());
    h.close();
  }
}
