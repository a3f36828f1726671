package io.aimon.jobs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.jobs.AdultFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay of good Adult events mixed with malformed records of many kinds and a late event: every
 * bad record lands in dead-letter.jsonl with the right reason and line, nothing is dropped, and the
 * good records' check results are exactly those of a clean replay.
 */
class BadInputIntegrationTest {
  private static final String TS = "2024-02-01T05:00:00Z";
  private static final String OK_PREFIX =
      "{\"inference_id\":\"bad-%d\",\"model_id\":\"adult-income-logreg\",\"timestamp\":\""
          + TS
          + "\",";

  /** Malformed record -> expected reason code. */
  private static Map<String, String> badRecords() {
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("{\"inference_id\":\"x\",", "malformed_json");
    bad.put("{\"inference_id\":\"x\"} trailing", "malformed_json");
    bad.put("{\"inference_id\":\"a\",\"inference_id\":\"b\"}", "malformed_json");
    bad.put("[1, 2, 3]", "not_an_object");
    bad.put("42", "not_an_object");
    bad.put("   ", "empty_record");
    bad.put(
        "{\"model_id\":\"adult-income-logreg\",\"timestamp\":\""
            + TS
            + "\",\"features\":{},\"prediction\":1}",
        "missing_field");
    bad.put(
        "{\"inference_id\":\"\",\"model_id\":\"adult-income-logreg\",\"timestamp\":\""
            + TS
            + "\",\"features\":{},\"prediction\":1}",
        "missing_field");
    bad.put(
        "{\"inference_id\":7,\"model_id\":\"adult-income-logreg\",\"timestamp\":\""
            + TS
            + "\",\"features\":{},\"prediction\":1}",
        "wrong_type");
    bad.put(
        "{\"inference_id\":\"u\",\"model_id\":\"fraud-v2\",\"timestamp\":\""
            + TS
            + "\",\"features\":{},\"prediction\":1}",
        "unknown_model");
    bad.put(
        "{\"inference_id\":\"t\",\"model_id\":\"adult-income-logreg\",\"timestamp\":\"yesterday\",\"features\":{},\"prediction\":1}",
        "bad_timestamp");
    bad.put(
        "{\"inference_id\":\"t\",\"model_id\":\"adult-income-logreg\",\"timestamp\":\"2024-02-01T05:00:00\",\"features\":{},\"prediction\":1}",
        "bad_timestamp");
    bad.put(
        "{\"inference_id\":\"t\",\"model_id\":\"adult-income-logreg\",\"timestamp\":\"2999-01-01T00:00:00Z\",\"features\":{},\"prediction\":1}",
        "future_timestamp");
    bad.put(
        "{\"inference_id\":\"t\",\"model_id\":\"adult-income-logreg\",\"timestamp\":-5,\"features\":{},\"prediction\":1}",
        "bad_timestamp");
    bad.put(OK_PREFIX + "\"features\":[],\"prediction\":1}", "wrong_type");
    bad.put(OK_PREFIX + "\"prediction\":1}", "missing_field");
    bad.put(OK_PREFIX + "\"features\":{},\"prediction\":{\"a\":1}}", "wrong_type");
    bad.put(OK_PREFIX + "\"features\":{},\"prediction\":1,\"score\":\"high\"}", "wrong_type");
    bad.put(OK_PREFIX + "\"features\":{},\"prediction\":1,\"score\":NaN}", "non_finite_number");
    bad.put(OK_PREFIX + "\"features\":{\"age\":Infinity},\"prediction\":1}", "non_finite_number");
    bad.put(OK_PREFIX + "\"features\":{},\"prediction\":1,\"latency_ms\":-3}", "wrong_type");
    bad.put(OK_PREFIX + "\"features\":{},\"prediction\":1,\"groups\":\"male\"}", "wrong_type");
    bad.put(
        OK_PREFIX + "\"features\":{\"note\":\"" + "x".repeat(3000) + "\"},\"prediction\":1}",
        "oversize");
    return bad;
  }

  @Test
  void everyBadRecordIsDeadLetteredWithItsReasonAndGoodResultsAreUnchanged(@TempDir Path dir)
      throws Exception {
    List<String> good = AdultFixtures.lines(AdultFixtures.PRODUCTION, 8140); // W1 and W2
    Map<String, String> bad = badRecords();
    List<String> mixed = new ArrayList<>();
    List<String> expectedReasons = new ArrayList<>();
    List<Long> expectedLines = new ArrayList<>();
    int i = 0;
    List<String> badList = new ArrayList<>(bad.keySet());
    for (String line : good) {
      mixed.add(line);
      if (i % 300 == 7 && i / 300 < badList.size()) {
        String b = badList.get(i / 300);
        mixed.add(b.contains("%d") ? String.format(b, i) : b);
        expectedReasons.add(bad.get(b));
        expectedLines.add((long) mixed.size());
      }
      i++;
    }
    // an event of W1 after W2 has begun and closed W1: late
    mixed.add(good.get(10).replace("\"adult-16290\"", "\"adult-16290-late\""));
    expectedReasons.add("late");
    expectedLines.add((long) mixed.size());

    Path cleanOut = replay(dir.resolve("clean"), good);
    Path mixedOut = replay(dir.resolve("mixed"), mixed);

    List<JsonNode> dead = AdultFixtures.readJsonLines(mixedOut.resolve("dead-letter.jsonl"));
    assertEquals(bad.size() + 1, expectedReasons.size());
    assertTrue(bad.size() >= 20, "at least 20 kinds of malformed record");
    assertEquals(expectedReasons, dead.stream().map(d -> d.path("reason").asText()).toList());
    for (int k = 0; k < expectedLines.size(); k++) {
      assertEquals(
          expectedLines.get(k),
          dead.get(k).path("position").asLong(),
          "line of " + expectedReasons.get(k));
      assertEquals("input.jsonl", dead.get(k).path("source").asText());
      assertTrue(dead.get(k).path("detail").asText().contains(":"), "detail names the field");
    }
    JsonNode oversize =
        dead.stream()
            .filter(d -> d.path("reason").asText().equals("oversize"))
            .findFirst()
            .orElseThrow();
    assertTrue(oversize.path("payload_bytes").asLong() > 2048);
    assertTrue(oversize.path("payload").asText().length() <= 4096);
    // the window coverage in the evidence counts the late event, the clean run's none
    assertEquals(1, lateEventsInCoverage(mixedOut));
    assertEquals(0, lateEventsInCoverage(cleanOut));
    // ... and every dead letter by reason: those naming the model as its own, the others
    // (unreadable, unknown model) as unattributed
    List<JsonNode> coverage = coverage(mixedOut);
    Map<String, Long> own = new java.util.TreeMap<>();
    Map<String, Long> unattributed = new java.util.TreeMap<>();
    for (JsonNode c : coverage) {
      c.path("dead_letters")
          .fields()
          .forEachRemaining(e -> own.merge(e.getKey(), e.getValue().asLong(), Long::sum));
      c.path("unattributed_dead_letters")
          .fields()
          .forEachRemaining(e -> unattributed.merge(e.getKey(), e.getValue().asLong(), Long::sum));
    }
    Map<String, Long> all = new java.util.TreeMap<>(own);
    unattributed.forEach((k, v) -> all.merge(k, v, Long::sum));
    Map<String, Long> expected = new java.util.TreeMap<>();
    expectedReasons.forEach(r -> expected.merge(r, 1L, Long::sum));
    assertEquals(expected, all, "own " + own + ", unattributed " + unattributed);
    assertEquals(3L, unattributed.get("malformed_json"));
    assertEquals(1L, unattributed.get("unknown_model"));
    assertEquals(1L, own.get("late"));
    assertEquals(6L, own.get("wrong_type"));
    // ... and where its events were read: the input file by its SHA-256, lines in order
    String sha =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(mixedOut.getParent().resolve("input.jsonl"))));
    long previousLast = 0;
    for (JsonNode c : coverage) {
      JsonNode source = c.path("sources").get(0);
      assertEquals(1, c.path("sources").size());
      assertEquals("input.jsonl", source.path("source").asText());
      assertEquals(sha, source.path("sha256").asText());
      assertEquals(c.path("events").asLong(), source.path("events").asLong());
      assertTrue(source.path("first").asLong() > previousLast, c.toString());
      assertTrue(source.path("last").asLong() <= mixed.size(), c.toString());
      previousLast = source.path("last").asLong();
    }
    // the good events give exactly the results of a clean replay
    assertEquals(
        Files.readAllLines(cleanOut.resolve("metrics.jsonl")).stream().sorted().toList(),
        Files.readAllLines(mixedOut.resolve("metrics.jsonl")).stream().sorted().toList());
  }

  /** The data of the coverage records of the replay's evidence, in window order. */
  private static List<JsonNode> coverage(Path out) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    try (java.util.stream.Stream<Path> files = Files.walk(out.resolve("evidence"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        for (JsonNode l : AdultFixtures.readJsonLines(f)) {
          if (l.path("kind").asText().equals("coverage")) {
            found.add(l.path("data"));
          }
        }
      }
    }
    found.sort(java.util.Comparator.comparing(d -> d.path("window_start").asText()));
    return found;
  }

  /** The sum of {@code late_events} over the coverage records of the replay's evidence. */
  private static long lateEventsInCoverage(Path out) throws Exception {
    long late = 0;
    try (java.util.stream.Stream<Path> files = Files.walk(out.resolve("evidence"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        for (JsonNode l : AdultFixtures.readJsonLines(f)) {
          if (l.path("kind").asText().equals("coverage")) {
            late += l.path("data").path("late_events").asLong();
          }
        }
      }
    }
    return late;
  }

  private static Path replay(Path dir, List<String> lines) throws Exception {
    Files.createDirectories(dir);
    Path input = dir.resolve("input.jsonl");
    Files.write(input, lines);
    Path config = AdultFixtures.writeConfig(dir, "max_record_bytes: 2048\nout_of_orderness: 0s");
    return AdultFixtures.replay(config, input, dir.resolve("out"));
  }
}
