package io.aimon.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.config.Digests;
import io.aimon.config.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The JSON plumbing shared by {@link EvidenceRecord} and {@link Manifest}: one strict mapper, RFC
 * 8785 canonical bytes, SHA-256, and field readers whose errors name the field.
 */
final class EvidenceJson {
  /**
   * Largest integer magnitude that survives RFC 8785 (I-JSON numbers are IEEE 754 doubles): 2^53 -
   * 1.
   */
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  /** Strict: duplicate keys and trailing content after the object are errors. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final HexFormat HEX = HexFormat.of();
  private static final int SHORTEN = 40;

  private EvidenceJson() {}

  /**
   * Parses one JSON object.
   *
   * @throws IllegalArgumentException "not valid JSON: ..." or "expected a JSON object, found ..."
   */
  static ObjectNode parseObject(String json) {
    if (json == null) {
      throw new IllegalArgumentException("expected a JSON object, found null");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
      throw new IllegalArgumentException(
          "not valid JSON" + where + ": " + firstLine(e.getOriginalMessage()), e);
    }
    if (node == null || node.isMissingNode()) {
      throw new IllegalArgumentException("expected a JSON object, found nothing");
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("expected a JSON object, found " + describe(node));
    }
    return (ObjectNode) node;
  }

  /** Compact JSON text of {@code node} (members in insertion order). */
  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The RFC 8785 (JCS) canonical UTF-8 bytes of {@code node}. */
  static byte[] canonical(JsonNode node) {
    try {
      return new JsonCanonicalizer(write(node)).getEncodedUTF8();
    } catch (IOException e) {
      // cannot happen for trees validated by dataCopy: they are I-JSON
      throw new IllegalStateException("RFC 8785 canonicalization failed: " + e.getMessage(), e);
    }
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  static String sha256Hex(byte[] bytes) {
    return hex(sha256(bytes));
  }

  static byte[] sha256(byte[] bytes) {
    return Digests.sha256(bytes);
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** Whether {@code s} is 64 lower-case hex digits (a SHA-256). */
  static boolean isHash(String s) {
    return isLowerHex(s, 64);
  }

  static boolean isLowerHex(String s, int length) {
    if (s == null || s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** Throws unless {@code s} is 64 lower-case hex digits. */
  static String requireHash(String s, String field) {
    if (!isHash(s)) {
      throw new IllegalArgumentException(
          field + ": expected 64 lower-case hex digits (SHA-256), found " + quoted(s));
    }
    return s;
  }

  static String requireText(String s, String field) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(
          field + ": expected a non-blank string, found " + quoted(s));
    }
    return s;
  }

  /** ISO-8601 UTC, as {@link Instant#toString()} writes it. */
  static String iso(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  // ---- readers of JSON members; errors name the member ----

  /**
   * Checks that {@code o} is a line of {@code kind} in layout {@code version} with no member but
   * {@code fields}: the first checks of every non-record line's reader.
   *
   * @throws IllegalArgumentException naming the offending member
   */
  static void requireLine(ObjectNode o, int version, String kind, Set<String> fields) {
    long v = integer(o, "v", 0);
    if (v != version) {
      throw new IllegalArgumentException(
          "v: expected " + version + " (the only layout this version knows), found " + v);
    }
    String k = text(o, "kind");
    if (!kind.equals(k)) {
      throw new IllegalArgumentException("kind: expected \"" + kind + "\", found " + quoted(k));
    }
    onlyFields(o, fields);
  }

  static void onlyFields(ObjectNode o, Set<String> allowed) {
    Iterator<String> names = o.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException(
            quoted(name) + ": unexpected field; allowed fields are " + allowed);
      }
    }
  }

  static JsonNode required(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null) {
      throw new IllegalArgumentException(field + ": missing");
    }
    return n;
  }

  static long integer(ObjectNode o, String field, long min) {
    JsonNode n = required(o, field);
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new IllegalArgumentException(
          field + ": expected an integer >= " + min + ", found " + describe(n));
    }
    long v = n.longValue();
    if (v < min || v > MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException(
          field + ": expected an integer in [" + min + ", 2^53 - 1], found " + v);
    }
    return v;
  }

  static String text(ObjectNode o, String field) {
    JsonNode n = required(o, field);
    if (!n.isTextual()) {
      throw new IllegalArgumentException(field + ": expected a string, found " + describe(n));
    }
    return n.textValue();
  }

  /**
   * An instant written as {@link Instant#toString()} writes a millisecond instant (e.g. {@code
   * 2026-01-01T00:00:00Z}, {@code 2026-01-01T00:00:00.250Z}); any other spelling is refused so that
   * reading and writing a record gives the same text.
   */
  static long instant(ObjectNode o, String field) {
    String s = text(o, field);
    try {
      Instant t = Instant.parse(s);
      long ms = t.toEpochMilli();
      if (iso(ms).equals(s)) {
        return ms;
      }
    } catch (DateTimeException | ArithmeticException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        field
            + ": expected an ISO-8601 UTC instant with at most millisecond precision, as"
            + " Instant.toString writes it (e.g. 2026-01-01T00:00:00Z), found "
            + quoted(s));
  }

  static Long optionalInstant(ObjectNode o, String field) {
    return o.has(field) ? instant(o, field) : null;
  }

  static List<String> strings(ObjectNode o, String field) {
    JsonNode n = required(o, field);
    if (!n.isArray()) {
      throw new IllegalArgumentException(
          field + ": expected an array of strings, found " + describe(n));
    }
    List<String> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      JsonNode e = n.get(i);
      if (!e.isTextual()) {
        throw new IllegalArgumentException(
            field + "[" + i + "]: expected a string, found " + describe(e));
      }
      out.add(e.textValue());
    }
    return out;
  }

  static ArrayNode array(List<String> values) {
    ArrayNode a = MAPPER.createArrayNode();
    values.forEach(a::add);
    return a;
  }

  /**
   * A deep, normalized copy of {@code data} after checking that it is a JSON object that RFC 8785
   * can canonicalize without loss: only objects, arrays, strings, finite numbers, booleans and
   * null; integers within +-(2^53 - 1). Normalized means written and read back, so the copy has the
   * node types that reading the JSON form gives (equal records stay equal after a round trip).
   *
   * @throws IllegalArgumentException naming the path of the first offending value, e.g. {@code
   *     data.values[2]: expected a finite number, found NaN}
   */
  static ObjectNode dataCopy(JsonNode data) {
    if (data == null || !data.isObject()) {
      throw new IllegalArgumentException(
          "data: expected a JSON object, found " + (data == null ? "null" : describe(data)));
    }
    check(data, "data");
    try {
      return (ObjectNode) MAPPER.readTree(write(data));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("data does not read back: " + e.getOriginalMessage(), e);
    }
  }

  private static void check(JsonNode n, String path) {
    switch (n.getNodeType()) {
      case OBJECT -> {
        var fields = n.fields();
        while (fields.hasNext()) {
          var f = fields.next();
          check(f.getValue(), path + "." + f.getKey());
        }
      }
      case ARRAY -> {
        for (int i = 0; i < n.size(); i++) {
          check(n.get(i), path + "[" + i + "]");
        }
      }
      case NUMBER -> {
        if (n.isIntegralNumber()) {
          if (!n.canConvertToLong() || Math.abs(n.longValue()) > MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException(
                path
                    + ": expected an integer within +-(2^53 - 1) (RFC 8785 numbers are doubles),"
                    + " found "
                    + n.asText());
          }
        } else if (!Double.isFinite(n.doubleValue())) {
          throw new IllegalArgumentException(
              path + ": expected a finite number, found " + n.doubleValue());
        }
      }
      case STRING, BOOLEAN, NULL -> {}
      default ->
          throw new IllegalArgumentException(
              path + ": expected a JSON value, found a " + n.getNodeType() + " node");
    }
  }

  /** A short description of a JSON value for error messages: never more than about 40 chars. */
  static String describe(JsonNode n) {
    return switch (n.getNodeType()) {
      case STRING -> "the string " + quoted(n.textValue());
      case NUMBER -> "the number " + shorten(n.asText());
      case BOOLEAN -> n.asText();
      case NULL -> "null";
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      default -> n.getNodeType().toString().toLowerCase(Locale.ROOT);
    };
  }

  static String quoted(String s) {
    return s == null ? "null" : "\"" + shorten(s) + "\"";
  }

  static String shorten(String s) {
    return Text.abbreviate(s, SHORTEN, "...");
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
