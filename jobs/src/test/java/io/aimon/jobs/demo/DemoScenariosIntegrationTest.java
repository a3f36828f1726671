package io.aimon.jobs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.alert.IncidentScenario;
import io.aimon.jobs.demo.DemoGenerator.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's two new scenarios, replayed deterministically through the production graph with the
 * demo's own config and generator ({@code aimon demo} runs them against the wall clock): {@code
 * credit-risk}'s income shift starting 3 s into a 10 s window is flagged by the online detector
 * before that window closes and pages at once, its drift checks joining the same incident at the
 * window's end; the jump in errors is flagged from the labelled predictions; and in the recovery
 * phase debt_ratio moves against age with both distributions unchanged, which only {@code
 * reconstruction_error} flags.
 */
class DemoScenariosIntegrationTest {
  private static final long WINDOW = 10_000L;
  private static final long W0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z, on a window start
  private static final int PER_WINDOW = 1000;
  private static final long DRIFT_START = W0 + 4 * WINDOW + 3_000L;
  private static final int FIRST_FLIPPED = 7;
  private static final int WINDOWS = 11;

  @TempDir static Path dir;
  private static List<JsonNode> metrics;
  private static List<JsonNode> incidents;

  @BeforeAll
  static void replayTheScenario() throws Exception {
    IncidentScenario.writeReferences(dir, W0);
    Path config = dir.resolve("aimon.yaml");
    Files.writeString(config, DemoGenerator.config("127.0.0.1:9", "http://127.0.0.1:9"));
    DemoGenerator gen = new DemoGenerator(7).withCorrelationShift();
    List<String> events = new ArrayList<>();
    long step = WINDOW / PER_WINDOW;
    for (long t = W0; t < W0 + WINDOWS * WINDOW; t += step) {
      Phase phase =
          t < DRIFT_START
              ? Phase.NORMAL
              : t < W0 + FIRST_FLIPPED * WINDOW ? Phase.DRIFT : Phase.RECOVERY;
      events.add(gen.event(DemoGenerator.CREDIT, t, phase));
    }
    Path input = dir.resolve("events.jsonl");
    Files.write(input, events);
    Path out = AdultFixtures.replay(config, input, dir.resolve("out"));
    metrics = AdultFixtures.readJsonLines(out.resolve("metrics.jsonl"));
    incidents = AdultFixtures.readJsonLines(out.resolve("incidents.jsonl"));
  }

  private static long start(JsonNode r) {
    return Instant.parse(r.path("window_start").asText()).toEpochMilli();
  }

  private static long time(JsonNode r, String field) {
    return Instant.parse(r.path(field).asText()).toEpochMilli();
  }

  @Test
  void theIncomeShiftIsFlaggedBeforeItsWindowClosesAndPagesOnceForTheFeature() {
    long windowStart = W0 + 4 * WINDOW;
    JsonNode change =
        metrics.stream()
            .filter(m -> m.path("metric").asText().equals("change_point"))
            .filter(m -> m.path("feature").asText().equals("income"))
            .filter(m -> m.path("status").asText().equals("critical"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no change flagged"));
    assertEquals(windowStart, start(change), change.toString());
    long detected = time(change, "detected_at");
    long changed = time(change, "changed_at");
    System.out.printf(
        "demo income shift at +3.000 s: placed at +%.3f s, flagged at +%.3f s, %.3f s before"
            + " the window closed%n",
        (changed - windowStart) / 1000.0,
        (detected - windowStart) / 1000.0,
        (windowStart + WINDOW - detected) / 1000.0);
    assertTrue(detected < windowStart + WINDOW, "flagged before the window closes");
    assertTrue(detected >= DRIFT_START && changed >= DRIFT_START - 1000, change.toString());

    List<JsonNode> income =
        incidents.stream()
            .filter(e -> e.path("subject").asText().equals("credit-risk/feature=income"))
            .toList();
    JsonNode opened = income.get(0);
    assertEquals("io.aimon.incident.opened", opened.path("type").asText());
    assertEquals("change_point", opened.path("data").path("metric").asText(), "the lead");
    assertTrue(
        Instant.parse(opened.path("time").asText()).toEpochMilli() < windowStart + WINDOW,
        "paged before the window closed: " + opened.path("time").asText());
    assertEquals(
        1,
        income.stream().map(e -> e.path("data").path("incident_id").asText()).distinct().count(),
        "one incident for income");
    Set<String> members = new TreeSet<>();
    income.forEach(
        e -> e.path("data").path("members").forEach(m -> members.add(m.path("metric").asText())));
    Set<String> critical = new TreeSet<>();
    metrics.stream()
        .filter(m -> m.path("feature").asText().equals("income"))
        .filter(m -> m.path("status").asText().equals("critical"))
        .forEach(m -> critical.add(m.path("metric").asText()));
    assertTrue(members.containsAll(critical), members + " vs critical " + critical);
    assertTrue(members.containsAll(Set.of("change_point", "ks", "psi")), members.toString());
  }

  @Test
  void theJumpInErrorsIsFlaggedFromTheLabelledPredictions() {
    long windowStart = W0 + 4 * WINDOW;
    JsonNode change =
        metrics.stream()
            .filter(m -> m.path("metric").asText().equals("change_point"))
            .filter(m -> m.path("feature").asText().equals("error"))
            .filter(m -> m.path("status").asText().equals("critical"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no change of the error flagged"));
    long detected = time(change, "detected_at");
    long changed = time(change, "changed_at");
    System.out.printf(
        "demo error-rate jump at +3.000 s (40%% of labels flipped): placed at +%.3f s, flagged at"
            + " +%.3f s (%d labels after the jump), the error rate up %s%n",
        (changed - windowStart) / 1000.0,
        (detected - windowStart) / 1000.0,
        (detected - DRIFT_START) * PER_WINDOW / WINDOW,
        change.path("value").asText());
    // the rate rises by about 0.07: ADWIN needs some 1,300 labels (13 s here) to be sure
    assertTrue(detected >= DRIFT_START && detected < DRIFT_START + 2 * WINDOW, change.toString());
    assertTrue(Math.abs(changed - DRIFT_START) < 1000, "placed within 1 s: " + change);
    assertTrue(change.path("value").asDouble() > 0.03, "the error rate rose: " + change);
    assertTrue(
        metrics.stream()
            .filter(m -> m.path("metric").asText().equals("change_point"))
            .filter(m -> m.path("feature").asText().equals("error"))
            .filter(m -> start(m) < windowStart)
            .allMatch(m -> m.path("status").asText().equals("ok")),
        "no change of the error before the drift");
  }

  @Test
  void debtMovingAgainstAgeIsFlaggedOnlyByTheReconstructionError() {
    long flipped = W0 + FIRST_FLIPPED * WINDOW;
    List<JsonNode> reconstruction =
        metrics.stream()
            .filter(m -> m.path("metric").asText().equals("reconstruction_error"))
            .toList();
    for (JsonNode r : reconstruction) {
      System.out.printf(
          "reconstruction_error %s: %.4f %s (threshold %.4f)%n",
          r.path("window_start").asText(),
          r.path("value").asDouble(),
          r.path("status").asText(),
          r.path("threshold").asDouble());
    }
    for (JsonNode r : reconstruction) {
      if (start(r) < W0 + 4 * WINDOW) {
        assertEquals("ok", r.path("status").asText(), "normal windows: " + r);
      } else if (start(r) >= flipped && start(r) < W0 + (WINDOWS - 1) * WINDOW) {
        assertEquals("critical", r.path("status").asText(), "debt moves against age: " + r);
      }
    }
    List<JsonNode> flaggedOthers =
        metrics.stream()
            .filter(m -> start(m) >= flipped + WINDOW)
            .filter(m -> Set.of("debt_ratio", "age").contains(m.path("feature").asText()))
            .filter(m -> !m.path("status").asText().equals("ok"))
            .filter(m -> !m.path("status").asText().equals("insufficient_data"))
            .toList();
    assertEquals(
        List.of(), flaggedOthers, "the per-feature checks of debt_ratio and age see nothing");
  }
}
