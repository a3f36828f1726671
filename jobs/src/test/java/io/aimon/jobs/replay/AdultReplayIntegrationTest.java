package io.aimon.jobs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.jobs.AdultFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aimon replay} on the Adult dataset, end to end through the command line and a Flink
 * MiniCluster: every drift metric of every feature and of the score in every window equals what
 * scipy computed (expected.json), within docs/metrics.md's tolerances.
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
  void driftScenarioOpensOneIncidentPerBreachingFeatureWithEveryBreachingMetricInIt(
      @TempDir Path dir) throws Exception {
    Path out = replay(dir, "");
    List<JsonNode> incidents = AdultFixtures.readJsonLines(out.resolve("incidents.jsonl"));
    List<JsonNode> metrics = AdultFixtures.readJsonLines(out.resolve("metrics.jsonl"));
    JsonNode age =
        incidents.stream()
            .filter(e -> e.path("subject").asText().equals("adult-income-logreg/feature=age"))
            .filter(e -> e.path("type").asText().equals("io.aimon.incident.opened"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no incident for age: " + incidents));
    assertEquals("1.0", age.path("specversion").asText());
    JsonNode data = age.path("data");
    assertEquals("critical", data.path("severity").asText());
    assertEquals("2024-02-05T00:00:00Z", data.path("first_window_start").asText());
    assertEquals(32, data.path("dedup_key").asText().length());
    assertEquals("adult-income-logreg/feature=age", data.path("group_key").asText());
    assertTrue(
        data.path("summary")
            .asText()
            .startsWith("adult-income-logreg feature age: 3 of 3 checks breach: "),
        data.toString());
    assertTrue(
        incidents.stream()
            .filter(e -> e.path("type").asText().equals("io.aimon.incident.opened"))
            .allMatch(
                e ->
                    e.path("data").path("first_window_start").asText().compareTo("2024-02-05")
                        >= 0),
        "no incident in the natural windows");

    // every critical drift result of a feature is a member of that feature's one incident
    Map<String, Set<String>> criticalByFeature = new TreeMap<>();
    for (JsonNode m : metrics) {
      if (m.path("status").asText().equals("critical") && m.hasNonNull("feature")) {
        criticalByFeature
            .computeIfAbsent(m.path("feature").asText(), f -> new TreeSet<>())
            .add(m.path("metric").asText());
      }
    }
    Map<String, Set<String>> incidentsByFeature = new TreeMap<>();
    Map<String, Set<String>> membersByFeature = new TreeMap<>();
    for (JsonNode e : incidents) {
      JsonNode d = e.path("data");
      if (!d.hasNonNull("feature")) {
        continue;
      }
      String f = d.path("feature").asText();
      incidentsByFeature
          .computeIfAbsent(f, k -> new TreeSet<>())
          .add(d.path("incident_id").asText());
      d.path("members")
          .forEach(
              m ->
                  membersByFeature
                      .computeIfAbsent(f, k -> new TreeSet<>())
                      .add(m.path("metric").asText()));
    }
    assertTrue(criticalByFeature.size() >= 8, criticalByFeature.toString());
    long breachingSeries = criticalByFeature.values().stream().mapToLong(Set::size).sum();
    for (Map.Entry<String, Set<String>> f : criticalByFeature.entrySet()) {
      assertEquals(
          1, incidentsByFeature.getOrDefault(f.getKey(), Set.of()).size(), "one for " + f.getKey());
      assertTrue(
          membersByFeature.get(f.getKey()).containsAll(f.getValue()),
          f.getKey() + ": members " + membersByFeature.get(f.getKey()) + " vs " + f.getValue());
    }
    long opened =
        incidents.stream()
            .filter(e -> e.path("type").asText().equals("io.aimon.incident.opened"))
            .count();

    // grouped by series, each of those series opens its own
    Path bySeries = Files.createDirectories(dir.resolve("by-series"));
    List<JsonNode> perSeries =
        AdultFixtures.readJsonLines(
            AdultFixtures.replay(
                    AdultFixtures.writeConfig(bySeries, "", "1d", "alerting:\n  group_by: series"),
                    AdultFixtures.PRODUCTION,
                    bySeries.resolve("out"))
                .resolve("incidents.jsonl"));
    System.out.printf(
        "Adult drift: %d features with critical drift over %d series; grouped by feature %d"
            + " incidents opened (%d events), by series %d (%d events)%n",
        criticalByFeature.size(),
        breachingSeries,
        opened,
        incidents.size(),
        perSeries.stream()
            .filter(e -> e.path("type").asText().equals("io.aimon.incident.opened"))
            .count(),
        perSeries.size());
    assertTrue(
        perSeries.stream()
            .anyMatch(
                e -> e.path("subject").asText().equals("adult-income-logreg/psi/feature=age")),
        "by series: psi of age is its own incident");
    assertTrue(perSeries.stream().noneMatch(e -> e.path("data").has("members")));
  }

  /**
   * One 7-day window holds all 23,879 production events, more than the sketch's k = 4096, so with
   * {@code exact_values: 0} every numeric feature and the score really go through KLL compaction.
   * KS and Wasserstein must stay within docs/metrics.md's bounds of the exact replay's values: |D -
   * D_exact| <= 0.01 and |W - W_exact| <= max(1% of the reference IQR, 0.1% of its range).
   */
  @Test
  void sketchedWindowsStayWithinTheDocumentedKsAndWassersteinBounds(@TempDir Path dir)
      throws Exception {
    Path exactDir = Files.createDirectories(dir.resolve("exact"));
    Path sketchDir = Files.createDirectories(dir.resolve("sketch"));
    List<JsonNode> exact =
        AdultFixtures.readJsonLines(
            AdultFixtures.replay(
                    AdultFixtures.writeConfig(exactDir, "exact_values: 1000000", "7d"),
                    AdultFixtures.PRODUCTION,
                    exactDir.resolve("out"))
                .resolve("metrics.jsonl"));
    List<JsonNode> sketched =
        AdultFixtures.readJsonLines(
            AdultFixtures.replay(
                    AdultFixtures.writeConfig(sketchDir, "exact_values: 0", "7d"),
                    AdultFixtures.PRODUCTION,
                    sketchDir.resolve("out"))
                .resolve("metrics.jsonl"));
    String start = "2024-02-01T00:00:00Z";
    assertEquals(23879, find(exact, start, "count", null).path("value").asLong());
    Map<String, double[]> reference = AdultFixtures.referenceIqrAndRange();
    int checked = 0;
    for (Map.Entry<String, double[]> f : reference.entrySet()) {
      double ksError =
          Math.abs(
              find(sketched, start, "ks", f.getKey()).path("value").asDouble()
                  - find(exact, start, "ks", f.getKey()).path("value").asDouble());
      double wError =
          Math.abs(
              find(sketched, start, "wasserstein", f.getKey()).path("value").asDouble()
                  - find(exact, start, "wasserstein", f.getKey()).path("value").asDouble());
      double wBound = Math.max(0.01 * f.getValue()[0], 0.001 * f.getValue()[1]);
      assertTrue(ksError <= 0.01, "ks of " + f.getKey() + ": error " + ksError);
      assertTrue(
          wError <= wBound, "wasserstein of " + f.getKey() + ": error " + wError + " > " + wBound);
      System.out.printf(
          "sketch error %s: |dD| = %.2e, |dW| = %.2e (bound %.2e)%n",
          f.getKey(), ksError, wError, wBound);
      checked++;
    }
    assertEquals(7, checked);
  }

  private static JsonNode find(
      List<JsonNode> results, String start, String metric, String feature) {
    return results.stream()
        .filter(r -> r.path("window_start").asText().equals(start))
        .filter(
            r ->
                r.path("metric").asText().equals(metric)
                    && java.util.Objects.equals(feature, r.path("feature").asText(null)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + metric + "[" + feature + "] in " + start));
  }

  static Path replay(Path dir, String extraJob) throws Exception {
    return AdultFixtures.replay(
        AdultFixtures.writeConfig(dir, extraJob), AdultFixtures.PRODUCTION, dir.resolve("out"));
  }
}
