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
    assertEstimatesMatchAndSitNextToTheRealized(
        AdultFixtures.readJsonLines(out.resolve("metrics.jsonl")));
    assertReconstructionErrorsMatch(AdultFixtures.readJsonLines(out.resolve("metrics.jsonl")));
  }

  /**
   * The multivariate check through the job: each day's reconstruction_error equals the mean error
   * of scikit-learn's StandardScaler and PCA(0.65) (detectors' pca/expected.json) within 1e-9
   * relative; the natural days are ok, the two drift-scenario days breach.
   */
  private static void assertReconstructionErrorsMatch(List<JsonNode> results) throws Exception {
    JsonNode pca =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(Path.of("../detectors/src/test/resources/pca/expected.json").toFile());
    int checked = 0;
    for (JsonNode r : results) {
      if (r.path("metric").asText().equals("reconstruction_error") && !r.has("version")) {
        String day = r.path("window_start").asText().substring(0, 10);
        double want = pca.path("windows").path(day).path("mean").asDouble();
        assertEquals(want, r.path("value").asDouble(), 1e-9 * want, day);
        assertEquals(
            pca.path("chunk_std").path("4070").asDouble(),
            r.path("sampling_error").asDouble(),
            day.equals("2024-02-01") || day.equals("2024-02-02") ? 1e-12 : 1,
            day);
        String status =
            day.equals("2024-02-05") ? "critical" : day.equals("2024-02-06") ? "warning" : "ok";
        assertEquals(status, r.path("status").asText(), r.toString());
        System.out.printf(
            "Adult multivariate %s: reconstruction error %.4f (%s), band %.4f%n",
            day, r.path("value").asDouble(), status, r.path("sampling_error").asDouble());
        checked++;
      }
    }
    assertEquals(6, checked, "one reconstruction_error per day");
  }

  /**
   * CBPE through the job: each day's estimated_* results (from the inference events, no label used)
   * equal numpy's on scikit-learn's calibration (detectors' cbpe/expected.json), and each realized
   * result carries the estimate of the same window's predictions, equal to the one made before any
   * label, with the estimation error value - estimate.
   */
  private static void assertEstimatesMatchAndSitNextToTheRealized(List<JsonNode> results)
      throws Exception {
    JsonNode cbpe =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(Path.of("../detectors/src/test/resources/cbpe/expected.json").toFile())
            .path("windows");
    Map<String, Double> estimated = new java.util.HashMap<>();
    int checked = 0;
    double worst = 0;
    for (JsonNode r : results) {
      String metric = r.path("metric").asText();
      if (metric.startsWith("estimated_") && !r.has("version")) {
        String day = r.path("window_start").asText().substring(0, 10);
        String m = metric.substring("estimated_".length());
        double want = cbpe.path(day).path("estimated").path(m).asDouble();
        double tolerance = m.equals("roc_auc") ? 1e-7 : 1e-9; // roc_auc: its bound, below 3.1e-8
        assertEquals(want, r.path("value").asDouble(), tolerance, day + " " + metric);
        assertTrue(r.path("sampling_error").asDouble() > 0, r.toString());
        worst = Math.max(worst, Math.abs(want - r.path("value").asDouble()));
        estimated.put(day + "/" + m, r.path("value").asDouble());
        checked++;
      }
    }
    assertEquals(6 * 6, checked, "six estimated metrics per day");
    int next = 0;
    for (JsonNode r : results) {
      String metric = r.path("metric").asText();
      if (List.of("accuracy", "precision", "recall", "f1", "roc_auc").contains(metric)
          && !r.has("attribute")
          && !r.has("version")) {
        String day = r.path("window_start").asText().substring(0, 10);
        double before = estimated.get(day + "/" + metric);
        assertEquals(before, r.path("estimate").asDouble(), 1e-12, day + " " + metric);
        assertEquals(
            r.path("value").asDouble() - r.path("estimate").asDouble(),
            r.path("estimation_error").asDouble(),
            1e-15);
        if (metric.equals("accuracy")) {
          System.out.printf(
              "Adult CBPE %s: accuracy %.4f, estimated %.4f, error %+.4f, band %.4f%n",
              day,
              r.path("value").asDouble(),
              before,
              r.path("estimation_error").asDouble(),
              r.path("sampling_error").asDouble());
        }
        next++;
      }
    }
    assertEquals(6 * 5, next, "every realized value next to its estimate");
    System.out.printf("Adult CBPE: %d estimates checked, largest error %.3g%n", checked, worst);
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
