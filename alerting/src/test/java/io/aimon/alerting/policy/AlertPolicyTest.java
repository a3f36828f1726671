package io.aimon.alerting.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aimon.config.AlertingConfig;
import io.aimon.config.IncidentGrouping;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertPolicyTest {

  @Test
  void defaultIsTwoOfThreeWarningOneOfOneCriticalResolveAfterTwo() {
    assertEquals(
        new AlertPolicy(2, 3, 1, 1, 2, Duration.ZERO, null, IncidentGrouping.FEATURE),
        AlertPolicy.builder().build());
    assertEquals(3, AlertPolicy.DEFAULT.window());
  }

  @Test
  void defaultEqualsTheConfigDefaults() {
    assertEquals(AlertPolicy.DEFAULT, AlertPolicy.from(AlertingConfig.defaults()));
  }

  @Test
  void fromCopiesEveryConfigField() {
    AlertingConfig c =
        new AlertingConfig(
            3, 5, 2, 4, 6, Duration.ofMinutes(7), "http://runbooks/x", IncidentGrouping.MODEL);

    assertEquals(
        new AlertPolicy(
            3, 5, 2, 4, 6, Duration.ofMinutes(7), "http://runbooks/x", IncidentGrouping.MODEL),
        AlertPolicy.from(c));
    assertEquals(5, AlertPolicy.from(c).window());
  }

  @ParameterizedTest(name = "{7}")
  @CsvSource(
      delimiter = ';',
      value = {
        "0; 3; 1; 1; 2; 0; ; warningFor must be in [1, warningOf = 3], was 0",
        "4; 3; 1; 1; 2; 0; ; warningFor must be in [1, warningOf = 3], was 4",
        "1; 101; 1; 1; 2; 0; ; warningOf must be in [1, 100], was 101",
        "2; 3; 2; 1; 2; 0; ; criticalFor must be in [1, criticalOf = 1], was 2",
        "2; 3; 1; 0; 2; 0; ; criticalOf must be in [1, 100], was 0",
        "2; 3; 1; 1; 0; 0; ; resolveAfter must be in [1, 100], was 0",
        "2; 3; 1; 1; 2; -1; ; cooldown must be >= 0, was PT-1S",
        "2; 3; 1; 1; 2; 0; file:///x; runbookUrl must be an absolute http or https URL, was 'file:///x'",
      })
  void constructorRejectsOutOfRangeValuesNamingTheBound(
      int wf, int wo, int cf, int co, int ra, long cooldownSeconds, String url, String message) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new AlertPolicy(
                    wf,
                    wo,
                    cf,
                    co,
                    ra,
                    Duration.ofSeconds(cooldownSeconds),
                    url,
                    IncidentGrouping.FEATURE));

    assertEquals(message, e.getMessage());
  }
}
