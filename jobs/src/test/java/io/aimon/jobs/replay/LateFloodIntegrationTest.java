package io.aimon.jobs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aimon.evidence.ArchiveVerifier;
import io.aimon.jobs.AdultFixtures;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
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
 * A producer replaying old days into the live input: the Adult production events, then one event of
 * the next day (the live traffic that moves event time on), then the whole timeline again 39 times,
 * 931,281 events behind the watermark. The replay completes; every late event is a {@code late}
 * dead letter counted in the coverage evidence; the check results are those of the single-copy
 * replay; the archive verifies. The same with 500,000 malformed lines mixed in, and on the RocksDB
 * state backend.
 */
class LateFloodIntegrationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int REPEATS = 39;
  private static final int MALFORMED = 500_000;

  /** Bad lines mixed in, by the reason they must be dead-lettered with. */
  private static final Map<String, String> BAD =
      Map.of(
          "malformed_json", "{\"inference_id\":\"x\",",
          "wrong_type",
              "{\"inference_id\":7,\"model_id\":\"adult-income-logreg\","
                  + "\"timestamp\":\"2024-02-03T00:00:00Z\",\"features\":{},\"prediction\":1}",
          "unknown_model",
              "{\"inference_id\":\"u\",\"model_id\":\"fraud-v2\","
                  + "\"timestamp\":\"2024-02-03T00:00:00Z\",\"features\":{},\"prediction\":1}");

  private static final List<String> BAD_ORDER =
      List.of("malformed_json", "wrong_type", "unknown_model");

  @Test
  void aLateFloodIsCountedNotKeptAndLeavesTheResultsAlone(@TempDir Path dir) throws Exception {
    Result single = replay(dir.resolve("single"), 0, 0);
    Result flood = replay(dir.resolve("flood"), REPEATS, 0);
    long late = (long) REPEATS * single.production();
    assertEquals(931_281, late);
    assertEquals(Map.of("late", late), flood.deadLetters());
    assertEquals(Map.of("late", late), flood.coverageOwn());
    assertEquals(Map.of(), flood.coverageUnattributed());
    assertEquals(late, flood.coverageLateEvents());
    assertEquals(single.metrics(), flood.metrics());
    assertEquals(List.of(), flood.problems());
  }

  @Test
  void aLateFloodWithHalfAMillionMalformedLinesToo(@TempDir Path dir) throws Exception {
    Result single = replay(dir.resolve("single"), 0, 0);
    Result flood = replay(dir.resolve("flood"), REPEATS, MALFORMED);
    long late = (long) REPEATS * single.production();
    long each = MALFORMED / BAD_ORDER.size();
    Map<String, Long> expected = new TreeMap<>();
    expected.put("late", late);
    BAD_ORDER.forEach(r -> expected.put(r, each + (BAD_ORDER.indexOf(r) < MALFORMED % 3 ? 1 : 0)));
    assertEquals(expected, flood.deadLetters());
    assertEquals(
        Map.of("late", late, "wrong_type", expected.get("wrong_type")), flood.coverageOwn());
    assertEquals(
        Map.of(
            "malformed_json", expected.get("malformed_json"),
            "unknown_model", expected.get("unknown_model")),
        flood.coverageUnattributed());
    assertEquals(late, flood.coverageLateEvents());
    assertEquals(single.metrics(), flood.metrics());
    assertEquals(List.of(), flood.problems());
  }

  /**
   * The flood on the RocksDB state backend, where every state access is serialized and the
   * duplicate filters, partial windows and chain state live on local disk: the same dead letters,
   * coverage and results as the single-copy replay on the heap.
   */
  @Test
  void aLateFloodOnTheRocksDbStateBackend(@TempDir Path dir) throws Exception {
    // few exact values, so that a window's accumulator (which RocksDB reads and writes for every
    // event added) stays small: the flood, not the serialization, is under test
    Result single = replay(dir.resolve("single"), 0, 0, "exact_values: 100");
    Result flood =
        replay(dir.resolve("flood"), REPEATS, 0, "state_backend: rocksdb\nexact_values: 100");
    long late = (long) REPEATS * single.production();
    assertEquals(Map.of("late", late), flood.deadLetters());
    assertEquals(Map.of("late", late), flood.coverageOwn());
    assertEquals(late, flood.coverageLateEvents());
    assertEquals(single.metrics(), flood.metrics());
    assertEquals(List.of(), flood.problems());
  }

  /**
   * What one replay gave.
   *
   * @param production events in one copy of the production file
   * @param metrics metrics.jsonl, sorted
   * @param deadLetters dead-letter.jsonl's records by reason
   * @param coverageOwn the coverage records' {@code dead_letters}, summed by reason
   * @param coverageUnattributed their {@code unattributed_dead_letters}, summed by reason
   * @param coverageLateEvents their {@code late_events}, summed
   * @param problems what the archive verifier found
   */
  private record Result(
      long production,
      List<String> metrics,
      Map<String, Long> deadLetters,
      Map<String, Long> coverageOwn,
      Map<String, Long> coverageUnattributed,
      long coverageLateEvents,
      List<String> problems) {}

  /**
   * Replays the production events, one event of 2024-02-07 that closes the last window, then the
   * production events {@code repeats} more times, with {@code malformed} bad lines spread over all.
   */
  private static Result replay(Path dir, int repeats, int malformed) throws Exception {
    return replay(dir, repeats, malformed, "");
  }

  /** As above, with {@code extraJob} (YAML) under {@code job:}. */
  private static Result replay(Path dir, int repeats, int malformed, String extraJob)
      throws Exception {
    Files.createDirectories(dir);
    Path input = dir.resolve("input.jsonl");
    long production = 0;
    try (BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
      List<String> lines = productionLines();
      production = lines.size();
      long total = production * (repeats + 1);
      long every = malformed == 0 ? Long.MAX_VALUE : Math.max(1, total / malformed);
      long written = 0;
      long bad = 0;
      for (int copy = 0; copy <= repeats; copy++) {
        for (String line : lines) {
          w.write(line);
          w.newLine();
          written++;
          if (bad < malformed && written % every == 0) {
            w.write(BAD.get(BAD_ORDER.get((int) (bad % BAD_ORDER.size()))));
            w.newLine();
            bad++;
          }
        }
        if (copy == 0) {
          w.write(
              lines
                  .get(0)
                  .replace("\"adult-16280\"", "\"adult-next-day\"")
                  .replace("2024-02-01T00:00:00Z", "2024-02-07T12:00:00Z"));
          w.newLine();
        }
      }
      while (bad < malformed) {
        w.write(BAD.get(BAD_ORDER.get((int) (bad % BAD_ORDER.size()))));
        w.newLine();
        bad++;
      }
    }
    Path config =
        AdultFixtures.writeConfig(
            dir, "out_of_orderness: 0s" + (extraJob.isEmpty() ? "" : "\n" + extraJob));
    Path out = AdultFixtures.replay(config, input, dir.resolve("out"));
    Files.delete(input);

    Map<String, Long> dead = new TreeMap<>();
    try (Stream<String> lines = Files.lines(out.resolve("dead-letter.jsonl"))) {
      // dead letters start with {"reason":"<code>"
      lines.forEach(l -> dead.merge(l.substring(11, l.indexOf('"', 11)), 1L, Long::sum));
    }
    Map<String, Long> own = new TreeMap<>();
    Map<String, Long> unattributed = new TreeMap<>();
    long lateEvents = 0;
    try (Stream<Path> files = Files.walk(out.resolve("evidence"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        for (String l : Files.readAllLines(f)) {
          if (l.contains("\"kind\":\"coverage\"")) {
            JsonNode data = MAPPER.readTree(l).path("data");
            lateEvents += data.path("late_events").asLong();
            data.path("dead_letters")
                .fields()
                .forEachRemaining(e -> own.merge(e.getKey(), e.getValue().asLong(), Long::sum));
            data.path("unattributed_dead_letters")
                .fields()
                .forEachRemaining(
                    e -> unattributed.merge(e.getKey(), e.getValue().asLong(), Long::sum));
          }
        }
      }
    }
    ArchiveVerifier.Report report = ArchiveVerifier.verify(out.resolve("evidence"), null);
    List<String> metrics =
        Files.readAllLines(out.resolve("metrics.jsonl")).stream().sorted().toList();
    assertTrue(metrics.size() > 300, metrics.size() + " check results: expected every window's");
    return new Result(
        production,
        metrics,
        dead,
        own,
        unattributed,
        lateEvents,
        report.problems().stream().map(Object::toString).toList());
  }

  private static List<String> productionLines() throws IOException {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(AdultFixtures.PRODUCTION)),
                StandardCharsets.UTF_8))) {
      return r.lines().toList();
    }
  }
}
