package io.aimon.detectors.event;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The tree-based field access {@link JsonFields} had before records were read with a streaming
 * parser, kept verbatim for {@link TreeEventDecoder}, the reference of {@link
 * EventDecoderDifferentialTest}.
 */
final class TreeJsonFields {
  private TreeJsonFields() {}

  static String requiredString(JsonNode obj, String field) throws InvalidEventException {
    JsonNode n = obj.get(field);
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

  static String optionalString(JsonNode obj, String field) throws InvalidEventException {
    JsonNode n = obj.get(field);
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
  static String scalar(JsonNode obj, String field, boolean required) throws InvalidEventException {
    JsonNode n = obj.get(field);
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
  static double optionalNumber(JsonNode obj, String field) throws InvalidEventException {
    JsonNode n = obj.get(field);
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

  static JsonNode optionalObject(JsonNode obj, String field) throws InvalidEventException {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw wrongType(field, "an object", n);
    }
    return n;
  }

  static JsonNode requiredObject(JsonNode obj, String field) throws InvalidEventException {
    JsonNode n = optionalObject(obj, field);
    if (n == null) {
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD, field + ": required field is missing");
    }
    return n;
  }

  /** An ISO-8601 instant with zone offset, or integral epoch milliseconds. */
  static long timestamp(JsonNode obj, String field) throws InvalidEventException {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD, field + ": required field is missing");
    }
    long millis;
    if (n.isIntegralNumber()) {
      millis = n.canConvertToLong() ? n.longValue() : Long.MAX_VALUE;
    } else if (n.isTextual()) {
      millis = JsonFields.parseIso(field, n.textValue());
    } else if (n.isNumber()) {
      throw new InvalidEventException(
          DeadLetterReason.BAD_TIMESTAMP,
          field + ": expected epoch milliseconds as an integer, found " + n.asText());
    } else {
      throw new InvalidEventException(
          DeadLetterReason.BAD_TIMESTAMP,
          field + ": expected an ISO-8601 string or epoch milliseconds, found " + typeName(n));
    }
    if (millis < 0 || millis > JsonFields.MAX_TIMESTAMP) {
      throw new InvalidEventException(
          DeadLetterReason.BAD_TIMESTAMP,
          field + ": expected a time between 1970 and 9999, found " + n.asText());
    }
    return millis;
  }

  static String canonical(JsonNode n, String field) throws InvalidEventException {
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

  static InvalidEventException wrongType(String field, String expected, JsonNode found) {
    return new InvalidEventException(
        DeadLetterReason.WRONG_TYPE,
        field + ": expected " + expected + ", found " + typeName(found));
  }

  static String typeName(JsonNode n) {
    return switch (n.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> n.getNodeType().name().toLowerCase();
    };
  }
}
