package io.aimon.detectors.event;

import com.fasterxml.jackson.core.JsonToken;
import io.aimon.config.Text;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Typed, validating access to the fields of a record read by {@link InferenceScan}. Package-private
 * helper of the decoder.
 */
public final class JsonFields {
  /** Latest accepted timestamp: 9999-12-31T23:59:59.999Z. */
  static final long MAX_TIMESTAMP = 253402300799999L;

  private JsonFields() {}

  /**
   * The epoch milliseconds of an ISO-8601 time with offset, e.g. {@code 2024-02-01T00:00:00Z};
   * rejected as {@link DeadLetterReason#BAD_TIMESTAMP} naming {@code field}.
   */
  public static long parseIso(String field, String text) throws InvalidEventException {
    long fast = utcSeconds(text);
    if (fast >= 0) {
      return fast;
    }
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeException e) {
      try {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toInstant()
            .toEpochMilli();
      } catch (DateTimeException e2) {
        throw new InvalidEventException(
            DeadLetterReason.BAD_TIMESTAMP,
            field
                + ": expected ISO-8601 with a zone offset (2024-02-01T10:00:00Z) or epoch milliseconds, found '"
                + abbreviate(text)
                + "'");
      }
    }
  }

  /**
   * The epoch milliseconds of {@code text} when it has the form nearly every event uses, {@code
   * yyyy-MM-ddTHH:mm:ss[.f..f]Z} (1 to 9 fraction digits, upper-case T and Z, a real date, hour
   * 0-23, minute and second 0-59), else -1: then {@link Instant#parse} decides, which accepts more
   * (lower case, leap seconds, other offsets) and is several times slower. Where both accept, both
   * give the same milliseconds (fractions truncated), as {@code JsonFieldsTest} checks.
   */
  static long utcSeconds(String text) {
    int n = text.length();
    if (n < 20
        || n > 30
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(n - 1) != 'Z') {
      return -1;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) {
      return -1;
    }
    if (minute < 0 || minute > 59 || second < 0 || second > 59) {
      return -1;
    }
    int millis = 0;
    if (n > 20) {
      int fraction = n - 21; // digits between '.' and 'Z'
      if (text.charAt(19) != '.' || fraction < 1 || digits(text, 20, fraction) < 0) {
        return -1;
      }
      for (int i = 0; i < 3; i++) {
        millis = millis * 10 + (i < fraction ? text.charAt(20 + i) - '0' : 0);
      }
    }
    if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return -1;
    }
    long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
    return epochDay * 86_400_000L + hour * 3_600_000L + minute * 60_000L + second * 1000L + millis;
  }

  /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 if one is not. */
  private static int digits(String text, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  // Each method takes the field's value as the streaming parser read it, null when the field is
  // absent; the rules and messages are those the tree-based decoding had (TreeJsonFields in the
  // tests keeps it as the reference).

  static String requiredString(TokenValue n, String field) throws InvalidEventException {
    if (n == null || n.isNull()) {
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD, field + ": required field is missing");
    }
    if (!n.isTextual()) {
      throw wrongType(field, "a string", n);
    }
    if (n.textValue().isEmpty()) {
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD, field + ": required field is empty");
    }
    return n.textValue();
  }

  static String optionalString(TokenValue n, String field) throws InvalidEventException {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isNumber()) {
      return canonical(n, field);
    }
    throw wrongType(field, "a string", n);
  }

  /** A number, string or boolean in canonical string form; null when absent and not required. */
  static String scalar(TokenValue n, String field, boolean required) throws InvalidEventException {
    if (n == null || n.isNull()) {
      if (required) {
        throw new InvalidEventException(
            DeadLetterReason.MISSING_FIELD, field + ": required field is missing");
      }
      return null;
    }
    if (n.isTextual() || n.isNumber() || n.isBoolean()) {
      return canonical(n, field);
    }
    throw wrongType(field, "a number, string or boolean", n);
  }

  /** A finite number, NaN when absent or null. */
  static double optionalNumber(TokenValue n, String field) throws InvalidEventException {
    if (n == null || n.isNull()) {
      return Double.NaN;
    }
    if (!n.isNumber()) {
      throw wrongType(field, "a number", n);
    }
    double v = n.doubleValue();
    if (!Double.isFinite(v)) {
      throw new InvalidEventException(
          DeadLetterReason.NON_FINITE_NUMBER,
          field + ": expected a finite number, found " + n.asText());
    }
    return v;
  }

  /** Whether the field is an object; false when absent or null. */
  static boolean optionalObject(TokenValue n, String field) throws InvalidEventException {
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isObject()) {
      throw wrongType(field, "an object", n);
    }
    return true;
  }

  static void requiredObject(TokenValue n, String field) throws InvalidEventException {
    if (!optionalObject(n, field)) {
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD, field + ": required field is missing");
    }
  }

  /** An ISO-8601 instant with zone offset, or integral epoch milliseconds. */
  static long timestamp(TokenValue n, String field) throws InvalidEventException {
    if (n == null || n.isNull()) {
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD, field + ": required field is missing");
    }
    long millis;
    if (n.isIntegralNumber()) {
      millis = n.canConvertToLong() ? n.longValue() : Long.MAX_VALUE;
    } else if (n.isTextual()) {
      millis = parseIso(field, n.textValue());
    } else if (n.isNumber()) {
      throw new InvalidEventException(
          DeadLetterReason.BAD_TIMESTAMP,
          field + ": expected epoch milliseconds as an integer, found " + n.asText());
    } else {
      throw new InvalidEventException(
          DeadLetterReason.BAD_TIMESTAMP,
          field + ": expected an ISO-8601 string or epoch milliseconds, found " + typeName(n));
    }
    if (millis < 0 || millis > MAX_TIMESTAMP) {
      throw new InvalidEventException(
          DeadLetterReason.BAD_TIMESTAMP,
          field + ": expected a time between 1970 and 9999, found " + n.asText());
    }
    return millis;
  }

  static String canonical(TokenValue n, String field) throws InvalidEventException {
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue() ? "true" : "false";
    }
    if (n.isIntegralNumber()) {
      return n.asText();
    }
    double v = n.doubleValue();
    if (!Double.isFinite(v)) {
      throw new InvalidEventException(
          DeadLetterReason.NON_FINITE_NUMBER,
          field + ": expected a finite number, found " + n.asText());
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  static InvalidEventException wrongType(String field, String expected, TokenValue found) {
    return new InvalidEventException(
        DeadLetterReason.WRONG_TYPE,
        field + ": expected " + expected + ", found " + typeName(found));
  }

  static String typeName(TokenValue n) {
    return switch (n.kind()) {
      case STRING -> "a string";
      case INTEGER, BIG_INTEGER, FLOAT -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
    };
  }

  /**
   * The type of the JSON value a token starts, as {@link #typeName(JsonNode)} names its node;
   * "missing" for no token at all (readTree's MissingNode).
   */
  static String typeName(JsonToken first) {
    if (first == null) {
      return "missing";
    }
    return switch (first) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_NULL -> "null";
      default -> first.name().toLowerCase();
    };
  }

  /** {@code s} cut to 64 characters for a dead letter's detail. */
  public static String abbreviate(String s) {
    return Text.abbreviate(s, 64, "...");
  }
}
