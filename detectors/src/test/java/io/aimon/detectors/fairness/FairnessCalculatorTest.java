package io.aimon.detectors.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aimon.detectors.common.CapCounts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FairnessCalculatorTest {
  // big: sr 0.5, tpr 0.8, fpr 0.2; mid: sr 0.26, tpr 0.5, fpr 0.1; tiny: sr 1, tpr 1, no negatives
  private static final Map<String, GroupCounts> GROUPS =
      Map.of(
          "big", GroupCounts.of(100, 50, 40, 10, 40, 10),
          "mid", GroupCounts.of(50, 13, 10, 3, 27, 10),
          "tiny", GroupCounts.of(2, 2, 2, 0, 0, 0));

  @Test
  void minGroupSizeKeepsASmallGroupOutOfTheGapsButReportsIt() {
    FairnessResult all = FairnessCalculator.evaluate("g", GROUPS, 0);
    FairnessResult min30 = FairnessCalculator.evaluate("g", GROUPS, 30);
    assertEquals(List.of("big", "mid", "tiny"), List.copyOf(min30.groups().keySet()));
    assertEquals(List.of("tiny"), min30.belowMinGroupSize());
    assertEquals(List.of(), all.belowMinGroupSize());
    // With tiny (sr 1): 1 - 0.26; without it: 0.5 - 0.26.
    assertEquals(0.74, all.demographicParityDifference(), 1e-15);
    assertEquals(0.24, min30.demographicParityDifference(), 1e-15);
    assertEquals(0.26 / 0.5, min30.demographicParityRatio(), 1e-15);
    assertEquals(0.5, all.equalOpportunityDifference(), 1e-15);
    assertEquals(0.3, min30.equalOpportunityDifference(), 1e-15);
    // tiny has no negatives: named as undefined whatever its size.
    assertEquals(List.of("tiny"), min30.undefinedFpr());
    assertEquals(List.of("tiny"), all.undefinedFpr());
    assertEquals(Math.max(0.3, 0.1), min30.equalizedOddsDifference(), 1e-15);
    assertEquals(Math.min(0.5 / 0.8, 0.1 / 0.2), min30.equalizedOddsRatio(), 1e-15);
  }

  @Test
  void minGroupSizeEqualToTheCountKeepsTheGroup() {
    FairnessResult r = FairnessCalculator.evaluate("g", GROUPS, 50);
    assertEquals(List.of("tiny"), r.belowMinGroupSize());
  }

  @Test
  void thePooledGroupIsReportedButEntersNoGap() {
    Map<String, GroupCounts> groups =
        Map.of(
            "big",
            GroupCounts.of(100, 50, 40, 10, 40, 10),
            "mid",
            GroupCounts.of(50, 13, 10, 3, 27, 10),
            FairnessAccumulator.OTHER,
            GroupCounts.of(500, 500, 0, 0, 0, 0));
    FairnessResult r = FairnessCalculator.evaluate("g", groups, 30, new CapCounts(480, 0));
    assertEquals(500, r.groups().get(FairnessAccumulator.OTHER).count());
    assertEquals(1.0, r.groups().get(FairnessAccumulator.OTHER).selectionRate());
    // without the pool (sr 1.0) the gap is 0.5 - 0.26, not 1.0 - 0.26
    assertEquals(0.24, r.demographicParityDifference(), 1e-15);
    assertEquals(List.of(), r.belowMinGroupSize());
    assertEquals(new CapCounts(480, 0), r.caps());
  }

  @Test
  void missingEntersTheGapsAsAValueDoesButThePoolDoesNot() {
    Map<String, GroupCounts> groups =
        Map.of(
            "only",
            GroupCounts.of(40, 10, 5, 5, 20, 0),
            FairnessAccumulator.MISSING,
            GroupCounts.of(40, 20, 10, 10, 15, 5),
            FairnessAccumulator.OTHER,
            GroupCounts.of(40, 30, 0, 0, 0, 0),
            "small",
            GroupCounts.of(3, 1, 0, 0, 0, 0));
    FairnessResult r = FairnessCalculator.evaluate("g", groups, 30);
    // only (0.25) and __MISSING__ (0.5) enter; the pool (0.75) and small are out
    assertEquals(0.25, r.demographicParityDifference(), 1e-15);
    assertEquals(List.of("small"), r.belowMinGroupSize());
    assertEquals(CapCounts.NONE, r.caps());
  }

  @Test
  void aLoneGroupIsAtParityWithItself() {
    FairnessResult r =
        FairnessCalculator.evaluate("g", Map.of("only", GroupCounts.of(10, 4, 2, 2, 4, 2)), 1);
    assertEquals(0.0, r.demographicParityDifference());
    assertEquals(1.0, r.demographicParityRatio());
    assertEquals(0.0, r.equalOpportunityDifference());
    assertEquals(0.0, r.equalizedOddsDifference());
    assertEquals(1.0, r.equalizedOddsRatio());
  }

  @Test
  void noGroupInTheGapsGivesNullGaps() {
    FairnessResult empty = FairnessCalculator.evaluate("g", Map.of(), 1);
    assertNull(empty.demographicParityDifference());
    assertNull(empty.demographicParityRatio());
    assertNull(empty.equalOpportunityDifference());
    assertNull(empty.equalizedOddsDifference());
    assertNull(empty.equalizedOddsRatio());
    FairnessResult allSmall = FairnessCalculator.evaluate("g", GROUPS, 1000);
    assertEquals(3, allSmall.groups().size());
    assertNull(allSmall.demographicParityDifference());
    assertEquals(List.of("big", "mid", "tiny"), allSmall.belowMinGroupSize());
  }

  @Test
  void selectionRateGapsNeedNoLabels() {
    Map<String, GroupCounts> unlabelled =
        Map.of("a", GroupCounts.of(10, 5, 0, 0, 0, 0), "b", GroupCounts.of(20, 4, 0, 0, 0, 0));
    FairnessResult r = FairnessCalculator.evaluate("g", unlabelled, 1);
    assertEquals(0.3, r.demographicParityDifference(), 1e-15);
    assertEquals(0.4, r.demographicParityRatio(), 1e-15);
    assertNull(r.equalOpportunityDifference());
    assertNull(r.equalizedOddsDifference());
    assertNull(r.equalizedOddsRatio());
    assertEquals(List.of("a", "b"), r.undefinedTpr());
    assertEquals(List.of("a", "b"), r.undefinedFpr());
    assertNull(r.groups().get("a").tprWilson95());
  }

  @Test
  void ratiosAreNullWhenEveryRateIsZero() {
    Map<String, GroupCounts> none =
        Map.of("a", GroupCounts.of(3, 0, 0, 0, 2, 1), "b", GroupCounts.of(4, 0, 0, 0, 1, 3));
    FairnessResult r = FairnessCalculator.evaluate("g", none, 0);
    assertEquals(0.0, r.demographicParityDifference());
    assertNull(r.demographicParityRatio());
    assertNull(r.equalizedOddsRatio());
    assertEquals(List.of("a", "b"), r.undefinedPrecision());
  }

  @Test
  void groupsAreInCodePointOrder() {
    Map<String, GroupCounts> groups =
        Map.of(
            "b", GroupCounts.of(1, 0, 0, 0, 0, 0),
            "B", GroupCounts.of(1, 0, 0, 0, 0, 0),
            "\uD83D\uDE00", GroupCounts.of(1, 0, 0, 0, 0, 0),
            "\uFF21", GroupCounts.of(1, 0, 0, 0, 0, 0));
    FairnessResult r = FairnessCalculator.evaluate("g", groups, 0);
    // U+1F600 sorts after U+FF21 by code point (String.compareTo would put it first).
    assertEquals(List.of("B", "b", "\uFF21", "\uD83D\uDE00"), List.copyOf(r.groups().keySet()));
  }

  @Test
  void rejectsANegativeMinGroupSize() {
    assertEquals(
        "minGroupSize: expected an integer >= 0, found -1",
        assertThrows(
                IllegalArgumentException.class, () -> FairnessCalculator.evaluate("g", GROUPS, -1))
            .getMessage());
  }
}
