package io.aimon.detectors.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads the members of JSON records that aimon writes (check results, incident events, evidence
 * data), each read naming the member when it is missing or of the wrong type: {@code status:
 * expected a string, found nothing}. For untrusted input events see the event decoder instead,
 * which turns such problems into dead letters.
 */
public final class JsonMembers {
  private JsonMembers() {}

  /** The string {@code field}, or null when absent and not {@code required}. */
  public static String text(JsonNode o, String field, boolean required) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw new IllegalArgumentException(field + ": expected a string, found nothing");
      }
      return null;
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException(field + ": expected a string, found " + n);
    }
    return n.textValue();
  }

  /** The number {@code field}, or null when absent. */
  public static Double number(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isNumber()) {
      throw new IllegalArgumentException(field + ": expected a number, found " + n);
    }
    return n.doubleValue();
  }

  /** The integer {@code field}, or null when absent and not {@code required}. */
  public static Long integer(JsonNode o, String field, boolean required) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw new IllegalArgumentException(field + ": expected an integer, found nothing");
      }
      return null;
    }
    if (!n.canConvertToExactIntegral()) {
      throw new IllegalArgumentException(field + ": expected an integer, found " + n);
    }
    return n.longValue();
  }

  /** The ISO-8601 UTC instant {@code field} in epoch ms; required. */
  public static long instant(JsonNode o, String field) {
    String t = text(o, field, true);
    try {
      return Instant.parse(t).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field + ": expected an ISO-8601 UTC time, found '" + t + "'", e);
    }
  }
}
