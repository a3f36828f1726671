package io.aimon.jobs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.cli.AimonCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two versions of the Adult model in one stream: the stable version "1" (window W1) and a canary
 * "2" of 600 drift-scenario events (age >= 50) in the same window. Per-version results and the
 * champion/challenger comparison equal numpy's and scipy's values
 * (datasets/adult/versions/make_expected.py), the comparison breaches for the canary only, its
 * incidents are the canary's series, and the report has the versions section.
 */
class ModelVersionsIntegrationTest {
  @TempDir static Path dir;
  private static Path out;
  private static List<JsonNode> results;
  private static JsonNode expected;
  private static Path input;

  @BeforeAll
  static void replayTheTwoVersions() throws Exception {
    expected =
        AdultFixtures.parse(
            Files.readString(AdultFixtures.DATASET.resolve("versions/versions-expected.json")));
    // the same rule as make_expected.py: W1 as version 1, the first 600 of 2024-02-05 moved into W1
    List<String> stream = new ArrayList<>();
    int canary = 0;
    for (String line : AdultFixtures.lines(AdultFixtures.PRODUCTION, Integer.MAX_VALUE)) {
      ObjectNode e = (ObjectNode) AdultFixtures.parse(line);
      String ts = e.path("timestamp").asText();
      if (ts.startsWith("2024-02-01")) {
        stream.add(line);
      } else if (ts.startsWith("2024-02-05") && canary < 600) {
        canary++;
        e.put("model_version", "2");
        e.put("timestamp", Instant.parse(ts).minus(Duration.ofDays(4)).toString());
        stream.add(e.toString());
      }
    }
    input = dir.resolve("two-versions.jsonl");
    Files.write(input, stream);
    assertEquals(0, aimon("evidence", "keygen", "--out", dir.resolve("keys").toString()));
    Path config = AdultFixtures.writeConfig(dir, "", "1d");
    Files.writeString(
        config,
        "evidence:\n  signing_key: file:keys/aimon-evidence.key\n" + Files.readString(config));
    out = AdultFixtures.replay(config, input, dir.resolve("out"));
    results = AdultFixtures.readJsonLines(out.resolve("metrics.jsonl"));
  }

  private static int aimon(String... args) {
    return new CommandLine(new AimonCommand())
        .setOut(new PrintWriter(new StringWriter()))
        .setErr(new PrintWriter(new StringWriter()))
        .execute(args);
  }

  /** The results of {@code metric} of {@code version} (null: the whole window's), by feature. */
  private static Map<String, JsonNode> byFeature(String metric, String version) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode r : results) {
      boolean ofVersion =
          version == null ? !r.has("version") : version.equals(r.path("version").asText());
      if (ofVersion && r.path("metric").asText().equals(metric)) {
        assertFalse(out.containsKey(r.path("feature").asText()), "one per feature: " + r);
        out.put(r.path("feature").asText(), r);
      }
    }
    return out;
  }

  @Test
  void eachVersionAloneMatchesNumpyAndScipy() {
    for (String v : List.of("1", "2")) {
      JsonNode want = expected.path("versions").path(v);
      assertEquals(
          expected.path("events").path(v).asLong(),
          byFeature("count", v).get("").path("value").asLong(),
          "events of version " + v);
      Map<String, JsonNode> psi = byFeature("psi", v);
      for (Iterator<Map.Entry<String, JsonNode>> it = want.path("psi").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        JsonNode r = psi.get(f.getKey());
        assertEquals(v, r.path("model_version").asText());
        double w = f.getValue().asDouble();
        assertEquals(
            w, r.path("value").asDouble(), AdultFixtures.EXACT_REL * Math.abs(w), r::toString);
      }
      Map<String, JsonNode> ks = byFeature("ks", v);
      for (Iterator<Map.Entry<String, JsonNode>> it = want.path("ks").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        JsonNode r = ks.get(f.getKey());
        assertEquals(
            f.getValue().path("statistic").asDouble(),
            r.path("value").asDouble(),
            AdultFixtures.KS_STATISTIC_ABS);
        double p = f.getValue().path("p_value").asDouble();
        assertEquals(p, r.path("p_value").asDouble(), AdultFixtures.P_VALUE_REL * p, r::toString);
      }
    }
    // the whole window still has its results, all 4670 events
    assertEquals(4670, byFeature("count", null).get("").path("value").asLong());
    assertEquals("critical", byFeature("psi", "2").get("age").path("status").asText());
    assertEquals("ok", byFeature("psi", "1").get("age").path("status").asText());
  }

  @Test
  void theChallengerComparisonBreachesForTheCanaryOnly() {
    assertEquals(Map.of(), byFeature("challenger_psi", "1"), "the champion is not compared");
    Map<String, JsonNode> canary = byFeature("challenger_psi", "2");
    JsonNode want = expected.path("challenger_psi");
    assertEquals(16, canary.size(), "14 features, the score and the label");
    List<String> breached = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode r = canary.get(f.getKey());
      double w = f.getValue().asDouble();
      assertEquals(
          w, r.path("value").asDouble(), AdultFixtures.EXACT_REL * Math.abs(w), r::toString);
      assertEquals(600, r.path("n").asLong());
      String status = w >= 0.25 ? "critical" : w >= 0.1 ? "warning" : "ok";
      assertEquals(status, r.path("status").asText(), r::toString);
      if (!status.equals("ok")) {
        breached.add(f.getKey());
      }
    }
    assertEquals(List.of("age", "marital_status", "relationship", "score", "workclass"), breached);
  }

  @Test
  void eachVersionsPerformanceMatchesNumpyAndScipyAndOnlyTheCanaryIsComparedToTheChampion() {
    JsonNode perf = expected.path("performance");
    for (String v : List.of("1", "2")) {
      for (String metric : List.of("accuracy", "precision", "recall", "f1", "roc_auc")) {
        JsonNode r = byFeature(metric, v).get("");
        double w = perf.path(v).path(metric).asDouble();
        assertEquals(w, r.path("value").asDouble(), AdultFixtures.EXACT_REL * w, r::toString);
        assertEquals(perf.path(v).path("n").asLong(), r.path("n").asLong());
      }
    }
    assertEquals(Map.of(), byFeature("challenger_accuracy", "1"), "the champion is not compared");
    for (String metric : List.of("accuracy", "f1", "roc_auc")) {
      JsonNode r = byFeature("challenger_" + metric, "2").get("");
      double canary = perf.path("2").path(metric).asDouble();
      double champion = perf.path("1").path(metric).asDouble();
      assertEquals(canary, r.path("value").asDouble(), AdultFixtures.EXACT_REL * canary);
      assertEquals(4070, r.path("n_reference").asLong(), "the champion's labelled predictions");
      double drop = champion - canary;
      String status = drop >= 0.10 ? "critical" : drop >= 0.05 ? "warning" : "ok";
      assertEquals(status, r.path("status").asText(), r::toString);
    }
    assertEquals("warning", byFeature("challenger_accuracy", "2").get("").path("status").asText());
  }

  @Test
  void twoShardsGiveTheSameResults() throws Exception {
    Path runDir = Files.createDirectories(dir.resolve("p2"));
    Path config = AdultFixtures.writeConfig(runDir, "", "1d");
    Files.writeString(
        config, Files.readString(config).replace("  parallelism: 1\n", "  parallelism: 2\n"));
    Path two = AdultFixtures.replay(config, input, runDir.resolve("out"));
    assertEquals(
        Files.readAllLines(out.resolve("metrics.jsonl")).stream().sorted().toList(),
        Files.readAllLines(two.resolve("metrics.jsonl")).stream().sorted().toList());
  }

  @Test
  void theCanarysIncidentsAreItsOwnSeriesAndTheReportHasAVersionsSection() throws Exception {
    List<String> subjects = new ArrayList<>();
    List<String> members = new ArrayList<>();
    for (JsonNode e : AdultFixtures.readJsonLines(out.resolve("incidents.jsonl"))) {
      if (e.path("subject").asText().contains("version=2")) {
        subjects.add(e.path("subject").asText());
        assertEquals("2", e.path("data").path("version").asText());
        assertTrue(
            e.path("data").path("summary").asText().startsWith("adult-income-logreg version 2 "),
            e.toString());
        e.path("data").path("members").forEach(m -> members.add(m.path("series").asText()));
      }
    }
    // the canary's drift of age is an incident of version 2 alone, its metrics members of it
    assertTrue(subjects.contains("adult-income-logreg/version=2/feature=age"), subjects.toString());
    assertTrue(
        members.contains("adult-income-logreg/challenger_psi/version=2/feature=age"),
        members.toString());

    Path bundle = dir.resolve("bundle");
    assertEquals(
        0,
        aimon(
            "evidence",
            "export",
            "--evidence",
            out.resolve("evidence").toString(),
            "--from",
            "2024-02-01",
            "--to",
            "2024-02-03",
            "--out",
            bundle.toString(),
            "--public-key",
            dir.resolve("keys/aimon-evidence.pub").toString()));
    String html = Files.readString(bundle.resolve("report.html"));
    assertTrue(html.contains("<h3>Model versions</h3>"), "versions section");
    Matcher row =
        Pattern.compile("<tr class=\"(\\w+)\" data-version=\"2\">(.*?)</tr>").matcher(html);
    assertTrue(row.find(), "a row for version 2");
    assertEquals("gap", row.group(1));
    long checks2 = results.stream().filter(r -> "2".equals(r.path("version").asText())).count();
    long challengerBreaches =
        results.stream()
            .filter(r -> "2".equals(r.path("version").asText()))
            .filter(r -> r.path("metric").asText().startsWith("challenger_"))
            .filter(r -> r.path("status").asText().matches("warning|critical"))
            .count();
    assertEquals(7, challengerBreaches, "5 of psi, accuracy and roc_auc");
    assertTrue(row.group(2).contains(">" + checks2 + "<"), row.group(2));
    assertTrue(row.group(2).contains(">" + challengerBreaches + "<"), row.group(2));
  }
}
