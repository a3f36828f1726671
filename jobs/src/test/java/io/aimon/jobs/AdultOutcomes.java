package io.aimon.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the performance and fairness results of an Adult replay against expected.json (values by
 * scikit-learn and pandas/Fairlearn): exact counts, rates within {@link #RATE_ABS}.
 */
public final class AdultOutcomes {
  /** Rates, gaps and AUC from exact counters and exact score distributions: ~1 ulp. */
  public static final double RATE_ABS = 1e-12;

  private AdultOutcomes() {}

  /**
   * Asserts every performance and fairness (sex, race) value of every window the results cover and
   * returns the largest absolute error per metric, with the number of values checked under "values"
   * and of windows under "windows".
   */
  public static Map<String, Double> assertMatchesExpected(List<JsonNode> results)
      throws IOException {
    Map<String, JsonNode> byKey = new HashMap<>();
    for (JsonNode r : results) {
      byKey.put(key(r), r);
    }
    Map<String, Double> maxError = new TreeMap<>();
    int values = 0;
    int windows = 0;
    for (JsonNode w : AdultFixtures.expected().path("windows")) {
      String start = w.path("time_range").path("start").asText();
      if (!byKey.containsKey(start + "|count|null|null|null")) {
        continue; // a window the results do not cover
      }
      windows++;
      JsonNode p = w.path("performance");
      JsonNode accuracy = get(byKey, start, "accuracy", null, null);
      for (String c : List.of("tp", "fp", "tn", "fn")) {
        assertEquals(p.path(c).asLong(), accuracy.path(c).asLong(), c + " of " + start);
        values++;
      }
      assertEquals(p.path("n").asLong(), accuracy.path("n").asLong(), "n of " + start);
      for (String m : List.of("accuracy", "precision", "recall", "f1", "roc_auc")) {
        values += check(maxError, m, get(byKey, start, m, null, null).path("value"), p.path(m));
      }
      for (String attribute : List.of("sex", "race")) {
        JsonNode f = w.path("fairness").path(attribute);
        for (Iterator<Map.Entry<String, JsonNode>> it = f.path("groups").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> g = it.next();
          JsonNode e = g.getValue();
          assertEquals(
              e.path("count").asLong(),
              get(byKey, start, "count", attribute, g.getKey()).path("value").asLong(),
              "count of " + attribute + "=" + g.getKey());
          values++;
          for (String m : List.of("selection_rate", "tpr", "fpr")) {
            values +=
                check(
                    maxError,
                    m,
                    get(byKey, start, m, attribute, g.getKey()).path("value"),
                    e.path(m));
          }
        }
        for (String m :
            List.of(
                "demographic_parity_difference",
                "demographic_parity_ratio",
                "equal_opportunity_difference",
                "equalized_odds_difference",
                "equalized_odds_ratio")) {
          values +=
              check(maxError, m, get(byKey, start, m, attribute, null).path("value"), f.path(m));
        }
      }
    }
    maxError.put("values", (double) values);
    maxError.put("windows", (double) windows);
    return maxError;
  }

  private static JsonNode get(
      Map<String, JsonNode> byKey, String start, String metric, String attribute, String group) {
    JsonNode r = byKey.get(start + "|" + metric + "|" + null + "|" + attribute + "|" + group);
    assertNotNull(r, "no " + metric + " for " + attribute + "/" + group + " in " + start);
    return r;
  }

  private static String key(JsonNode r) {
    return r.path("window_start").asText()
        + "|"
        + r.path("metric").asText()
        + "|"
        + r.path("feature").asText(null)
        + "|"
        + r.path("attribute").asText(null)
        + "|"
        + r.path("group").asText(null);
  }

  private static int check(
      Map<String, Double> maxError, String metric, JsonNode got, JsonNode want) {
    if (want.isNull() || want.isMissingNode()) {
      assertTrue(got.isNull() || got.isMissingNode(), metric + ": expected null, found " + got);
      return 1;
    }
    assertTrue(got.isNumber(), metric + ": expected a number, found " + got);
    double err = Math.abs(got.asDouble() - want.asDouble());
    assertTrue(err <= RATE_ABS, metric + ": " + got + " vs expected " + want);
    maxError.merge(metric, err, Math::max);
    return 1;
  }
}
