package io.aimon.detectors.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CategoricalDriftTest {
  @Test
  void identicalCountsShowNoDrift() {
    CategoricalDriftResult r =
        CategoricalDrift.compare(Map.of("a", 3L, "b", 5L), Map.of("a", 3L, "b", 5L));
    assertEquals(0.0, r.psi());
    assertEquals(0.0, r.jensenShannon());
    assertEquals(0.0, r.chiSquare(), 1e-12);
    assertEquals(1.0, r.chiSquarePValue(), 1e-12);
    assertEquals(0.0, r.hellinger(), 1e-7);
  }

  @Test
  void categoriesAreSortedByCodePoint() {
    String bmpHigh = "\uFFFD";
    String emoji = new String(Character.toChars(0x1F600));
    CategoricalDriftResult r =
        CategoricalDrift.compare(
            Map.of(emoji, 1L, bmpHigh, 1L, "Z", 1L, "a", 1L, CategoricalDrift.MISSING, 1L),
            Map.of("a", 1L));
    assertEquals(List.of("Z", CategoricalDrift.MISSING, "a", bmpHigh, emoji), r.categories());
  }

  @Test
  void categoriesWithZeroCountOnBothSidesAreLeftOut() {
    CategoricalDriftResult r =
        CategoricalDrift.compare(Map.of("a", 2L, "b", 0L), Map.of("a", 1L, "c", 1L));
    assertEquals(List.of("a", "c"), r.categories());
    assertEquals(List.of("c"), r.unseenInReference());
    assertArrayEquals(new long[] {2, 0}, r.refCounts());
  }

  @Test
  void singleCategoryGivesNoChiSquarePValue() {
    CategoricalDriftResult r = CategoricalDrift.compare(Map.of("x", 40L), Map.of("x", 25L));
    assertEquals(0, r.chiSquareDof());
    assertNull(r.chiSquarePValue());
  }

  @Test
  void nullKeyIsRejected() {
    Map<String, Long> withNull = new HashMap<>();
    withNull.put(null, 3L);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CategoricalDrift.compare(withNull, Map.of("a", 1L)));
    assertTrue(e.getMessage().startsWith("refCounts:"), e.getMessage());
  }

  @Test
  void emptyWindowIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CategoricalDrift.compare(Map.of("a", 1L), Map.of()));
    assertTrue(e.getMessage().startsWith("winCounts:"), e.getMessage());
  }

  @Test
  void resultCopiesItsArrays() {
    CategoricalDriftResult r = CategoricalDrift.compare(Map.of("a", 1L, "b", 2L), Map.of("a", 2L));
    long[] counts = r.refCounts();
    counts[0] = 99;
    assertArrayEquals(new long[] {1, 2}, r.refCounts());
    assertNotSame(r.winCounts(), r.winCounts());
    assertEquals(r, CategoricalDrift.compare(Map.of("a", 1L, "b", 2L), Map.of("a", 2L)));
  }
}
