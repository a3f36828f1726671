package io.aimon.detectors.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The isotonic calibration and the estimated confusion on the Adult data (the jobs module's dev
 * set, UCI Adult, CC BY 4.0) equal scikit-learn's IsotonicRegression and numpy's sums
 * (resources/cbpe/make_expected.py, scikit-learn 1.2.1, numpy 1.24.2).
 */
class CbpeAdultTest {
  private static final Path ADULT = Path.of("../jobs/src/test/resources/datasets/adult");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Calibrated probabilities: the same interpolation of the same fit, to rounding. */
  private static final double CALIBRATION_ABS = 1e-12;

  /** docs: the estimated metrics are exact given the calibration, 1e-9 absolute. */
  private static final double ESTIMATE_ABS = 1e-9;

  private static JsonNode expected;
  private static IsotonicCalibration calibration;
  private static List<JsonNode> production;
  private static boolean[] referencePredicted;
  private static boolean[] referencePositive;
  private static double[] referenceScores;

  private static List<JsonNode> read(Path gz) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        out.add(MAPPER.readTree(line));
      }
    }
    return out;
  }

  @BeforeAll
  static void fitOnTheReference() throws IOException {
    expected = MAPPER.readTree(CbpeAdultTest.class.getResourceAsStream("/cbpe/expected.json"));
    List<JsonNode> reference = read(ADULT.resolve("reference.jsonl.gz"));
    double[] scores = new double[reference.size()];
    boolean[] positive = new boolean[reference.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = reference.get(i).path("score").asDouble();
      positive[i] = reference.get(i).path("label").asInt() == 1;
    }
    calibration = IsotonicCalibration.fit(scores, positive);
    referencePositive = positive;
    referenceScores = scores;
    referencePredicted = new boolean[reference.size()];
    for (int i = 0; i < scores.length; i++) {
      referencePredicted[i] = reference.get(i).path("prediction").asInt() == 1;
    }
    production = read(ADULT.resolve("production.jsonl.gz"));
  }

  @Test
  void theFitHasScikitLearnsThresholds() {
    assertEquals(expected.path("thresholds").asInt(), calibration.thresholds().length);
    double[] x = calibration.thresholds();
    double[] y = calibration.values();
    for (int i = 0; i < expected.path("x_thresholds_head").size(); i++) {
      assertEquals(expected.path("x_thresholds_head").get(i).asDouble(), x[i], 0.0);
      assertEquals(expected.path("y_thresholds_head").get(i).asDouble(), y[i], CALIBRATION_ABS);
    }
  }

  @Test
  void everyProbeIsCalibratedAsScikitLearnPredicts() {
    double worst = 0;
    for (JsonNode probe : expected.path("probes")) {
      double got = calibration.calibrate(probe.get(0).asDouble());
      double want = probe.get(1).asDouble();
      assertEquals(want, got, CALIBRATION_ABS, () -> "score " + probe.get(0));
      worst = Math.max(worst, Math.abs(want - got));
    }
    System.out.printf(
        "CBPE: %d probes calibrated, largest error %.3g%n", expected.path("probes").size(), worst);
    assertEquals(Double.NaN, calibration.calibrate(Double.NaN));
  }

  @Test
  void eachWindowsEstimatedConfusionAndMetricsEqualNumpys() {
    double worst = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("windows").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> w = it.next();
      EstimatedConfusion a = new EstimatedConfusion();
      EstimatedConfusion b = new EstimatedConfusion();
      int i = 0;
      for (JsonNode e : production) {
        if (e.path("timestamp").asText().startsWith(w.getKey())) {
          // two halves merged: the same as one pass
          (i++ % 2 == 0 ? a : b)
              .add(
                  calibration.calibrate(e.path("score").asDouble()),
                  e.path("prediction").asInt() == 1);
        }
      }
      a.merge(b);
      JsonNode want = w.getValue();
      assertEquals(want.path("n").asLong(), a.n());
      double n = a.n();
      assertEquals(want.path("tp").asDouble(), a.tp(), 1e-9 * n);
      assertEquals(want.path("fp").asDouble(), a.fp(), 1e-9 * n);
      assertEquals(want.path("tn").asDouble(), a.tn(), 1e-9 * n);
      assertEquals(want.path("fn").asDouble(), a.fn(), 1e-9 * n);
      JsonNode est = want.path("estimated");
      double[] wanted = {
        est.path("accuracy").asDouble(),
        est.path("precision").asDouble(),
        est.path("recall").asDouble(),
        est.path("f1").asDouble(),
        est.path("specificity").asDouble()
      };
      double[] got = {a.accuracy(), a.precision(), a.recall(), a.f1(), a.specificity()};
      assertArrayEquals(wanted, got, ESTIMATE_ABS, w.getKey());
      for (int m = 0; m < got.length; m++) {
        worst = Math.max(worst, Math.abs(wanted[m] - got[m]));
      }
      System.out.printf(
          "CBPE %s: estimated accuracy %.4f, realized %.4f%n",
          w.getKey(), a.accuracy(), want.path("realized").path("accuracy").asDouble());
    }
    System.out.printf("CBPE: estimated metrics of 6 windows, largest error %.3g%n", worst);
  }

  @Test
  void theSamplingErrorBandIsNumpysStdOverReferenceChunks() {
    double worst = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("sampling_error").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> size = it.next();
      for (SamplingError.Metric m : SamplingError.Metric.values()) {
        double want = size.getValue().path(m.name().toLowerCase()).asDouble();
        double got =
            SamplingError.of(
                m,
                referencePredicted,
                referencePositive,
                referenceScores,
                Long.parseLong(size.getKey()));
        assertEquals(want, got, 1e-12, m + " over chunks of " + size.getKey());
        worst = Math.max(worst, Math.abs(want - got));
      }
    }
    System.out.printf(
        "CBPE: sampling-error bands of 6 metrics x 3 sizes, largest error %.3g%n", worst);
    assertNull(
        SamplingError.of(
            SamplingError.Metric.ACCURACY, referencePredicted, referencePositive, 9000),
        "one chunk: no band");
  }

  /**
   * The estimate before any label, against the value the labels give later: within 2 bands in the
   * four natural windows; in the two drift-scenario windows (a selected sub-population, and a band
   * from only four reference chunks) within 0.015, the bands they take printed.
   */
  @Test
  void eachWindowsEstimatedAccuracyIsCloseToTheRealized() {
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("windows").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> day = it.next();
      JsonNode w = day.getValue();
      double band =
          SamplingError.of(
              SamplingError.Metric.ACCURACY,
              referencePredicted,
              referencePositive,
              w.path("n").asLong());
      double error =
          w.path("estimated").path("accuracy").asDouble()
              - w.path("realized").path("accuracy").asDouble();
      System.out.printf(
          "CBPE: window %s of %d events, estimation error %+.4f, band %.4f (%.2f bands)%n",
          day.getKey(), w.path("n").asLong(), error, band, Math.abs(error) / band);
      boolean natural = day.getKey().compareTo("2024-02-05") < 0;
      assertTrue(
          natural ? Math.abs(error) <= 2 * band : Math.abs(error) <= 0.015,
          day.getKey() + ": " + error + " against band " + band);
    }
  }

  /**
   * The window state (sums and the histogram of calibrated probabilities), filled in two halves,
   * merged and sent through its codec, gives numpy's estimates and scikit-learn's estimated ROC AUC
   * within the histogram's stated bound.
   */
  @Test
  void eachWindowsEstimatedPerformanceEqualsScikitLearns() {
    double worstAuc = 0;
    double worstBound = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("windows").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> w = it.next();
      EstimatedPerformance a = EstimatedPerformance.create(calibration);
      EstimatedPerformance b = EstimatedPerformance.create(calibration);
      int i = 0;
      for (JsonNode e : production) {
        if (e.path("timestamp").asText().startsWith(w.getKey())) {
          (i++ % 2 == 0 ? a : b).add(e.path("score").asDouble(), e.path("prediction").asInt() == 1);
        }
      }
      a.merge(EstimatedPerformanceCodec.decode(EstimatedPerformanceCodec.encode(b)));
      EstimatedMetrics m = a.result();
      JsonNode est = w.getValue().path("estimated");
      assertEquals(w.getValue().path("n").asLong(), m.n());
      assertEquals(est.path("accuracy").asDouble(), m.accuracy(), ESTIMATE_ABS);
      assertEquals(est.path("f1").asDouble(), m.f1(), ESTIMATE_ABS);
      assertEquals(est.path("specificity").asDouble(), m.specificity(), ESTIMATE_ABS);
      double want = est.path("roc_auc").asDouble();
      assertEquals(want, m.rocAuc(), m.rocAucBound() + 1e-12, w.getKey());
      assertTrue(m.rocAucBound() < 1e-3, w.getKey() + " bound " + m.rocAucBound());
      worstAuc = Math.max(worstAuc, Math.abs(want - m.rocAuc()));
      worstBound = Math.max(worstBound, m.rocAucBound());
      System.out.printf(
          "CBPE %s: estimated roc_auc %.4f (bound %.2g), realized %.4f, band %.4f%n",
          w.getKey(),
          m.rocAuc(),
          m.rocAucBound(),
          w.getValue().path("realized").path("roc_auc").asDouble(),
          SamplingError.of(
              SamplingError.Metric.ROC_AUC,
              referencePredicted,
              referencePositive,
              referenceScores,
              m.n()));
    }
    System.out.printf(
        "CBPE: estimated roc_auc of 6 windows, largest error %.3g, largest bound %.3g%n",
        worstAuc, worstBound);
  }

  @Test
  void theReferenceEstimationKeepsTheOutcomesAndGivesTheRealizedReferenceValues() {
    ReferenceEstimation.Builder b = new ReferenceEstimation.Builder();
    for (int i = 0; i < referenceScores.length; i++) {
      b.add(referenceScores[i], referencePredicted[i], referencePositive[i]);
    }
    b.add(Double.NaN, true, true); // no score: not counted
    ReferenceEstimation e = b.build();
    assertEquals(calibration, e.calibration());
    assertEquals(referenceScores.length, e.outcomes().size());
    assertEquals(0, e.outcomes().leftOut());
    JsonNode band = expected.path("sampling_error").path("500");
    assertEquals(
        band.path("roc_auc").asDouble(),
        e.outcomes().band(SamplingError.Metric.ROC_AUC, 500),
        1e-12);
    assertTrue(e.referenceValue(SamplingError.Metric.ROC_AUC) > 0.85);
    assertNull(new ReferenceEstimation.Builder().build(), "no labelled scores: no estimation");
  }

  @Test
  void noEventsGiveNoEstimate() {
    EstimatedConfusion c = new EstimatedConfusion();
    c.add(Double.NaN, true);
    assertEquals(0, c.n());
    assertNull(c.accuracy());
    assertNull(c.f1());
  }
}
