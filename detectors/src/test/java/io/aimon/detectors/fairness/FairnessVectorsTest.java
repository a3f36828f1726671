package io.aimon.detectors.fairness;

import static io.aimon.detectors.fairness.FairnessFixtures.assertCount;
import static io.aimon.detectors.fairness.FairnessFixtures.assertRate;
import static io.aimon.detectors.fairness.FairnessFixtures.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the shared vectors {@code vectors/fairness.json} (every attribute, including the
 * intersection key) against the accumulator and calculator, with min_group_size 0 (the vectors
 * apply none). Gaps are compared with the plain (pandas) values, which leave undefined groups out.
 */
class FairnessVectorsTest {
  private static final JsonNode VECTORS = FairnessFixtures.fairnessVectors();

  static Stream<Arguments> cases() {
    return StreamSupport.stream(VECTORS.get("cases").spliterator(), false)
        .map(c -> Arguments.of(c.get("name").asText(), c));
  }

  @Test
  void vectorsHoldEightCases() {
    assertEquals(8, VECTORS.get("cases").size());
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("cases")
  void everyAttributeMatchesThePandasValues(String name, JsonNode c) {
    Map<String, FairnessResult> results = accumulate(c, 0, c.get("y_true").size()).evaluate(0);
    check(name, c, results);
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("cases")
  void mergedHalvesMatchThePandasValues(String name, JsonNode c) {
    int n = c.get("y_true").size();
    FairnessAccumulator a = accumulate(c, 0, n / 2);
    a.merge(accumulate(c, n / 2, n));
    check(name + " merged", c, a.evaluate(0));
  }

  @AfterAll
  static void printLargestErrors() {
    System.out.println(FairnessFixtures.maxErrorReport("fairness.json: largest errors", ""));
  }

  private static FairnessAccumulator accumulate(JsonNode c, int from, int to) {
    List<String> attributes = new ArrayList<>();
    c.get("sensitive").fieldNames().forEachRemaining(attributes::add);
    FairnessAccumulator.Builder builder = FairnessAccumulator.builder().attributes(attributes);
    if (c.has("intersection")) {
      List<Integer> ix = new ArrayList<>();
      for (String a : strings(c.get("intersection"))) {
        ix.add(attributes.indexOf(a));
      }
      builder.intersection(ix);
    }
    FairnessAccumulator acc = builder.build();
    for (int i = from; i < to; i++) {
      String[] values = new String[attributes.size()];
      for (int a = 0; a < values.length; a++) {
        JsonNode v = c.get("sensitive").get(attributes.get(a)).get(i);
        values[a] = v.isNull() ? null : v.asText();
      }
      acc.add(values, c.get("y_pred").get(i).asInt() == 1, c.get("y_true").get(i).asInt() == 1);
    }
    return acc;
  }

  private static void check(String name, JsonNode c, Map<String, FairnessResult> results) {
    JsonNode expected = c.get("expected");
    List<String> expectedAttributes = new ArrayList<>();
    expected.fieldNames().forEachRemaining(expectedAttributes::add);
    assertEquals(expectedAttributes, new ArrayList<>(results.keySet()), name + ": attributes");
    for (String attribute : expectedAttributes) {
      JsonNode e = expected.get(attribute);
      FairnessResult r = results.get(attribute);
      String where = name + " " + attribute;
      assertEquals(attribute, r.attribute());
      List<String> groupNames = new ArrayList<>();
      e.get("groups").fieldNames().forEachRemaining(groupNames::add);
      assertEquals(groupNames, new ArrayList<>(r.groups().keySet()), where + ": groups in order");
      for (Iterator<String> it = e.get("groups").fieldNames(); it.hasNext(); ) {
        String g = it.next();
        JsonNode eg = e.get("groups").get(g);
        GroupRates rg = r.groups().get(g);
        String at = where + " " + g + ": ";
        assertCount("count", eg.get("count").asLong(), rg.count());
        assertCount("tp", eg.get("tp").asLong(), rg.counts().tp());
        assertCount("fp", eg.get("fp").asLong(), rg.counts().fp());
        assertCount("tn", eg.get("tn").asLong(), rg.counts().tn());
        assertCount("fn", eg.get("fn").asLong(), rg.counts().fn());
        assertCount("labelled", eg.get("count").asLong(), rg.labelled());
        assertRate("selection_rate", eg.get("selection_rate"), rg.selectionRate());
        assertRate("tpr", eg.get("tpr"), rg.tpr());
        assertRate("fpr", eg.get("fpr"), rg.fpr());
        assertRate("precision", eg.get("precision"), rg.precision());
        JsonNode w = eg.get("selection_rate_wilson95");
        assertRate("selection_rate_wilson95", w.get(0), rg.selectionRateWilson95()[0]);
        assertRate("selection_rate_wilson95", w.get(1), rg.selectionRateWilson95()[1]);
        if (rg.tpr() == null) {
          assertNull(rg.tprWilson95(), at + "no TPR interval without a TPR");
        }
      }
      assertRate(
          "demographic_parity_difference",
          e.get("demographic_parity_difference"),
          r.demographicParityDifference());
      assertRate(
          "demographic_parity_ratio",
          e.get("demographic_parity_ratio"),
          r.demographicParityRatio());
      assertRate(
          "equal_opportunity_difference",
          e.get("equal_opportunity_difference"),
          r.equalOpportunityDifference());
      assertRate(
          "equalized_odds_difference",
          e.get("equalized_odds_difference"),
          r.equalizedOddsDifference());
      assertRate("equalized_odds_ratio", e.get("equalized_odds_ratio"), r.equalizedOddsRatio());
      assertEquals(strings(e.get("undefined").get("tpr")), r.undefinedTpr(), where + ": tpr");
      assertEquals(strings(e.get("undefined").get("fpr")), r.undefinedFpr(), where + ": fpr");
      assertEquals(
          strings(e.get("undefined").get("precision")),
          r.undefinedPrecision(),
          where + ": precision");
      assertEquals(strings(e.get("undefined_groups")), r.undefinedGroups(), where + ": undefined");
      assertEquals(List.of(), r.belowMinGroupSize(), where + ": min_group_size 0 excludes none");
    }
  }
}
