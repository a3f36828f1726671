package io.aimon.jobs.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.KafkaTestClients;
import io.aimon.jobs.cli.AimonCommand;
import io.aimon.jobs.kafka.EmbeddedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Adult data re-encoded as serving platforms log it ({@link AdultEncodings}) gives exactly the
 * check results of the native replay: KServe structured CloudEvents from a file, KServe binary-mode
 * records (ce_ headers), OIP v2 records (Kafka timestamps), Seldon Core 2 protobuf records on its
 * model topics, and SageMaker capture with its separate ground truth through {@code aimon run} on
 * the embedded broker, read back with read_committed; SageMaker's capture from a file as well.
 * Malformed records among them become dead letters with their reasons and change no result.
 */
class PlatformFormatsIntegrationTest {
  @TempDir static Path shared;
  private static List<JsonNode> events;
  private static List<String> nativeMetrics;

  @BeforeAll
  static void nativeReplay() throws Exception {
    events = new ArrayList<>();
    for (String line : AdultFixtures.lines(AdultFixtures.PRODUCTION_UNLABELED, Integer.MAX_VALUE)) {
      events.add(AdultFixtures.parse(line));
    }
    Path dir = Files.createDirectories(shared.resolve("native"));
    Path input = dir.resolve("events.jsonl");
    Files.write(input, events.stream().map(AdultEncodings::nativeWithLatency).toList());
    Path config = AdultFixtures.writeConfig(dir, "", "1d", AdultFixtures.FAIRNESS);
    Path out = AdultFixtures.replay(config, input, AdultFixtures.LABELS, dir.resolve("out"));
    nativeMetrics = sorted(Files.readAllLines(out.resolve("metrics.jsonl")));
    assertTrue(nativeMetrics.size() > 500, "native results: " + nativeMetrics.size());
  }

  @Test
  void kserveStructuredCloudEventsReplayAsTheNativeEvents(@TempDir Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    for (JsonNode e : events) {
      lines.add(AdultEncodings.structured(e, false));
      lines.add(AdultEncodings.structured(e, true));
    }
    JsonNode first = events.get(0);
    String request = AdultEncodings.structured(first, false);
    // malformed: a request whose response never comes, a shape that does not hold its data, an
    // unknown datatype, data_base64 that is not Base64, a CloudEvent of another type
    lines.add(request.replace("\"adult-16280\"", "\"lonely-1\""));
    lines.add(
        request
            .replace("\"adult-16280\"", "\"shape-1\"")
            .replace("\"shape\":[1,6]", "\"shape\":[1,5]"));
    lines.add(AdultEncodings.structured(first, true).replace("\"adult-16280\"", "\"shape-1\""));
    lines.add(
        request
            .replace("\"adult-16280\"", "\"datatype-1\"")
            .replace("\"datatype\":\"FP64\"", "\"datatype\":\"FP128\""));
    lines.add(AdultEncodings.structured(first, true).replace("\"adult-16280\"", "\"datatype-1\""));
    lines.add(
        "{\"specversion\":\"1.0\",\"id\":\"b64-1\",\"type\":\"org.kubeflow.serving.inference"
            + ".request\",\"source\":\"x\",\"time\":\"2024-02-01T00:00:00Z\","
            + "\"inferenceservicename\":\"adult-income-logreg\",\"data_base64\":\"%%%\"}");
    lines.add(request.replace("org.kubeflow.serving.inference.request", "dev.knative.ping"));
    Path input = dir.resolve("kserve.jsonl");
    Files.write(input, lines);
    Path out =
        AdultFixtures.replay(
            config(dir, "input:\n  format: kserve\n"),
            input,
            AdultFixtures.LABELS,
            dir.resolve("out"));

    List<String> dead = Files.readAllLines(out.resolve("dead-letter.jsonl"));
    assertTrue(dead.size() < 10, dead.size() + " dead letters, the first: " + dead.get(0));
    assertSameResults(nativeMetrics, Files.readAllLines(out.resolve("metrics.jsonl")), "kserve");
    Map<String, Integer> reasons = new TreeMap<>();
    for (JsonNode d : AdultFixtures.readJsonLines(out.resolve("dead-letter.jsonl"))) {
      reasons.merge(d.path("reason").asText(), 1, Integer::sum);
    }
    assertEquals(
        Map.of(
            // the lonely request, and the responses of the two requests rejected when read
            "unmatched_half", 3,
            "wrong_shape", 1,
            "unknown_datatype", 1,
            "bad_encoding", 1,
            "unknown_event_type", 1),
        reasons);
  }

  @Test
  void sagemakerCaptureReplaysAsTheNativeEvents(@TempDir Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    for (JsonNode e : events) {
      lines.add(AdultEncodings.sagemakerCapture(e));
    }
    String first = AdultEncodings.sagemakerCapture(events.get(0));
    // malformed: output not captured, a CSV line of one field too few, BASE64 that is not
    lines.add(
        first.substring(0, first.indexOf(",\"endpointOutput\""))
            + "},"
            + first.substring(first.indexOf("\"eventMetadata\"")));
    lines.add(
        first
            .replace("\"inferenceId\":\"adult-16280\"", "\"inferenceId\":\"ragged-1\"")
            .replace("27,", ""));
    lines.add(
        first
            .replace("\"inferenceId\":\"adult-16280\"", "\"inferenceId\":\"b64-1\"")
            .replace("\"encoding\":\"CSV\"}}", "\"encoding\":\"BASE64\"}}"));
    Path input = dir.resolve("capture.jsonl");
    Files.write(input, lines);
    Path out =
        AdultFixtures.replay(
            config(
                dir,
                "input:\n  format: sagemaker\n  sagemaker:\n    variant: \"1\"\n",
                AdultEncodings.SAGEMAKER_TENSORS),
            input,
            AdultFixtures.LABELS,
            dir.resolve("out"));
    // the capture records no latency: every other result is the native one
    assertSameResults(
        withoutLatency(nativeMetrics),
        Files.readAllLines(out.resolve("metrics.jsonl")),
        "sagemaker");
    Map<String, Integer> reasons = new TreeMap<>();
    for (JsonNode d : AdultFixtures.readJsonLines(out.resolve("dead-letter.jsonl"))) {
      reasons.merge(d.path("reason").asText(), 1, Integer::sum);
    }
    assertEquals(Map.of("missing_field", 1, "wrong_shape", 1, "bad_encoding", 1), reasons);
  }

  @Test
  void kserveOipSeldonAndSageMakerRecordsOnKafkaGiveTheNativeResults(@TempDir Path dir)
      throws Exception {
    // the first day of events (4,071) and their labels: a native replay of them is the baseline
    List<JsonNode> day =
        events.stream().filter(e -> e.path("timestamp").asText().startsWith("2024-02-01")).toList();
    java.util.Set<String> ids = new java.util.HashSet<>();
    day.forEach(e -> ids.add(e.path("inference_id").asText()));
    List<String> labels = new ArrayList<>();
    for (String l : AdultFixtures.lines(AdultFixtures.LABELS, Integer.MAX_VALUE)) {
      if (ids.contains(AdultFixtures.parse(l).path("inference_id").asText())) {
        labels.add(l);
      }
    }
    Path baseDir = Files.createDirectories(dir.resolve("native"));
    Path dayFile = baseDir.resolve("events.jsonl");
    Files.write(dayFile, day.stream().map(AdultEncodings::nativeWithLatency).toList());
    Path labelFile = baseDir.resolve("labels.jsonl");
    Files.write(labelFile, labels);
    List<String> baseline =
        Files.readAllLines(
            AdultFixtures.replay(
                    AdultFixtures.writeConfig(baseDir, "", "1d", AdultFixtures.FAIRNESS),
                    dayFile,
                    labelFile,
                    baseDir.resolve("out"))
                .resolve("metrics.jsonl"));
    assertTrue(baseline.size() > 100, "baseline results: " + baseline.size());
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      StringWriter err = new StringWriter();
      assertEquals(
          0,
          new CommandLine(new AimonCommand())
              .setErr(new PrintWriter(err))
              .execute("evidence", "keygen", "--out", dir.resolve("keys").toString()),
          err.toString());
      // every topic and record is in place before the first run: a produce right after an
      // exactly-once run on the same broker can wait on it
      List<String> runs = List.of("kb", "oip", "seldon", "sm");
      String seldonInputs = "seldon.default.model." + AdultFixtures.MODEL + ".inputs";
      String seldonOutputs = "seldon.default.model." + AdultFixtures.MODEL + ".outputs";
      kafka.createTopics(List.of(seldonInputs, seldonOutputs), 2);
      for (String run : runs) {
        kafka.createTopics(
            List.of(
                run + ".inference",
                run + ".labels",
                run + ".metrics",
                run + ".dead",
                run + ".incidents",
                run + ".evidence"),
            1);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        if (run.equals("sm")) {
          // SageMaker ground truth carries no time: its Kafka timestamp is the label's
          for (String l : labels) {
            JsonNode label = AdultFixtures.parse(l);
            records.add(
                new ProducerRecord<>(
                    "sm.labels",
                    null,
                    Instant.parse(label.path("timestamp").asText()).toEpochMilli(),
                    null,
                    AdultEncodings.sagemakerGroundTruth(label).getBytes(StandardCharsets.UTF_8)));
          }
          for (JsonNode e : day) {
            records.add(
                new ProducerRecord<>(
                    "sm.inference",
                    null,
                    AdultEncodings.time(e),
                    null,
                    AdultEncodings.sagemakerCapture(e).getBytes(StandardCharsets.UTF_8)));
          }
          KafkaTestClients.produceRecords(kafka.bootstrapServers(), records);
          continue;
        }
        KafkaTestClients.produce(kafka.bootstrapServers(), run + ".labels", labels);
        for (JsonNode e : day) {
          for (boolean response : new boolean[] {false, true}) {
            long time = AdultEncodings.time(e) + (response ? AdultEncodings.LATENCY_MS : 0);
            ProducerRecord<byte[], byte[]> r;
            if (run.equals("seldon")) {
              // keyed by request id, as Seldon writes them; its header travels with both halves
              byte[] id = e.path("inference_id").asText().getBytes(StandardCharsets.UTF_8);
              r =
                  new ProducerRecord<>(
                      response ? seldonOutputs : seldonInputs,
                      null,
                      time,
                      id,
                      response
                          ? AdultEncodings.seldonResponse(e)
                          : AdultEncodings.seldonRequest(e));
              r.headers().add(new RecordHeader("x-request-id", id));
            } else {
              String body =
                  (response ? AdultEncodings.oipResponse(e) : AdultEncodings.oipRequest(e))
                      .toString();
              r =
                  new ProducerRecord<>(
                      run + ".inference", null, time, null, body.getBytes(StandardCharsets.UTF_8));
            }
            if (run.equals("kb")) {
              AdultEncodings.binaryHeaders(e, response)
                  .forEach(
                      (k, v) ->
                          r.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
            }
            records.add(r);
          }
        }
        if (run.equals("seldon")) {
          // a request cut short: a dead letter, and no change to any result
          byte[] whole = AdultEncodings.seldonRequest(day.get(0));
          ProducerRecord<byte[], byte[]> cut =
              new ProducerRecord<>(
                  seldonInputs,
                  null,
                  AdultEncodings.time(day.get(0)),
                  "cut".getBytes(StandardCharsets.UTF_8),
                  java.util.Arrays.copyOf(whole, whole.length - 5));
          records.add(cut);
        }
        KafkaTestClients.produceRecords(kafka.bootstrapServers(), records);
      }
      for (String run : runs) {
        Path runDir = dir.resolve(run);
        Path config =
            AdultFixtures.writeKafkaConfig(
                runDir,
                kafka.bootstrapServers(),
                run,
                dir.resolve("keys/aimon-evidence.key"),
                "checkpoint_interval: 500ms",
                AdultFixtures.FAIRNESS
                    + "\n"
                    + (run.equals("sm")
                        ? AdultEncodings.SAGEMAKER_TENSORS
                        : AdultEncodings.TENSORS),
                run.equals("sm")
                    ? "input:\n  format: sagemaker\n  label_format: sagemaker\n"
                        + "  sagemaker:\n    variant: \"1\"\n"
                    : "input:\n  format: "
                        + Map.of("kb", "kserve", "oip", "oip", "seldon", "seldon").get(run)
                        + "\n");
        int code =
            new CommandLine(new AimonCommand())
                .setErr(new PrintWriter(err))
                .execute("run", "--config", config.toString(), "--bounded");
        assertEquals(0, code, err.toString());
        // SageMaker's capture records no latency: every other result is the native one
        List<String> expected = run.equals("sm") ? withoutLatency(baseline) : baseline;
        assertSameResults(
            expected,
            KafkaTestClients.readCommitted(
                kafka.bootstrapServers(), run + ".metrics", expected.size()),
            run);
        if (run.equals("seldon")) {
          List<String> dead =
              KafkaTestClients.readCommitted(kafka.bootstrapServers(), "seldon.dead", 1);
          assertEquals(1, dead.size(), dead.toString());
          JsonNode d = AdultFixtures.parse(dead.get(0));
          assertEquals("malformed_protobuf", d.path("reason").asText());
          assertTrue(d.path("source").asText().startsWith(seldonInputs + "/"), dead.get(0));
        }
      }
    }
  }

  private static Path config(Path dir, String top) throws Exception {
    return config(dir, top, AdultEncodings.TENSORS);
  }

  private static List<String> withoutLatency(List<String> results) {
    return results.stream().filter(r -> !r.contains("\"metric\":\"latency_")).toList();
  }

  private static Path config(Path dir, String top, String tensors) throws Exception {
    Path config = AdultFixtures.writeConfig(dir, "", "1d", AdultFixtures.FAIRNESS + "\n" + tensors);
    Files.writeString(config, top + Files.readString(config));
    return config;
  }

  /** Equal lists of results, or a failure listing the first differences. */
  private static void assertSameResults(List<String> expected, List<String> actual, String what) {
    List<String> missing = new ArrayList<>(expected);
    missing.removeAll(actual);
    List<String> extra = new ArrayList<>(actual);
    extra.removeAll(expected);
    assertEquals(
        "",
        missing.stream().limit(3).map(l -> "- " + l + "\n").reduce("", String::concat)
            + extra.stream().limit(3).map(l -> "+ " + l + "\n").reduce("", String::concat),
        what + ": " + missing.size() + " results missing, " + extra.size() + " extra");
    assertEquals(expected.size(), actual.size(), what + ": results");
  }

  private static List<String> sorted(List<String> lines) {
    List<String> out = new ArrayList<>(lines);
    out.sort(null);
    return out;
  }
}
