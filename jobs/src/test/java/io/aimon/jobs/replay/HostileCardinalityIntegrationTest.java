package io.aimon.jobs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.config.AimonConfig;
import io.aimon.config.ConfigLoader;
import io.aimon.detectors.event.RawRecord;
import io.aimon.evidence.ArchiveVerifier;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.monitor.MonitorPlan;
import io.aimon.jobs.monitor.MonitorRunner;
import io.aimon.jobs.reference.ReferenceProfiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile cardinality, replayed: 30 one-hour windows of 1,300 Adult events each, in which every
 * event brings a new {@code native_country}, a new 10 KB {@code occupation}, a new 300-byte {@code
 * race} group and a new model version. The job completes; the checkpoint taken near the end of each
 * window is measured on disk and stays flat from the first window to the last (before the bounds,
 * every window added about a thousand alert series and a 10 MB category table); every window's
 * results report what was capped and truncated, its coverage evidence the totals; no fairness gap
 * over the overflow group is {@code ok}; the archive verifies.
 */
class HostileCardinalityIntegrationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int WINDOWS = 30;
  private static final int PER_WINDOW = 1300;
  private static final long HOUR = 3_600_000L;
  private static final long START = Instant.parse("2024-02-01T00:00:00Z").toEpochMilli();

  /** From this event of a window on, the input slows down until a checkpoint is measured. */
  private static final int HOLD_FROM = 1050;

  private static final String TEN_KB = "o".repeat(10_000);
  private static final String LONG_RACE = "r".repeat(300);

  @TempDir Path dir;

  @Test
  void hostileValuesCostBoundedStateAndAreReportedNeverJudgedOk() throws Exception {
    Path input = writeInput(dir.resolve("input.jsonl.gz"));
    Path out = replay(input);

    TreeMap<Integer, Long> sizes = new TreeMap<>(CheckpointSizes.BY_WINDOW);
    System.out.println("hostile cardinality: checkpoint bytes by window " + sizes);
    int first = sizes.firstKey();
    int last = sizes.lastKey();
    long firstSize = sizes.get(first);
    long lastSize = sizes.get(last);
    System.out.printf(
        "hostile cardinality: checkpoint %d bytes in window %d, %d bytes in window %d (%d windows"
            + " measured, %d-%d bytes)%n",
        firstSize,
        first + 1,
        lastSize,
        last + 1,
        sizes.size(),
        sizes.values().stream().mapToLong(Long::longValue).min().orElseThrow(),
        sizes.values().stream().mapToLong(Long::longValue).max().orElseThrow());
    assertTrue(sizes.size() >= 20, "windows measured: " + sizes.keySet());
    assertTrue(first <= 2 && last >= WINDOWS - 3, "first and last windows measured: " + sizes);
    for (long s : sizes.values()) {
      assertTrue(s < firstSize * 5 / 4, "flat: " + sizes);
      assertTrue(s > firstSize * 3 / 4, "flat: " + sizes);
    }
    assertTrue(lastSize < 2_000_000, lastSize + " bytes: one window's bounded state");

    List<JsonNode> metrics = AdultFixtures.readJsonLines(out.resolve("metrics.jsonl"));
    assertEquals(0, Files.size(out.resolve("dead-letter.jsonl")));
    for (int w = 0; w < WINDOWS; w++) {
      String start = Instant.ofEpochMilli(START + w * HOUR).toString();
      List<JsonNode> all =
          metrics.stream().filter(r -> r.path("window_start").asText().equals(start)).toList();
      // a version per event: the 4 smallest are also checked alone, the others only pooled
      assertEquals(
          4,
          all.stream()
              .filter(r -> r.has("version"))
              .map(r -> r.path("version").asText())
              .distinct()
              .count(),
          start);
      List<JsonNode> window = all.stream().filter(r -> !r.has("version")).toList();
      assertCaps(find(window, "psi", "feature", "occupation"), 300, 1300);
      assertCaps(find(window, "psi", "feature", "native_country"), 300, 0);
      assertCaps(find(window, "psi", "feature", "age"), 0, 0);
      JsonNode count =
          window.stream()
              .filter(r -> r.path("metric").asText().equals("count") && !r.has("attribute"))
              .findFirst()
              .orElseThrow();
      assertCaps(count, PER_WINDOW - 16, 0);
      for (String gap :
          List.of(
              "demographic_parity_difference",
              "demographic_parity_ratio",
              "equal_opportunity_difference",
              "equalized_odds_difference",
              "equalized_odds_ratio")) {
        JsonNode race = find(window, gap, "attribute", "race");
        assertEquals("insufficient_data", race.path("status").asText(), gap + " " + start);
        assertEquals("too_few_groups", race.path("reason").asText(), gap + " " + start);
        assertCaps(race, 300, 1300);
        if (w == WINDOWS - 1 && gap.equals("demographic_parity_ratio")) {
          System.out.println("hostile cardinality: " + race);
          System.out.println(
              "hostile cardinality: " + find(window, "psi", "feature", "occupation"));
        }
        JsonNode sex = find(window, gap, "attribute", "sex");
        assertTrue(!sex.has("reason") && !sex.has("capped"), sex.toString());
      }
      for (JsonNode r : window) {
        if (r.path("attribute").asText().equals("race")) {
          assertNotEquals("ok", r.path("status").asText(), r.toString());
        }
      }
      JsonNode pooled =
          window.stream()
              .filter(r -> r.path("group").asText().equals("__OTHER__"))
              .filter(r -> r.path("metric").asText().equals("selection_rate"))
              .findFirst()
              .orElseThrow();
      assertEquals(300, pooled.path("n").asLong());
      assertEquals("overflow_group", pooled.path("reason").asText());
    }

    List<JsonNode> coverage = coverage(out.resolve("evidence"));
    assertEquals(WINDOWS, coverage.size());
    for (JsonNode c : coverage) {
      JsonNode caps = c.path("caps");
      assertEquals(600, caps.path("categories").path("capped").asLong(), c.toString());
      assertEquals(1300, caps.path("categories").path("truncated").asLong());
      assertEquals(300, caps.path("groups").path("capped").asLong());
      assertEquals(1300, caps.path("groups").path("truncated").asLong());
      assertEquals(PER_WINDOW - 16, caps.path("versions").path("capped").asLong());
      assertEquals(0, caps.path("versions").path("truncated").asLong());
      assertEquals(PER_WINDOW - 4, caps.path("version_windows").path("capped").asLong());
    }
    ArchiveVerifier.Report report = ArchiveVerifier.verify(out.resolve("evidence"), null);
    assertEquals(List.of(), report.problems().stream().map(Object::toString).toList());
  }

  private static void assertCaps(JsonNode r, long capped, long truncated) {
    if (capped == 0) {
      assertTrue(!r.has("capped"), r.toString());
    } else {
      assertEquals(capped, r.path("capped").asLong(), r.toString());
    }
    if (truncated == 0) {
      assertTrue(!r.has("truncated"), r.toString());
    } else {
      assertEquals(truncated, r.path("truncated").asLong(), r.toString());
    }
  }

  private static JsonNode find(List<JsonNode> results, String metric, String field, String name) {
    return results.stream()
        .filter(r -> r.path("metric").asText().equals(metric))
        .filter(r -> r.path(field).asText().equals(name) && !r.has("group"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + metric + " of " + field + " " + name));
  }

  /** The coverage records' data, in window order. */
  private static List<JsonNode> coverage(Path evidence) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(evidence)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String l : Files.readAllLines(f)) {
          if (l.contains("\"kind\":\"coverage\"")) {
            out.add(MAPPER.readTree(l).path("data"));
          }
        }
      }
    }
    out.sort((a, b) -> a.path("window_start").asText().compareTo(b.path("window_start").asText()));
    return out;
  }

  /**
   * 30 windows of 1,300 events, 2 s apart from each window's start: Adult production events with
   * unique values in three places and a unique model version.
   */
  private static Path writeInput(Path file) throws IOException {
    List<String> lines = AdultFixtures.lines(AdultFixtures.PRODUCTION, Integer.MAX_VALUE);
    List<ObjectNode> adult = new ArrayList<>();
    for (String l : lines) {
      adult.add((ObjectNode) MAPPER.readTree(l));
    }
    try (BufferedWriter w =
        new BufferedWriter(
            new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file), 1 << 16),
                StandardCharsets.UTF_8))) {
      for (int win = 0; win < WINDOWS; win++) {
        for (int i = 0; i < PER_WINDOW; i++) {
          ObjectNode e = adult.get((win * PER_WINDOW + i) % adult.size()).deepCopy();
          String id = win + "-" + i;
          e.put("inference_id", "hostile-" + id);
          e.put("model_version", "build-" + id);
          e.put("timestamp", Instant.ofEpochMilli(START + win * HOUR + i * 2000L).toString());
          ObjectNode features = (ObjectNode) e.get("features");
          features.put("native_country", "country-" + id);
          features.put("occupation", TEN_KB + "-" + id);
          ((ObjectNode) e.get("groups")).put("race", LONG_RACE + "-" + id);
          w.write(MAPPER.writeValueAsString(e));
          w.newLine();
        }
      }
    }
    return file;
  }

  /** The replay job, with the input passing through {@link CheckpointSizes} first. */
  private Path replay(Path input) throws Exception {
    Path config =
        AdultFixtures.writeConfig(
            dir,
            "checkpoint_interval: 100ms\nout_of_orderness: 0s",
            "1h",
            "positive_label: 1\n"
                + "fairness: {attributes: [sex, race], min_group_size: 30}\n"
                + "labels: {max_delay: 0s}");
    AimonConfig cfg = ConfigLoader.load(config);
    MonitorPlan plan = MonitorPlan.of(cfg, ReferenceProfiles.loadAll(cfg, true));
    plan.withInputDigest(input);
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Path checkpoints = dir.resolve("checkpoints");
    StreamExecutionEnvironment env = MonitorRunner.environment(plan, false);
    Configuration storage = new Configuration();
    storage.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
    env.configure(storage);
    env.setParallelism(1);
    CheckpointSizes.reset(checkpoints);
    MonitorRunner.replayJob(plan, input, null, out)
        .build(
            env,
            s ->
                s.map(new CheckpointSizes()).uid("test.checkpoint-sizes").name("checkpoint-sizes"));
    env.execute("hostile-cardinality");
    return out;
  }

  /**
   * Test probe: passes records through; from event {@value #HOLD_FROM} of each window on it slows
   * the input (never blocks: the task thread must stay free to take the barrier) until a checkpoint
   * barrier has passed there, and when that checkpoint completes records its size on disk for the
   * window. State is static because the MiniCluster runs in this JVM.
   */
  static final class CheckpointSizes extends RichMapFunction<RawRecord, RawRecord>
      implements CheckpointedFunction, CheckpointListener {
    private static final long serialVersionUID = 1L;
    static final Map<Integer, Long> BY_WINDOW = new ConcurrentSkipListMap<>();
    private static final Map<Long, Long> BARRIER_AT = new ConcurrentHashMap<>();
    private static final Set<Integer> BARRIER_IN = ConcurrentHashMap.newKeySet();
    private static final AtomicLong SEEN = new AtomicLong();
    private static volatile Path root;

    static void reset(Path checkpoints) {
      BY_WINDOW.clear();
      BARRIER_AT.clear();
      BARRIER_IN.clear();
      SEEN.set(0);
      root = checkpoints;
    }

    @Override
    public RawRecord map(RawRecord r) throws Exception {
      long k = SEEN.incrementAndGet() - 1;
      if (k % PER_WINDOW >= HOLD_FROM && !BARRIER_IN.contains((int) (k / PER_WINDOW))) {
        Thread.sleep(4);
      }
      return r;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
      long seen = SEEN.get();
      BARRIER_AT.put(context.getCheckpointId(), seen);
      if (seen > 0 && (seen - 1) % PER_WINDOW >= HOLD_FROM) {
        BARRIER_IN.add((int) ((seen - 1) / PER_WINDOW));
      }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {}

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      Long seen = BARRIER_AT.get(checkpointId);
      if (seen == null || seen == 0) {
        return;
      }
      long k = seen - 1; // the last record before the barrier
      int window = (int) (k / PER_WINDOW);
      if (k % PER_WINDOW < HOLD_FROM || BY_WINDOW.containsKey(window)) {
        return;
      }
      Path chk =
          root.resolve(getRuntimeContext().getJobInfo().getJobId().toString())
              .resolve("chk-" + checkpointId);
      long size = sizeOf(chk);
      if (size > 0) {
        BY_WINDOW.put(window, size);
      }
    }

    private static long sizeOf(Path p) {
      if (!Files.isDirectory(p)) {
        return 0;
      }
      try (Stream<Path> files = Files.walk(p)) {
        return files
            .filter(Files::isRegularFile)
            .mapToLong(
                f -> {
                  try {
                    return Files.size(f);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                })
            .sum();
      } catch (IOException | UncheckedIOException e) {
        return 0; // discarded meanwhile: measured at the next checkpoint
      }
    }
  }
}
