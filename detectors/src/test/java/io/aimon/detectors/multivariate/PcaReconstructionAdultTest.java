package io.aimon.detectors.multivariate;

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
 * The multivariate transform fitted on the Adult reference (the jobs module's dev set, UCI Adult,
 * CC BY 4.0) equals scikit-learn's StandardScaler and PCA(n_components=0.65) on the same design
 * matrix (resources/pca/make_expected.py, scikit-learn 1.2.1, numpy 1.24.2): the same number of
 * components, the same explained variance, the same reconstruction error of each row.
 */
class PcaReconstructionAdultTest {
  private static final Path ADULT = Path.of("../jobs/src/test/resources/datasets/adult");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> NUMERIC =
      List.of("age", "fnlwgt", "education_num", "capital_gain", "capital_loss", "hours_per_week");
  private static final List<String> CATEGORICAL =
      List.of(
          "workclass",
          "education",
          "marital_status",
          "occupation",
          "relationship",
          "race",
          "sex",
          "native_country");

  /**
   * Eigenvectors of the covariance against scikit-learn's SVD: the same subspace to rounding; an
   * error of about 4.4 is equal within 1e-9 relative.
   */
  private static final double ERROR_REL = 1e-9;

  private static JsonNode expected;
  private static ReconstructionReference reference;
  private static List<JsonNode> production;

  static List<JsonNode> read(Path gz) throws IOException {
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

  static double[] numeric(JsonNode e) {
    double[] x = new double[NUMERIC.size()];
    for (int i = 0; i < x.length; i++) {
      JsonNode v = e.path("features").path(NUMERIC.get(i));
      x[i] = v.isNumber() ? v.asDouble() : Double.NaN;
    }
    return x;
  }

  static String[] categorical(JsonNode e) {
    String[] c = new String[CATEGORICAL.size()];
    for (int i = 0; i < c.length; i++) {
      JsonNode v = e.path("features").path(CATEGORICAL.get(i));
      c[i] = v.isTextual() ? v.asText() : "__MISSING__";
    }
    return c;
  }

  @BeforeAll
  static void fitOnTheReference() throws IOException {
    expected =
        MAPPER.readTree(PcaReconstructionAdultTest.class.getResourceAsStream("/pca/expected.json"));
    ReconstructionReference.Builder b =
        new ReconstructionReference.Builder(
            NUMERIC.size(),
            CATEGORICAL.size(),
            expected.path("max_categories").asInt(),
            expected.path("variance").asDouble());
    for (JsonNode e : read(ADULT.resolve("reference.jsonl.gz"))) {
      b.add(numeric(e), categorical(e));
    }
    reference = b.build();
    production = read(ADULT.resolve("production.jsonl.gz"));
  }

  @Test
  void theFitKeepsScikitLearnsComponents() {
    PcaReconstruction t = reference.transform();
    assertEquals(expected.path("columns").asInt(), t.columns());
    assertEquals(expected.path("components").asInt(), t.components());
    double explained = 0;
    for (JsonNode r : expected.path("explained_variance_ratio")) {
      explained += r.asDouble();
    }
    assertEquals(explained, t.explained(), 1e-12);
    for (int j = 0; j < expected.path("scaler_mean_head").size(); j++) {
      assertEquals(expected.path("scaler_mean_head").get(j).asDouble(), t.mean()[j], 1e-9);
      assertEquals(expected.path("scaler_scale_head").get(j).asDouble(), t.scale()[j], 1e-9);
    }
    System.out.printf(
        "PCA: %d columns, %d components explain %.4f of the variance%n",
        t.columns(), t.components(), t.explained());
  }

  @Test
  void eachRowsReconstructionErrorIsScikitLearns() {
    double worst = 0;
    JsonNode probes = expected.path("probes");
    for (int i = 0; i < probes.size(); i++) {
      double want = probes.get(i).asDouble();
      double got =
          reference.transform().error(numeric(production.get(i)), categorical(production.get(i)));
      assertEquals(want, got, ERROR_REL * want, "production event " + i);
      worst = Math.max(worst, Math.abs(want - got) / want);
    }
    assertEquals(
        expected.path("reference_mean").asDouble(), reference.mean(), ERROR_REL * reference.mean());
    System.out.printf("PCA: %d probe errors, largest relative error %.3g%n", probes.size(), worst);
  }

  @Test
  void eachWindowsMeanErrorAndTheBandsAreNumpys() {
    double worst = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("windows").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> w = it.next();
      ReconstructionMean a = new ReconstructionMean();
      ReconstructionMean b = new ReconstructionMean();
      int i = 0;
      for (JsonNode e : production) {
        if (e.path("timestamp").asText().startsWith(w.getKey())) {
          (i++ % 2 == 0 ? a : b).add(reference.transform().error(numeric(e), categorical(e)));
        }
      }
      a.merge(b);
      assertEquals(w.getValue().path("n").asLong(), a.n());
      double want = w.getValue().path("mean").asDouble();
      assertEquals(want, a.mean(), ERROR_REL * want, w.getKey());
      worst = Math.max(worst, Math.abs(want - a.mean()) / want);
      double z = (a.mean() - reference.mean()) / reference.band(a.n());
      System.out.printf(
          "PCA %s: mean error %.4f against the reference's %.4f, %.1f bands%n",
          w.getKey(), a.mean(), reference.mean(), z);
      boolean natural = w.getKey().compareTo("2024-02-05") < 0;
      assertTrue(natural ? Math.abs(z) < 3 : Math.abs(z) >= 3, w.getKey() + ": " + z);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("chunk_std").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> size = it.next();
      double want = size.getValue().asDouble();
      assertEquals(want, reference.band(Long.parseLong(size.getKey())), 1e-12, size.getKey());
    }
    assertNull(reference.band(0));
    System.out.printf("PCA: 6 window means, largest relative error %.3g%n", worst);
  }
}
