package io.aimon.detectors.fairness;

import static io.aimon.detectors.fairness.FairnessFixtures.assertCount;
import static io.aimon.detectors.fairness.FairnessFixtures.assertRate;
import static io.aimon.detectors.fairness.FairnessFixtures.strings;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The Adult oracle ({@code jobs/src/test/resources/datasets/adult/expected.json}): every UTC-day
 * window of {@code production.jsonl.gz} gives the oracle's per-group counts and rates and the
 * pandas gap values of {@code fairness.sex} and {@code fairness.race} (no min_group_size applied).
 */
class AdultFairnessTest {
  static final Path ADULT = Path.of("../jobs/src/test/resources/datasets/adult");
  static final List<String> ATTRIBUTES = List.of("sex", "race");

  @Test
  void everyWindowMatchesTheOracle() throws IOException {
    Map<LocalDate, FairnessAccumulator> windows = new TreeMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(ADULT.resolve("production.jsonl.gz"))),
                StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode e = FairnessFixtures.mapper().readTree(line);
        LocalDate day =
            LocalDate.ofInstant(Instant.parse(e.get("timestamp").asText()), ZoneOffset.UTC);
        String[] values = new String[ATTRIBUTES.size()];
        for (int a = 0; a < values.length; a++) {
          JsonNode v = e.get("groups").get(ATTRIBUTES.get(a));
          values[a] = v == null || v.isNull() ? null : v.asText();
        }
        windows
            .computeIfAbsent(day, d -> FairnessAccumulator.builder().attributes(ATTRIBUTES).build())
            .add(values, e.get("prediction").asInt() == 1, e.get("label").asInt() == 1);
      }
    }
    JsonNode expected = FairnessFixtures.mapper().readTree(ADULT.resolve("expected.json").toFile());
    assertEquals(expected.get("windows").size(), windows.size(), "one window per UTC day");
    for (JsonNode w : expected.get("windows")) {
      LocalDate day =
          LocalDate.ofInstant(
              Instant.parse(w.get("time_range").get("start").asText()), ZoneOffset.UTC);
      Map<String, FairnessResult> results = windows.get(day).evaluate(0);
      for (String attribute : ATTRIBUTES) {
        JsonNode e = w.get("fairness").get(attribute);
        FairnessResult r = results.get(attribute);
        List<String> groupNames = new ArrayList<>();
        e.get("groups").fieldNames().forEachRemaining(groupNames::add);
        assertEquals(groupNames, new ArrayList<>(r.groups().keySet()), day + " " + attribute);
        for (String g : groupNames) {
          JsonNode eg = e.get("groups").get(g);
          GroupRates rg = r.groups().get(g);
          assertCount("adult count", eg.get("count").asLong(), rg.count());
          assertCount("adult tp", eg.get("tp").asLong(), rg.counts().tp());
          assertCount("adult fp", eg.get("fp").asLong(), rg.counts().fp());
          assertCount("adult tn", eg.get("tn").asLong(), rg.counts().tn());
          assertCount("adult fn", eg.get("fn").asLong(), rg.counts().fn());
          assertRate("adult selection_rate", eg.get("selection_rate"), rg.selectionRate());
          assertRate("adult tpr", eg.get("tpr"), rg.tpr());
          assertRate("adult fpr", eg.get("fpr"), rg.fpr());
        }
        assertRate(
            "adult demographic_parity_difference",
            e.get("demographic_parity_difference"),
            r.demographicParityDifference());
        assertRate(
            "adult demographic_parity_ratio",
            e.get("demographic_parity_ratio"),
            r.demographicParityRatio());
        assertRate(
            "adult equal_opportunity_difference",
            e.get("equal_opportunity_difference"),
            r.equalOpportunityDifference());
        assertRate(
            "adult equalized_odds_difference",
            e.get("equalized_odds_difference"),
            r.equalizedOddsDifference());
        assertRate(
            "adult equalized_odds_ratio", e.get("equalized_odds_ratio"), r.equalizedOddsRatio());
        assertEquals(strings(e.get("undefined_groups")), r.undefinedGroups(), day + " undefined");
      }
    }
    System.out.println(FairnessFixtures.maxErrorReport("Adult fairness: largest errors", "adult "));
  }
}
