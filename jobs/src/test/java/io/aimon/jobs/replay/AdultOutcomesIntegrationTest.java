package io.aimon.jobs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.AdultOutcomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Performance and fairness of the Adult replay equal scikit-learn's and pandas/Fairlearn's values
 * (expected.json), with labels inline and with labels delivered separately 6 h late.
 */
class AdultOutcomesIntegrationTest {
  /** Per window: 4 confusion counts, 5 rates, per group count + 3 rates, 5 gaps per attribute. */
  private static final double EXPECTED_VALUES = 282;

  @Test
  void inlineLabelsGiveEveryPerformanceAndFairnessValue(@TempDir Path dir) throws Exception {
    Path out =
        AdultFixtures.replay(
            AdultFixtures.writeConfig(dir, "", "1d", AdultFixtures.FAIRNESS),
            AdultFixtures.PRODUCTION,
            dir.resolve("out"));
    Map<String, Double> maxError =
        AdultOutcomes.assertMatchesExpected(
            AdultFixtures.readJsonLines(out.resolve("metrics.jsonl")));
    System.out.println(
        "Adult outcomes (inline labels): values checked and largest error " + maxError);
    assertEquals(EXPECTED_VALUES, maxError.get("values"));
  }

  @Test
  void labelsSixHoursLateGiveTheSameValuesAsInlineLabels(@TempDir Path dir) throws Exception {
    Path config =
        AdultFixtures.writeConfig(
            dir, "", "1d", AdultFixtures.FAIRNESS + "\nlabels: {max_delay: 12h}");
    Path inline = AdultFixtures.replay(config, AdultFixtures.PRODUCTION, dir.resolve("inline"));
    Path late =
        AdultFixtures.replay(
            config, AdultFixtures.PRODUCTION_UNLABELED, AdultFixtures.LABELS, dir.resolve("late"));
    List<JsonNode> lateResults = AdultFixtures.readJsonLines(late.resolve("metrics.jsonl"));
    Map<String, Double> maxError = AdultOutcomes.assertMatchesExpected(lateResults);
    System.out.println(
        "Adult outcomes (labels 6 h late): values checked and largest error " + maxError);
    assertEquals(EXPECTED_VALUES, maxError.get("values"));
    assertEquals(0, Files.size(late.resolve("dead-letter.jsonl")), "every label joined in time");
    // everything but label drift (which needs labels on the events themselves) is identical
    List<String> inlineLines =
        Files.readAllLines(inline.resolve("metrics.jsonl")).stream()
            .filter(l -> !l.contains("\"feature\":\"label\""))
            .sorted()
            .toList();
    assertEquals(
        inlineLines, Files.readAllLines(late.resolve("metrics.jsonl")).stream().sorted().toList());
  }

  @Test
  void partialResultsComeAtWindowEndAndTheFinalOnceAfterMaxDelay(@TempDir Path dir)
      throws Exception {
    Path config =
        AdultFixtures.writeConfig(
            dir, "", "12h", "labels: {max_delay: 12h, partial_results: true}");
    Path out =
        AdultFixtures.replay(
            config, AdultFixtures.PRODUCTION_UNLABELED, AdultFixtures.LABELS, dir.resolve("out"));
    List<JsonNode> accuracy =
        AdultFixtures.readJsonLines(out.resolve("metrics.jsonl")).stream()
            .filter(r -> r.path("metric").asText().equals("accuracy"))
            .toList();
    List<JsonNode> partial = accuracy.stream().filter(r -> r.path("partial").asBoolean()).toList();
    List<JsonNode> fin = accuracy.stream().filter(r -> !r.has("partial")).toList();
    // events fill the first ~11.3 h of each day: one 12 h window per day
    assertEquals(6, fin.size(), "one final result per window");
    assertEquals(6, partial.size(), "one partial result per window");
    for (JsonNode p : partial) {
      JsonNode f =
          fin.stream()
              .filter(r -> r.path("window_start").equals(p.path("window_start")))
              .findFirst()
              .orElseThrow();
      // a partial result holds the labels joined by window end: at most the final's
      assertTrue(p.path("n").asLong() <= f.path("n").asLong(), p + " vs " + f);
      assertEquals(p.path("check_id"), f.path("check_id"), "same check, partial then final");
    }
  }
}
