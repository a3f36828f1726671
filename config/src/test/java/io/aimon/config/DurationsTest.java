package io.aimon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  void parsesEveryShortUnit() {
    assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
    assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
    assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
    assertEquals(Duration.ofHours(1), Durations.parse("1h"));
    assertEquals(Duration.ofDays(1), Durations.parse("1d"));
    assertEquals(Duration.ZERO, Durations.parse("0s"));
  }

  @Test
  void parsesIso8601() {
    assertEquals(Duration.ofHours(1), Durations.parse("PT1H"));
    assertEquals(Duration.ofDays(2), Durations.parse("P2D"));
    assertEquals(Duration.ofMillis(1500), Durations.parse("PT1.5S"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"abc", "", "1", "1.5h", "1 h", "-5s", "5M", "1w", "99999999999999999999d", "PTX"})
  void rejectsAnythingElseWithTheCommonMessage(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    assertEquals(
        "expected a duration like 30s, 5m, 1h or 1d, found '" + text + "'", e.getMessage());
  }

  @Test
  void formatsInTheLargestExactUnit() {
    assertEquals("1d", Durations.format(Duration.ofDays(1)));
    assertEquals("25h", Durations.format(Duration.ofHours(25)));
    assertEquals("90m", Durations.format(Duration.ofMinutes(90)));
    assertEquals("10s", Durations.format(Duration.ofSeconds(10)));
    assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
    assertEquals("0s", Durations.format(Duration.ZERO));
    assertEquals("PT0.0000001S", Durations.format(Duration.ofNanos(100)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"500ms", "30s", "5m", "1h", "1d", "PT1.5S", "PT25H"})
  void formatThenParseRoundTrips(String text) {
    Duration d = Durations.parse(text);
    assertEquals(d, Durations.parse(Durations.format(d)));
  }
}
