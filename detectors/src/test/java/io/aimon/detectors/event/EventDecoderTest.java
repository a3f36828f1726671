package io.aimon.detectors.event;

import static io.aimon.detectors.event.EventFixtures.FEB_1_10_00_UTC;
import static io.aimon.detectors.event.EventFixtures.MAX_RECORD_BYTES;
import static io.aimon.detectors.event.EventFixtures.POSITION;
import static io.aimon.detectors.event.EventFixtures.SOURCE;
import static io.aimon.detectors.event.EventFixtures.SPEC;
import static io.aimon.detectors.event.EventFixtures.decoder;
import static io.aimon.detectors.event.EventFixtures.eventWith;
import static io.aimon.detectors.event.EventFixtures.eventWithFeatures;
import static io.aimon.detectors.event.EventFixtures.raw;
import static io.aimon.detectors.event.EventFixtures.validEvent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One test per kind of malformed inference record (reason code, detail and the carried source,
 * position and payload), plus the decoding rules of contract 1 for valid records.
 */
class EventDecoderTest {
  private static final String M = InferenceEvent.MISSING;

  /** Decodes {@code payload} expecting a dead letter with exactly this reason and detail. */
  private static DeadLetter assertDeadLetter(
      String payload, DeadLetterReason reason, String detail) {
    Decoded<InferenceEvent> d = decoder().decodeInference(raw(payload));
    assertFalse(d.isOk(), () -> "expected a dead letter, decoded " + d.event());
    assertNull(d.event());
    long bytes = payload.getBytes(StandardCharsets.UTF_8).length;
    assertEquals(
        new DeadLetter(reason.code(), detail, SOURCE, POSITION, payload, bytes), d.deadLetter());
    return d.deadLetter();
  }

  private static InferenceEvent decodeOk(String payload) {
    Decoded<InferenceEvent> d = decoder().decodeInference(raw(payload));
    assertTrue(d.isOk(), () -> "expected an event, dead-lettered: " + d.deadLetter());
    assertNull(d.deadLetter());
    return d.event();
  }

  // ---- timestamps ahead of the clock -----------------------------------------------------------

  @Test
  void timestampMoreThanTheSkewAheadOfTheClockIsFutureTimestamp() {
    EventDecoder decoder = new EventDecoder(Map.of(SPEC.id(), SPEC), MAX_RECORD_BYTES, 3_600_000L);
    String payload =
        "{\"inference_id\":\"f\",\"model_id\":\""
            + SPEC.id()
            + "\",\"timestamp\":\"2024-02-01T11:00:01Z\",\"features\":{},\"prediction\":1}";
    Decoded<InferenceEvent> d = decoder.decodeInference(raw(payload), FEB_1_10_00_UTC);
    assertEquals(DeadLetterReason.FUTURE_TIMESTAMP.code(), d.deadLetter().reason());
    assertEquals(
        "timestamp: 2024-02-01T11:00:01Z is more than PT1H ahead of the clock (2024-02-01T10:00:00Z)",
        d.deadLetter().detail());
  }

  @Test
  void timestampExactlyTheSkewAheadOfTheClockIsAccepted() {
    EventDecoder decoder = new EventDecoder(Map.of(SPEC.id(), SPEC), MAX_RECORD_BYTES, 3_600_000L);
    String payload =
        "{\"inference_id\":\"f\",\"model_id\":\""
            + SPEC.id()
            + "\",\"timestamp\":\"2024-02-01T11:00:00Z\",\"features\":{},\"prediction\":1}";
    assertTrue(decoder.decodeInference(raw(payload), FEB_1_10_00_UTC).isOk());
  }

  // ---- records that are not a JSON object -------------------------------------------------------

  @Test
  void brokenJsonIsMalformedJsonWithTheColumn() {
    assertDeadLetter(
        "{\"inference_id\": \"i-1\", \"model_id\":",
        DeadLetterReason.MALFORMED_JSON,
        "record: invalid JSON at column 36: Unexpected end-of-input within/between Object entries");
  }

  @Test
  void garbageAfterTheObjectIsMalformedJson() {
    assertDeadLetter(
        "{\"a\": 1} x",
        DeadLetterReason.MALFORMED_JSON,
        "record: invalid JSON at column 11: Unrecognized token 'x': was expecting (JSON String, Number (or '...");
  }

  @Test
  void secondValueAfterTheObjectIsMalformedJson() {
    assertDeadLetter(
        "{\"a\": 1} {\"b\": 2}",
        DeadLetterReason.MALFORMED_JSON,
        "record: invalid JSON at column 10: Trailing token (of type START_OBJECT) found after value (bound a...");
  }

  @Test
  void duplicateKeyIsMalformedJsonNamingTheKey() {
    assertDeadLetter(
        "{\"inference_id\": \"i-1\", \"inference_id\": \"i-2\"}",
        DeadLetterReason.MALFORMED_JSON,
        "record: invalid JSON at column 39: Duplicate field 'inference_id'");
  }

  @Test
  void jsonArrayIsNotAnObject() {
    assertDeadLetter(
        "[{\"inference_id\": \"i-1\"}]",
        DeadLetterReason.NOT_AN_OBJECT,
        "record: expected a JSON object, found an array");
  }

  @Test
  void jsonStringIsNotAnObject() {
    assertDeadLetter(
        "\"inference\"",
        DeadLetterReason.NOT_AN_OBJECT,
        "record: expected a JSON object, found a string");
  }

  @Test
  void jsonNumberIsNotAnObject() {
    assertDeadLetter(
        "42", DeadLetterReason.NOT_AN_OBJECT, "record: expected a JSON object, found a number");
  }

  @Test
  void jsonNullIsNotAnObject() {
    assertDeadLetter(
        "null", DeadLetterReason.NOT_AN_OBJECT, "record: expected a JSON object, found null");
  }

  @Test
  void emptyLineIsAnEmptyRecord() {
    assertDeadLetter("", DeadLetterReason.EMPTY_RECORD, "record: empty payload");
  }

  @Test
  void whitespaceOnlyLineIsAnEmptyRecord() {
    assertDeadLetter(" \t  ", DeadLetterReason.EMPTY_RECORD, "record: empty payload");
  }

  @Test
  void recordOverMaxRecordBytesIsOversizeWithItsFullSize() {
    String truncated = validEvent().substring(0, 40);
    RawRecord raw = new RawRecord(SOURCE, POSITION, truncated, 5000);
    Decoded<InferenceEvent> d = decoder().decodeInference(raw);
    assertEquals(
        new DeadLetter(
            "oversize",
            "record: expected at most 1024 bytes, found 5000",
            SOURCE,
            POSITION,
            truncated,
            5000),
        d.deadLetter());
  }

  @Test
  void recordOfExactlyMaxRecordBytesIsAccepted() {
    String event = validEvent();
    String padded =
        event.substring(0, event.length() - 1)
            + ", \"pad\": \""
            + "x".repeat(EventFixtures.MAX_RECORD_BYTES - event.length() - 11)
            + "\"}";
    assertEquals(EventFixtures.MAX_RECORD_BYTES, padded.getBytes(StandardCharsets.UTF_8).length);
    assertEquals("i-1", decodeOk(padded).inferenceId());
    assertDeadLetter(
        padded.replace("\"pad\": \"x", "\"pad\": \"xx"),
        DeadLetterReason.OVERSIZE,
        "record: expected at most 1024 bytes, found 1025");
  }

  // ---- ids and model ----------------------------------------------------------------------------

  @Test
  void missingInferenceIdIsAMissingField() {
    assertDeadLetter(
        eventWith("inference_id", null),
        DeadLetterReason.MISSING_FIELD,
        "inference_id: required field is missing");
  }

  @Test
  void nullInferenceIdIsAMissingField() {
    assertDeadLetter(
        eventWith("inference_id", "null"),
        DeadLetterReason.MISSING_FIELD,
        "inference_id: required field is missing");
  }

  @Test
  void emptyInferenceIdIsAMissingField() {
    assertDeadLetter(
        eventWith("inference_id", "\"\""),
        DeadLetterReason.MISSING_FIELD,
        "inference_id: required field is empty");
  }

  @Test
  void missingModelIdIsAMissingField() {
    assertDeadLetter(
        eventWith("model_id", null),
        DeadLetterReason.MISSING_FIELD,
        "model_id: required field is missing");
  }

  @Test
  void numericModelIdIsAWrongType() {
    assertDeadLetter(
        eventWith("model_id", "1"),
        DeadLetterReason.WRONG_TYPE,
        "model_id: expected a string, found a number");
  }

  @Test
  void unknownModelIsRejectedNamingTheModel() {
    assertDeadLetter(
        eventWith("model_id", "\"m9\""),
        DeadLetterReason.UNKNOWN_MODEL,
        "model_id: 'm9' is not a configured model");
  }

  @Test
  void longUnknownModelIdIsAbbreviatedInTheDetail() {
    String id = "m".repeat(100);
    assertDeadLetter(
        eventWith("model_id", "\"" + id + "\""),
        DeadLetterReason.UNKNOWN_MODEL,
        "model_id: '" + "m".repeat(64) + "...' is not a configured model");
  }

  // ---- timestamp --------------------------------------------------------------------------------

  @Test
  void missingTimestampIsAMissingField() {
    assertDeadLetter(
        eventWith("timestamp", null),
        DeadLetterReason.MISSING_FIELD,
        "timestamp: required field is missing");
  }

  @Test
  void unparseableTimestampStringIsABadTimestamp() {
    assertDeadLetter(
        eventWith("timestamp", "\"yesterday\""),
        DeadLetterReason.BAD_TIMESTAMP,
        "timestamp: expected ISO-8601 with a zone offset (2024-02-01T10:00:00Z) or epoch milliseconds,"
            + " found 'yesterday'");
  }

  @Test
  void timestampWithoutZoneOffsetIsABadTimestamp() {
    assertDeadLetter(
        eventWith("timestamp", "\"2024-02-01T10:00:00\""),
        DeadLetterReason.BAD_TIMESTAMP,
        "timestamp: expected ISO-8601 with a zone offset (2024-02-01T10:00:00Z) or epoch milliseconds,"
            + " found '2024-02-01T10:00:00'");
  }

  @Test
  void fractionalEpochMillisIsABadTimestamp() {
    assertDeadLetter(
        eventWith("timestamp", "1706781600000.5"),
        DeadLetterReason.BAD_TIMESTAMP,
        "timestamp: expected epoch milliseconds as an integer, found 1.7067816000005E12");
  }

  @Test
  void negativeEpochMillisIsABadTimestamp() {
    assertDeadLetter(
        eventWith("timestamp", "-1"),
        DeadLetterReason.BAD_TIMESTAMP,
        "timestamp: expected a time between 1970 and 9999, found -1");
  }

  @Test
  void isoTimestampBefore1970IsABadTimestamp() {
    assertDeadLetter(
        eventWith("timestamp", "\"1969-12-31T23:59:59Z\""),
        DeadLetterReason.BAD_TIMESTAMP,
        "timestamp: expected a time between 1970 and 9999, found 1969-12-31T23:59:59Z");
  }

  @Test
  void epochMillisAfterYear9999IsABadTimestamp() {
    assertDeadLetter(
        eventWith("timestamp", "253402300800000"),
        DeadLetterReason.BAD_TIMESTAMP,
        "timestamp: expected a time between 1970 and 9999, found 253402300800000");
  }

  @Test
  void lastMillisecondOfYear9999IsAccepted() {
    assertEquals(
        JsonFields.MAX_TIMESTAMP, decodeOk(eventWith("timestamp", "253402300799999")).timestamp());
    assertEquals(
        253402300799999L,
        decodeOk(eventWith("timestamp", "\"9999-12-31T23:59:59.999Z\"")).timestamp());
  }

  @Test
  void isoTimestampAfterYear9999IsABadTimestamp() {
    assertDeadLetter(
        eventWith("timestamp", "\"+10000-01-01T00:00:00Z\""),
        DeadLetterReason.BAD_TIMESTAMP,
        "timestamp: expected a time between 1970 and 9999, found +10000-01-01T00:00:00Z");
  }

  @Test
  void booleanTimestampIsABadTimestamp() {
    assertDeadLetter(
        eventWith("timestamp", "true"),
        DeadLetterReason.BAD_TIMESTAMP,
        "timestamp: expected an ISO-8601 string or epoch milliseconds, found a boolean");
  }

  // ---- features, prediction, score and the optional fields --------------------------------------

  @Test
  void missingFeaturesIsAMissingField() {
    assertDeadLetter(
        eventWith("features", null),
        DeadLetterReason.MISSING_FIELD,
        "features: required field is missing");
  }

  @Test
  void featuresAsAnArrayIsAWrongType() {
    assertDeadLetter(
        eventWith("features", "[37, 1200.5]"),
        DeadLetterReason.WRONG_TYPE,
        "features: expected an object, found an array");
  }

  @Test
  void featuresAsAStringIsAWrongType() {
    assertDeadLetter(
        eventWith("features", "\"age=37\""),
        DeadLetterReason.WRONG_TYPE,
        "features: expected an object, found a string");
  }

  @Test
  void missingPredictionIsAMissingField() {
    assertDeadLetter(
        eventWith("prediction", null),
        DeadLetterReason.MISSING_FIELD,
        "prediction: required field is missing");
  }

  @Test
  void predictionAsAnObjectIsAWrongType() {
    assertDeadLetter(
        eventWith("prediction", "{\"class\": 1}"),
        DeadLetterReason.WRONG_TYPE,
        "prediction: expected a number, string or boolean, found an object");
  }

  @Test
  void nanPredictionIsANonFiniteNumber() {
    assertDeadLetter(
        eventWith("prediction", "NaN"),
        DeadLetterReason.NON_FINITE_NUMBER,
        "prediction: expected a finite number, found NaN");
  }

  @Test
  void scoreAsAStringIsAWrongType() {
    assertDeadLetter(
        eventWith("score", "\"0.83\""),
        DeadLetterReason.WRONG_TYPE,
        "score: expected a number, found a string");
  }

  @Test
  void nanScoreIsANonFiniteNumber() {
    assertDeadLetter(
        eventWith("score", "NaN"),
        DeadLetterReason.NON_FINITE_NUMBER,
        "score: expected a finite number, found NaN");
  }

  @Test
  void infiniteScoreIsANonFiniteNumber() {
    assertDeadLetter(
        eventWith("score", "Infinity"),
        DeadLetterReason.NON_FINITE_NUMBER,
        "score: expected a finite number, found Infinity");
  }

  @Test
  void infiniteNumericFeatureIsANonFiniteNumber() {
    assertDeadLetter(
        eventWithFeatures("{\"age\": -Infinity, \"income\": 1.0}"),
        DeadLetterReason.NON_FINITE_NUMBER,
        "features.age: expected a finite number, found -Infinity");
  }

  @Test
  void negativeLatencyIsRejected() {
    assertDeadLetter(
        eventWith("latency_ms", "-5"),
        DeadLetterReason.WRONG_TYPE,
        "latency_ms: expected a number >= 0, found -5.0");
  }

  @Test
  void latencyAsAStringIsAWrongType() {
    assertDeadLetter(
        eventWith("latency_ms", "\"12ms\""),
        DeadLetterReason.WRONG_TYPE,
        "latency_ms: expected a number, found a string");
  }

  @Test
  void groupsAsAnArrayIsAWrongType() {
    assertDeadLetter(
        eventWith("groups", "[\"F\", \"White\"]"),
        DeadLetterReason.WRONG_TYPE,
        "groups: expected an object, found an array");
  }

  @Test
  void modelVersionAsAnObjectIsAWrongType() {
    assertDeadLetter(
        eventWith("model_version", "{\"major\": 7}"),
        DeadLetterReason.WRONG_TYPE,
        "model_version: expected a string, found an object");
  }

  @Test
  void labelAsAnArrayIsAWrongType() {
    assertDeadLetter(
        eventWith("label", "[0]"),
        DeadLetterReason.WRONG_TYPE,
        "label: expected a number, string or boolean, found an array");
  }

  // ---- good path --------------------------------------------------------------------------------

  @Test
  void validEventDecodesEveryField() {
    InferenceEvent e = decodeOk(validEvent());
    assertEquals("i-1", e.inferenceId());
    assertEquals("m1", e.modelId());
    assertEquals("v7", e.modelVersion());
    assertEquals(FEB_1_10_00_UTC, e.timestamp());
    assertArrayEquals(new double[] {37.0, 1200.5}, e.numeric(), 0.0);
    assertArrayEquals(new String[] {"Private", "F"}, e.categorical());
    assertEquals("1", e.prediction());
    assertEquals(0.83, e.score(), 0.0);
    assertEquals("0", e.label());
    assertArrayEquals(new String[] {"F", "White"}, e.groups());
    assertEquals(12.5, e.latencyMs(), 0.0);
  }

  @Test
  void isoTimestampWithOffsetAndEpochMillisGiveTheSameInstant() {
    long iso = decodeOk(eventWith("timestamp", "\"2024-02-01T12:00:00+02:00\"")).timestamp();
    long epoch = decodeOk(eventWith("timestamp", Long.toString(FEB_1_10_00_UTC))).timestamp();
    long utc = decodeOk(eventWith("timestamp", "\"2024-02-01T10:00:00Z\"")).timestamp();
    assertEquals(FEB_1_10_00_UTC, iso);
    assertEquals(FEB_1_10_00_UTC, epoch);
    assertEquals(FEB_1_10_00_UTC, utc);
  }

  @Test
  void isoTimestampKeepsMillisecondsAndDropsSmallerFractions() {
    assertEquals(
        FEB_1_10_00_UTC + 123,
        decodeOk(eventWith("timestamp", "\"2024-02-01T15:30:00.123456789+05:30\"")).timestamp());
  }

  @Test
  void numericFeatureThatIsNullNanOrAStringIsMissing() {
    InferenceEvent e = decodeOk(eventWithFeatures("{\"age\": null, \"income\": NaN}"));
    assertTrue(Double.isNaN(e.numeric()[0]));
    assertTrue(Double.isNaN(e.numeric()[1]));
    InferenceEvent s = decodeOk(eventWithFeatures("{\"age\": \"37\", \"income\": true}"));
    assertTrue(Double.isNaN(s.numeric()[0]));
    assertTrue(Double.isNaN(s.numeric()[1]));
  }

  @Test
  void absentNumericFeatureIsMissing() {
    InferenceEvent e = decodeOk(eventWithFeatures("{\"income\": 5}"));
    assertTrue(Double.isNaN(e.numeric()[0]));
    assertEquals(5.0, e.numeric()[1], 0.0);
  }

  @Test
  void categoricalNullEmptyOrAbsentIsTheMissingCategory() {
    InferenceEvent e = decodeOk(eventWithFeatures("{\"workclass\": null, \"sex\": \"\"}"));
    assertArrayEquals(new String[] {M, M}, e.categorical());
    InferenceEvent absent = decodeOk(eventWithFeatures("{}"));
    assertArrayEquals(new String[] {M, M}, absent.categorical());
  }

  @Test
  void categoricalObjectOrArrayIsTheMissingCategory() {
    InferenceEvent e = decodeOk(eventWithFeatures("{\"workclass\": {\"a\": 1}, \"sex\": [\"F\"]}"));
    assertArrayEquals(new String[] {M, M}, e.categorical());
  }

  @Test
  void categoricalNumbersAndBooleansTakeTheirCanonicalString() {
    assertArrayEquals(
        new String[] {"3", "true"},
        decodeOk(eventWithFeatures("{\"workclass\": 3, \"sex\": true}")).categorical());
    assertArrayEquals(
        new String[] {"3", "false"},
        decodeOk(eventWithFeatures("{\"workclass\": 3.0, \"sex\": false}")).categorical());
    assertArrayEquals(
        new String[] {"3.5", "-2"},
        decodeOk(eventWithFeatures("{\"workclass\": 3.5, \"sex\": -2.0}")).categorical());
  }

  @Test
  void integralPredictionHasNoDecimalPoint() {
    assertEquals("1", decodeOk(eventWith("prediction", "1.0")).prediction());
    assertEquals("1", decodeOk(eventWith("prediction", "1")).prediction());
    assertEquals("0.25", decodeOk(eventWith("prediction", "0.25")).prediction());
    assertEquals("true", decodeOk(eventWith("prediction", "true")).prediction());
    assertEquals(">50K", decodeOk(eventWith("prediction", "\">50K\"")).prediction());
  }

  @Test
  void absentOptionalFieldsAreNullOrNan() {
    Map<String, String> f = EventFixtures.validFields();
    for (String optional :
        new String[] {"model_version", "score", "label", "groups", "latency_ms"}) {
      f.remove(optional);
    }
    InferenceEvent e = decodeOk(EventFixtures.toJson(f));
    assertNull(e.modelVersion());
    assertNull(e.label());
    assertTrue(Double.isNaN(e.score()));
    assertTrue(Double.isNaN(e.latencyMs()));
    assertArrayEquals(new String[] {M, M}, e.groups());
  }

  @Test
  void nullOptionalFieldsAreTreatedAsAbsent() {
    InferenceEvent e =
        decodeOk(eventWith("label", "null").replace("\"score\": 0.83", "\"score\": null"));
    assertNull(e.label());
    assertTrue(Double.isNaN(e.score()));
  }

  @Test
  void numericLabelAndModelVersionTakeTheirCanonicalString() {
    assertEquals("1", decodeOk(eventWith("label", "1.0")).label());
    assertEquals("2", decodeOk(eventWith("model_version", "2")).modelVersion());
  }

  @Test
  void unknownFieldsAreIgnored() {
    String payload =
        validEvent()
            .replace(
                "{\"inference_id\"",
                "{\"trace\": {\"span\": [1, 2]}, \"extra\": NaN, \"inference_id\"");
    InferenceEvent e = decodeOk(payload);
    assertEquals("i-1", e.inferenceId());
    assertEquals(0.83, e.score(), 0.0);
  }

  @Test
  void unknownFeaturesAreIgnored() {
    InferenceEvent e =
        decodeOk(
            eventWithFeatures(
                "{\"age\": 1, \"income\": 2, \"workclass\": \"a\", \"sex\": \"b\", \"zip\": Infinity, \"x\": {}}"));
    assertArrayEquals(new double[] {1, 2}, e.numeric(), 0.0);
    assertArrayEquals(new String[] {"a", "b"}, e.categorical());
  }

  @Test
  void groupsAreAlignedToTheFairnessAttributes() {
    InferenceEvent e =
        decodeOk(eventWith("groups", "{\"race\": \"Black\", \"region\": \"EU\", \"sex\": \"M\"}"));
    assertArrayEquals(new String[] {"M", "Black"}, e.groups());
    InferenceEvent partial = decodeOk(eventWith("groups", "{\"race\": \"\", \"sex\": 2}"));
    assertArrayEquals(new String[] {"2", M}, partial.groups());
  }

  @Test
  void decoderRejectsANonPositiveMaxRecordBytes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new EventDecoder(Map.of(), 0));
    assertEquals("maxRecordBytes: expected >= 1, found 0", e.getMessage());
  }

  // ---- label events ----------------------------------------------------------------------------

  @Test
  void labelEventDecodes() {
    Decoded<LabelEvent> d =
        decoder()
            .decodeLabel(
                raw(
                    "{\"inference_id\": \"i-1\", \"model_id\": \"m1\", \"label\": 1.0, \"timestamp\": 1706781600000}"));
    assertTrue(d.isOk());
    assertEquals(new LabelEvent("i-1", "m1", "1", FEB_1_10_00_UTC, SOURCE, POSITION), d.event());
  }

  @Test
  void labelEventWithoutLabelIsAMissingField() {
    Decoded<LabelEvent> d =
        decoder()
            .decodeLabel(
                raw(
                    "{\"inference_id\": \"i-1\", \"model_id\": \"m1\", \"timestamp\": 1706781600000}"));
    assertEquals("missing_field", d.deadLetter().reason());
    assertEquals("label: required field is missing", d.deadLetter().detail());
    assertEquals(POSITION, d.deadLetter().position());
  }
}
