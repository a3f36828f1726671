package io.aimon.alerting.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RemediationPolicyTest {

  @Test
  void defaultsAreThreeWindowsAnd24h() {
    assertEquals(new RemediationPolicy(3, Duration.ofHours(24)), RemediationPolicy.defaults());
  }

  @Test
  void boundsAreAccepted() {
    new RemediationPolicy(1, Duration.ofMillis(1));
    new RemediationPolicy(100, Duration.ofDays(365_000));
  }

  static Stream<Arguments> bad() {
    return Stream.of(
        Arguments.of(
            0, Duration.ofHours(1), "verifyWindows: expected an integer in [1, 100], found 0"),
        Arguments.of(
            101, Duration.ofHours(1), "verifyWindows: expected an integer in [1, 100], found 101"),
        Arguments.of(3, Duration.ZERO, "majorAfter: expected a duration > 0, found PT0S"),
        Arguments.of(3, Duration.ofHours(-1), "majorAfter: expected a duration > 0, found PT-1H"),
        Arguments.of(3, null, "majorAfter: expected a duration > 0, found null"));
  }

  @ParameterizedTest
  @MethodSource("bad")
  void badSettingsAreRejectedNamingTheSetting(int windows, Duration after, String message) {
    assertEquals(
        message,
        assertThrows(IllegalArgumentException.class, () -> new RemediationPolicy(windows, after))
            .getMessage());
  }
}
