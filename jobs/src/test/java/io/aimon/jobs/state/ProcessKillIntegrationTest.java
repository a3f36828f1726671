package io.aimon.jobs.state;

import static io.aimon.jobs.RunComparison.archiveLines;
import static io.aimon.jobs.RunComparison.assertSameLines;
import static io.aimon.jobs.RunComparison.normalized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.config.AimonConfig;
import io.aimon.config.ConfigLoader;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.RawRecord;
import io.aimon.evidence.ArchiveVerifier;
import io.aimon.evidence.Ed25519Keys;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.KafkaTestClients;
import io.aimon.jobs.RunComparison;
import io.aimon.jobs.bench.CheckpointSizes;
import io.aimon.jobs.bench.WaitingPredictionBytes;
import io.aimon.jobs.evidence.EvidenceKeys;
import io.aimon.jobs.kafka.EmbeddedKafka;
import io.aimon.jobs.monitor.MonitorPlan;
import io.aimon.jobs.reference.ReferenceProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aimon run} in a child JVM, killed with SIGKILL mid-window after a checkpoint and started
 * again: the metrics, incidents and evidence topics and the evidence archive equal those of a run
 * that was never killed, and the archive verifies.
 *
 * <p>Both runs read four days of Adult events (W1..W4, 4070 each) plus the first events of W5,
 * which close W4, from topics of their own on one embedded broker. The killed run first gets W1, W2
 * and {@value #INTO_W3} events of W3; it is killed once W2's evidence is committed and a checkpoint
 * holding the open W3 has completed; then the rest is produced and a new process resumes from the
 * checkpoint.
 */
class ProcessKillIntegrationTest {
  /** W1..W4 plus W5's first 10 events (10 s apart), which move the watermark past W4's end. */
  private static final int ALL = 16291;

  /** W1 and W2. */
  private static final int TWO_DAYS = 8140;

  /** Events of W3 the killed run holds in its open window when it dies. */
  private static final int INTO_W3 = 2000;

  /** The events of 2024-02-05 after the first 10 (which {@link #ALL} holds). */
  private static final int REST_OF_W5 = 3573 - 10;

  @TempDir Path dir;

  @Test
  void aKilledRunResumesAndCommitsWhatAFailureFreeRunCommits() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      prepare(kafka, false);
      List<String> lines = AdultFixtures.lines(AdultFixtures.PRODUCTION, ALL);

      // the failure-free run
      Path clean = config(kafka, "clean");
      KafkaTestClients.produce(kafka.bootstrapServers(), "clean.inference", lines);
      Process a = start(clean, "clean-1");
      awaitManifest(kafka, "clean.evidence", "2024-02-05T00:00:00Z", a, "clean-1");
      stop(a, "clean-1");

      // the killed run
      Path killed = config(kafka, "killed");
      KafkaTestClients.produce(
          kafka.bootstrapServers(), "killed.inference", lines.subList(0, TWO_DAYS + INTO_W3));
      Process b = start(killed, "killed-1");
      awaitManifest(kafka, "killed.evidence", "2024-02-03T00:00:00Z", b, "killed-1");
      long afterW2 = System.currentTimeMillis();
      Path checkpoints = dir.resolve("killed/checkpoints");
      awaitCheckpointAfter(checkpoints, afterW2 + 1000, b, "killed-1");
      b.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no savepoint, nothing flushed
      assertEquals(137, b.exitValue(), "killed by SIGKILL");
      List<String> beforeKill = readAll(kafka, "killed.metrics");

      KafkaTestClients.produce(
          kafka.bootstrapServers(), "killed.inference", lines.subList(TWO_DAYS + INTO_W3, ALL));
      Process c = start(killed, "killed-2");
      awaitManifest(kafka, "killed.evidence", "2024-02-05T00:00:00Z", c, "killed-2");
      stop(c, "killed-2");
      String resumeLog = Files.readString(dir.resolve("killed-2.log"));
      assertTrue(resumeLog.contains("aimon: resuming from checkpoint "), resumeLog);

      for (String topic : List.of("metrics", "incidents", "dead")) {
        assertSameLines(
            topic,
            readAll(kafka, "clean." + topic).stream().sorted().toList(),
            readAll(kafka, "killed." + topic).stream().sorted().toList());
      }
      // the evidence without topic names, hashes and seqs (RunComparison.normalized); each
      // chain's own hashes and signatures are checked by the verifier below
      List<String> cleanEvidence = readAll(kafka, "clean.evidence");
      List<String> killedEvidence = readAll(kafka, "killed.evidence");
      assertEquals(cleanEvidence.size(), killedEvidence.size(), "as many evidence lines");
      assertSameLines(
          "evidence topic",
          normalized(cleanEvidence, "clean."),
          normalized(killedEvidence, "killed."));
      List<String> cleanArchive = archiveLines(dir.resolve("clean/archive"));
      assertSameLines(
          "evidence archive",
          normalized(cleanArchive, "clean."),
          normalized(archiveLines(dir.resolve("killed/archive")), "killed."));
      ArchiveVerifier.Report report =
          ArchiveVerifier.verify(
              dir.resolve("killed/archive"),
              Ed25519Keys.readPublic(dir.resolve(EvidenceKeys.PUBLIC_KEY_FILE)));
      assertTrue(report.ok(), report.problems().toString());
      assertEquals(4, report.models().get(AdultFixtures.MODEL).windowsCovered());

      List<String> metrics = readAll(kafka, "clean.metrics");
      long w3 = metrics.stream().filter(m -> m.contains("\"window_start\":\"2024-02-03")).count();
      long n4070 =
          metrics.stream()
              .filter(m -> m.contains("\"window_start\":\"2024-02-03"))
              .filter(m -> m.contains("\"n\":4070"))
              .count();
      assertTrue(w3 > 0 && n4070 > 0, "W3's results rest on all its 4070 events");
      // with its checkpoints gone, the job refuses to start over rather than begin a second chain
      deleteRecursively(checkpoints);
      java.io.StringWriter err = new java.io.StringWriter();
      int refused =
          new picocli.CommandLine(new io.aimon.jobs.cli.AimonCommand())
              .setErr(new java.io.PrintWriter(err))
              .execute(
                  "run",
                  "--config",
                  killed.toString(),
                  "--transactional-id-prefix",
                  "kill-test-killed");
      assertEquals(2, refused, err.toString());
      String refusal = err.toString().strip();
      assertTrue(refusal.startsWith("aimon: no checkpoint of this job under "), refusal);
      // the group's offsets are committed asynchronously after checkpoints: a run killed soon
      // after its last one may not have them at the broker, so the evidence traces are asserted

      assertTrue(refusal.contains("holds the evidence chain of adult-income-logreg"), refusal);
      assertTrue(
          refusal.contains("topic killed.evidence holds the evidence chain of adult-income-logreg"),
          refusal);
      assertEquals(1, refusal.lines().count(), refusal);
      assertTrue(refusal.contains("--continue-chain"), refusal);
      System.out.println("refused: " + refusal);

      // told to go on without the state, it continues both chains after a state_loss record; the
      // group's offsets are set back to W3's start, as a run killed long after its last commit
      // would leave them: W3 and W4, which the chain covers, stay closed (their events are late)
      long lastSeq = lastSeq(readAll(kafka, "killed.evidence"));
      int deadBefore = readAll(kafka, "killed.dead").size();
      try (org.apache.kafka.clients.admin.Admin admin =
          org.apache.kafka.clients.admin.Admin.create(
              Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin
            .alterConsumerGroupOffsets(
                "killed",
                Map.of(
                    new org.apache.kafka.common.TopicPartition("killed.inference", 0),
                    new org.apache.kafka.clients.consumer.OffsetAndMetadata(TWO_DAYS)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
      KafkaTestClients.produce(
          kafka.bootstrapServers(),
          "killed.inference",
          AdultFixtures.lines(AdultFixtures.PRODUCTION, ALL + REST_OF_W5 + 10)
              .subList(ALL, ALL + REST_OF_W5 + 10));
      Process d = start(killed, "killed-3", "--continue-chain");
      awaitManifest(kafka, "killed.evidence", "2024-02-06T00:00:00Z", d, "killed-3");
      stop(d, "killed-3");
      String continueLog = Files.readString(dir.resolve("killed-3.log"));
      assertTrue(
          continueLog.contains(
              "continuing the evidence chains (adult-income-logreg after seq " + lastSeq + ")"),
          continueLog);
      List<String> continued = readAll(kafka, "killed.evidence");
      List<JsonNode> losses =
          continued.stream()
              .map(ProcessKillIntegrationTest::json)
              .filter(n -> n.path("kind").asText().equals("state_loss"))
              .toList();
      assertEquals(1, losses.size(), "one state_loss record");
      assertEquals(lastSeq + 1, losses.get(0).path("seq").asLong());
      assertEquals(lastSeq, losses.get(0).path("data").path("continues_seq").asLong());
      for (Path archive : List.of(dir.resolve("killed/archive"), topicAsArchive(continued))) {
        ArchiveVerifier.Report after =
            ArchiveVerifier.verify(
                archive, Ed25519Keys.readPublic(dir.resolve(EvidenceKeys.PUBLIC_KEY_FILE)));
        assertTrue(after.ok(), archive + ": " + after.problems());
        assertEquals(
            5, after.models().get(AdultFixtures.MODEL).windowsCovered(), archive.toString());
      }
      assertEquals(
          ALL - 10 - TWO_DAYS,
          readAll(kafka, "killed.dead").size() - deadBefore,
          "W3's and W4's events read again are late dead letters");
      System.out.println("continued: " + losses.get(0).path("data").path("summary").asText());

      System.out.printf(
          "process kill: %d metrics committed before the kill, %d after the resume; %d metrics,"
              + " %d incident events, %d evidence lines, %d archive lines equal the failure-free"
              + " run%n",
          beforeKill.size(),
          metrics.size() - beforeKill.size(),
          metrics.size(),
          readAll(kafka, "clean.incidents").size(),
          cleanEvidence.size(),
          cleanArchive.size());
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  /**
   * The same while predictions wait for their labels: the killed run has the labels of W1's first
   * 2000 predictions only when it dies, so W1's outcome window (and its predictions in the label
   * join) is pending in the checkpoint; the labels of W2..W4 come after the restart.
   */
  @Test
  void aRunKilledDuringALabelWaitResumesAndCommitsWhatAFailureFreeRunCommits() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      prepare(kafka, true);
      List<String> predictions = AdultFixtures.lines(AdultFixtures.PRODUCTION_UNLABELED, ALL);
      List<String> labels = AdultFixtures.lines(AdultFixtures.LABELS, ALL);

      Path clean = config(kafka, "clean", true);
      KafkaTestClients.produce(kafka.bootstrapServers(), "clean.inference", predictions);
      KafkaTestClients.produce(kafka.bootstrapServers(), "clean.labels", labels);
      Process a = start(clean, "clean-1");
      awaitManifest(kafka, "clean.evidence", "2024-02-05T00:00:00Z", a, "clean-1");
      int expected = awaitStable(kafka, "clean.metrics", -1, a, "clean-1");
      stop(a, "clean-1");

      Path killed = config(kafka, "killed", true);
      KafkaTestClients.produce(
          kafka.bootstrapServers(), "killed.inference", predictions.subList(0, TWO_DAYS + INTO_W3));
      KafkaTestClients.produce(kafka.bootstrapServers(), "killed.labels", labels.subList(0, 2000));
      Process b = start(killed, "killed-1");
      // W2's drift results are committed (its evidence waits for the labels, like its outcome)
      awaitMetric(kafka, "killed.metrics", "2024-02-02", b, "killed-1");
      awaitCheckpointAfter(
          dir.resolve("killed/checkpoints"), System.currentTimeMillis() + 1000, b, "killed-1");
      b.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      assertEquals(137, b.exitValue(), "killed by SIGKILL");
      List<String> beforeKill = readAll(kafka, "killed.metrics");
      // its checkpoints hold the 8,140 predictions still waiting for their labels (the idle label
      // stream holds the watermark in W1, so none expired): each takes about what aimon bench
      // reports per waiting prediction
      long waiting = TWO_DAYS + INTO_W3 - 2000;
      long joinBytes = largestJoinState(dir.resolve("killed/checkpoints"));
      AimonConfig cfg = ConfigLoader.load(killed);
      InferenceEvent first =
          MonitorPlan.of(cfg, ReferenceProfiles.loadAll(cfg, false))
              .decoder()
              .decodeInference(new RawRecord("t", 1, predictions.get(0), 1))
              .event();
      long each = WaitingPredictionBytes.of(first, Duration.ofHours(12).toMillis());
      assertTrue(
          Math.abs(joinBytes / waiting - each) <= each / 4,
          joinBytes
              + " bytes of label-join state for "
              + waiting
              + " waiting predictions, "
              + each
              + " bytes each expected");
      System.out.printf(
          "label join: %d bytes for %d waiting predictions, %d each (bench: %d)%n",
          joinBytes, waiting, joinBytes / waiting, each);
      // W1's early (partial) outcome may be out, its final one waits for the labels
      assertTrue(
          beforeKill.stream()
              .noneMatch(
                  m -> m.contains("\"metric\":\"accuracy\"") && !m.contains("\"partial\":true")),
          "W1's outcome was still waiting for labels when the process died");

      KafkaTestClients.produce(
          kafka.bootstrapServers(),
          "killed.inference",
          predictions.subList(TWO_DAYS + INTO_W3, ALL));
      KafkaTestClients.produce(
          kafka.bootstrapServers(), "killed.labels", labels.subList(2000, ALL));
      Process c = start(killed, "killed-2");
      awaitStable(kafka, "killed.metrics", expected, c, "killed-2");
      stop(c, "killed-2");

      for (String topic : List.of("metrics", "incidents", "dead")) {
        assertSameLines(
            "labels " + topic,
            readAll(kafka, "clean." + topic).stream().sorted().toList(),
            readAll(kafka, "killed." + topic).stream().sorted().toList());
      }
      assertSameLines(
          "labels evidence topic",
          normalized(readAll(kafka, "clean.evidence"), "clean."),
          normalized(readAll(kafka, "killed.evidence"), "killed."));
      ArchiveVerifier.Report report =
          ArchiveVerifier.verify(
              dir.resolve("killed/archive"),
              Ed25519Keys.readPublic(dir.resolve(EvidenceKeys.PUBLIC_KEY_FILE)));
      assertTrue(report.intact(), report.problems().toString());
      long outcomes =
          readAll(kafka, "clean.metrics").stream()
              .filter(m -> m.contains("\"metric\":\"accuracy\"") && !m.contains("\"partial\":true"))
              .count();
      assertTrue(outcomes >= 3, "W1..W3's outcomes were committed: " + outcomes);
      System.out.printf(
          "process kill during a label wait: %d metrics before the kill (no outcome), %d in all,"
              + " %d accuracy results; equal to the failure-free run%n",
          beforeKill.size(), expected, outcomes);
    }
  }

  /** The largest label-join state of the complete checkpoints under {@code checkpoints}. */
  private static long largestJoinState(Path checkpoints) throws IOException {
    long largest = 0;
    try (Stream<Path> files = Files.walk(checkpoints)) {
      for (Path metadata :
          files.filter(f -> f.getFileName().toString().equals("_metadata")).toList()) {
        CheckpointSizes.Snapshot s =
            CheckpointSizes.read(Files.readAllBytes(metadata), metadata.getParent().toString());
        largest = Math.max(largest, s.of(io.aimon.jobs.monitor.MonitorJob.UID_JOIN));
      }
    }
    return largest;
  }

  /** Waits for a committed drift result (psi) of the window starting on {@code day}. */
  private void awaitMetric(EmbeddedKafka kafka, String topic, String day, Process p, String name)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError(name + " exited\n" + log(name));
      }
      if (readAll(kafka, topic).stream()
          .anyMatch(
              m -> m.contains("\"metric\":\"psi\"") && m.contains("\"window_start\":\"" + day))) {
        return;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("no psi result of " + day + " within 180 s\n" + log(name));
  }

  /**
   * Waits until {@code topic} holds {@code expected} committed records (or, with -1, until its
   * count has not changed for 5 s after W3's outcome came), and returns the count.
   */
  private int awaitStable(EmbeddedKafka kafka, String topic, int expected, Process p, String name)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    int last = -1;
    long since = System.nanoTime();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError(name + " exited\n" + log(name));
      }
      List<String> now = readAll(kafka, topic);
      if (expected >= 0 && now.size() >= expected) {
        return now.size();
      }
      if (now.size() != last) {
        last = now.size();
        since = System.nanoTime();
      } else if (expected < 0
          && System.nanoTime() - since > TimeUnit.SECONDS.toNanos(5)
          && now.stream()
              .anyMatch(
                  m ->
                      m.contains("\"metric\":\"accuracy\"")
                          && !m.contains("\"partial\":true")
                          && m.contains("\"window_start\":\"2024-02-03"))) {
        return last;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(topic + ": " + last + " records, not " + expected + "\n" + log(name));
  }

  /** Topics for the clean and the killed run (with a labels topic when asked), and the key. */
  private void prepare(EmbeddedKafka kafka, boolean labels) throws Exception {
    for (String run : List.of("clean", "killed")) {
      kafka.createTopics(
          Stream.of("inference", "labels", "metrics", "dead", "incidents", "evidence")
              .filter(t -> labels || !t.equals("labels"))
              .map(t -> run + "." + t)
              .toList(),
          1);
    }
    EvidenceKeys.write(
        Ed25519Keys.generate(),
        dir.resolve(EvidenceKeys.KEY_FILE),
        dir.resolve(EvidenceKeys.PUBLIC_KEY_FILE));
  }

  /** The config of one run: its own topics, group, checkpoint directory and archive. */
  private Path config(EmbeddedKafka kafka, String run) throws IOException {
    return config(kafka, run, false);
  }

  /** As above; with {@code labels}, label events come from topic RUN.labels, 12 h at most late. */
  private Path config(EmbeddedKafka kafka, String run, boolean labels) throws IOException {
    return AdultFixtures.writeKafkaConfig(
        dir.resolve(run),
        kafka.bootstrapServers(),
        run,
        dir.resolve(EvidenceKeys.KEY_FILE),
        // labels hold the watermark back for the whole test: an idle label topic would not
        labels ? "checkpoint_interval: 500ms\nidleness: 10m" : "checkpoint_interval: 500ms",
        AdultFixtures.FAIRNESS + (labels ? "\nlabels: {max_delay: 12h}" : ""),
        "");
  }

  private static JsonNode json(String line) {
    try {
      return AdultFixtures.parse(line);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The highest seq of the records among evidence lines. */
  private static long lastSeq(List<String> evidence) {
    return evidence.stream()
        .map(ProcessKillIntegrationTest::json)
        .filter(n -> !n.path("kind").asText().equals("manifest"))
        .mapToLong(n -> n.path("seq").asLong())
        .max()
        .orElse(0);
  }

  /** The evidence topic's lines as a one-file archive, for the verifier. */
  private Path topicAsArchive(List<String> lines) throws IOException {
    Path archive = Files.createDirectories(dir.resolve("topic-archive"));
    Files.write(archive.resolve("topic.jsonl"), lines);
    return archive;
  }

  /** {@code aimon run --config F [ARGS]} in a child JVM, its output in {@code DIR/<name>.log}. */
  private Process start(Path config, String name, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx1g",
            "-cp",
            System.getProperty("java.class.path"),
            "io.aimon.jobs.cli.AimonCommand",
            "run",
            "--config",
            config.toString(),
            "--transactional-id-prefix",
            "kill-test-" + config.getParent().getFileName());
    pb.command().addAll(List.of(args));
    pb.directory(dir.toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve(name + ".log").toFile());
    return pb.start();
  }

  /** SIGTERM: the run stops with a savepoint and exits 0. */
  private void stop(Process p, String name) throws Exception {
    p.destroy();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), name + " stopped within 120 s");
    assertEquals(0, p.exitValue(), log(name));
  }

  private String log(String name) throws IOException {
    String text = Files.readString(dir.resolve(name + ".log"));
    return name + ":\n" + text.substring(Math.max(0, text.length() - 8000));
  }

  private void awaitManifest(
      EmbeddedKafka kafka, String topic, String windowEnd, Process p, String name) {
    RunComparison.awaitManifest(
        kafka.bootstrapServers(), topic, windowEnd, Duration.ofSeconds(180), dead(p, name));
  }

  private void awaitCheckpointAfter(Path checkpoints, long millis, Process p, String name)
      throws InterruptedException {
    RunComparison.awaitCheckpointAfter(checkpoints, millis, Duration.ofSeconds(60), dead(p, name));
  }

  /** Null while {@code p} runs, else its exit and log. */
  private java.util.function.Supplier<String> dead(Process p, String name) {
    return () -> {
      if (p.isAlive()) {
        return null;
      }
      try {
        return name + " exited with " + p.exitValue() + "\n" + log(name);
      } catch (IOException e) {
        return name + " exited with " + p.exitValue();
      }
    };
  }

  private static List<String> readAll(EmbeddedKafka kafka, String topic) {
    return KafkaTestClients.readToEnd(kafka.bootstrapServers(), topic);
  }
}
