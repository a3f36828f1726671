package io.aimon.detectors.performance;

import static io.aimon.detectors.performance.PerformanceFixtures.RATE_ABSOLUTE;
import static io.aimon.detectors.performance.PerformanceFixtures.assertAbsolute;
import static io.aimon.detectors.performance.PerformanceFixtures.assertCount;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The Adult oracle ({@code jobs/src/test/resources/datasets/adult/expected.json}): every UTC-day
 * window of {@code production.jsonl.gz}, accumulated event by event, gives the oracle's confusion
 * counts, accuracy, precision, recall, F1 and ROC AUC (label 1 = positive).
 */
class AdultPerformanceTest {
  static final Path ADULT = Path.of("../jobs/src/test/resources/datasets/adult");

  @Test
  void everyWindowMatchesTheOracle() throws IOException {
    Map<LocalDate, BinaryClassificationAccumulator> windows = new TreeMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(ADULT.resolve("production.jsonl.gz"))),
                StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode e = PerformanceFixtures.mapper().readTree(line);
        LocalDate day =
            LocalDate.ofInstant(Instant.parse(e.get("timestamp").asText()), ZoneOffset.UTC);
        windows
            .computeIfAbsent(day, d -> new BinaryClassificationAccumulator())
            .add(
                e.get("label").asInt() == 1,
                e.get("prediction").asInt() == 1,
                e.get("score").asDouble());
      }
    }
    JsonNode expected =
        PerformanceFixtures.mapper().readTree(ADULT.resolve("expected.json").toFile());
    assertEquals(expected.get("windows").size(), windows.size(), "one window per UTC day");
    for (JsonNode w : expected.get("windows")) {
      LocalDate day =
          LocalDate.ofInstant(
              Instant.parse(w.get("time_range").get("start").asText()), ZoneOffset.UTC);
      BinaryClassificationMetrics m = windows.get(day).result();
      JsonNode p = w.get("performance");
      assertCount("adult n", w.get("n_rows").asLong(), m.n());
      assertCount("adult n", p.get("n").asLong(), m.n());
      assertCount("adult tp", p.get("tp").asLong(), m.counts().tp());
      assertCount("adult fp", p.get("fp").asLong(), m.counts().fp());
      assertCount("adult tn", p.get("tn").asLong(), m.counts().tn());
      assertCount("adult fn", p.get("fn").asLong(), m.counts().fn());
      assertAbsolute("adult accuracy", p.get("accuracy"), m.accuracy(), RATE_ABSOLUTE);
      assertAbsolute("adult precision", p.get("precision"), m.precision(), RATE_ABSOLUTE);
      assertAbsolute("adult recall", p.get("recall"), m.recall(), RATE_ABSOLUTE);
      assertAbsolute("adult f1", p.get("f1"), m.f1(), RATE_ABSOLUTE);
      assertAbsolute("adult roc_auc", p.get("roc_auc"), m.rocAuc(), RATE_ABSOLUTE);
      assertEquals(0.0, m.rocAucErrorBound(), "scores stay exact below 10,000 distinct values");
    }
    System.out.println(
        PerformanceFixtures.maxErrorReport("Adult performance: largest errors", "adult "));
  }
}
