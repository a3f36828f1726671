package io.aimon.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Compares what two runs of a job committed (one failure-free, one killed and resumed) and waits
 * for a running job's progress: the evidence manifest of a window, a completed checkpoint.
 */
public final class RunComparison {
  private RunComparison() {}

  /**
   * What differs between two runs' evidence by construction (each run has its own topics, so its
   * own config): the config digest, the monitoring plan's digest that covers it, and the chain
   * hashes over them.
   */
  private static final Set<String> COVERING =
      Set.of("seq", "prev", "hash", "hashes", "head", "signature", "config_digest", "plan_digest");

  /** Names the first line where two lists differ, without printing them whole. */
  public static void assertSameLines(String what, List<String> expected, List<String> actual)
      throws IOException {
    if (!expected.equals(actual)) {
      // both sides go to files for a diff; the assertion names the first difference only
      Path base = Path.of("target", "run-comparison-" + what.replace(' ', '-'));
      Files.write(Path.of(base + "-expected.jsonl"), expected);
      Files.write(Path.of(base + "-actual.jsonl"), actual);
      for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
        assertEquals(
            expected.get(i),
            actual.get(i),
            what + ": line " + (i + 1) + " differs (see " + base + "-*)");
      }
      assertEquals(expected.size(), actual.size(), what + ": as many lines (see " + base + "-*)");
    }
    assertTrue(expected.size() > 0 || what.endsWith("dead"), what + ": some lines");
  }

  /**
   * Evidence lines without what differs between two runs that read differently named topics under
   * differently digested configs (topic names, the hashes and signatures that cover them, seqs),
   * sorted. Each chain's own hashes and signatures are the verifier's to check. Records of one time
   * that reach the chain writer on paths of different pace may take their seqs in another order, so
   * seqs are left out too: the same records, each window's between the same manifests.
   */
  public static List<String> normalized(List<String> lines, String topicPrefix) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      JsonNode n = json(line);
      strip(n);
      out.add(n.toString().replace("\"" + topicPrefix, "\"run."));
    }
    return out.stream().sorted().toList();
  }

  private static void strip(JsonNode n) {
    if (n instanceof ObjectNode o) {
      o.remove(COVERING);
    }
    n.forEach(RunComparison::strip);
  }

  /** The lines of the committed archive files (file names differ between runs). */
  public static List<String> archiveLines(Path archive) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(archive)) {
      for (Path f :
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().startsWith("."))
              .filter(f -> f.getFileName().toString().endsWith(".jsonl"))
              .toList()) {
        out.addAll(Files.readAllLines(f));
      }
    }
    return out;
  }

  /**
   * Waits until {@code topic} holds a committed manifest of the window ending {@code windowEnd}.
   *
   * @param dead null while the job runs, else why it is gone (its log's tail)
   */
  public static void awaitManifest(
      String bootstrap, String topic, String windowEnd, Duration timeout, Supplier<String> dead) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "await-" + topic + "-" + System.nanoTime());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      while (System.nanoTime() < deadline) {
        String why = dead.get();
        if (why != null) {
          throw new AssertionError(why);
        }
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          JsonNode n = json(r.value());
          if (n.path("kind").asText().equals("manifest")
              && n.path("window_end").asText().equals(windowEnd)) {
            return;
          }
        }
      }
    }
    String why = dead.get();
    throw new AssertionError(
        "no manifest for the window ending "
            + windowEnd
            + " on "
            + topic
            + " within "
            + timeout
            + (why == null ? "" : "\n" + why));
  }

  /**
   * Waits for a checkpoint under {@code checkpoints} completed after {@code millis} (its _metadata
   * written).
   */
  public static void awaitCheckpointAfter(
      Path checkpoints, long millis, Duration timeout, Supplier<String> dead)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String why = dead.get();
      if (why != null) {
        throw new AssertionError(why);
      }
      if (Files.exists(checkpoints)) {
        try (Stream<Path> files = Files.walk(checkpoints)) {
          if (files
              .filter(f -> f.getFileName().toString().equals("_metadata"))
              .anyMatch(f -> f.toFile().lastModified() > millis)) {
            return;
          }
        } catch (IOException | UncheckedIOException e) {
          // the job deleted a subsumed checkpoint while it was listed: look again
        }
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new AssertionError("no checkpoint completed under " + checkpoints + " within " + timeout);
  }

  private static JsonNode json(String line) {
    try {
      return AdultFixtures.parse(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
