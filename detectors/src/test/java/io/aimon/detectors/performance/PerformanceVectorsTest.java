package io.aimon.detectors.performance;

import static io.aimon.detectors.performance.PerformanceFixtures.LOSS_RELATIVE;
import static io.aimon.detectors.performance.PerformanceFixtures.RATE_ABSOLUTE;
import static io.aimon.detectors.performance.PerformanceFixtures.REGRESSION_RELATIVE;
import static io.aimon.detectors.performance.PerformanceFixtures.assertAbsolute;
import static io.aimon.detectors.performance.PerformanceFixtures.assertCount;
import static io.aimon.detectors.performance.PerformanceFixtures.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of the shared vectors {@code vectors/performance.json} against the accumulators. */
class PerformanceVectorsTest {
  private static final JsonNode VECTORS = PerformanceFixtures.performanceVectors();

  static Stream<Arguments> binaryCases() {
    return StreamSupport.stream(VECTORS.get("binary_cases").spliterator(), false)
        .map(c -> Arguments.of(c.get("name").asText(), c));
  }

  static Stream<Arguments> regressionCases() {
    return StreamSupport.stream(VECTORS.get("regression_cases").spliterator(), false)
        .map(c -> Arguments.of(c.get("name").asText(), c));
  }

  @Test
  void vectorsHoldElevenBinaryAndFourRegressionCases() {
    assertEquals(11, VECTORS.get("binary_cases").size());
    assertEquals(4, VECTORS.get("regression_cases").size());
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("binaryCases")
  void binaryMetricsMatchSklearn(String name, JsonNode c) {
    BinaryClassificationAccumulator acc = new BinaryClassificationAccumulator(1000);
    addRange(acc, c, 0, c.get("y_true").size());
    checkBinary(name, acc.result(), c.get("expected"));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("binaryCases")
  void binaryMetricsMatchSklearnAfterMergingThirds(String name, JsonNode c) {
    int n = c.get("y_true").size();
    BinaryClassificationAccumulator merged = new BinaryClassificationAccumulator(1000);
    for (int part = 0; part < 3; part++) {
      BinaryClassificationAccumulator piece = new BinaryClassificationAccumulator(1000);
      addRange(piece, c, part * n / 3, (part + 1) * n / 3);
      merged.merge(PerformanceCodec.decodeBinary(PerformanceCodec.encode(piece)));
    }
    checkBinary(name + " merged", merged.result(), c.get("expected"));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("regressionCases")
  void regressionMetricsMatchSklearn(String name, JsonNode c) {
    double[] y = PerformanceFixtures.numbers(c.get("y_true"));
    double[] yhat = PerformanceFixtures.numbers(c.get("y_pred"));
    RegressionAccumulator acc = new RegressionAccumulator();
    for (int i = 0; i < y.length; i++) {
      acc.add(y[i], yhat[i]);
    }
    checkRegression(acc, c.get("expected"));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("regressionCases")
  void regressionMetricsMatchSklearnAfterMergingHalves(String name, JsonNode c) {
    double[] y = PerformanceFixtures.numbers(c.get("y_true"));
    double[] yhat = PerformanceFixtures.numbers(c.get("y_pred"));
    RegressionAccumulator a = new RegressionAccumulator();
    RegressionAccumulator b = new RegressionAccumulator();
    for (int i = 0; i < y.length; i++) {
      (i < y.length / 2 ? a : b).add(y[i], yhat[i]);
    }
    a.merge(PerformanceCodec.decodeRegression(PerformanceCodec.encode(b)));
    checkRegression(a, c.get("expected"));
  }

  @AfterAll
  static void printLargestErrors() {
    System.out.println(PerformanceFixtures.maxErrorReport("performance.json: largest errors", ""));
  }

  private static void addRange(BinaryClassificationAccumulator acc, JsonNode c, int from, int to) {
    for (int i = from; i < to; i++) {
      acc.add(
          c.get("y_true").get(i).asInt() == 1,
          c.get("y_pred").get(i).asInt() == 1,
          c.get("score").get(i).asDouble());
    }
  }

  private static void checkBinary(String name, BinaryClassificationMetrics m, JsonNode e) {
    assertCount("n", e.get("n").asLong(), m.n());
    assertCount("tp", e.get("tp").asLong(), m.counts().tp());
    assertCount("fp", e.get("fp").asLong(), m.counts().fp());
    assertCount("tn", e.get("tn").asLong(), m.counts().tn());
    assertCount("fn", e.get("fn").asLong(), m.counts().fn());
    assertCount("n_scored", e.get("n").asLong(), m.nScored());
    assertAbsolute("accuracy", e.get("accuracy"), m.accuracy(), RATE_ABSOLUTE);
    assertAbsolute("precision", e.get("precision"), m.precision(), RATE_ABSOLUTE);
    assertAbsolute("recall", e.get("recall"), m.recall(), RATE_ABSOLUTE);
    assertAbsolute("f1", e.get("f1"), m.f1(), RATE_ABSOLUTE);
    assertAbsolute("roc_auc", e.get("roc_auc"), m.rocAuc(), RATE_ABSOLUTE);
    assertEquals(0.0, m.rocAucErrorBound(), name + ": exact AUC expected");
    assertRelative("log_loss", e.get("log_loss"), m.logLoss(), LOSS_RELATIVE);
    assertRelative("brier_score", e.get("brier_score"), m.brier(), LOSS_RELATIVE);
  }

  private static void checkRegression(RegressionAccumulator acc, JsonNode e) {
    RegressionMetrics m = acc.result();
    assertCount("regression n", e.get("n").asLong(), m.n());
    assertRelative("mae", e.get("mae"), m.mae(), REGRESSION_RELATIVE);
    assertRelative("mse", e.get("mse"), m.mse(), REGRESSION_RELATIVE);
    assertRelative("rmse", e.get("rmse"), m.rmse(), REGRESSION_RELATIVE);
    assertRelative("mape", e.get("mape"), m.mape(), REGRESSION_RELATIVE);
    assertRelative("r2", e.get("r2"), m.r2(), REGRESSION_RELATIVE);
    // The raw formula, from the same state: "-Infinity" for a constant target.
    double raw = 1.0 - m.mse() * m.n() / acc.m2Y();
    assertRelative(
        "r2_force_finite_false", e.get("r2_force_finite_false"), raw, REGRESSION_RELATIVE);
  }
}
