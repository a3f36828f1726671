package io.aimon.config;

import static io.aimon.config.ConfigFixtures.file;
import static io.aimon.config.ConfigFixtures.load;
import static io.aimon.config.ConfigFixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The top-level {@code corrective_actions} section and the incident actions topic. */
class CorrectiveActionConfigTest {

  @Test
  void valuesAreRead() throws Exception {
    AimonConfig c = load("corrective-actions.yaml");
    java.util.Map<String, Duration> within =
        new java.util.LinkedHashMap<>(CorrectiveActionConfig.seriousDefaults());
    within.put("widespread_infringement", Duration.ofHours(36));
    assertEquals(
        new CorrectiveActionConfig(5, Duration.ofHours(72), within), c.correctiveActions());
    assertEquals("prod.incident-actions", c.kafka().incidentActionsTopic());
  }

  @Test
  void noSectionGivesTheDefaults() throws Exception {
    AimonConfig c = load("evidence.yaml");
    assertEquals(CorrectiveActionConfig.defaults(), c.correctiveActions());
    assertEquals(
        java.util.Map.of(
            "death",
            Duration.ofDays(10),
            "critical_infrastructure",
            Duration.ofDays(2),
            "widespread_infringement",
            Duration.ofDays(2),
            "other",
            Duration.ofDays(15)),
        c.correctiveActions().seriousReportWithin());
    assertEquals("aimon.incident-actions", c.kafka().incidentActionsTopic());
  }

  @Test
  void badValuesAreNamedWithFileLineAndKey() {
    List<String> found = problems("corrective-actions-bad.yaml");
    String f = file("corrective-actions-bad.yaml");
    assertEquals(5, found.size(), found.toString());
    assertEquals(
        List.of(
            f + ":2 corrective_actions.verify_windows:",
            f + ":3 corrective_actions.major_after:",
            f + ":4 corrective_actions.verify_window:",
            f + ":6 corrective_actions.serious_report_within.death:",
            f + ":7 corrective_actions.serious_report_within.flood:"),
        found.stream().map(p -> p.substring(0, p.indexOf(':', f.length() + 3) + 1)).toList(),
        found.toString());
  }
}
