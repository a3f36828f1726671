package io.aimon.alerting;

import io.aimon.detectors.check.CheckIds;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.CheckStatus;
import java.time.Instant;

/** Named instants and check results of one series (credit-risk, psi of income) for the tests. */
public final class AlertFixtures {

  /** Start of window 0. */
  public static final Instant T0 = Instant.parse("2026-11-22T18:26:00Z");

  /** Window length: 10 s. */
  public static final long WINDOW_MS = 10_000;

  public static final String MODEL = "credit-risk";
  public static final String VERSION = "7";
  public static final String METRIC = "psi";
  public static final String FEATURE = "income";
  public static final double WARNING = 0.1;
  public static final double CRITICAL = 0.25;
  public static final long N = 1000;

  private AlertFixtures() {}

  /** Start of window {@code i}, epoch ms. */
  public static long start(int i) {
    return T0.toEpochMilli() + i * WINDOW_MS;
  }

  /** End (exclusive) of window {@code i}, epoch ms. */
  public static long end(int i) {
    return start(i + 1);
  }

  /** The check id of window {@code i}. */
  public static String checkId(int i) {
    return CheckIds.of(MODEL, start(i), METRIC, FEATURE, null, null);
  }

  /**
   * The psi result of window {@code i} with status code {@code o} (ok, 0.04), {@code w} (warning,
   * 0.15), {@code c} (critical, 0.81) or {@code i} (insufficient_data, 12 events, no value).
   */
  public static CheckResult result(int i, char code) {
    return switch (code) {
      case 'o' -> result(i, "ok", 0.04, WARNING, N);
      case 'w' -> result(i, "warning", 0.15, WARNING, N);
      case 'c' -> result(i, "critical", 0.81, CRITICAL, N);
      case 'i' -> result(i, "insufficient_data", null, null, 12);
      default -> throw new IllegalArgumentException("status code " + code);
    };
  }

  public static CheckResult result(int i, String status, Double value, Double threshold, long n) {
    return CheckResult.builder()
        .checkId(checkId(i))
        .modelId(MODEL)
        .modelVersion(VERSION)
        .window(start(i), end(i))
        .metric(METRIC)
        .feature(FEATURE)
        .value(value)
        .n(n)
        .nReference(5000L)
        .threshold(threshold)
        .status(CheckStatus.ofCode(status))
        .referenceDigest("ref-digest")
        .build();
  }
}
