package io.aimon.jobs.state;

import io.aimon.config.KafkaSettings;
import io.aimon.jobs.evidence.EvidenceArchive;
import io.aimon.jobs.kafka.KafkaConnectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Keeps {@code aimon run} from silently starting over with empty state. With no checkpoint or
 * savepoint to restore, a job that has run before would recompute its open windows from part of
 * their events, reopen open incidents under new ids and start a second evidence chain at seq 1 that
 * no longer verifies. So before such a start the guard looks for traces of an earlier run:
 *
 * <ul>
 *   <li>offsets committed by the job's consumer group on its input topic (the job read before);
 *   <li>evidence of one of the configured models in {@code evidence.dir} (a committed {@code
 *       *.jsonl} file under {@code model=<id>/});
 *   <li>evidence records of one of the configured models on the evidence topic.
 * </ul>
 *
 * Any trace refuses the start with one line saying what was found and what to do; {@link
 * Traces#refusal} is the pure decision.
 */
public final class StartGuard {
  /** How long the probes may take against a slow cluster before the start is refused. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

  private StartGuard() {}

  /**
   * What an earlier run left behind.
   *
   * @param committedPartitions partitions of the input topic with an offset committed by the group
   * @param archiveModels configured models with evidence in {@code evidence.dir}
   * @param topicModels configured models with records on the evidence topic
   */
  public record Traces(
      int committedPartitions, Set<String> archiveModels, Set<String> topicModels) {
    public Traces {
      archiveModels = Set.copyOf(new TreeSet<>(archiveModels));
      topicModels = Set.copyOf(new TreeSet<>(topicModels));
    }

    /** True when nothing shows an earlier run. */
    public boolean none() {
      return committedPartitions == 0 && archiveModels.isEmpty() && topicModels.isEmpty();
    }

    /**
     * What shows the earlier run, one phrase per trace (empty when nothing does).
     *
     * @param kafka the job's Kafka settings (group, topics named in the phrases)
     * @param evidenceDir {@code evidence.dir}, or null
     */
    public List<String> found(KafkaSettings kafka, String evidenceDir) {
      List<String> found = new ArrayList<>();
      if (committedPartitions > 0) {
        found.add(
            "consumer group "
                + kafka.groupId()
                + " has committed offsets on "
                + kafka.inferenceTopic());
      }
      if (!archiveModels.isEmpty()) {
        found.add(
            evidenceDir
                + " holds the evidence chain of "
                + String.join(", ", sorted(archiveModels)));
      }
      if (!topicModels.isEmpty()) {
        found.add(
            "topic "
                + kafka.evidenceTopic()
                + " holds the evidence chain of "
                + String.join(", ", sorted(topicModels)));
      }
      return found;
    }

    /**
     * The one-line reason to refuse a start with empty state, or empty when nothing shows an
     * earlier run.
     *
     * @param store where the checkpoints were looked for
     * @param kafka the job's Kafka settings (group, topics named in the message)
     * @param evidenceDir {@code evidence.dir}, or null
     */
    public Optional<String> refusal(
        CheckpointStore store, KafkaSettings kafka, String evidenceDir) {
      if (none()) {
        return Optional.empty();
      }
      return Optional.of(
          "no checkpoint of this job under "
              + store.location()
              + ", but it ran before ("
              + String.join("; ", found(kafka, evidenceDir))
              + "): starting with empty state would lose its open windows and incidents and "
              + "start a second evidence chain. Restore that directory, or start from a "
              + "savepoint with --from-savepoint PATH; to go on without the state, continue the "
              + "chains with --continue-chain (the break is recorded as evidence); to start over "
              + "on purpose, use a new kafka.group_id, evidence.dir and evidence topic.");
    }

    private static List<String> sorted(Collection<String> names) {
      return new ArrayList<>(new TreeSet<>(names));
    }
  }

  /** Looks for the traces of an earlier run of the job of {@code models}. */
  public static Traces probe(KafkaSettings kafka, String evidenceDir, Collection<String> models) {
    return new Traces(
        committedPartitions(kafka),
        evidenceDir == null ? Set.of() : archiveModels(evidenceDir, models),
        topicModels(kafka, models));
  }

  /** Partitions of the input topic on which the job's group committed an offset. */
  static int committedPartitions(KafkaSettings kafka) {
    Properties p = KafkaConnectors.clientProperties(kafka);
    p.setProperty("bootstrap.servers", kafka.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(Map.of(kafka.groupId(), new ListConsumerGroupOffsetsSpec()))
              .partitionsToOffsetAndMetadata(kafka.groupId())
              .get(PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return (int)
          offsets.entrySet().stream()
              .filter(
                  e -> e.getKey().topic().equals(kafka.inferenceTopic()) && e.getValue() != null)
              .count();
    } catch (Exception e) {
      throw new IllegalStateException(
          "could not read the committed offsets of consumer group "
              + kafka.groupId()
              + " from "
              + kafka.bootstrapServers()
              + " within "
              + PROBE_TIMEOUT.toSeconds()
              + " s: "
              + e.getMessage(),
          e);
    }
  }

  /** Configured models with a committed archive file under {@code model=<id>/}. */
  static Set<String> archiveModels(String evidenceDir, Collection<String> models) {
    Set<String> out = new TreeSet<>();
    try {
      Path root = CheckpointStore.qualified(evidenceDir);
      FileSystem fs = root.getFileSystem();
      for (String model : models) {
        Path dir = new Path(root, "model=" + model);
        if (fs.exists(dir) && holdsCommittedFile(fs, dir)) {
          out.add(model);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + evidenceDir, e);
    }
    return out;
  }

  private static boolean holdsCommittedFile(FileSystem fs, Path dir) throws IOException {
    FileStatus[] statuses = fs.listStatus(dir);
    if (statuses == null) {
      return false;
    }
    for (FileStatus s : statuses) {
      String name = s.getPath().getName();
      if (s.isDir() ? holdsCommittedFile(fs, s.getPath()) : committed(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A file the archive's sink committed: hidden in-progress and pending files start with a dot;
   * gate records ({@code aimon gate}, before a version is deployed) are no trace of a run.
   */
  private static boolean committed(String name) {
    return !name.startsWith(".")
        && name.endsWith(EvidenceArchive.SUFFIX)
        && !name.equals(io.aimon.evidence.Gate.FILE);
  }

  /** Configured models with a committed record (keyed by model id) on the evidence topic. */
  static Set<String> topicModels(KafkaSettings kafka, Collection<String> models) {
    Set<String> wanted = Set.copyOf(models);
    Set<String> out = new TreeSet<>();
    readEvidenceTopic(
        kafka,
        PROBE_TIMEOUT,
        () -> out.size() == wanted.size(),
        r -> {
          if (r.key() != null) {
            String model = new String(r.key(), StandardCharsets.UTF_8);
            if (wanted.contains(model)) {
              out.add(model);
            }
          }
        });
    return out;
  }

  /**
   * Reads the committed records of the evidence topic from its beginning to its end (or until
   * {@code enough} says so), within {@code timeout}; nothing when the topic does not exist.
   *
   * @throws IllegalStateException when the end is not reached in time
   */
  static void readEvidenceTopic(
      KafkaSettings kafka,
      Duration timeout,
      BooleanSupplier enough,
      Consumer<ConsumerRecord<byte[], byte[]>> each) {
    Properties p = KafkaConnectors.clientProperties(kafka);
    p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.setProperty(
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(PROBE_TIMEOUT.toMillis()));
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(kafka.evidenceTopic(), PROBE_TIMEOUT).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      if (partitions.isEmpty()) {
        return;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, PROBE_TIMEOUT);
      while (!done(consumer, end) && !enough.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read topic "
                  + kafka.evidenceTopic()
                  + " to its end within "
                  + timeout.toSeconds()
                  + " s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(each);
      }
    } catch (org.apache.kafka.common.errors.UnknownTopicOrPartitionException e) {
      // no topic, no records
    }
  }

  private static boolean done(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
