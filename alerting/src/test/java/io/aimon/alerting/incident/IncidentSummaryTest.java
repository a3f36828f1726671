package io.aimon.alerting.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.CheckStatus;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncidentSummaryTest {

  private static final long START = Instant.parse("2026-11-22T18:26:20Z").toEpochMilli();

  @ParameterizedTest(name = "{9}")
  @CsvSource(
      delimiter = '#',
      nullValues = "-",
      value = {
        "OPENED# psi# income# -# -# 0.81# -# 0.25# critical# "
            + "credit-risk: psi of income is 0.81 (critical >= 0.25) in window "
            + "2026-11-22T18:26:20Z..18:26:30Z over 1000 events",
        "UPDATED# ks# income# -# -# 0.3141592# 0.00001234# 0.01# critical# "
            + "credit-risk: ks of income is 0.3142 with p 0.00001234 (critical p < 0.01) in window "
            + "2026-11-22T18:26:20Z..18:26:30Z over 1000 events",
        "OPENED# demographic_parity_ratio# -# sex# -# 0.62# -# 0.8# critical# "
            + "credit-risk: demographic_parity_ratio for sex is 0.62 (critical < 0.8) in window "
            + "2026-11-22T18:26:20Z..18:26:30Z over 1000 events",
        "ESCALATED# tpr# -# sex# Female# 0.5# -# 0.1# critical# "
            + "credit-risk: tpr for sex=Female is 0.5 (critical >= 0.1) in window "
            + "2026-11-22T18:26:20Z..18:26:30Z over 1000 events; escalated from warning",
        "RESOLVED# accuracy# -# -# -# 0.91# -# 0.85# ok# "
            + "credit-risk: accuracy is 0.91 (ok, warning at < 0.85) in window "
            + "2026-11-22T18:26:20Z..18:26:30Z over 1000 events; back to normal for 2 windows",
        "OPENED# missing_rate# age# -# -# -# -# -# warning# "
            + "credit-risk: missing_rate of age is n/a (warning) in window "
            + "2026-11-22T18:26:20Z..18:26:30Z over 1000 events",
        "OPENED# latency_p99# -# -# -# 12345.678# -# 1000# critical# "
            + "credit-risk: latency_p99 is 12350 (critical >= 1000) in window "
            + "2026-11-22T18:26:20Z..18:26:30Z over 1000 events",
      })
  void summaryIsOneActionableLine(
      IncidentEvent.Type type,
      String metric,
      String feature,
      String attribute,
      String group,
      Double value,
      Double pValue,
      Double threshold,
      String status,
      String expected) {
    CheckResult r =
        CheckResult.builder()
            .checkId("id")
            .modelId("credit-risk")
            .window(START, START + 10_000)
            .metric(metric)
            .feature(feature)
            .group(attribute, group)
            .value(value)
            .pValue(pValue)
            .n(1000)
            .threshold(threshold)
            .status(CheckStatus.ofCode(status))
            .build();

    assertEquals(expected, IncidentSummary.of(type, r, 2));
  }

  @ParameterizedTest
  @CsvSource({
    "0, 86400000, 1, 2026-11-22T00:00:00Z..2026-11-23T00:00:00Z",
    "0, 1500, 1, 2026-11-22T00:00:00Z..00:00:01.500Z",
  })
  void windowOfADayShowsBothDatesAndOneEventIsSingular(
      long offset, long length, long n, String window) {
    long start = Instant.parse("2026-11-22T00:00:00Z").toEpochMilli() + offset;
    CheckResult r =
        CheckResult.builder()
            .checkId("id")
            .modelId("m")
            .window(start, start + length)
            .metric("psi")
            .value(0.3)
            .n(n)
            .threshold(0.25)
            .status(CheckStatus.CRITICAL)
            .build();

    assertEquals(
        "m: psi is 0.3 (critical >= 0.25) in window " + window + " over 1 event",
        IncidentSummary.of(IncidentEvent.Type.OPENED, r, 0));
  }
}
