package io.aimon.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.jobs.AdultFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aimon bench --input --config}: a user's own events through the production graph of their
 * config (the Adult example here), with the outputs a replay writes; and its usage errors.
 */
class BenchCommandTest {
  @Test
  void benchesAUsersOwnEventsWithTheirConfig(@TempDir Path dir) throws Exception {
    StringWriter out = new StringWriter();
    int code =
        AimonCommand.commandLine()
            .setOut(new PrintWriter(out))
            .execute(
                "bench",
                "--input",
                AdultFixtures.PRODUCTION.toString(),
                "--config",
                Path.of("../examples/adult/aimon.yaml").toString(),
                "--dir",
                dir.toString());
    assertEquals(0, code, out.toString());
    assertTrue(
        out.toString().startsWith("bench: 23879 lines of production.jsonl.gz"), out.toString());
    assertTrue(out.toString().contains("events per CPU-second"), out.toString());
    // a checkpoint's state (as Flink recorded it) when one completed during the short run
    assertTrue(out.toString().contains("\n  checkpointed state: "), out.toString());
    // what one prediction waiting for its label would add: the Adult event's join state, key, timer
    java.util.regex.Matcher waiting =
        java.util.regex.Pattern.compile("a prediction waiting for its label: (\\d+) bytes")
            .matcher(out.toString());
    if (out.toString().contains("checkpoints, ")) {
      assertTrue(waiting.find(), out.toString());
      long bytes = Long.parseLong(waiting.group(1));
      assertTrue(bytes > 50 && bytes < 400, "bytes per waiting prediction: " + bytes);
    }
    // the yardstick, measured in the same process
    assertTrue(
        out.toString().contains("\n  a Jackson tree parse of the same lines: "), out.toString());
    // the README's replay of the same file and config: 1050 check results (36 estimated, 6 of
    // reconstruction_error)
    assertEquals(1050, Files.readAllLines(dir.resolve("out/metrics.jsonl")).size());
  }

  @Test
  void inputNeedsAConfigAndTakesNoVersus() {
    StringWriter err = new StringWriter();
    var cli = AimonCommand.commandLine().setErr(new PrintWriter(err));
    assertEquals(2, cli.execute("bench", "--input", "x.jsonl"));
    assertEquals(
        2, cli.execute("bench", "--input", "x.jsonl", "--config", "c.yaml", "--versus", "a: 1"));
    assertTrue(
        err.toString().contains("--input and --config: expected both or neither"), err.toString());
    assertTrue(err.toString().contains("--versus: compares job settings"), err.toString());
  }
}
