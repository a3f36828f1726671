package io.aimon.detectors.drift;

import static io.aimon.detectors.drift.DriftFixtures.KS_P_VALUE_RELATIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The asymptotic KS p-values of the Adult dataset's hold-out oracle, recomputed from (n_ref, n_win,
 * D) alone: every numeric feature and the score of every window (n_ref = 16280 > 10000, so scipy
 * used kstwo.sf). This covers the Pelz-Good, Durbin-matrix and 2*smirnov branches and p = 0.
 */
class AdultKsPValueTest {
  /** Relative to the detectors module directory, surefire's working directory. */
  static final File EXPECTED = new File("../jobs/src/test/resources/datasets/adult/expected.json");

  static Stream<Arguments> statistics() throws IOException {
    JsonNode root = DriftFixtures.mapper().readTree(EXPECTED);
    List<Arguments> out = new ArrayList<>();
    for (JsonNode window : root.get("windows")) {
      String name = window.get("name").asText();
      window
          .get("drift")
          .get("numeric")
          .fields()
          .forEachRemaining(f -> out.add(Arguments.of(name + " " + f.getKey(), f.getValue())));
      out.add(Arguments.of(name + " score", window.get("score_drift")));
    }
    return out.stream();
  }

  @Test
  void everyWindowContributesSixFeaturesAndTheScore() throws IOException {
    assertTrue(EXPECTED.isFile(), "not found: " + EXPECTED.getAbsolutePath());
    JsonNode root = DriftFixtures.mapper().readTree(EXPECTED);
    assertEquals(root.get("windows").size() * 7L, statistics().count());
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("statistics")
  void asymptoticPValueMatchesOracle(String label, JsonNode ks) {
    long nRef = ks.get("n_ref").asLong();
    long nWin = ks.get("n_win").asLong();
    assertEquals("asymp", ks.get("ks_p_value_method").asText(), label);
    double p = Ks.pValueAsymp(nRef, nWin, ks.get("ks_statistic").asDouble());
    DriftFixtures.assertRelative(
        "adult ks_p_value", ks.get("ks_p_value").asDouble(), p, KS_P_VALUE_RELATIVE);
  }

  @AfterAll
  static void printLargestErrors() {
    System.out.println(DriftFixtures.maxErrorReport());
  }
}
