package io.aimon.alerting.policy;

import static io.aimon.detectors.check.CheckStatus.CRITICAL;
import static io.aimon.detectors.check.CheckStatus.INSUFFICIENT_DATA;
import static io.aimon.detectors.check.CheckStatus.OK;
import static io.aimon.detectors.check.CheckStatus.WARNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.alerting.incident.Severity;
import io.aimon.detectors.check.CheckStatus;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each numbered invariant of {@link SeriesState} is enforced by its constructor. */
class SeriesStateTest {

  static final OpenIncident INCIDENT =
      new OpenIncident("id", "key", Severity.WARNING, 1000, 2000, List.of("c1"), 1);

  static Stream<Arguments> broken() {
    List<CheckStatus> tooMany = Collections.nCopies(AlertPolicy.MAX_WINDOWS + 1, OK);
    return Stream.of(
        Arguments.of(1, List.of(INSUFFICIENT_DATA), List.of(), 1000L, 0, null, SeriesState.NONE),
        Arguments.of(1, tooMany, List.of(), 1000L, 100, null, SeriesState.NONE),
        Arguments.of(2, List.of(WARNING, OK), List.of(), 1000L, 1, null, SeriesState.NONE),
        Arguments.of(2, List.of(OK), List.of("x"), 1000L, 1, null, SeriesState.NONE),
        Arguments.of(3, List.of(OK), List.of(), 1000L, -1, null, SeriesState.NONE),
        Arguments.of(3, List.of(OK), List.of(), 1000L, 101, null, SeriesState.NONE),
        Arguments.of(3, List.of(OK, WARNING), List.of("x"), 1000L, 1, null, SeriesState.NONE),
        Arguments.of(3, List.of(CRITICAL, OK, OK), List.of("x"), 1000L, 1, null, SeriesState.NONE),
        Arguments.of(4, List.of(), List.of(), SeriesState.NONE, 0, null, 5000L),
        Arguments.of(4, List.of(OK), List.of(), SeriesState.NONE, 1, null, SeriesState.NONE),
        Arguments.of(5, List.of(WARNING), List.of("c1"), 1000L, 0, INCIDENT, 5000L),
        Arguments.of(5, List.of(WARNING), List.of("c1"), 999L, 0, INCIDENT, SeriesState.NONE));
  }

  @ParameterizedTest(name = "invariant {0}: {1} {2} okRun {4}")
  @MethodSource("broken")
  void constructorRejectsAStateBreakingAnInvariant(
      int invariant,
      List<CheckStatus> recent,
      List<String> ids,
      long lastWindowStart,
      int okRun,
      OpenIncident incident,
      long cooldownUntil) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SeriesState(recent, ids, lastWindowStart, okRun, incident, cooldownUntil));

    assertTrue(e.getMessage().startsWith("invariant " + invariant + ":"), e.getMessage());
  }

  @Test
  void okRunMayExceedTheKeptStatusesWhenAllAreOk() {
    SeriesState s = new SeriesState(List.of(OK, OK), List.of(), 1000, 7, null, SeriesState.NONE);

    assertEquals(7, s.okRun());
  }

  @Test
  void openIncidentValidatesItsFields() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new OpenIncident("id", "key", Severity.WARNING, 2000, 2000, List.of("c"), 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new OpenIncident("id", "key", Severity.WARNING, 1000, 2000, List.of(), 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new OpenIncident("id", "key", Severity.WARNING, 1000, 2000, List.of("c"), 0));
  }
}
