package io.aimon.detectors.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CheckStatusTest {
  @Test
  void everyCodeReadsBackAsItsStatus() {
    for (CheckStatus s : CheckStatus.values()) {
      assertEquals(s, CheckStatus.ofCode(s.code()));
    }
    assertEquals("insufficient_data", CheckStatus.INSUFFICIENT_DATA.code());
  }

  @Test
  void onlyWarningAndCriticalAreBreaches() {
    assertTrue(CheckStatus.WARNING.isBreach());
    assertTrue(CheckStatus.CRITICAL.isBreach());
    assertFalse(CheckStatus.OK.isBreach());
    assertFalse(CheckStatus.INSUFFICIENT_DATA.isBreach());
  }

  @Test
  void anUnknownCodeIsRejectedNamingTheAllowedOnes() {
    assertEquals(
        "status: expected ok, warning, critical or insufficient_data, found 'broken'",
        assertThrows(IllegalArgumentException.class, () -> CheckStatus.ofCode("broken"))
            .getMessage());
  }
}
