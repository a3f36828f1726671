package io.aimon.evidence.export;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Locale-independent text for times and numbers, shared by the CSV, OSCAL and HTML writers, so the
 * export is the same on every machine.
 */
final class Fmt {
  /** Earliest instant written as a date: 1900-01-01T00:00:00Z (OSCAL's date-time pattern). */
  static final long MIN_DATE = Instant.parse("1900-01-01T00:00:00Z").toEpochMilli();

  /** Latest instant written as a date: 2999-12-31T23:59:59.999Z (OSCAL's date-time pattern). */
  static final long MAX_DATE = Instant.parse("2999-12-31T23:59:59.999Z").toEpochMilli();

  private Fmt() {}

  /** ISO-8601 UTC as {@link Instant#toString()} writes it, e.g. {@code 2026-01-01T06:00:00Z}. */
  static String iso(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  /** {@code epochMillis} clamped to [{@link #MIN_DATE}, {@link #MAX_DATE}]. */
  static long clampDate(long epochMillis) {
    return Math.max(MIN_DATE, Math.min(MAX_DATE, epochMillis));
  }

  /**
   * A number for people: at most 4 significant digits without trailing zeros ({@code 0.3689},
   * {@code 1000}, {@code 0.25}), scientific for magnitudes below 1e-4 or from 1e9 ({@code
   * 2.4e-82}); {@code NaN} and infinities by name.
   */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      return Double.isNaN(v) ? "NaN" : (v > 0 ? "+inf" : "-inf");
    }
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a < 1e-4 || a >= 1e9) {
      String s = String.format(Locale.ROOT, "%.3e", v);
      int e = s.indexOf('e');
      String mantissa = stripZeros(s.substring(0, e));
      int exp = Integer.parseInt(s.substring(e + 1));
      return mantissa + "e" + exp;
    }
    return new BigDecimal(v)
        .round(new MathContext(4, RoundingMode.HALF_EVEN))
        .stripTrailingZeros()
        .toPlainString();
  }

  /** An SVG coordinate: one decimal, '.' as separator. */
  static String coord(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** A duration for people: {@code 48 h}, {@code 10 s}, {@code 7 d}, {@code 90 min}. */
  static String duration(long millis) {
    Duration d = Duration.ofMillis(millis);
    if (millis % 86_400_000L == 0 && millis >= 86_400_000L * 3) {
      return d.toDays() + " d";
    }
    if (millis % 3_600_000L == 0 && millis >= 3_600_000L) {
      return d.toHours() + " h";
    }
    if (millis % 60_000L == 0 && millis >= 60_000L) {
      return d.toMinutes() + " min";
    }
    if (millis % 1000 == 0) {
      return d.toSeconds() + " s";
    }
    return millis + " ms";
  }

  /**
   * {@code n} and the noun, singular for 1: {@code plural(2, "window")} is {@code 2 windows},
   * {@code plural(3, "breach")} {@code 3 breaches}, {@code plural(2, "delivery")} {@code 2
   * deliveries}.
   */
  static String plural(long n, String noun) {
    if (n == 1) {
      return n + " " + noun;
    }
    if (noun.endsWith("y")
        && noun.length() > 1
        && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0) {
      return n + " " + noun.substring(0, noun.length() - 1) + "ies";
    }
    return n + " " + noun + (noun.endsWith("ch") || noun.endsWith("s") ? "es" : "s");
  }

  private static String stripZeros(String mantissa) {
    if (mantissa.indexOf('.') < 0) {
      return mantissa;
    }
    String s = mantissa.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
