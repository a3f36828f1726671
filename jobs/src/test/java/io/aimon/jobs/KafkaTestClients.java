package io.aimon.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for tests: write lines to a topic, read committed records back. */
public final class KafkaTestClients {
  /**
   * How long a record may take to be acknowledged (Kafka's default is 120 s): a loaded CI machine
   * running a whole test suite in one JVM can be slower than that once.
   */
  private static final String DELIVERY_TIMEOUT_MS = "300000";

  private KafkaTestClients() {}

  /** Writes each line as one record (no key) and waits until all are acknowledged. */
  public static void produce(String bootstrap, String topic, List<String> lines) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    List<Map.Entry<String, String>> records = new ArrayList<>(lines.size());
    lines.forEach(l -> records.add(new java.util.AbstractMap.SimpleEntry<>(null, l)));
    produceKeyed(bootstrap, topic, records);
  }

  /**
   * Writes each (key, value) as one record, in order, and waits until every one is acknowledged: a
   * record the broker did not take fails the test here, not later as a missing event.
   */
  public static void produceKeyed(
      String bootstrap, String topic, List<Map.Entry<String, String>> records) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
    List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      records.forEach(
          r -> sent.add(producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue()))));
      producer.flush();
      for (int i = 0; i < sent.size(); i++) {
        try {
          sent.get(i).get();
        } catch (ExecutionException e) {
          throw new AssertionError(
              "record "
                  + (i + 1)
                  + " of "
                  + sent.size()
                  + " to "
                  + topic
                  + " not written: "
                  + e.getCause(),
              e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  /**
   * Writes the records as they are (value bytes, headers, timestamp), in order, and waits until
   * every one is acknowledged.
   */
  public static void produceRecords(
      String bootstrap, List<ProducerRecord<byte[], byte[]>> records) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        org.apache.kafka.common.serialization.ByteArraySerializer.class.getName());
    p.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        org.apache.kafka.common.serialization.ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
    List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      records.forEach(r -> sent.add(producer.send(r)));
      producer.flush();
      for (Future<RecordMetadata> f : sent) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw new AssertionError("record not written: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  /**
   * Reads the topic from the start with read_committed until at least {@code expected} records are
   * there and two more polls bring nothing (so extra records would be seen); gives up after 60 s.
   */
  public static List<String> readCommitted(String bootstrap, String topic, int expected) {
    return readCommittedRecords(bootstrap, topic, expected).stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  /** As {@link #readCommitted}, the whole records (key, partition, offset). */
  public static List<ConsumerRecord<String, String>> readCommittedRecords(
      String bootstrap, String topic, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      int quiet = 0;
      for (int polls = 0; polls < 120 && quiet < 2; polls++) {
        var records = consumer.poll(Duration.ofMillis(500));
        records.forEach(out::add);
        if (out.size() >= expected && records.isEmpty()) {
          quiet++;
        }
      }
    }
    return out;
  }

  /**
   * Every committed record value of {@code topic} (all partitions), read to the end offsets it has
   * now: no waiting for a count, so an empty topic returns at once.
   */
  public static List<String> readToEnd(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<String> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      List<org.apache.kafka.common.TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      java.util.Map<org.apache.kafka.common.TopicPartition, Long> end =
          consumer.endOffsets(partitions);
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
      }
    }
    return out;
  }
}
