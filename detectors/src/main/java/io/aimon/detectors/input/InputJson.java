package io.aimon.detectors.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.InvalidEventException;
import io.aimon.detectors.event.JsonFields;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Parses the JSON of platform records with the rules of the event contract: one value, no trailing
 * data, no repeated member names; NaN and Infinity tokens are read (and then rejected where a
 * finite number is needed).
 */
final class InputJson {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private InputJson() {}

  /** The JSON value of {@code text}; {@code what} names it in the dead letter's detail. */
  static JsonNode read(String text, String what) throws InvalidEventException {
    if (text.isBlank()) {
      throw new InvalidEventException(DeadLetterReason.EMPTY_RECORD, what + ": empty");
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage();
      int nl = msg == null ? -1 : msg.indexOf('\n');
      throw new InvalidEventException(
          DeadLetterReason.MALFORMED_JSON,
          what
              + ": invalid JSON at column "
              + (e.getLocation() == null ? 0 : e.getLocation().getColumnNr())
              + ": "
              + JsonFields.abbreviate(
                  msg == null ? "unreadable" : nl < 0 ? msg : msg.substring(0, nl)));
    }
  }

  /** Bytes as UTF-8 text, refusing (not replacing) what is not UTF-8. */
  static String utf8(ByteBuffer bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(bytes)
        .toString();
  }

  /** A required field that is absent, null or empty. */
  static InvalidEventException missing(String field) {
    return new InvalidEventException(
        DeadLetterReason.MISSING_FIELD, field + ": required field is missing");
  }

  /** The text member {@code field} of {@code obj}, or null when absent, null or empty. */
  static String text(JsonNode obj, String field) throws InvalidEventException {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw TensorJson.wrongType(field, "a string", v);
    }
    return v.textValue().isEmpty() ? null : v.textValue();
  }
}
