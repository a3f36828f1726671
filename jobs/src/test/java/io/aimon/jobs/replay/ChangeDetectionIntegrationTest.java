package io.aimon.jobs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.jobs.AdultFixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online change detection through the job: the Adult replay with every age from 2024-02-03 06:00 on
 * raised by 20 years. ADWIN on {@code age} flags it minutes later, long before the window (the day)
 * closes, and places it at 06:00; the two days before are quiet; one shard and two give the same
 * results.
 */
class ChangeDetectionIntegrationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant CHANGE = Instant.parse("2024-02-03T06:00:00Z");

  @Test
  void anAbruptChangeIsFlaggedBeforeItsWindowCloses(@TempDir Path dir) throws Exception {
    Path events = dir.resolve("events.jsonl");
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(AdultFixtures.PRODUCTION)),
                StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        ObjectNode e = (ObjectNode) MAPPER.readTree(line);
        Instant t = Instant.parse(e.path("timestamp").asText());
        if (!t.isBefore(CHANGE) && t.isBefore(CHANGE.plusSeconds(18 * 3600))) {
          ObjectNode f = (ObjectNode) e.path("features");
          f.put("age", f.path("age").asInt() + 20);
        }
        lines.add(MAPPER.writeValueAsString(e));
      }
    }
    Files.write(events, lines);
    Path config =
        AdultFixtures.writeConfig(
            dir, "", "1d", "change_detection: {series: [age, score], method: adwin}");
    Map<String, JsonNode> one =
        changePoints(AdultFixtures.replay(config, events, dir.resolve("one")));
    Files.writeString(
        config, Files.readString(config).replace("  parallelism: 1\n", "  parallelism: 2\n"));
    Map<String, JsonNode> two =
        changePoints(AdultFixtures.replay(config, events, dir.resolve("two")));
    assertEquals(one.toString(), two.toString(), "one shard and two");

    JsonNode age = one.get("2024-02-03/age");
    assertEquals("warning", age.path("status").asText(), age.toString());
    Instant changed = Instant.parse(age.path("changed_at").asText());
    Instant detected = Instant.parse(age.path("detected_at").asText());
    Instant end = Instant.parse(age.path("window_end").asText());
    assertTrue(
        Math.abs(changed.getEpochSecond() - CHANGE.getEpochSecond()) <= 600,
        "placed at " + changed);
    assertTrue(detected.isBefore(CHANGE.plusSeconds(1800)), "flagged at " + detected);
    assertTrue(age.path("value").asDouble() > 15, "a shift of about 20 years: " + age);
    for (String day : List.of("2024-02-01", "2024-02-02")) {
      assertEquals("ok", one.get(day + "/age").path("status").asText(), day);
      assertTrue(one.get(day + "/age").path("n").asLong() > 4000, day);
    }
    System.out.printf(
        "change detection: ages +20 from %s flagged at %s (%d min before the window closes at %s),"
            + " placed at %s, shift %.1f; per window: %s%n",
        CHANGE,
        detected,
        (end.getEpochSecond() - detected.getEpochSecond()) / 60,
        end,
        changed,
        age.path("value").asDouble(),
        statuses(one));
  }

  private static Map<String, JsonNode> changePoints(Path out) throws Exception {
    Map<String, JsonNode> byKey = new TreeMap<>();
    for (JsonNode r : AdultFixtures.readJsonLines(out.resolve("metrics.jsonl"))) {
      if (r.path("metric").asText().equals("change_point")) {
        String key =
            r.path("window_start").asText().substring(0, 10) + "/" + r.path("feature").asText();
        assertTrue(byKey.put(key, r) == null, "one result per window and series: " + key);
      }
    }
    return byKey;
  }

  private static Map<String, String> statuses(Map<String, JsonNode> results) {
    Map<String, String> out = new TreeMap<>();
    results.forEach((k, v) -> out.put(k, v.path("status").asText()));
    return out;
  }
}
