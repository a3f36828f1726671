package io.aimon.jobs.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.cli.AimonCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code aimon inspect} on SageMaker capture lines of the Adult data. */
class InspectCommandTest {
  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new AimonCommand())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void theFirstRecordsShowTheirTensorsEventsAndDeadLetters(@TempDir Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String l : AdultFixtures.lines(AdultFixtures.PRODUCTION_UNLABELED, 3)) {
      lines.add(AdultEncodings.sagemakerCapture(AdultFixtures.parse(l)));
    }
    Path input = Files.write(dir.resolve("capture.jsonl"), lines);
    Path config = AdultFixtures.writeConfig(dir, "", "1d", AdultEncodings.SAGEMAKER_TENSORS);
    Files.writeString(config, "input:\n  format: sagemaker\n" + Files.readString(config));

    String[] ok = run("inspect", "--config", config.toString(), "--input", input.toString());
    assertEquals("0", ok[0], ok[2]);
    JsonNode first = AdultFixtures.parse(lines.get(0));
    String id = first.path("eventMetadata").path("inferenceId").asText();
    assertTrue(ok[1].startsWith("record capture.jsonl:1\n"), ok[1]);
    assertTrue(ok[1].contains("  input tensor instances (untyped) [1, 14]\n"), ok[1]);
    assertTrue(ok[1].contains("  output tensor predictions (untyped) [1, 2]\n"), ok[1]);
    assertTrue(ok[1].contains("  event {\"inference_id\":\"" + id + "\""), ok[1]);
    assertTrue(ok[1].contains("summary: 3 events, 0 dead letters"), ok[1]);

    String[] two =
        run(
            "inspect",
            "--config",
            config.toString(),
            "--input",
            input.toString(),
            "--records",
            "2");
    assertTrue(two[1].contains("summary: 2 events, 0 dead letters"), two[1]);

    Files.write(
        input, List.of(lines.get(0).replace("\"encoding\":\"CSV\"}}", "\"encoding\":\"XML\"}}")));
    String[] bad = run("inspect", "--config", config.toString(), "--input", input.toString());
    assertEquals("1", bad[0], "a dead letter among the records read");
    assertTrue(
        bad[1].contains(
            "  dead letter bad_encoding: captureData.endpointOutput.encoding: expected CSV, JSON or"
                + " BASE64, found XML"),
        bad[1]);
  }
}
