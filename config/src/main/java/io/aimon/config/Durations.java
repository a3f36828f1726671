package io.aimon.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and formats the durations of the configuration: a whole number with a unit ({@code 500ms},
 * {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}; a day is exactly 24 hours) or an ISO-8601
 * duration as accepted by {@link Duration#parse} ({@code PT1H}, {@code P1D}).
 */
public final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with the message {@code expected a duration like 30s, 5m, 1h
   *     or 1d, found 'abc'} when the text is not a duration (or overflows)
   */
  public static Duration parse(String text) {
    if (text != null) {
      String t = text.strip();
      Matcher m = SHORT.matcher(t);
      try {
        if (m.matches()) {
          long n = Long.parseLong(m.group(1));
          switch (m.group(2)) {
            case "ms":
              return Duration.ofMillis(n);
            case "s":
              return Duration.ofSeconds(n);
            case "m":
              return Duration.ofMinutes(n);
            case "h":
              return Duration.ofHours(n);
            default:
              return Duration.ofDays(n);
          }
        }
        if (t.startsWith("P") || t.startsWith("p") || t.startsWith("-P")) {
          return Duration.parse(t);
        }
      } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
        // fall through to the common message
      }
    }
    throw new IllegalArgumentException(
        "expected a duration like 30s, 5m, 1h or 1d, found '" + text + "'");
  }

  /**
   * Formats {@code d} in the largest unit that represents it exactly ({@code 1d}, {@code 90m},
   * {@code 1500ms}); zero is {@code 0s}. Negative durations and durations with sub-millisecond
   * parts use ISO-8601 ({@link Duration#toString()}). {@code parse(format(d))} equals {@code d}.
   */
  public static String format(Duration d) {
    if (d.isNegative() || d.getNano() % 1_000_000 != 0) {
      return d.toString();
    }
    if (d.isZero()) {
      return "0s";
    }
    long ms;
    try {
      ms = d.toMillis();
    } catch (ArithmeticException e) {
      return d.toString();
    }
    if (ms % 86_400_000L == 0) {
      return ms / 86_400_000L + "d";
    }
    if (ms % 3_600_000L == 0) {
      return ms / 3_600_000L + "h";
    }
    if (ms % 60_000L == 0) {
      return ms / 60_000L + "m";
    }
    if (ms % 1000L == 0) {
      return ms / 1000L + "s";
    }
    return ms + "ms";
  }
}
