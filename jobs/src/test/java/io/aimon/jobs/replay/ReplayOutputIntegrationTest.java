package io.aimon.jobs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.cli.AimonCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay that cannot finish says why in one line and leaves its outputs marked incomplete; a
 * replay never mixes its outputs with an earlier one's.
 */
class ReplayOutputIntegrationTest {
  @TempDir Path dir;

  @Test
  void aTruncatedGzipFailsWithOneLineNamingTheFileAndPosition() throws Exception {
    Path config = AdultFixtures.writeConfig(dir, "checkpoint_interval: 1s");
    byte[] gz = Files.readAllBytes(AdultFixtures.PRODUCTION);
    Path truncated = dir.resolve("truncated.jsonl.gz");
    Files.write(truncated, Arrays.copyOf(gz, gz.length / 2));
    Path out = dir.resolve("out");

    Result r =
        run(
            "replay",
            "--config",
            config.toString(),
            "--input",
            truncated.toString(),
            "--out",
            out.toString());

    assertEquals(1, r.code, r.err);
    String line = r.err.strip();
    assertEquals(1, line.lines().count(), "one line on stderr: " + line);
    assertTrue(
        line.matches(
            "aimon: truncated\\.jsonl\\.gz: the input ends inside its gzip data after line \\d+"
                + " \\(\\d+ bytes uncompressed\\): the file is truncated"),
        line);
    String marker = Files.readString(out.resolve("INCOMPLETE"));
    assertTrue(marker.startsWith("replay failed "), marker);
    assertTrue(marker.contains(line.substring("aimon: ".length())), marker);
    System.out.println("truncated gzip: " + line);
  }

  @Test
  void aSecondReplayIntoTheSameOutIsRefusedUnlessToldToReplace() throws Exception {
    Path config = AdultFixtures.writeConfig(dir, "checkpoint_interval: 1s");
    Path input = dir.resolve("two-days.jsonl");
    Files.write(input, AdultFixtures.lines(AdultFixtures.PRODUCTION, 200));
    Path out = dir.resolve("out");
    String[] replay = {
      "replay", "--config", config.toString(), "--input", input.toString(), "--out", out.toString()
    };

    Result first = run(replay);
    assertEquals(0, first.code, first.err);
    assertFalse(Files.exists(out.resolve("INCOMPLETE")), "a finished replay is not marked");
    // the same records (a replay's file sink does not fix their order within a window)
    List<String> metrics =
        Files.readAllLines(out.resolve("metrics.jsonl")).stream().sorted().toList();

    Result second = run(replay);
    assertEquals(2, second.code, second.err);
    assertEquals(
        "aimon: --out: "
            + out
            + " holds the outputs of an earlier replay: pass --replace to replace them, or choose"
            + " an empty or new directory (a second evidence chain in one archive would not"
            + " verify)",
        second.err.strip());

    String[] replace = Arrays.copyOf(replay, replay.length + 1);
    replace[replay.length] = "--replace";
    Result third = run(replace);
    assertEquals(0, third.code, third.err);
    assertEquals(
        metrics,
        Files.readAllLines(out.resolve("metrics.jsonl")).stream().sorted().toList(),
        "replaced, not appended");
    Result verify = run("evidence", "verify", out.resolve("evidence").toString());
    assertEquals(0, verify.code, verify.out + verify.err);

    Files.writeString(out.resolve("notes.txt"), "mine");
    Result foreign = run(replace);
    assertEquals(2, foreign.code, foreign.err);
    assertTrue(foreign.err.contains("holds files a replay did not write (notes.txt)"), foreign.err);
    assertTrue(
        Files.exists(out.resolve("notes.txt")), "--replace never deletes what is not aimon's");
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        AimonCommand.commandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
