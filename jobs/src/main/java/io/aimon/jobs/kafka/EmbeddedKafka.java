package io.aimon.jobs.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) on 127.0.0.1 with
 * free ports and a temporary log directory, for the demo and the tests. Not for production.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *   kafka.createTopics(List.of("aimon.inference"), 1);
 *   String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int START_ATTEMPTS = 3;

  private final KafkaRaftServer server;
  private final Path logDir;
  private final String bootstrapServers;

  private EmbeddedKafka(KafkaRaftServer server, Path logDir, String bootstrapServers) {
    this.server = server;
    this.logDir = logDir;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Formats storage and starts the broker; retries with new ports if a port was taken meanwhile.
   */
  public static EmbeddedKafka start() {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return startOnce();
      } catch (RuntimeException e) {
        last = e;
        LOG.warn("embedded Kafka did not start (attempt {}): {}", attempt, e.toString());
      }
    }
    throw last;
  }

  private static EmbeddedKafka startOnce() {
    try {
      Path dir = Files.createTempDirectory("aimon-kafka-");
      int brokerPort = freePort();
      int controllerPort = freePort();
      Properties p = new Properties();
      p.put("process.roles", "broker,controller");
      p.put("node.id", "1");
      p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
      p.put(
          "listeners",
          "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
      p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
      p.put("controller.listener.names", "CONTROLLER");
      p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      p.put("inter.broker.listener.name", "PLAINTEXT");
      p.put("log.dirs", dir.toString());
      p.put("num.partitions", "1");
      p.put("offsets.topic.replication.factor", "1");
      p.put("offsets.topic.num.partitions", "1");
      p.put("transaction.state.log.replication.factor", "1");
      p.put("transaction.state.log.min.isr", "1");
      p.put("transaction.state.log.num.partitions", "1");
      p.put("share.coordinator.state.topic.replication.factor", "1");
      p.put("share.coordinator.state.topic.min.isr", "1");
      p.put("group.initial.rebalance.delay.ms", "0");
      p.put("auto.create.topics.enable", "false");
      // replayed history keeps its event timestamps (2024 in the fixtures): time-based retention
      // would delete it while a job reads it
      p.put("log.retention.ms", "-1");
      // no fsync per append (Kafka's default): the broker lives in this process, so nothing but an
      // OS crash could lose page-cache data, and an fsync per batch made produce time hang on disk

      new Formatter()
          .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(dir.toString()))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setControllerListenerName("CONTROLLER")
          .run();

      KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(p, false), Time.SYSTEM);
      server.startup();
      String bootstrap = "127.0.0.1:" + brokerPort;
      EmbeddedKafka kafka = new EmbeddedKafka(server, dir, bootstrap);
      kafka.awaitReady();
      LOG.info("embedded Kafka broker ready at {}", bootstrap);
      return kafka;
    } catch (Exception e) {
      throw new IllegalStateException("could not start the embedded Kafka broker: " + e, e);
    }
  }

  private void awaitReady() throws Exception {
    try (Admin admin = admin()) {
      admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
    }
  }

  /** host:port of the PLAINTEXT listener. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Creates the topics (if absent) with the given partitions, replication factor 1. */
  public void createTopics(List<String> topics, int partitions) {
    try (Admin admin = admin()) {
      java.util.Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> fresh =
          topics.stream()
              .filter(t -> !existing.contains(t))
              .map(t -> new NewTopic(t, partitions, (short) 1))
              .collect(Collectors.toList());
      if (!fresh.isEmpty()) {
        admin.createTopics(fresh).all().get(30, TimeUnit.SECONDS);
        awaitLeaders(admin, fresh);
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not create topics " + topics + ": " + e, e);
    }
  }

  /**
   * Waits until the broker serves every partition of the new topics as their leader. The controller
   * answers the creation before the broker has loaded the partitions; an idempotent producer whose
   * first batch meets NOT_LEADER_OR_FOLLOWER there, while its next batches land, then retries that
   * first batch out of sequence until its delivery timeout (the records lost).
   */
  private static void awaitLeaders(Admin admin, List<NewTopic> topics) throws Exception {
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    for (NewTopic t : topics) {
      for (int p = 0; p < t.numPartitions(); p++) {
        partitions.put(new TopicPartition(t.name(), p), OffsetSpec.latest());
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        admin.listOffsets(partitions).all().get(5, TimeUnit.SECONDS);
        return; // answered by the partitions' leader: they take records now
      } catch (ExecutionException | java.util.concurrent.TimeoutException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(20);
      }
    }
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  @Override
  public void close() {
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      deleteQuietly(logDir);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("could not delete {}: {}", dir, e.toString());
    }
  }
}
