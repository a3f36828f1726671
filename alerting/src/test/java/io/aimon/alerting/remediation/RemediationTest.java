package io.aimon.alerting.remediation;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.alerting.incident.Severity;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RemediationTest {

  /** A valid state: critical, acknowledged, applied and pending, overridden. */
  static Remediation valid() {
    return new Remediation(
        "i",
        "m",
        "m/psi",
        Severity.CRITICAL,
        100,
        200L,
        "bob",
        110L,
        1,
        2,
        "cause",
        150L,
        1,
        Effectiveness.PENDING,
        NonconformityGrade.MINOR,
        NonconformityGrade.MAJOR,
        "impact",
        null);
  }

  @Test
  void aValidStateIsAccepted() {
    valid();
  }

  static Stream<Arguments> broken() {
    return Stream.of(
        Arguments.of(
            1,
            (Supplier<Remediation>)
                () ->
                    new Remediation(
                        " ",
                        "m",
                        "s",
                        Severity.WARNING,
                        0,
                        null,
                        null,
                        null,
                        0,
                        0,
                        null,
                        null,
                        0,
                        Effectiveness.NONE,
                        NonconformityGrade.OBSERVATION,
                        null,
                        null,
                        null)),
        Arguments.of(
            1,
            (Supplier<Remediation>)
                () ->
                    new Remediation(
                        "i",
                        "m",
                        "s",
                        null,
                        0,
                        null,
                        null,
                        null,
                        0,
                        0,
                        null,
                        null,
                        0,
                        Effectiveness.NONE,
                        NonconformityGrade.OBSERVATION,
                        null,
                        null,
                        null)),
        Arguments.of(
            2,
            (Supplier<Remediation>)
                () ->
                    new Remediation(
                        "i",
                        "m",
                        "s",
                        Severity.WARNING,
                        10,
                        9L,
                        null,
                        null,
                        0,
                        0,
                        null,
                        null,
                        0,
                        Effectiveness.NONE,
                        NonconformityGrade.OBSERVATION,
                        null,
                        null,
                        null)),
        Arguments.of(
            3,
            (Supplier<Remediation>)
                () ->
                    new Remediation(
                        "i",
                        "m",
                        "s",
                        Severity.WARNING,
                        0,
                        null,
                        "bob",
                        null,
                        0,
                        0,
                        null,
                        null,
                        0,
                        Effectiveness.NONE,
                        NonconformityGrade.OBSERVATION,
                        null,
                        null,
                        null)),
        Arguments.of(
            4,
            (Supplier<Remediation>)
                () ->
                    new Remediation(
                        "i",
                        "m",
                        "s",
                        Severity.WARNING,
                        0,
                        null,
                        null,
                        null,
                        -1,
                        0,
                        null,
                        null,
                        0,
                        Effectiveness.NONE,
                        NonconformityGrade.OBSERVATION,
                        null,
                        null,
                        null)),
        Arguments.of(
            5,
            (Supplier<Remediation>)
                () ->
                    new Remediation(
                        "i",
                        "m",
                        "s",
                        Severity.WARNING,
                        0,
                        null,
                        null,
                        null,
                        0,
                        0,
                        null,
                        null,
                        0,
                        Effectiveness.PENDING,
                        NonconformityGrade.OBSERVATION,
                        null,
                        null,
                        null)),
        Arguments.of(
            5,
            (Supplier<Remediation>)
                () ->
                    new Remediation(
                        "i",
                        "m",
                        "s",
                        Severity.WARNING,
                        0,
                        null,
                        null,
                        null,
                        0,
                        0,
                        null,
                        5L,
                        0,
                        Effectiveness.NONE,
                        NonconformityGrade.OBSERVATION,
                        null,
                        null,
                        null)),
        Arguments.of(
            6,
            (Supplier<Remediation>)
                () ->
                    new Remediation(
                        "i",
                        "m",
                        "s",
                        Severity.WARNING,
                        0,
                        null,
                        null,
                        null,
                        0,
                        0,
                        null,
                        5L,
                        101,
                        Effectiveness.PENDING,
                        NonconformityGrade.OBSERVATION,
                        null,
                        null,
                        null)),
        Arguments.of(
            7,
            (Supplier<Remediation>)
                () ->
                    new Remediation(
                        "i",
                        "m",
                        "s",
                        Severity.WARNING,
                        0,
                        null,
                        null,
                        null,
                        0,
                        0,
                        null,
                        null,
                        0,
                        Effectiveness.NONE,
                        NonconformityGrade.MINOR,
                        null,
                        null,
                        null)),
        Arguments.of(
            7,
            (Supplier<Remediation>)
                () ->
                    new Remediation(
                        "i",
                        "m",
                        "s",
                        Severity.CRITICAL,
                        0,
                        null,
                        null,
                        null,
                        0,
                        0,
                        null,
                        null,
                        0,
                        Effectiveness.NONE,
                        NonconformityGrade.OBSERVATION,
                        null,
                        null,
                        null)),
        Arguments.of(
            8,
            (Supplier<Remediation>)
                () ->
                    new Remediation(
                        "i",
                        "m",
                        "s",
                        Severity.WARNING,
                        0,
                        null,
                        null,
                        null,
                        0,
                        0,
                        null,
                        null,
                        0,
                        Effectiveness.NONE,
                        NonconformityGrade.OBSERVATION,
                        NonconformityGrade.MAJOR,
                        null,
                        null)),
        Arguments.of(
            8,
            (Supplier<Remediation>)
                () ->
                    new Remediation(
                        "i",
                        "m",
                        "s",
                        Severity.WARNING,
                        0,
                        null,
                        null,
                        null,
                        0,
                        0,
                        null,
                        null,
                        0,
                        Effectiveness.NONE,
                        NonconformityGrade.OBSERVATION,
                        NonconformityGrade.MAJOR,
                        "",
                        null)));
  }

  @ParameterizedTest
  @MethodSource("broken")
  void eachBrokenInvariantIsRejectedByNumber(int invariant, Supplier<Remediation> state) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, state::get);
    assertTrue(e.getMessage().startsWith("invariant " + invariant + ":"), e.getMessage());
  }
}
