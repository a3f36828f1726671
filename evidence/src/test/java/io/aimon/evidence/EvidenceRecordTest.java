package io.aimon.evidence;

import static io.aimon.evidence.EvidenceFixtures.CREDIT;
import static io.aimon.evidence.EvidenceFixtures.json;
import static io.aimon.evidence.EvidenceFixtures.windowEnd;
import static io.aimon.evidence.EvidenceFixtures.windowStart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class EvidenceRecordTest {
  private static final EvidenceRecord CHECK =
      LayoutV1.append(
          HashChain.State.INITIAL,
          CREDIT,
          EvidenceKind.CHECK,
          windowEnd(0),
          windowStart(0),
          windowEnd(0),
          EvidenceFixtures.checkData("psi", "income", 0.0123, "ok"));

  private static final EvidenceRecord INCIDENT =
      LayoutV1.append(
          HashChain.after(CHECK),
          CREDIT,
          EvidenceKind.INCIDENT,
          windowEnd(0) + 250,
          null,
          null,
          json("{\"type\":\"io.aimon.incident.opened\",\"ids\":[1,2.5,null,true,\"é\"]}"));

  @Test
  void jsonRoundTripGivesAnEqualRecordAndTheSameLine() {
    for (EvidenceRecord r : List.of(CHECK, INCIDENT)) {
      String line = r.toJson();
      EvidenceRecord read = EvidenceRecord.fromJson(line);
      assertEquals(r, read);
      assertEquals(line, read.toJson());
      assertTrue(read.hashValid());
      assertFalse(line.contains("\n"));
    }
  }

  @Test
  void jsonHasTheDocumentedMembersInOrder() {
    String line = CHECK.toJson();
    assertTrue(
        line.startsWith(
            "{\"v\":1,\"model_id\":\"credit-risk\",\"seq\":1,\"kind\":\"check\","
                + "\"time\":\"2026-01-01T06:00:00Z\",\"window_start\":\"2026-01-01T00:00:00Z\","
                + "\"window_end\":\"2026-01-01T06:00:00Z\",\"clauses\":[\"9.1\"],"
                + "\"controls\":[\"A.6.2.6\"],\"data\":{\"check_id\":\"psi-income\","),
        line);
    assertTrue(
        line.endsWith(
            "\"prev\":\"" + EvidenceRecord.GENESIS + "\",\"hash\":\"" + CHECK.hash() + "\"}"));

    String incident = INCIDENT.toJson();
    assertFalse(incident.contains("window_start"), incident);
    assertTrue(incident.contains("\"time\":\"2026-01-01T06:00:00.250Z\""), incident);
    assertTrue(incident.contains("\"clauses\":[\"10.2\"],\"controls\":[\"A.8.4\"]"), incident);
  }

  @Test
  void hashIgnoresSpacingAndMemberOrderButNotValues() {
    ObjectNode o = json(CHECK.toJson());
    ObjectNode reordered = EvidenceJson.MAPPER.createObjectNode();
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    for (int i = names.size() - 1; i >= 0; i--) {
      reordered.set(names.get(i), o.get(names.get(i)));
    }
    String spaced = reordered.toPrettyString();
    EvidenceRecord read = EvidenceRecord.fromJson(spaced);
    assertTrue(read.hashValid());
    assertEquals(CHECK, read);

    String changed = CHECK.toJson().replace("\"value\":0.0123", "\"value\":0.0124");
    assertFalse(EvidenceRecord.fromJson(changed).hashValid());
  }

  @Test
  void everyFieldIsCoveredByTheHash() {
    List<Consumer<ObjectNode>> changes =
        List.of(
            o -> o.put("model_id", "churn"),
            o -> o.put("seq", 2),
            o -> o.put("kind", "coverage"),
            o -> o.put("time", "2026-01-01T06:00:00.001Z"),
            o -> o.put("window_start", "2025-12-31T18:00:00Z"),
            o -> o.put("window_end", "2026-01-01T06:00:01Z"),
            o -> o.set("clauses", EvidenceJson.array(List.of("9.2"))),
            o -> o.set("controls", EvidenceJson.array(List.of())),
            o -> ((ObjectNode) o.get("data")).put("status", "warning"),
            o -> o.put("prev", "1".repeat(64)));
    for (Consumer<ObjectNode> change : changes) {
      ObjectNode o = json(CHECK.toJson());
      change.accept(o);
      EvidenceRecord changed = EvidenceRecord.fromJson(o.toString());
      assertNotEquals(CHECK.hash(), changed.computeHash(), o.toString());
      assertFalse(changed.hashValid());
    }
  }

  @Test
  void dataIsCopiedInAndOut() {
    ObjectNode data = json("{\"a\":{\"b\":1}}");
    EvidenceRecord r =
        LayoutV1.append(HashChain.State.INITIAL, CREDIT, EvidenceKind.CHECK, 0, null, null, data);
    String hash = r.hash();
    ((ObjectNode) data.get("a")).put("b", 2);
    ((ObjectNode) r.data().get("a")).put("b", 3);
    assertEquals(1, r.data().get("a").get("b").intValue());
    assertEquals(hash, r.computeHash());
  }

  @Test
  void constructorRejectsBadValuesNamingTheField() {
    assertMessage("seq: expected an integer in [1, 2^53 - 1], found 0", () -> withSeq(0));
    assertMessage(
        "model_id: expected a non-blank string, found \" \"",
        () -> make(" ", 1, CHECK.data(), 0L, 1L, EvidenceKind.CHECK));
    assertMessage(
        "window_start, window_end: expected both or neither, found only window_start",
        () -> make(CREDIT, 1, CHECK.data(), 0L, null, EvidenceKind.CHECK));
    assertMessage(
        "window_end: expected after window_start 1970-01-01T00:00:00.005Z, found"
            + " 1970-01-01T00:00:00.005Z",
        () -> make(CREDIT, 1, CHECK.data(), 5L, 5L, EvidenceKind.CHECK));
    assertMessage(
        "window_start, window_end: required for kind coverage (the window it covers)",
        () -> make(CREDIT, 1, CHECK.data(), null, null, EvidenceKind.COVERAGE));
    assertMessage(
        "data: expected a JSON object, found an array",
        () ->
            make(CREDIT, 1, EvidenceJson.MAPPER.createArrayNode(), null, null, EvidenceKind.CHECK));
    ObjectNode nan = json("{\"v\":[1]}");
    ((com.fasterxml.jackson.databind.node.ArrayNode) nan.get("v")).add(Double.NaN);
    assertMessage(
        "data.v[1]: expected a finite number, found NaN",
        () -> make(CREDIT, 1, nan, null, null, EvidenceKind.CHECK));
    assertMessage(
        "data.big: expected an integer within +-(2^53 - 1) (RFC 8785 numbers are doubles), found"
            + " 9007199254740993",
        () -> make(CREDIT, 1, json("{\"big\":9007199254740993}"), null, null, EvidenceKind.CHECK));
    assertMessage(
        "prev: expected 64 lower-case hex digits (SHA-256), found \"ABC\"",
        () ->
            new EvidenceRecord(
                1,
                CREDIT,
                1,
                EvidenceKind.CHECK,
                0,
                null,
                null,
                List.of(),
                List.of(),
                CHECK.data(),
                "ABC",
                EvidenceRecord.GENESIS));
    assertMessage(
        "v: expected 1 or 2 (the layouts this version knows), found 3",
        () ->
            new EvidenceRecord(
                3,
                CREDIT,
                1,
                EvidenceKind.CHECK,
                0,
                null,
                null,
                List.of(),
                List.of(),
                CHECK.data(),
                EvidenceRecord.GENESIS,
                EvidenceRecord.GENESIS));
  }

  @Test
  void fromJsonRejectsBadInputNamingTheField() {
    String line = CHECK.toJson();
    assertMessageStartsWith(
        "not valid JSON at column", () -> EvidenceRecord.fromJson(line.substring(0, 40)));
    assertMessage("expected a JSON object, found an array", () -> EvidenceRecord.fromJson("[1]"));
    assertMessage("seq: missing", () -> EvidenceRecord.fromJson(without(line, "seq")));
    assertMessageStartsWith(
        "\"extra\": unexpected field",
        () -> EvidenceRecord.fromJson(line.replace("{\"v\":1,", "{\"v\":1,\"extra\":0,")));
    assertMessage(
        "v: expected 1 or 2 (the layouts this version knows), found 3",
        () -> EvidenceRecord.fromJson(line.replace("{\"v\":1,", "{\"v\":3,")));
    assertMessageStartsWith(
        "time: expected an ISO-8601 UTC instant with at most millisecond precision",
        () ->
            EvidenceRecord.fromJson(
                line.replace(
                    "\"time\":\"2026-01-01T06:00:00Z\"",
                    "\"time\":\"2026-01-01T07:00:00+01:00\"")));
    assertMessageStartsWith(
        "time: expected",
        () ->
            EvidenceRecord.fromJson(
                line.replace(
                    "\"time\":\"2026-01-01T06:00:00Z\"", "\"time\":\"2026-01-01T06:00:00.000Z\"")));
    assertMessage(
        "kind: expected one of check, coverage, incident, notification, corrective_action, state_loss, monitoring_plan, deployment, found 'audit'",
        () -> EvidenceRecord.fromJson(line.replace("\"kind\":\"check\"", "\"kind\":\"audit\"")));
    assertMessageStartsWith(
        "kind: expected an evidence kind, found \"manifest\"",
        () -> EvidenceRecord.fromJson(line.replace("\"kind\":\"check\"", "\"kind\":\"manifest\"")));
    assertMessage(
        "clauses[0]: expected a string, found the number 9.1",
        () -> EvidenceRecord.fromJson(line.replace("[\"9.1\"]", "[9.1]")));
    assertMessageStartsWith(
        "not valid JSON",
        () -> EvidenceRecord.fromJson(line.replace("{\"v\":1,", "{\"v\":1,\"v\":1,")));
  }

  @Test
  void genesisIsSixtyFourZeros() {
    assertEquals("0".repeat(64), EvidenceRecord.GENESIS);
    assertEquals(2, EvidenceRecord.VERSION);
    assertEquals(1, EvidenceRecord.V1);
  }

  private static EvidenceRecord withSeq(long seq) {
    return new EvidenceRecord(
        1,
        CREDIT,
        seq,
        EvidenceKind.CHECK,
        0,
        null,
        null,
        List.of(),
        List.of(),
        CHECK.data(),
        EvidenceRecord.GENESIS,
        EvidenceRecord.GENESIS);
  }

  private static EvidenceRecord make(
      String model, long seq, JsonNode data, Long start, Long end, EvidenceKind kind) {
    return new EvidenceRecord(
        1,
        model,
        seq,
        kind,
        0,
        start,
        end,
        List.of(),
        List.of(),
        data,
        EvidenceRecord.GENESIS,
        EvidenceRecord.GENESIS);
  }

  private static String without(String line, String field) {
    ObjectNode o = json(line);
    o.remove(field);
    return o.toString();
  }

  private static void assertMessage(String expected, Executable e) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
  }

  private static void assertMessageStartsWith(String prefix, Executable e) {
    String message = assertThrows(IllegalArgumentException.class, e).getMessage();
    assertTrue(message.startsWith(prefix), message);
  }
}
