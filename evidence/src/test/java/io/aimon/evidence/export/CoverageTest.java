package io.aimon.evidence.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected windows, covered windows and gaps. */
class CoverageTest {
  private static final long W = 10;

  private static Coverage.Window win(long start) {
    return new Coverage.Window(start, start + W, 100, 3, 0);
  }

  @Test
  void contiguousWindowsHaveNoGap() {
    Coverage c = Coverage.of(List.of(win(0), win(10), win(20)), W, 10, 30, 0, 100);
    assertEquals(3, c.expected());
    assertEquals(3, c.covered());
    assertTrue(c.contiguous());
    assertEquals(300, c.events());
  }

  @Test
  void missingWindowsInsideAndAtTheEndsAreGaps() {
    // the archive covers windows ending 10..60; the period [15, 55) expects ends 20..50
    Coverage c = Coverage.of(List.of(win(20), win(40), win(20)), W, 10, 60, 15, 55);
    assertEquals(2, c.covered(), "duplicates count once");
    assertEquals(List.of(new Coverage.Gap(10, 20, 1), new Coverage.Gap(30, 40, 1)), c.gaps());
    assertEquals(4, c.expected());
  }

  @Test
  void windowsBeforeMonitoringBeganAreNotExpected() {
    Coverage c = Coverage.of(List.of(win(100)), W, 110, 110, 0, 1000);
    assertEquals(1, c.expected());
    assertTrue(c.contiguous());
  }

  @Test
  void withoutCoverageRecordsNothingIsExpected() {
    Coverage c = Coverage.of(List.of(), 0, Long.MAX_VALUE, Long.MIN_VALUE, 0, 1000);
    assertEquals(0, c.expected());
  }

  @Test
  void numbersAndDurationsReadTheSameEverywhere() {
    assertEquals("0.3689", Fmt.number(0.36894));
    assertEquals("1000", Fmt.number(1000.0));
    assertEquals("2.4e-82", Fmt.number(2.4e-82));
    assertEquals("48 h", Fmt.duration(48 * 3_600_000L));
    assertEquals("10 s", Fmt.duration(10_000));
    assertEquals("3 breaches", Fmt.plural(3, "breach"));
  }
}
