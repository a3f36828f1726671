package io.aimon.detectors.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConfusionCountsTest {
  @Test
  void ratesAreTheirDefinitions() {
    ConfusionCounts c = new ConfusionCounts(30, 10, 50, 10);
    assertEquals(100, c.n());
    assertEquals(0.75, c.tpr(), 0.0); // 30 / (30 + 10)
    assertEquals(10.0 / 60, c.fpr(), 0.0);
    assertEquals(0.75, c.precision(), 0.0); // 30 / (30 + 10)
  }

  @Test
  void aRateWithoutItsDenominatorIsUndefined() {
    ConfusionCounts onlyNegatives = new ConfusionCounts(0, 3, 7, 0);
    assertNull(onlyNegatives.tpr());
    assertEquals(0.3, onlyNegatives.fpr(), 0.0);
    assertNull(ConfusionCounts.NONE.precision());
  }

  @Test
  void negativeCountsAreRejectedNamingThem() {
    assertEquals(
        "confusion counts: expected >= 0, found tp=1 fp=-1 tn=0 fn=0",
        assertThrows(IllegalArgumentException.class, () -> new ConfusionCounts(1, -1, 0, 0))
            .getMessage());
  }
}
