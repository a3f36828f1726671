package io.aimon.jobs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aimon.evidence.ArchiveVerifier;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.AdultOutcomes;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A producer that retries: the Adult production predictions (labels 6 h late, on their own stream),
 * every 7th sent twice in a row and every 13th once more three events later. Each repeat is a
 * {@code duplicate_inference} dead letter counted in the coverage evidence; the check results,
 * performance and fairness included, are those of the clean stream (and so still Fairlearn's and
 * scikit-learn's); the archive verifies.
 */
class DuplicateInferenceIntegrationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void repeatedInferenceIdsAreDeadLetteredAndLeaveTheResultsAlone(@TempDir Path dir)
      throws Exception {
    Path config =
        AdultFixtures.writeConfig(
            dir, "", "1d", AdultFixtures.FAIRNESS + "\nlabels: {max_delay: 12h}");
    Path clean =
        AdultFixtures.replay(
            config, AdultFixtures.PRODUCTION_UNLABELED, AdultFixtures.LABELS, dir.resolve("clean"));

    Path input = dir.resolve("retried.jsonl");
    long repeats = 0;
    try (BufferedReader r = gzip(AdultFixtures.PRODUCTION_UNLABELED);
        BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
      List<String> lines = r.lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        w.write(lines.get(i));
        w.newLine();
        if (i % 7 == 0) {
          w.write(lines.get(i));
          w.newLine();
          repeats++;
        }
        if (i >= 3 && (i - 3) % 13 == 0) {
          w.write(lines.get(i - 3));
          w.newLine();
          repeats++;
        }
      }
    }
    Path retried =
        AdultFixtures.replay(config, input, AdultFixtures.LABELS, dir.resolve("retried"));

    assertEquals(Map.of("duplicate_inference", repeats), deadLettersByReason(retried));
    assertEquals(Map.of("duplicate_inference", repeats), coverageDeadLetters(retried));
    assertEquals(sortedMetrics(clean), sortedMetrics(retried));
    AdultOutcomes.assertMatchesExpected(
        AdultFixtures.readJsonLines(retried.resolve("metrics.jsonl")));
    assertEquals(List.of(), ArchiveVerifier.verify(retried.resolve("evidence"), null).problems());
    System.out.println("duplicate_inference: " + repeats + " repeats dead-lettered");
  }

  private static BufferedReader gzip(Path file) throws java.io.IOException {
    return new BufferedReader(
        new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8));
  }

  private static List<String> sortedMetrics(Path out) throws java.io.IOException {
    return Files.readAllLines(out.resolve("metrics.jsonl")).stream().sorted().toList();
  }

  private static Map<String, Long> deadLettersByReason(Path out) throws java.io.IOException {
    Map<String, Long> byReason = new TreeMap<>();
    for (JsonNode d : AdultFixtures.readJsonLines(out.resolve("dead-letter.jsonl"))) {
      byReason.merge(d.path("reason").asText(), 1L, Long::sum);
    }
    return byReason;
  }

  private static Map<String, Long> coverageDeadLetters(Path out) throws java.io.IOException {
    Map<String, Long> byReason = new TreeMap<>();
    try (Stream<Path> files = Files.walk(out.resolve("evidence"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        for (String l : Files.readAllLines(f)) {
          if (l.contains("\"kind\":\"coverage\"")) {
            MAPPER
                .readTree(l)
                .path("data")
                .path("dead_letters")
                .fields()
                .forEachRemaining(
                    e -> byReason.merge(e.getKey(), e.getValue().asLong(), Long::sum));
          }
        }
      }
    }
    return byReason;
  }
}
