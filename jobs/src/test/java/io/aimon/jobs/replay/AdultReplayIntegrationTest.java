package io.aimon.jobs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.jobs.AdultFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aimon replay} on the Adult dataset, end to end through the command line and a Flink
 * MiniCluster: every drift metric of every feature and of the score in every window equals what
 * scipy computed (expected.json), within METRICS.md's tolerances.
 */
class AdultReplayIntegrationTest {

  @Test
  void replayReproducesEveryDriftMetricOfEveryWindow(@TempDir Path dir) throws Exception {
    Path out = replay(dir, "");
    List<JsonNode> results = AdultFixtures.readJsonLines(out.resolve("metrics.jsonl"));
    Map<String, Double> maxError = AdultFixtures.assertMatchesExpected(results, 6);
    System.out.println("Adult replay: values checked and largest error per metric: " + maxError);
    assertEquals(402.0, maxError.get("values"));
    assertEquals(0, Files.size(out.resolve("dead-letter.jsonl")));
    assertTrue(Files.exists(out.resolve("incidents.jsonl")));
    for (JsonNode r : results) {
      assertEquals(
          64, r.path("reference_digest").asText().length(), "reference digest on every result");
    }
  }

  @Test
  void driftScenarioWindowsBreachAndNaturalWindowsDoNot(@TempDir Path dir) throws Exception {
    List<JsonNode> results = AdultFixtures.readJsonLines(replay(dir, "").resolve("metrics.jsonl"));
    long naturalBreaches =
        results.stream()
            .filter(r -> r.path("window_start").asText().compareTo("2024-02-05") < 0)
            .filter(r -> !r.path("status").asText().equals("ok"))
            .count();
    assertEquals(0, naturalBreaches, "W1..W4 are samples of the reference population");
    JsonNode agePsi =
        results.stream()
            .filter(r -> r.path("window_start").asText().startsWith("2024-02-05"))
            .filter(
                r ->
                    r.path("metric").asText().equals("psi")
                        && r.path("feature").asText().equals("age"))
            .findFirst()
            .orElseThrow();
    assertEquals("critical", agePsi.path("status").asText());
    assertEquals(0.25, agePsi.path("threshold").asDouble());
  }

  @Test
  void sketchedWindowsStayWithinTheDocumentedKsAndWassersteinBounds(@TempDir Path dir)
      throws Exception {
    // exact_values 0: every window feature goes through the quantile sketch from its first value
    List<JsonNode> results =
        AdultFixtures.readJsonLines(replay(dir, "exact_values: 0").resolve("metrics.jsonl"));
    JsonNode expected = AdultFixtures.expected();
    int checked = 0;
    for (JsonNode w : expected.path("windows")) {
      String start = w.path("time_range").path("start").asText();
      for (var it = w.path("drift").path("numeric").fields(); it.hasNext(); ) {
        var f = it.next();
        JsonNode ks = find(results, start, "ks", f.getKey());
        JsonNode ws = find(results, start, "wasserstein", f.getKey());
        assertTrue(
            Math.abs(ks.path("value").asDouble() - f.getValue().path("ks_statistic").asDouble())
                <= 0.01);
        double iqrTolerance =
            Math.max(0.01 * referenceIqr(f.getValue()), 0.001 * referenceRange(f.getValue()));
        assertTrue(
            Math.abs(ws.path("value").asDouble() - f.getValue().path("wasserstein").asDouble())
                <= Math.max(iqrTolerance, 1e-9),
            "wasserstein of " + f.getKey() + " in " + start);
        checked++;
      }
    }
    assertEquals(36, checked);
  }

  /** Upper bound of the reference IQR from the decile edges (between the 2nd and 8th decile). */
  private static double referenceIqr(JsonNode e) {
    JsonNode edges = e.path("bins").path("edges");
    return edges.size() < 2 ? 0 : edges.get(edges.size() - 1).asDouble() - edges.get(0).asDouble();
  }

  private static double referenceRange(JsonNode e) {
    return referenceIqr(e);
  }

  private static JsonNode find(
      List<JsonNode> results, String start, String metric, String feature) {
    return results.stream()
        .filter(r -> r.path("window_start").asText().equals(start))
        .filter(
            r ->
                r.path("metric").asText().equals(metric)
                    && feature.equals(r.path("feature").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + metric + "[" + feature + "] in " + start));
  }

  static Path replay(Path dir, String extraJob) throws Exception {
    return AdultFixtures.replay(
        AdultFixtures.writeConfig(dir, extraJob), AdultFixtures.PRODUCTION, dir.resolve("out"));
  }
}
