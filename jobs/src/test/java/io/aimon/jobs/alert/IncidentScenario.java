package io.aimon.jobs.alert;

import io.aimon.jobs.demo.DemoGenerator;
import io.aimon.jobs.demo.DemoGenerator.Phase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Inference events in event time that make the monitor job open, escalate, update and resolve
 * incidents, from the demo's generator: 12 ten-second windows; credit-risk drifts in windows 4-7
 * and recovers, churn drifts from window 4 to the end (its incidents stay open).
 */
public final class IncidentScenario {
  public static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  public static final int WINDOWS = 12;
  static final int EVENTS_PER_WINDOW = 200;
  static final String RUNBOOK = "https://runbooks.example.com/aimon/model-drift";

  private IncidentScenario() {}

  /** Writes the reference files and the config next to each other and returns the config. */
  public static Path writeConfig(Path dir, String bootstrapServers) throws IOException {
    writeReferences(dir, START);
    Path config = dir.resolve("aimon.yaml");
    Files.writeString(
        config,
        DemoGenerator.config(bootstrapServers, "http://127.0.0.1:9093")
            .replace("checkpoint_interval: 2s", "checkpoint_interval: 500ms")
            // one incident per series: these tests are about delivery, not grouping
            .replace(
                "models:\n",
                "alerting:\n  runbook_url: " + RUNBOOK + "\n  group_by: series\nmodels:\n"));
    return config;
  }

  /**
   * Writes each demo model's reference file the demo config names: 4,000 normal events (seed 42),
   * one a second over the day before {@code start}.
   */
  public static void writeReferences(Path dir, long start) throws IOException {
    DemoGenerator reference = new DemoGenerator(42);
    for (String model : DemoGenerator.MODELS) {
      try (Writer w =
          new BufferedWriter(
              new OutputStreamWriter(
                  new GZIPOutputStream(
                      Files.newOutputStream(dir.resolve("reference-" + model + ".jsonl.gz"))),
                  StandardCharsets.UTF_8))) {
        for (int i = 0; i < 4000; i++) {
          w.write(reference.event(model, start - 86_400_000L + i * 1000L, Phase.NORMAL));
          w.write('\n');
        }
      }
    }
  }

  /** The inference events, labels inline, in time order. */
  public static List<String> events() {
    DemoGenerator gen = new DemoGenerator(7);
    List<String> out = new ArrayList<>();
    long step = 10_000L / EVENTS_PER_WINDOW;
    for (int w = 0; w < WINDOWS; w++) {
      Phase credit = w < 4 ? Phase.NORMAL : w < 8 ? Phase.DRIFT : Phase.RECOVERY;
      Phase churn = w < 4 ? Phase.NORMAL : Phase.DRIFT;
      for (int i = 0; i < EVENTS_PER_WINDOW; i++) {
        long t = START + w * 10_000L + i * step;
        out.add(gen.event(DemoGenerator.CREDIT, t, credit));
        out.add(gen.event(DemoGenerator.CHURN, t, churn));
      }
    }
    return out;
  }
}
