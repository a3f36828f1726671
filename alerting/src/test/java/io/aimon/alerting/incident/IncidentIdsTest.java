package io.aimon.alerting.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Golden values of the id derivations (cross-checked with Python's hashlib and uuid.uuid5): a
 * change here changes every id of every stored incident.
 */
class IncidentIdsTest {

  private static final SeriesKey SERIES = new SeriesKey("credit-risk", "psi", "income", null, null);
  private static final long START = Instant.parse("2026-11-22T18:26:00Z").toEpochMilli();

  @Test
  void dedupKeyIsTheSha256PrefixOfSeriesAndOpeningWindow() {
    assertEquals("6647f6f26dc7182754b782f0714265af", IncidentIds.dedupKey(SERIES, START));
  }

  @Test
  void incidentIdIsAVersion5UuidOfTheDedupKey() {
    assertEquals(
        "ef17924a-2dc4-5e37-903e-ca2aa31e74e2",
        IncidentIds.incidentId("6647f6f26dc7182754b782f0714265af"));
  }

  @Test
  void eventIdIsTheSha256PrefixOfDedupKeyTypeAndWindowEnd() {
    assertEquals(
        "e8fb24b3815e8b76d50ba185d031c37f",
        IncidentIds.eventId(
            "6647f6f26dc7182754b782f0714265af", IncidentEvent.Type.OPENED, START + 10_000));
  }
}
