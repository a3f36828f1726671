package io.aimon.detectors.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EpochWindowsTest {
  private static final long DAY = 86_400_000L;

  @Test
  void aDayWindowIsTheUtcDay() {
    long t = Instant.parse("2024-02-03T17:45:00Z").toEpochMilli();
    assertEquals(Instant.parse("2024-02-03T00:00:00Z").toEpochMilli(), EpochWindows.start(t, DAY));
    assertEquals(Instant.parse("2024-02-04T00:00:00Z").toEpochMilli(), EpochWindows.end(t, DAY));
  }

  @Test
  void aTimeOnABoundaryStartsItsWindow() {
    assertEquals(3 * DAY, EpochWindows.start(3 * DAY, DAY));
    assertEquals(3 * DAY, EpochWindows.end(3 * DAY - 1, DAY));
  }

  @Test
  void timesBeforeTheEpochFloorToo() {
    assertEquals(-10_000, EpochWindows.start(-1, 10_000));
    assertEquals(0, EpochWindows.end(-1, 10_000));
  }

  @Test
  void aWindowLengthMustBePositive() {
    assertEquals(
        "size: expected a window length > 0 ms, found 0",
        assertThrows(IllegalArgumentException.class, () -> EpochWindows.start(5, 0)).getMessage());
  }
}
