package io.aimon.detectors.drift;

import static io.aimon.detectors.drift.DriftFixtures.CHI2_P_VALUE_RELATIVE;
import static io.aimon.detectors.drift.DriftFixtures.EDGES_DELTA;
import static io.aimon.detectors.drift.DriftFixtures.HELLINGER_ABSOLUTE;
import static io.aimon.detectors.drift.DriftFixtures.KS_P_VALUE_RELATIVE;
import static io.aimon.detectors.drift.DriftFixtures.KS_STATISTIC_ABSOLUTE;
import static io.aimon.detectors.drift.DriftFixtures.PSI_JS_CHI2_RELATIVE;
import static io.aimon.detectors.drift.DriftFixtures.WASSERSTEIN_RELATIVE;
import static io.aimon.detectors.drift.DriftFixtures.assertAbsolute;
import static io.aimon.detectors.drift.DriftFixtures.assertRelative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.detectors.common.EmpiricalCdf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of the shared vectors {@code vectors/drift.json} against the drift calculators. */
class DriftVectorsTest {
  private static final JsonNode VECTORS = DriftFixtures.driftVectors();

  static Stream<Arguments> cases() {
    return StreamSupport.stream(VECTORS.get("cases").spliterator(), false)
        .map(c -> Arguments.of(c.get("name").asText(), c));
  }

  @Test
  void vectorsHoldAllSeventeenCases() {
    assertEquals(17, VECTORS.get("cases").size());
  }

  @Test
  void quantileProbabilitiesAreNumpyLinspaceDoubles() {
    double[] expected = {
      0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6, 0.7000000000000001, 0.8, 0.9
    };
    assertArrayEquals(expected, QuantileEdges.probabilities(), 0.0);
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("cases")
  void calculatorsMatchScipyOnCase(String name, JsonNode c) {
    if ("numeric".equals(c.get("type").asText())) {
      checkNumeric(name, c.get("ref"), c.get("win"), c.get("expected"));
    } else {
      checkCategorical(c.get("ref"), c.get("win"), c.get("expected"));
    }
  }

  private static void checkNumeric(String name, JsonNode refJson, JsonNode winJson, JsonNode e) {
    double[] ref = DriftFixtures.numbers(refJson);
    double[] win = DriftFixtures.numbers(winJson);
    double[] sortedRef = Arrays.stream(ref).filter(x -> !Double.isNaN(x)).sorted().toArray();
    EmpiricalCdf refCdf = EmpiricalCdf.ofSamples(ref);
    EmpiricalCdf winCdf = EmpiricalCdf.ofSamples(win);
    assertEquals(e.get("n_ref").asLong(), refCdf.n(), "n_ref");
    assertEquals(e.get("n_win").asLong(), winCdf.n(), "n_win");
    assertEquals(e.get("n_missing_ref").asLong(), ref.length - refCdf.n(), "n_missing_ref");
    assertEquals(e.get("n_missing_win").asLong(), win.length - winCdf.n(), "n_missing_win");

    double[] edges = QuantileEdges.of(sortedRef);
    long[] refBins = Bins.count(edges, ref);
    long[] winBins = Bins.count(edges, win);

    if (e.path("undefined").asBoolean(false)) {
      assertTrue(refCdf.isEmpty() || winCdf.isEmpty(), "an undefined case has an empty side");
      IllegalArgumentException ex =
          assertThrows(
              IllegalArgumentException.class,
              () -> NumericDrift.compare(edges, refBins, refCdf, winBins, winCdf));
      assertTrue(ex.getMessage().startsWith("winBinCounts:"), ex.getMessage());
      return;
    }

    JsonNode bins = e.get("bins");
    assertArrayEquals(
        DriftFixtures.numbers(bins.get("edges")), edges, EDGES_DELTA, "edges (bit-exact)");
    assertArrayEquals(DriftFixtures.longs(bins.get("ref_counts")), refBins, "ref_counts");
    assertArrayEquals(DriftFixtures.longs(bins.get("win_counts")), winBins, "win_counts");

    NumericDriftResult r = NumericDrift.compare(edges, refBins, refCdf, winBins, winCdf);
    assertEquals(e.get("n_ref").asLong(), r.nRef());
    assertEquals(e.get("n_win").asLong(), r.nWin());
    assertAbsolute(
        "ks_statistic", e.get("ks_statistic").asDouble(), r.ksStatistic(), KS_STATISTIC_ABSOLUTE);
    assertRelative("ks_p_value", e.get("ks_p_value").asDouble(), r.ksPValue(), KS_P_VALUE_RELATIVE);
    assertEquals(e.get("ks_p_value_method").asText(), r.ksMethod(), "ks_p_value_method");

    double rawD = Ks.statistic(refCdf, winCdf);
    assertAbsolute(
        "ks_statistic_asymp_call",
        e.get("ks_statistic_asymp_call").asDouble(),
        rawD,
        KS_STATISTIC_ABSOLUTE);
    long n1 = refCdf.n();
    long n2 = winCdf.n();
    if (e.hasNonNull("ks_p_value_asymp")) {
      assertRelative(
          "ks_p_value_asymp",
          e.get("ks_p_value_asymp").asDouble(),
          Ks.pValueAsymp(n1, n2, rawD),
          KS_P_VALUE_RELATIVE);
    }
    if (e.hasNonNull("ks_p_value_exact")) {
      assertRelative(
          "ks_p_value_exact",
          e.get("ks_p_value_exact").asDouble(),
          Ks.pValueExact(n1, n2, rawD),
          KS_P_VALUE_RELATIVE);
    }
    assertRelative(
        "wasserstein", e.get("wasserstein").asDouble(), r.wasserstein(), WASSERSTEIN_RELATIVE);
    assertRelative("psi", e.get("psi").asDouble(), r.psi(), PSI_JS_CHI2_RELATIVE);
    assertRelative(
        "js_distance", e.get("js_distance").asDouble(), r.jensenShannon(), PSI_JS_CHI2_RELATIVE);
    assertAbsolute("hellinger", e.get("hellinger").asDouble(), r.hellinger(), HELLINGER_ABSOLUTE);
  }

  private static void checkCategorical(JsonNode refJson, JsonNode winJson, JsonNode e) {
    CategoricalDriftResult r =
        CategoricalDrift.compare(countCategories(refJson), countCategories(winJson));
    assertEquals(strings(e.get("categories")), r.categories(), "categories");
    assertArrayEquals(DriftFixtures.longs(e.get("ref_counts")), r.refCounts(), "ref_counts");
    assertArrayEquals(DriftFixtures.longs(e.get("win_counts")), r.winCounts(), "win_counts");
    assertEquals(
        strings(e.get("unseen_in_reference")), r.unseenInReference(), "unseen_in_reference");
    assertEquals(e.get("n_ref").asLong(), r.nRef(), "n_ref");
    assertEquals(e.get("n_win").asLong(), r.nWin(), "n_win");

    double[] expectedCounts = ChiSquare.expectedCounts(r.refCounts(), r.nRef(), r.nWin());
    JsonNode exp = e.get("expected_counts");
    assertEquals(exp.size(), expectedCounts.length, "expected_counts length");
    for (int i = 0; i < expectedCounts.length; i++) {
      assertRelative(
          "chi2 expected_counts", exp.get(i).asDouble(), expectedCounts[i], PSI_JS_CHI2_RELATIVE);
    }
    assertRelative(
        "chi2_statistic", e.get("chi2_statistic").asDouble(), r.chiSquare(), PSI_JS_CHI2_RELATIVE);
    assertEquals(e.get("chi2_dof").asInt(), r.chiSquareDof(), "chi2_dof");
    if (e.get("chi2_p_value").isNull()) {
      assertNull(r.chiSquarePValue(), "chi2_p_value");
    } else {
      assertRelative(
          "chi2_p_value",
          e.get("chi2_p_value").asDouble(),
          r.chiSquarePValue(),
          CHI2_P_VALUE_RELATIVE);
    }
    assertRelative("psi", e.get("psi").asDouble(), r.psi(), PSI_JS_CHI2_RELATIVE);
    assertRelative(
        "js_distance", e.get("js_distance").asDouble(), r.jensenShannon(), PSI_JS_CHI2_RELATIVE);
    assertAbsolute("hellinger", e.get("hellinger").asDouble(), r.hellinger(), HELLINGER_ABSOLUTE);
  }

  /** Counts per category; JSON null and "" become {@link CategoricalDrift#MISSING}. */
  private static Map<String, Long> countCategories(JsonNode values) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (JsonNode v : values) {
      String cat = v.isNull() || v.asText().isEmpty() ? CategoricalDrift.MISSING : v.asText();
      counts.merge(cat, 1L, Long::sum);
    }
    return counts;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  @AfterAll
  static void printLargestErrors() {
    System.out.println(DriftFixtures.maxErrorReport());
  }
}
