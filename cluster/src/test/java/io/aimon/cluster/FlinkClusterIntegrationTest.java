package io.aimon.cluster;

import static io.aimon.jobs.RunComparison.archiveLines;
import static io.aimon.jobs.RunComparison.assertSameLines;
import static io.aimon.jobs.RunComparison.normalized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.aimon.evidence.ArchiveVerifier;
import io.aimon.evidence.Ed25519Keys;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.KafkaTestClients;
import io.aimon.jobs.RunComparison;
import io.aimon.jobs.evidence.EvidenceKeys;
import io.aimon.jobs.kafka.EmbeddedKafka;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster jar on a real multi-process Flink cluster ({@link StandaloneFlinkCluster}): a
 * JobManager and TaskManagers of one slot each, each its own JVM.
 *
 * <ul>
 *   <li>The monitor and the alert job are submitted as the Web UI does (jar upload and run through
 *       the REST API): the JobManager survives the mains, and the alert job delivers the monitor's
 *       incidents to a webhook.
 *   <li>A second monitor run, submitted with Flink's CLI, with its state in RocksDB: one of the two
 *       TaskManagers running it is killed with SIGKILL after a checkpoint, mid-window, and a new
 *       one started; the committed metrics, incidents, dead letters and evidence equal the first,
 *       failure-free run's, and its archive verifies.
 *   <li>Application mode: the jar in {@code usrlib/}, a bounded {@code aimon run --bounded}, the
 *       cluster shuts down with status SUCCEEDED, its results those of the session runs.
 * </ul>
 *
 * <p>Every run reads four days of Adult events (W1..W4, 4070 each) and the first events of W5,
 * which close W4, from topics of its own on one embedded broker.
 */
class FlinkClusterIntegrationTest {
  private static final Path JAR = Path.of("target/aimon-cluster.jar").toAbsolutePath();
  private static final String MAIN = "io.aimon.jobs.cli.AimonCommand";
  private static final Duration PATIENCE = Duration.ofSeconds(300);

  /** W1..W4 plus W5's first 10 events. */
  private static final int ALL = 16291;

  /** W1, W2 and 2000 events of W3: what the killed run holds when its TaskManager dies. */
  private static final int BEFORE_KILL = 8140 + 2000;

  @TempDir Path dir;

  @Test
  void sessionClusterRestAndCliSubmissionAndATaskManagerKill() throws Exception {
    List<String> lines = AdultFixtures.lines(AdultFixtures.PRODUCTION, ALL);
    AtomicInteger hooks = new AtomicInteger();
    HttpServer webhook =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    webhook.createContext(
        "/hook",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          hooks.incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    webhook.start();
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(dir.resolve("flink"), 1)) {
      prepare(kafka, "clean", "killed");
      String hook =
          "notify:\n  notifiers:\n    - {name: hook, type: webhook, url: \"http://127.0.0.1:"
              + webhook.getAddress().getPort()
              + "/hook\"}\n";
      Path clean = config(kafka, "clean", "", hook);
      // the same notifiers (no alert job runs for it): the same monitoring plan, routes included
      Path killed = config(kafka, "killed", "state_backend: rocksdb", hook);
      // the alert job records its deliveries where the monitor does not read them back as
      // notification evidence: the killed run, without an alert job, has none either
      Path cleanAlert = clean.resolveSibling("alert.yaml");
      Files.writeString(
          cleanAlert,
          Files.readString(clean)
              .replace("alert_deliveries: clean.deliveries", "alert_deliveries: clean.sent"));
      cluster.startSessionJobManager();
      // one slot each: the monitor's two subtasks and the alert job run on three processes
      cluster.startTaskManager("tm-1");
      cluster.startTaskManager("tm-2");
      cluster.startTaskManager("tm-3");
      cluster.awaitTaskManagers(3);

      // the failure-free run and its alert job, through the REST API as the Web UI submits
      produce(kafka, "clean.inference", lines, 0, ALL);
      String jar = cluster.uploadJar(JAR);
      String monitor = cluster.runJar(jar, MAIN, args("run", clean, "cluster-clean"));
      String alert = cluster.runJar(jar, MAIN, args("alert", cleanAlert, "cluster-clean-alert"));
      cluster.awaitJobStatus(monitor, "RUNNING", Duration.ofSeconds(60));
      cluster.awaitJobStatus(alert, "RUNNING", Duration.ofSeconds(60));
      RunComparison.awaitManifest(
          kafka.bootstrapServers(),
          "clean.evidence",
          "2024-02-05T00:00:00Z",
          PATIENCE,
          () -> cluster.dead("jobmanager"));
      awaitCount(() -> hooks.get() > 0, "a webhook delivery", cluster);
      cluster.cancel(monitor);
      cluster.cancel(alert);
      assertEquals(null, cluster.dead("jobmanager"), "the JobManager outlived both mains");

      // the same input through the CLI, state in RocksDB, one TaskManager killed mid-window
      produce(kafka, "killed.inference", lines, 0, BEFORE_KILL);
      List<String> cli =
          new java.util.ArrayList<>(List.of("run", "-d", "-c", MAIN, JAR.toString()));
      cli.addAll(args("run", killed, "cluster-killed"));
      String submitted = cluster.cli(cli);
      String job = jobIdIn(submitted);
      RunComparison.awaitManifest(
          kafka.bootstrapServers(),
          "killed.evidence",
          "2024-02-03T00:00:00Z",
          PATIENCE,
          () -> cluster.dead("jobmanager"));
      long afterW2 = System.currentTimeMillis();
      RunComparison.awaitCheckpointAfter(
          dir.resolve("killed/checkpoints"),
          afterW2 + 1000,
          Duration.ofSeconds(120),
          () -> cluster.dead("jobmanager"));
      List<String> hosts = cluster.taskManagersOf(job);
      assertEquals(2, hosts.size(), "the monitor's subtasks run on two TaskManagers: " + hosts);
      String victim = hosts.get(0);
      cluster.kill(victim);
      cluster.startTaskManager("tm-4");
      produce(kafka, "killed.inference", lines, BEFORE_KILL, ALL);
      RunComparison.awaitManifest(
          kafka.bootstrapServers(),
          "killed.evidence",
          "2024-02-05T00:00:00Z",
          PATIENCE,
          () -> cluster.dead("jobmanager"));
      JsonNode failures = cluster.get("/jobs/" + job + "/exceptions").path("exceptionHistory");
      assertTrue(failures.path("entries").size() > 0, "the job failed over: " + failures);
      List<String> nowOn = cluster.taskManagersOf(job);
      assertTrue(!nowOn.contains(victim), "restarted on " + nowOn + ", without " + victim);
      cluster.cancel(job);

      for (String topic : List.of("metrics", "incidents", "dead")) {
        assertSameLines(
            "cluster " + topic,
            readAll(kafka, "clean." + topic).stream().sorted().toList(),
            readAll(kafka, "killed." + topic).stream().sorted().toList());
      }
      List<String> evidence = readAll(kafka, "clean.evidence");
      assertSameLines(
          "cluster evidence topic",
          normalized(evidence, "clean."),
          normalized(readAll(kafka, "killed.evidence"), "killed."));
      assertSameLines(
          "cluster evidence archive",
          normalized(archiveLines(dir.resolve("clean/archive")), "clean."),
          normalized(archiveLines(dir.resolve("killed/archive")), "killed."));
      ArchiveVerifier.Report report =
          ArchiveVerifier.verify(
              dir.resolve("killed/archive"),
              Ed25519Keys.readPublic(dir.resolve(EvidenceKeys.PUBLIC_KEY_FILE)));
      assertTrue(report.ok(), report.problems().toString());
      assertEquals(4, report.models().get(AdultFixtures.MODEL).windowsCovered());
      System.out.printf(
          "flink cluster: %d metrics, %d incident events, %d evidence lines equal after a"
              + " TaskManager kill (RocksDB, restarted on %s); %d webhook deliveries%n",
          readAll(kafka, "clean.metrics").size(),
          readAll(kafka, "clean.incidents").size(),
          evidence.size(),
          nowOn,
          hooks.get());
    } finally {
      webhook.stop(0);
    }
  }

  @Test
  void applicationModeRunsABoundedJobToSucceeded() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(dir.resolve("flink"), 2)) {
      prepare(kafka, "app");
      Path app = config(kafka, "app", "", "");
      produce(kafka, "app.inference", AdultFixtures.lines(AdultFixtures.PRODUCTION, ALL), 0, ALL);
      List<String> run = new java.util.ArrayList<>(args("run", app, "cluster-app"));
      run.add("--bounded");
      Process jobManager = cluster.startApplicationJobManager(JAR, MAIN, run);
      cluster.startTaskManager("tm-1");
      assertTrue(
          jobManager.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS),
          "the application cluster ended\n" + cluster.logs());
      String log = cluster.log("jobmanager");
      assertEquals(0, jobManager.exitValue(), cluster.tail("jobmanager"));
      assertTrue(
          log.contains("application status SUCCEEDED"),
          "status SUCCEEDED\n" + cluster.tail("jobmanager"));

      List<String> metrics = readAll(kafka, "app.metrics");
      assertTrue(
          metrics.stream().anyMatch(m -> m.contains("\"window_start\":\"2024-02-04")),
          "W4's results are committed");
      ArchiveVerifier.Report report =
          ArchiveVerifier.verify(
              dir.resolve("app/archive"),
              Ed25519Keys.readPublic(dir.resolve(EvidenceKeys.PUBLIC_KEY_FILE)));
      assertTrue(report.ok(), report.problems().toString());
      // at its end the bounded run evaluates W5's 10 events too, as a replay of the file does
      Path replayed =
          AdultFixtures.replay(
              config(kafka, "replay", "", ""), writeLines(ALL), dir.resolve("replay-out"));
      assertSameLines(
          "application metrics",
          Files.readAllLines(replayed.resolve("metrics.jsonl")).stream().sorted().toList(),
          metrics.stream().sorted().toList());
      System.out.printf(
          "application mode: SUCCEEDED, %d metrics committed, archive verifies with %d windows%n",
          metrics.size(), report.models().get(AdultFixtures.MODEL).windowsCovered());
    }
  }

  /** {@code COMMAND --config F --transactional-id-prefix PREFIX}. */
  private static List<String> args(String command, Path config, String prefix) {
    return List.of(command, "--config", config.toString(), "--transactional-id-prefix", prefix);
  }

  /** The topics of each run, and the evidence signing key. */
  private void prepare(EmbeddedKafka kafka, String... runs) throws Exception {
    for (String run : runs) {
      kafka.createTopics(
          Stream.of(
                  "inference",
                  "metrics",
                  "dead",
                  "incidents",
                  "sent",
                  "evidence",
                  "deliveries",
                  "alert-dead")
              .map(t -> run + "." + t)
              .toList(),
          2);
    }
    EvidenceKeys.write(
        Ed25519Keys.generate(),
        dir.resolve(EvidenceKeys.KEY_FILE),
        dir.resolve(EvidenceKeys.PUBLIC_KEY_FILE));
  }

  /**
   * A run's config: parallelism 2, checkpoints every second, fairness over sex and race, and few
   * exact values per feature, so that the RocksDB run's window accumulators (read and written for
   * every event added) stay small; the cluster, not the serialization, is under test.
   */
  private Path config(EmbeddedKafka kafka, String run, String extraJob, String extraTop)
      throws Exception {
    Path file =
        AdultFixtures.writeKafkaConfig(
            dir.resolve(run),
            kafka.bootstrapServers(),
            run,
            dir.resolve(EvidenceKeys.KEY_FILE),
            "checkpoint_interval: 1s\nexact_values: 100"
                + (extraJob.isEmpty() ? "" : "\n" + extraJob),
            AdultFixtures.FAIRNESS,
            extraTop);
    Files.writeString(
        file, Files.readString(file).replace("  parallelism: 1\n", "  parallelism: 2\n"));
    return file;
  }

  /**
   * Lines {@code from..to} as records keyed by their index, so that both partitions get events of
   * every day, the same ones in every run.
   */
  private static void produce(
      EmbeddedKafka kafka, String topic, List<String> lines, int from, int to) {
    List<java.util.Map.Entry<String, String>> records = new java.util.ArrayList<>();
    for (int i = from; i < to; i++) {
      records.add(java.util.Map.entry("e" + i, lines.get(i)));
    }
    KafkaTestClients.produceKeyed(kafka.bootstrapServers(), topic, records);
  }

  private Path writeLines(int n) throws Exception {
    Path file = dir.resolve("input.jsonl");
    Files.write(file, AdultFixtures.lines(AdultFixtures.PRODUCTION, n));
    return file;
  }

  /** The job id in the CLI's "Job has been submitted with JobID ..." line. */
  private static String jobIdIn(String cliOutput) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("submitted with JobID ([0-9a-f]{32})").matcher(cliOutput);
    assertTrue(m.find(), cliOutput);
    return m.group(1);
  }

  private static void awaitCount(
      java.util.function.BooleanSupplier done, String what, StandaloneFlinkCluster cluster)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within 120 s\n" + cluster.logs());
      }
      TimeUnit.MILLISECONDS.sleep(300);
    }
  }

  private static List<String> readAll(EmbeddedKafka kafka, String topic) {
    return KafkaTestClients.readToEnd(kafka.bootstrapServers(), topic);
  }
}
