package io.aimon.detectors.event;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.math.BigInteger;

/**
 * One JSON value read from a streaming parser's token, kept in reusable scratch storage instead of
 * a {@link com.fasterxml.jackson.databind.JsonNode} per value. Containers keep only their type (the
 * decoder never needs their content). Its accessors answer exactly as the {@code JsonNode} Jackson
 * would have built from the same token (IntNode, LongNode, BigIntegerNode, DoubleNode, TextNode,
 * BooleanNode, NullNode, ObjectNode, ArrayNode), so the token-based {@link JsonFields} overloads
 * give the same values and messages as the tree-based ones.
 *
 * <p>Not thread-safe; refilled for every record.
 */
final class TokenValue {
  /** The JSON type, with numbers split as Jackson's number nodes are. */
  enum Kind {
    STRING,
    /** An integer that fits a long (Jackson's IntNode or LongNode). */
    INTEGER,
    /** An integer beyond a long (Jackson's BigIntegerNode). */
    BIG_INTEGER,
    /** A number with a fraction or exponent, or NaN/Infinity (Jackson's DoubleNode). */
    FLOAT,
    BOOLEAN,
    NULL,
    OBJECT,
    ARRAY
  }

  private Kind kind = Kind.NULL;
  private String text; // STRING: the text; BIG_INTEGER: its digits
  private long longValue; // INTEGER, BIG_INTEGER (its low 64 bits, as BigInteger.longValue)
  private double doubleValue; // numbers
  private boolean booleanValue;
  private boolean fitsLong; // BIG_INTEGER: within the long range (never, as Jackson reads them)

  /**
   * Takes the scalar token the parser is at, reading numbers as the tree deserializer does: the
   * parser's number type first, then the int, long or BigInteger value; floats by {@link
   * JsonParser#getDoubleValue()}.
   */
  void readScalar(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case VALUE_STRING -> setString(p.getText());
      case VALUE_NUMBER_INT -> {
        switch (p.getNumberType()) {
          case INT -> setInteger(p.getIntValue());
          case LONG -> setInteger(p.getLongValue());
          default -> setBigInteger(p.getBigIntegerValue());
        }
      }
      case VALUE_NUMBER_FLOAT -> set(Kind.FLOAT, null, 0, p.getDoubleValue());
      case VALUE_TRUE -> setBoolean(true);
      case VALUE_FALSE -> setBoolean(false);
      case VALUE_NULL -> set(Kind.NULL, null, 0, 0);
      default -> throw new IllegalStateException("not a scalar token: " + p.currentToken());
    }
  }

  /** Marks this value an object or array, whose content the caller skips. */
  void setContainer(boolean object) {
    set(object ? Kind.OBJECT : Kind.ARRAY, null, 0, 0);
  }

  private void setString(String s) {
    set(Kind.STRING, s, 0, 0);
  }

  private void setInteger(long v) {
    set(Kind.INTEGER, null, v, (double) v);
  }

  private void setBigInteger(BigInteger v) {
    set(Kind.BIG_INTEGER, v.toString(), v.longValue(), v.doubleValue());
    fitsLong = v.bitLength() < 64;
  }

  private void setBoolean(boolean b) {
    set(Kind.BOOLEAN, null, 0, 0);
    booleanValue = b;
  }

  private void set(Kind k, String t, long l, double d) {
    kind = k;
    text = t;
    longValue = l;
    doubleValue = d;
    booleanValue = false;
    fitsLong = k == Kind.INTEGER;
  }

  Kind kind() {
    return kind;
  }

  boolean isNull() {
    return kind == Kind.NULL;
  }

  boolean isTextual() {
    return kind == Kind.STRING;
  }

  /** The text of a string, else null (as JsonNode.textValue). */
  String textValue() {
    return kind == Kind.STRING ? text : null;
  }

  boolean isNumber() {
    return kind == Kind.INTEGER || kind == Kind.BIG_INTEGER || kind == Kind.FLOAT;
  }

  boolean isIntegralNumber() {
    return kind == Kind.INTEGER || kind == Kind.BIG_INTEGER;
  }

  boolean canConvertToLong() {
    return fitsLong;
  }

  long longValue() {
    return longValue;
  }

  boolean isBoolean() {
    return kind == Kind.BOOLEAN;
  }

  boolean booleanValue() {
    return booleanValue;
  }

  boolean isObject() {
    return kind == Kind.OBJECT;
  }

  boolean isContainerNode() {
    return kind == Kind.OBJECT || kind == Kind.ARRAY;
  }

  /** A number's value as a double (0 for other types, as JsonNode.doubleValue). */
  double doubleValue() {
    return doubleValue;
  }

  /**
   * The text JsonNode.asText gives: a string's text, an integer's digits, {@link
   * Double#toString(double)} of a float (so {@code 1e400} is {@code Infinity}), true/false, null;
   * empty for containers.
   */
  String asText() {
    return switch (kind) {
      case STRING, BIG_INTEGER -> text;
      case INTEGER -> Long.toString(longValue);
      case FLOAT -> Double.toString(doubleValue);
      case BOOLEAN -> booleanValue ? "true" : "false";
      case NULL -> "null";
      case OBJECT, ARRAY -> "";
    };
  }
}
