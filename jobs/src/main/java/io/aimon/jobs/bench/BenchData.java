package io.aimon.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * The benchmark's input: one model, 20 numeric and 5 categorical features, seeded; with outcomes,
 * also an inline label and two sensitive attributes (g0 with 2 groups, g1 with 4).
 */
final class BenchData {
  static final String MODEL = "bench-model";
  static final int NUMERIC = 20;
  static final int CATEGORICAL = 5;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String[] CATEGORIES = {"a", "b", "c", "d", "e", "f", "g", "h"};

  private BenchData() {}

  /**
   * Writes events spaced evenly over [start, start + spanMillis), gzip when the name ends in .gz.
   */
  static void write(
      Path file,
      long events,
      long start,
      long spanMillis,
      double shift,
      long seed,
      boolean outcomes)
      throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    var raw = Files.newOutputStream(file);
    var stream = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
    try (Writer w =
        new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16)) {
      for (long i = 0; i < events; i++) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("inference_id", "bench-" + seed + "-" + i);
        e.put("model_id", MODEL);
        e.put("model_version", "1");
        e.put("timestamp", Instant.ofEpochMilli(start + i * spanMillis / events).toString());
        ObjectNode f = e.putObject("features");
        for (int k = 0; k < NUMERIC; k++) {
          f.put("f" + k, Math.round((k + random.nextGaussian() + shift) * 1000) / 1000.0);
        }
        for (int k = 0; k < CATEGORICAL; k++) {
          f.put(
              "c" + k,
              CATEGORIES[
                  (int) Math.min(CATEGORIES.length - 1, Math.abs(random.nextGaussian()) * 3)]);
        }
        double score = random.nextDouble();
        e.put("score", Math.round(score * 1e6) / 1e6);
        e.put("prediction", score >= 0.5 ? 1 : 0);
        if (outcomes) {
          e.put("label", random.nextDouble() < score ? 1 : 0);
          ObjectNode g = e.putObject("groups");
          g.put("g0", random.nextBoolean() ? "a" : "b");
          g.put("g1", "c" + random.nextInt(4));
        }
        w.write(e.toString());
        w.write('\n');
      }
    }
  }

  static String config(String referenceFile, boolean outcomes) {
    StringBuilder numeric = new StringBuilder();
    for (int k = 0; k < NUMERIC; k++) {
      numeric.append(k == 0 ? "" : ", ").append("f").append(k);
    }
    StringBuilder categorical = new StringBuilder();
    for (int k = 0; k < CATEGORICAL; k++) {
      categorical.append(k == 0 ? "" : ", ").append("c").append(k);
    }
    return """
        models:
          - id: %s
            window: 1h
            reference:
              events: %s
            features:
              numeric: [%s]
              categorical: [%s]
        %s"""
        .formatted(
            MODEL,
            referenceFile,
            numeric,
            categorical,
            outcomes ? "    fairness: {attributes: [g0, g1]}\n" : "");
  }
}
