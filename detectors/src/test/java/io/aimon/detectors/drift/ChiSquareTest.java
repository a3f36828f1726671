package io.aimon.detectors.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChiSquareTest {
  @Test
  void matchesScipyChisquare() {
    // scipy: chisquare([30, 70], [50, 50]) -> statistic 16.0, pvalue 6.334248366623988e-05
    ChiSquareResult r = ChiSquare.of(new long[] {50, 50}, new long[] {30, 70});
    assertEquals(16.0, r.statistic(), 1e-12);
    assertEquals(1, r.dof());
    DriftFixtures.assertRelative(
        "chi2 p", 6.334248366623988e-05, r.pValue(), DriftFixtures.CHI2_P_VALUE_RELATIVE);
  }

  @Test
  void singleCategoryHasNoPValue() {
    ChiSquareResult r = ChiSquare.of(new long[] {40}, new long[] {25});
    assertEquals(new ChiSquareResult(0.0, null, 0), r);
    assertNull(r.pValue());
  }

  @Test
  void identicalProportionsGiveZeroStatisticAndPValueOne() {
    ChiSquareResult r = ChiSquare.of(new long[] {10, 20, 30}, new long[] {1, 2, 3});
    assertEquals(0.0, r.statistic(), 1e-12);
    assertEquals(1.0, r.pValue(), 1e-12);
  }

  @Test
  void unseenReferenceCategoryGetsEpsilonExpectation() {
    double[] e = ChiSquare.expectedCounts(new long[] {100, 0}, 100, 10);
    assertEquals(10 * 1.0 / (1 + 1e-4), e[0], 1e-12);
    assertEquals(10 * 1e-4 / (1 + 1e-4), e[1], 1e-16);
  }

  @Test
  void emptyWindowIsRejected() {
    IllegalArgumentException ex =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChiSquare.of(new long[] {1, 2}, new long[] {0, 0}));
    assertTrue(ex.getMessage().startsWith("winCounts:"), ex.getMessage());
  }
}
