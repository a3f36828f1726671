package io.aimon.jobs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.KafkaTestClients;
import io.aimon.jobs.cli.AimonCommand;
import io.aimon.jobs.kafka.EmbeddedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Odd characters never stop a job: lone surrogates (in a model id, in a group value) are dead
 * letters {@code invalid_text}, and emoji cut by the 64-character abbreviation of a detail or the 4
 * KiB truncation of a dead letter's payload stay whole; in a replay and on Kafka, every output is
 * strict UTF-8.
 */
class SurrogateIntegrationTest {
  private static final String EMOJI = "\uD83D\uDE00";

  @TempDir Path dir;

  /** The odd records, each with the reason it must be dead-lettered with. */
  private static Map<String, String> oddRecords() {
    Map<String, String> odd = new TreeMap<>();
    String ts = "\"timestamp\":\"2024-02-01T05:00:00Z\"";
    odd.put(
        "{\"inference_id\":\"s1\",\"model_id\":\"adult-income-logreg\\ud83d\","
            + ts
            + ",\"features\":{},\"prediction\":1}",
        "invalid_text");
    odd.put(
        "{\"inference_id\":\"s2\",\"model_id\":\"adult-income-logreg\","
            + ts
            + ",\"features\":{},\"prediction\":1,\"groups\":{\"sex\":\"Fe\\udc00male\"}}",
        "invalid_text");
    // an unknown model id of 40 emoji: its detail abbreviates it at 64 characters, mid-pair
    odd.put(
        "{\"inference_id\":\"s3\",\"model_id\":\"x"
            + EMOJI.repeat(40)
            + "\","
            + ts
            + ",\"features\":{},\"prediction\":1}",
        "unknown_model");
    // 3000 emoji (12 KB): the dead letter's 4 KiB payload cut falls inside a pair
    odd.put(
        "{\"inference_id\":\"s4\",\"model_id\":\"y"
            + EMOJI.repeat(3000)
            + "\","
            + ts
            + ",\"features\":{},\"prediction\":1}",
        "unknown_model");
    return odd;
  }

  private List<String> input() throws Exception {
    List<String> lines = new ArrayList<>(AdultFixtures.lines(AdultFixtures.PRODUCTION, 300));
    lines.addAll(150, oddRecords().keySet());
    return lines;
  }

  @Test
  void inAReplay() throws Exception {
    Path config =
        AdultFixtures.writeConfig(dir, "checkpoint_interval: 1s", "1d", AdultFixtures.FAIRNESS);
    Path input = dir.resolve("odd.jsonl");
    Files.write(input, input(), StandardCharsets.UTF_8);
    Path out = dir.resolve("out");
    StringWriter err = new StringWriter();
    int code =
        AimonCommand.commandLine()
            .setErr(new PrintWriter(err))
            .setOut(new PrintWriter(new StringWriter()))
            .execute(
                "replay",
                "--config",
                config.toString(),
                "--input",
                input.toString(),
                "--out",
                out.toString());
    assertEquals(0, code, err.toString());
    for (String file : List.of("metrics.jsonl", "dead-letter.jsonl", "incidents.jsonl")) {
      strictUtf8(Files.readAllBytes(out.resolve(file)), file);
    }
    List<String> dead = Files.readAllLines(out.resolve("dead-letter.jsonl"));
    assertReasons(dead);
    assertTrue(
        Files.readString(out.resolve("metrics.jsonl")).contains("\"n\":300"),
        "the 300 good events count");
  }

  @Test
  void onKafka() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(
          List.of(
              "aimon.inference",
              "aimon.metrics",
              "aimon.dead-letter",
              "aimon.incidents",
              "aimon.evidence"),
          1);
      KafkaTestClients.produce(kafka.bootstrapServers(), "aimon.inference", input());
      Path config =
          AdultFixtures.writeConfig(
              dir,
              "checkpoint_interval: 500ms\ncheckpoint_dir: checkpoints",
              "1d",
              AdultFixtures.FAIRNESS);
      Files.writeString(
          config,
          "kafka:\n  bootstrap_servers: \""
              + kafka.bootstrapServers()
              + "\"\n"
              + Files.readString(config));
      StringWriter err = new StringWriter();
      int code =
          AimonCommand.commandLine()
              .setErr(new PrintWriter(err))
              .execute("run", "--config", config.toString(), "--bounded");
      assertEquals(0, code, err.toString());
      List<String> dead =
          KafkaTestClients.readCommitted(
              kafka.bootstrapServers(), "aimon.dead-letter", oddRecords().size());
      for (String d : dead) {
        strictUtf8(d.getBytes(StandardCharsets.UTF_8), "dead letter");
        assertFalse(
            d.contains("?"),
            "no character became '?': " + d.substring(0, Math.min(200, d.length())));
      }
      assertReasons(dead);
    }
  }

  private static void assertReasons(List<String> dead) throws Exception {
    Map<String, Integer> byReason = new TreeMap<>();
    for (String d : dead) {
      byReason.merge(AdultFixtures.parse(d).path("reason").asText(), 1, Integer::sum);
      // each dead letter's payload and detail hold whole characters only
      String payload = AdultFixtures.parse(d).path("payload").asText();
      assertEquals(
          -1, firstLoneSurrogate(payload), payload.substring(0, Math.min(100, payload.length())));
      assertEquals(-1, firstLoneSurrogate(AdultFixtures.parse(d).path("detail").asText()));
    }
    assertEquals(Map.of("invalid_text", 2, "unknown_model", 2), byReason);
  }

  private static int firstLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static void strictUtf8(byte[] bytes, String what) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new AssertionError(what + " is not valid UTF-8: " + e);
    }
  }
}
