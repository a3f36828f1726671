package io.aimon.jobs.cli;

import io.aimon.config.AimonConfig;
import io.aimon.config.InputFormat;
import io.aimon.config.ModelConfig;
import io.aimon.detectors.event.JsonLinesReader;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.input.Inspection;
import io.aimon.jobs.kafka.KafkaConnectors;
import io.aimon.jobs.kafka.RawRecordDeserializer;
import io.aimon.jobs.kafka.TopicCheck;
import io.aimon.jobs.monitor.MonitorRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aimon inspect}: how the first records of a file or topic map to events. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Show how the first records map to events under the config.",
      "",
      "Decodes the first records of a file (--input) or of the inference topics",
      "(--topic) with the config's input.format and models[].tensors, and prints",
      "for each record its tensors (datatype, shape, and those no model reads),",
      "the events it gives in the native event schema or the dead letter it",
      "becomes, and at the end the features no event filled: what to map while",
      "writing a tensors mapping. Reads only; starts no job. Exits 0 when every",
      "record read gave events, 1 when some became dead letters."
    })
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @ArgGroup(multiplicity = "1")
  Source source;

  static final class Source {
    @Option(
        names = "--input",
        paramLabel = "FILE",
        description = "Records, one per line (.jsonl or .jsonl.gz).")
    Path input;

    @Option(
        names = "--topic",
        description =
            "Read the config's inference topics from their start (kafka.topics.inference, or"
                + " each model's Seldon topics).")
    boolean topic;
  }

  @Option(
      names = "--records",
      paramLabel = "N",
      defaultValue = "5",
      description = "How many records to read (default ${DEFAULT-VALUE}).")
  int records;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AimonConfig cfg = config.loadOrReport(err);
    if (cfg == null) {
      return 2;
    }
    if (records < 1) {
      err.println("aimon: --records: expected at least 1, found " + records);
      return 2;
    }
    List<RawRecord> raw;
    if (source.input != null) {
      if (!Files.isRegularFile(source.input)) {
        err.println("aimon: --input: file not found: " + source.input);
        return 2;
      }
      if (cfg.input().format() == InputFormat.SELDON) {
        err.println(
            "aimon: "
                + cfg.source()
                + ": input.format: seldon records are protobuf on Kafka; inspect them with"
                + " --topic");
        return 2;
      }
      raw = new ArrayList<>();
      try (JsonLinesReader in = JsonLinesReader.open(source.input, cfg.job().maxRecordBytes())) {
        for (RawRecord r = in.next(); r != null && raw.size() < records; r = in.next()) {
          if (!r.payload().isBlank()) {
            raw.add(r);
          }
        }
      }
    } else {
      List<String[]> topics =
          MonitorRunner.inferenceTopics(
              cfg.input(), cfg.kafka(), cfg.models().stream().map(ModelConfig::id).toList());
      String problem = TopicCheck.problem(cfg.kafka(), topics);
      if (problem != null) {
        err.println("aimon: " + problem);
        return 2;
      }
      raw = fromTopics(cfg, topics.stream().map(t -> t[1]).distinct().toList());
    }
    Inspection inspection = Inspection.of(cfg);
    long now = System.currentTimeMillis();
    for (RawRecord r : raw) {
      inspection.record(r, now).forEach(out::println);
    }
    List<String> summary = inspection.finish();
    summary.forEach(out::println);
    out.flush();
    return summary.stream().anyMatch(l -> l.matches("summary: \\d+ events?, 0 dead letters"))
        ? 0
        : 1;
  }

  /** The first {@code records} of the topics, read from their start (committed records only). */
  private List<RawRecord> fromTopics(AimonConfig cfg, List<String> topics) {
    Properties p = KafkaConnectors.clientProperties(cfg.kafka());
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.kafka().bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(records));
    InputFormat format = cfg.input().format();
    RawRecordDeserializer deserializer =
        new RawRecordDeserializer(
            cfg.job().maxRecordBytes(),
            format == InputFormat.KSERVE || format == InputFormat.SELDON,
            format == InputFormat.SELDON
                || (format == InputFormat.OTLP && cfg.input().otlp().protobuf()));
    List<RawRecord> out = new ArrayList<>();
    Collector<RawRecord> collect =
        new Collector<>() {
          @Override
          public void collect(RawRecord r) {
            out.add(r);
          }

          @Override
          public void close() {}
        };
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String t : topics) {
        consumer
            .partitionsFor(t)
            .forEach(i -> partitions.add(new TopicPartition(t, i.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      for (int quiet = 0; out.size() < records && quiet < 3; ) {
        var polled = consumer.poll(Duration.ofSeconds(1));
        quiet = polled.isEmpty() ? quiet + 1 : 0;
        for (ConsumerRecord<byte[], byte[]> r : polled) {
          if (out.size() < records) {
            deserializer.deserialize(r, collect);
          }
        }
      }
    }
    return out;
  }
}
