package io.aimon.detectors.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared fixtures of the fairness tests: the tolerance of docs/metrics.md (rates and gaps are
 * ratios of counts), the shared vectors, and a record of the largest error per metric.
 */
final class FairnessFixtures {
  /** Rates, Wilson bounds and gaps: within 1e-12 absolute. */
  static final double RATE_ABSOLUTE = 1e-12;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, Double> MAX_ERRORS = new ConcurrentHashMap<>();
  private static final Map<String, Long> CHECKED = new ConcurrentHashMap<>();

  private FairnessFixtures() {}

  /** The parsed {@code /vectors/fairness.json} from the test classpath. */
  static JsonNode fairnessVectors() {
    try (InputStream in = FairnessFixtures.class.getResourceAsStream("/vectors/fairness.json")) {
      if (in == null) {
        throw new IllegalStateException("/vectors/fairness.json not found on the test classpath");
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectMapper mapper() {
    return MAPPER;
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  static void assertCount(String metric, long expected, long actual) {
    CHECKED.merge(metric, 1L, Long::sum);
    assertEquals(expected, actual, metric);
  }

  /** Within {@link #RATE_ABSOLUTE}; a JSON null (or missing key) expects null. */
  static void assertRate(String metric, JsonNode expected, Double actual) {
    CHECKED.merge(metric, 1L, Long::sum);
    if (expected == null || expected.isNull()) {
      assertNull(actual, metric + ": expected null");
      return;
    }
    assertTrue(actual != null, metric + ": expected " + expected + ", found null");
    double err = Math.abs(actual - expected.asDouble());
    MAX_ERRORS.merge(metric, err, Math::max);
    assertTrue(
        err <= RATE_ABSOLUTE,
        metric + ": expected " + expected + ", found " + actual + " (error " + err + ")");
  }

  /**
   * The largest errors and number of values checked for the metrics whose name starts with {@code
   * prefix} ("adult " for the Adult test) or, for an empty prefix, not with "adult ".
   */
  static String maxErrorReport(String title, String prefix) {
    StringBuilder sb = new StringBuilder(title).append(":\n");
    selected(MAX_ERRORS, prefix)
        .forEach((k, v) -> sb.append(String.format("  %-34s %.3e%n", k + " (absolute)", v)));
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
