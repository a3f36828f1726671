package io.aimon.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * The Adult dataset (UCI Adult, CC BY 4.0, see datasets/adult/SOURCES.md) and its expected values
 * computed by scipy; tolerances named after docs/metrics.md.
 */
public final class AdultFixtures {
  /** In this module's test resources; another module's tests name it in {@code aimon.adult}. */
  public static final Path DATASET =
      Path.of(System.getProperty("aimon.adult", "src/test/resources/datasets/adult"))
          .toAbsolutePath()
          .normalize();

  public static final Path REFERENCE = DATASET.resolve("reference.jsonl.gz");
  public static final Path PRODUCTION = DATASET.resolve("production.jsonl.gz");
  public static final Path PRODUCTION_UNLABELED = DATASET.resolve("production-unlabeled.jsonl.gz");
  public static final Path LABELS = DATASET.resolve("labels.jsonl.gz");

  /** Fairness over sex and race with every group in the gaps, as the expected values were made. */
  public static final String FAIRNESS = "fairness: {attributes: [sex, race], min_group_size: 1}";

  public static final String MODEL = "adult-income-logreg";

  /** docs/metrics.md: KS statistic to ~1e-12 (scipy rounds D to h/lcm in exact mode). */
  public static final double KS_STATISTIC_ABS = 1e-12;

  /** docs/metrics.md: p-values within 1e-6 relative. */
  public static final double P_VALUE_REL = 1e-6;

  /** docs/metrics.md: PSI, JS, chi-square (and Wasserstein on exact data) within 1e-9 relative. */
  public static final double EXACT_REL = 1e-9;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AdultFixtures() {}

  /** Writes an aimon config for the Adult model into dir; extraJob is YAML under {@code job:}. */
  public static Path writeConfig(Path dir, String extraJob) throws IOException {
    return writeConfig(dir, extraJob, "1d");
  }

  /** Writes an aimon config for the Adult model with the given window length. */
  public static Path writeConfig(Path dir, String extraJob, String window) throws IOException {
    return writeConfig(dir, extraJob, window, "");
  }

  /** As above, with extra keys (YAML, one per line) in the model. */
  public static Path writeConfig(Path dir, String extraJob, String window, String extraModel)
      throws IOException {
    String yaml =
        """
        job:
          parallelism: 1
        %s
        models:
          - id: adult-income-logreg
            version: "1"
            window: %s
            min_samples: 100
            reference:
              events: %s
            features:
              numeric: [age, fnlwgt, education_num, capital_gain, capital_loss, hours_per_week]
              categorical: [workclass, education, marital_status, occupation, relationship, race, sex, native_country]
        %s
        """
            .formatted(
                extraJob.indent(2),
                window,
                REFERENCE.toString().replace("\\", "/"),
                extraModel.indent(4));
    Path file = dir.resolve("aimon.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  /**
   * Writes the config of one {@code aimon run} of the Adult model into {@code runDir}: its own
   * topics {@code RUN.inference}, {@code RUN.labels}, {@code RUN.metrics}, {@code RUN.dead}, {@code
   * RUN.incidents}, {@code RUN.evidence}, {@code RUN.deliveries} and {@code RUN.alert-dead}, group
   * {@code RUN}, checkpoints in {@code runDir/checkpoints}, the archive in {@code runDir/archive},
   * signed with {@code signingKey}; {@code extraJob} and {@code extraModel} as in {@link
   * #writeConfig(Path, String, String, String)}, {@code extraTop} (YAML) at the top level.
   */
  public static Path writeKafkaConfig(
      Path runDir,
      String bootstrapServers,
      String run,
      Path signingKey,
      String extraJob,
      String extraModel,
      String extraTop)
      throws IOException {
    Files.createDirectories(runDir);
    Path file = writeConfig(runDir, extraJob, "1d", extraModel);
    Files.writeString(
        file,
        """
        kafka:
          bootstrap_servers: "%s"
          group_id: %s
          topics:
            inference: %s.inference
            metrics: %s.metrics
            dead_letter: %s.dead
            incidents: %s.incidents
            evidence: %s.evidence
            labels: %s.labels
            alert_deliveries: %s.deliveries
            alert_dead_letter: %s.alert-dead
        evidence:
          dir: archive
          signing_key: file:%s
        """
                .formatted(
                    bootstrapServers,
                    run,
                    run,
                    run,
                    run,
                    run,
                    run,
                    run,
                    run,
                    run,
                    signingKey.toString().replace("\\", "/"))
            + extraTop
            + (extraTop.isEmpty() || extraTop.endsWith("\n") ? "" : "\n")
            + Files.readString(file).replace("job:\n", "job:\n  checkpoint_dir: checkpoints\n"));
    return file;
  }

  /** Runs {@code aimon replay} through the command line and asserts it exits 0. */
  public static Path replay(Path config, Path input, Path out) {
    return replay(config, input, null, out);
  }

  /** Runs {@code aimon replay --labels} through the command line and asserts it exits 0. */
  public static Path replay(Path config, Path input, Path labels, Path out) {
    return replay(config, input, labels, out, null);
  }

  /** Runs {@code aimon replay [--labels] [--actions]} and asserts it exits 0. */
  public static Path replay(Path config, Path input, Path labels, Path out, Path actions) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "replay",
                "--config",
                config.toString(),
                "--input",
                input.toString(),
                "--out",
                out.toString()));
    if (labels != null) {
      args.add("--labels");
      args.add(labels.toString());
    }
    if (actions != null) {
      args.add("--actions");
      args.add(actions.toString());
    }
    java.io.StringWriter err = new java.io.StringWriter();
    int code =
        new picocli.CommandLine(new io.aimon.jobs.cli.AimonCommand())
            .setErr(new java.io.PrintWriter(err))
            .setOut(new java.io.PrintWriter(new java.io.StringWriter()))
            .execute(args.toArray(String[]::new));
    assertEquals(0, code, "replay failed: " + err);
    return out;
  }

  /**
   * For each numeric feature and the score: the reference's interquartile range (numpy type-7
   * quantiles) and its range (max - min), in the feature's units.
   */
  public static Map<String, double[]> referenceIqrAndRange() throws IOException {
    List<String> names =
        List.of("age", "fnlwgt", "education_num", "capital_gain", "capital_loss", "hours_per_week");
    Map<String, List<Double>> values = new java.util.LinkedHashMap<>();
    names.forEach(n -> values.put(n, new ArrayList<>()));
    values.put("score", new ArrayList<>());
    for (String line : lines(REFERENCE, Integer.MAX_VALUE)) {
      JsonNode e = MAPPER.readTree(line);
      names.forEach(n -> values.get(n).add(e.path("features").path(n).asDouble()));
      values.get("score").add(e.path("score").asDouble());
    }
    Map<String, double[]> out = new java.util.LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          double[] x = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          out.put(k, new double[] {quantile(x, 0.75) - quantile(x, 0.25), x[x.length - 1] - x[0]});
        });
    return out;
  }

  /** numpy.quantile with the default linear (type 7) interpolation. */
  private static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  public static JsonNode expected() throws IOException {
    return MAPPER.readTree(DATASET.resolve("expected.json").toFile());
  }

  /** The first n lines of a gzip JSON Lines file. */
  public static List<String> lines(Path gz, int n) throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
      String line;
      while (out.size() < n && (line = r.readLine()) != null) {
        out.add(line);
      }
    }
    return out;
  }

  public static List<JsonNode> readJsonLines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(MAPPER.readTree(line));
    }
    return out;
  }

  public static JsonNode parse(String json) throws IOException {
    return MAPPER.readTree(json);
  }

  /**
   * Asserts every drift value of expected.json present in the results (windows whose start date is
   * among the results) and returns the largest error per metric, with the count under "values".
   */
  public static Map<String, Double> assertMatchesExpected(
      List<JsonNode> results, int expectedWindows) throws IOException {
    Map<String, JsonNode> byKey = new HashMap<>();
    for (JsonNode r : results) {
      byKey.put(
          key(
              r.path("window_start").asText(),
              r.path("metric").asText(),
              r.path("feature").asText(null)),
          r);
    }
    Map<String, Double> maxError = new TreeMap<>();
    int values = 0;
    int windows = 0;
    for (JsonNode w : expected().path("windows")) {
      String start = w.path("time_range").path("start").asText();
      JsonNode count = byKey.get(key(start, "count", null));
      if (count == null) {
        continue;
      }
      windows++;
      assertEquals(w.path("n_rows").asLong(), count.path("value").asLong(), "count of " + start);
      for (Iterator<Map.Entry<String, JsonNode>> it = w.path("drift").path("numeric").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        values += numeric(byKey, start, f.getKey(), f.getValue(), maxError);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = w.path("drift").path("categorical").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        JsonNode e = f.getValue();
        values +=
            check(
                maxError,
                "chi_square",
                get(byKey, start, "chi_square", f.getKey()).path("value"),
                e.path("chi2_statistic"),
                EXACT_REL,
                true);
        values +=
            check(
                maxError,
                "chi_square.p_value",
                get(byKey, start, "chi_square", f.getKey()).path("p_value"),
                e.path("chi2_p_value"),
                P_VALUE_REL,
                true);
        values +=
            check(
                maxError,
                "psi",
                get(byKey, start, "psi", f.getKey()).path("value"),
                e.path("psi"),
                EXACT_REL,
                true);
        values +=
            check(
                maxError,
                "jensen_shannon",
                get(byKey, start, "jensen_shannon", f.getKey()).path("value"),
                e.path("js_distance"),
                EXACT_REL,
                true);
      }
      values += numeric(byKey, start, "score", w.path("score_drift"), maxError);
    }
    assertEquals(expectedWindows, windows, "windows found in the results");
    maxError.put("values", (double) values);
    return maxError;
  }

  private static int numeric(
      Map<String, JsonNode> byKey,
      String start,
      String feature,
      JsonNode e,
      Map<String, Double> maxError) {
    int n = 0;
    JsonNode ks = get(byKey, start, "ks", feature);
    n += check(maxError, "ks", ks.path("value"), e.path("ks_statistic"), KS_STATISTIC_ABS, false);
    n += check(maxError, "ks.p_value", ks.path("p_value"), e.path("ks_p_value"), P_VALUE_REL, true);
    n +=
        check(
            maxError,
            "wasserstein",
            get(byKey, start, "wasserstein", feature).path("value"),
            e.path("wasserstein"),
            EXACT_REL,
            true);
    n +=
        check(
            maxError,
            "psi",
            get(byKey, start, "psi", feature).path("value"),
            e.path("psi"),
            EXACT_REL,
            true);
    n +=
        check(
            maxError,
            "jensen_shannon",
            get(byKey, start, "jensen_shannon", feature).path("value"),
            e.path("js_distance"),
            EXACT_REL,
            true);
    return n;
  }

  private static JsonNode get(
      Map<String, JsonNode> byKey, String start, String metric, String feature) {
    JsonNode r = byKey.get(key(start, metric, feature));
    assertNotNull(r, "no result for " + metric + "[" + feature + "] in window " + start);
    return r;
  }

  private static int check(
      Map<String, Double> maxError,
      String metric,
      JsonNode got,
      JsonNode want,
      double tol,
      boolean relative) {
    if (want.isMissingNode() || want.isNull()) {
      return 0;
    }
    assertTrue(got.isNumber(), metric + ": expected a number, found " + got);
    double g = got.asDouble();
    double w = want.asDouble();
    double err =
        relative ? Math.abs(g - w) / Math.max(Math.abs(w), Double.MIN_NORMAL) : Math.abs(g - w);
    assertTrue(
        err <= tol, metric + ": " + g + " vs expected " + w + " (error " + err + " > " + tol + ")");
    maxError.merge(metric, err, Math::max);
    return 1;
  }

  private static String key(String start, String metric, String feature) {
    return start + "|" + metric + "|" + feature;
  }
}
