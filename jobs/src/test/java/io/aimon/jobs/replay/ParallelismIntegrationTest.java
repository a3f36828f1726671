package io.aimon.jobs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.evidence.ArchiveVerifier;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.AdultOutcomes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One model across many subtasks: the Adult replay (drift, performance and fairness, labels 6 h
 * late) at parallelism 1, 2 and 4, so 1, 2 and 4 shards per model whose partial windows are merged
 * before the checks. The check results, incidents, dead letters and evidence records are the same
 * at every parallelism (evidence compared without the members that name the config: its digest and
 * the plan digest and the hashes that cover them, and without seqs), and each archive verifies.
 */
class ParallelismIntegrationTest {
  /**
   * Record members that differ with the config's digest, which covers job.parallelism: the digest,
   * the monitoring plan's digest (the plan names the config), and the hashes that cover them.
   */
  private static final Set<String> CONFIG_BOUND =
      Set.of("config_digest", "plan_digest", "hash", "prev", "seq");

  @Test
  void theResultsAreTheSameAtParallelism1And2And4(@TempDir Path dir) throws Exception {
    assertSameAtEveryParallelism(dir, true);
  }

  /**
   * With labels only inline, the outcome windows take the admitted events' shards as they are
   * (chained, no shuffle): the same results at every parallelism, and equal to scikit-learn's.
   */
  @Test
  void inlineLabelsGiveTheSameResultsAtParallelism1And2And4(@TempDir Path dir) throws Exception {
    assertSameAtEveryParallelism(dir, false);
  }

  private static void assertSameAtEveryParallelism(Path dir, boolean lateLabels) throws Exception {
    Run one = replay(dir, 1, lateLabels);
    AdultOutcomes.assertMatchesExpected(one.metricsJson());
    for (int p : List.of(2, 4)) {
      Run other = replay(dir, p, lateLabels);
      assertEquals(one.metrics(), other.metrics(), "check results at parallelism " + p);
      assertEquals(one.incidents(), other.incidents(), "incidents at parallelism " + p);
      assertEquals(one.deadLetters(), other.deadLetters(), "dead letters at parallelism " + p);
      assertEquals(one.evidence(), other.evidence(), "evidence records at parallelism " + p);
    }
    System.out.printf(
        "parallelism 1, 2, 4: %d check results, %d incident events, %d evidence records equal%n",
        one.metrics().size(), one.incidents().size(), one.evidence().size());
  }

  private record Run(
      List<String> metrics,
      List<JsonNode> metricsJson,
      List<String> incidents,
      List<String> deadLetters,
      List<String> evidence) {}

  /**
   * @param lateLabels the events unlabelled and their labels from a file (joined), else the events
   *     labelled inline
   */
  private static Run replay(Path dir, int parallelism, boolean lateLabels) throws Exception {
    Path runDir = Files.createDirectories(dir.resolve("p" + parallelism));
    Path config =
        AdultFixtures.writeConfig(
            runDir, "", "1d", AdultFixtures.FAIRNESS + "\nlabels: {max_delay: 12h}");
    Files.writeString(
        config,
        Files.readString(config)
            .replace("  parallelism: 1\n", "  parallelism: " + parallelism + "\n"));
    Path out =
        AdultFixtures.replay(
            config,
            lateLabels ? AdultFixtures.PRODUCTION_UNLABELED : AdultFixtures.PRODUCTION,
            lateLabels ? AdultFixtures.LABELS : null,
            runDir.resolve("out"));
    ArchiveVerifier.Report report = ArchiveVerifier.verify(out.resolve("evidence"), null);
    assertTrue(report.intact(), report.problems().toString());
    List<String> evidence = new ArrayList<>();
    try (Stream<Path> files = Files.walk(out.resolve("evidence"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        for (String line : Files.readAllLines(f)) {
          JsonNode n = AdultFixtures.parse(line);
          if (!n.path("kind").asText().equals("manifest")) {
            strip(n);
            evidence.add(n.toString());
          }
        }
      }
    }
    return new Run(
        sorted(out.resolve("metrics.jsonl")),
        AdultFixtures.readJsonLines(out.resolve("metrics.jsonl")),
        sorted(out.resolve("incidents.jsonl")),
        sorted(out.resolve("dead-letter.jsonl")),
        evidence.stream().sorted().toList());
  }

  private static void strip(JsonNode n) {
    if (n instanceof ObjectNode o) {
      o.remove(CONFIG_BOUND);
    }
    n.forEach(ParallelismIntegrationTest::strip);
  }

  private static List<String> sorted(Path file) throws IOException {
    return Files.readAllLines(file).stream().sorted().toList();
  }
}
