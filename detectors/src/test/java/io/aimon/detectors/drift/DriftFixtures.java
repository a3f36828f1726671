package io.aimon.detectors.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Shared fixtures of the drift tests: the tolerances of docs/metrics.md (Drift, "Exactness"), the
 * shared vectors, and a record of the largest error seen per metric (printed by the vector tests).
 */
final class DriftFixtures {
  /** Bin edges: numpy's doubles are reproduced bit for bit (vectors README, caveat 3): delta 0. */
  static final double EDGES_DELTA = 0.0;

  /** KS statistic D: within 1e-12 absolute (README caveat 2: exact-mode rounding to h/lcm). */
  static final double KS_STATISTIC_ABSOLUTE = 1e-12;

  /** KS p-values (exact and asymptotic): within 1e-6 relative. */
  static final double KS_P_VALUE_RELATIVE = 1e-6;

  /** Wasserstein distance: within 1e-9 relative (exact on raw samples). */
  static final double WASSERSTEIN_RELATIVE = 1e-9;

  /** PSI, Jensen-Shannon and chi-square statistic: exact given the bins, 1e-9 relative. */
  static final double PSI_JS_CHI2_RELATIVE = 1e-9;

  /** Chi-square p-value: 1e-6 relative, like the KS p-values. */
  static final double CHI2_P_VALUE_RELATIVE = 1e-6;

  /** Hellinger: 1e-7 absolute, its 1 - BC form cancels near 0. */
  static final double HELLINGER_ABSOLUTE = 1e-7;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, Double> MAX_ERRORS = new ConcurrentHashMap<>();

  private DriftFixtures() {}

  /** The parsed {@code /vectors/drift.json} from the test classpath. */
  static JsonNode driftVectors() {
    try (InputStream in = DriftFixtures.class.getResourceAsStream("/vectors/drift.json")) {
      if (in == null) {
        throw new IllegalStateException("/vectors/drift.json not found on the test classpath");
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Numeric inputs: JSON null (missing) becomes NaN. */
  static double[] numbers(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = array.get(i);
      out[i] = v.isNull() ? Double.NaN : v.asDouble();
    }
    return out;
  }

  static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  /** |actual - expected| <= relative |expected|; an expected 0 must be matched exactly. */
  static void assertRelative(String metric, double expected, double actual, double relative) {
    double err =
        expected == 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
    record(metric + " (relative)", err);
    assertTrue(
        expected == 0 ? actual == 0 : err <= relative,
        metric + ": expected " + expected + ", found " + actual + " (relative error " + err + ")");
  }

  static void assertAbsolute(String metric, double expected, double actual, double absolute) {
    double err = Math.abs(actual - expected);
    record(metric + " (absolute)", err);
    assertEquals(expected, actual, absolute, metric);
  }

  static void record(String metric, double err) {
    MAX_ERRORS.merge(metric, err, Math::max);
  }

  /** The largest errors recorded so far, as printable lines. */
  static String maxErrorReport() {
    StringBuilder sb = new StringBuilder("Largest errors vs the vectors:\n");
    new TreeMap<>(MAX_ERRORS).forEach((k, v) -> sb.append(String.format("  %-40s %.3e%n", k, v)));
    return sb.toString();
  }
}
