package io.aimon.detectors.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared fixtures of the performance tests: the tolerances of docs/metrics.md (Performance), the
 * shared vectors, and a record of the largest error per metric (printed by the vector tests).
 */
final class PerformanceFixtures {
  /** Accuracy, precision, recall, F1 and ROC AUC: ratios of counts, within 1e-12 absolute. */
  static final double RATE_ABSOLUTE = 1e-12;

  /** Log loss and Brier: sums of per-event terms, within 1e-9 relative. */
  static final double LOSS_RELATIVE = 1e-9;

  /** MAE, MSE, RMSE, MAPE and R²: within 1e-9 relative. */
  static final double REGRESSION_RELATIVE = 1e-9;

  /** A sketched ROC AUC: within 0.005 of the exact value (docs/metrics.md). */
  static final double SKETCHED_AUC_ABSOLUTE = 0.005;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, Double> MAX_ERRORS = new ConcurrentHashMap<>();
  private static final Map<String, Long> CHECKED = new ConcurrentHashMap<>();

  private PerformanceFixtures() {}

  /** The parsed {@code /vectors/performance.json} from the test classpath. */
  static JsonNode performanceVectors() {
    try (InputStream in =
        PerformanceFixtures.class.getResourceAsStream("/vectors/performance.json")) {
      if (in == null) {
        throw new IllegalStateException(
            "/vectors/performance.json not found on the test classpath");
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A JSON number, or the strings "Infinity", "-Infinity", "NaN". */
  static double number(JsonNode v) {
    if (v.isTextual()) {
      return Double.parseDouble(v.asText());
    }
    return v.asDouble();
  }

  static double[] numbers(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(array.get(i));
    }
    return out;
  }

  static void assertCount(String metric, long expected, long actual) {
    CHECKED.merge(metric, 1L, Long::sum);
    record(metric + " (absolute)", Math.abs((double) actual - expected));
    assertEquals(expected, actual, metric);
  }

  /** |actual - expected| <= absolute; a JSON null expects null. */
  static void assertAbsolute(String metric, JsonNode expected, Double actual, double absolute) {
    if (expected == null || expected.isNull()) {
      CHECKED.merge(metric, 1L, Long::sum);
      assertNull(actual, metric + ": expected null");
      return;
    }
    assertTrue(actual != null, metric + ": expected " + expected + ", found null");
    assertAbsolute(metric, number(expected), actual, absolute);
  }

  static void assertAbsolute(String metric, double expected, double actual, double absolute) {
    CHECKED.merge(metric, 1L, Long::sum);
    double err = expected == actual ? 0.0 : Math.abs(actual - expected);
    record(metric + " (absolute)", err);
    assertTrue(
        err <= absolute,
        metric + ": expected " + expected + ", found " + actual + " (error " + err + ")");
  }

  /**
   * |actual - expected| <= relative |expected|; an expected 0 or infinity must be matched exactly;
   * a JSON null expects null.
   */
  static void assertRelative(String metric, JsonNode expected, Double actual, double relative) {
    if (expected == null || expected.isNull()) {
      CHECKED.merge(metric, 1L, Long::sum);
      assertNull(actual, metric + ": expected null");
      return;
    }
    assertTrue(actual != null, metric + ": expected " + expected + ", found null");
    assertRelative(metric, number(expected), actual, relative);
  }

  static void assertRelative(String metric, double expected, double actual, double relative) {
    CHECKED.merge(metric, 1L, Long::sum);
    if (expected == 0 || Double.isInfinite(expected)) {
      record(metric + " (relative)", expected == actual ? 0.0 : Double.POSITIVE_INFINITY);
      assertEquals(expected, actual, 0.0, metric);
      return;
    }
    double err = Math.abs(actual - expected) / Math.abs(expected);
    record(metric + " (relative)", err);
    assertTrue(
        err <= relative,
        metric + ": expected " + expected + ", found " + actual + " (relative error " + err + ")");
  }

  static void record(String metric, double err) {
    MAX_ERRORS.merge(metric, err, Math::max);
  }

  /**
   * The largest errors and the number of values checked so far for the metrics whose name starts
   * with {@code prefix} ("adult " for the Adult test) or, for an empty prefix, not with "adult ".
   */
  static String maxErrorReport(String title, String prefix) {
    StringBuilder sb = new StringBuilder(title).append(":\n");
    selected(MAX_ERRORS, prefix)
        .forEach((k, v) -> sb.append(String.format("  %-34s %.3e%n", k, v)));
    long total = selected(CHECKED, prefix).values().stream().mapToLong(Long::longValue).sum();
    sb.append("  values checked: ").append(total).append(' ').append(selected(CHECKED, prefix));
    return sb.toString();
  }

  private static <V> TreeMap<String, V> selected(Map<String, V> all, String prefix) {
    TreeMap<String, V> out = new TreeMap<>();
    all.forEach(
        (k, v) -> {
          if (prefix.isEmpty() ? !k.startsWith("adult ") : k.startsWith(prefix)) {
            out.put(k, v);
          }
        });
    return out;
  }
}
