package io.aimon.detectors.input;

import static io.aimon.detectors.input.FormatDecoderTest.SPEC;
import static io.aimon.detectors.input.FormatDecoderTest.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.config.InputConfig;
import io.aimon.config.InputFormat;
import io.aimon.config.LabelFormat;
import io.aimon.config.TensorColumns;
import io.aimon.config.TensorMapping;
import io.aimon.config.TensorRef;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.EventDecoder;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.LabelEvent;
import io.aimon.detectors.event.RawRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SageMaker's data capture and ground truth: the fixtures of src/test/resources/input decoded field
 * by field (CSV, JSON and BASE64 payloads), labels timed by the hour of their file's path, and each
 * malformed case as a dead letter with its reason.
 */
class SageMakerCaptureTest {
  /** The CSV columns: three numeric features, then the categories; output: class, score. */
  private static final TensorMapping MAPPING =
      new TensorMapping(
          List.of(
              new TensorColumns(
                  "instances", List.of("age", "fnlwgt", "education_num", "workclass", "sex"))),
          new TensorRef("predictions", 0),
          new TensorRef("predictions", 1));

  private final FormatDecoder decoder =
      new FormatDecoder(
          new InputConfig(
              InputFormat.SAGEMAKER,
              Duration.ofMinutes(5),
              InputConfig.defaults().seldon(),
              LabelFormat.SAGEMAKER,
              "income",
              "AllTraffic",
              io.aimon.config.OtlpInput.defaults()),
          new EventDecoder(Map.of("income", SPEC), 1 << 20),
          Map.of("income", SPEC),
          Map.of("income", MAPPING));

  private static final long NOW = Instant.parse("2024-02-02T00:00:00Z").toEpochMilli();

  private static RawRecord line(String text, int n) {
    return new RawRecord("capture.jsonl", n, text, text.length());
  }

  private List<Decoded<InferenceEvent>> decode(String text) {
    List<Decoded<InferenceEvent>> out = new ArrayList<>();
    decoder.record(line(text, 1), NOW, out);
    return out;
  }

  private InferenceEvent event(Decoded<InferenceEvent> d) {
    assertTrue(d.isOk(), () -> String.valueOf(d.deadLetter()));
    return d.event();
  }

  private DeadLetter rejected(String text) {
    List<Decoded<InferenceEvent>> out = decode(text);
    assertEquals(1, out.size(), out.toString());
    assertNull(out.get(0).event(), "expected a dead letter");
    return out.get(0).deadLetter();
  }

  @Test
  void csvJsonAndBase64CapturesDecodeFieldByField() throws IOException {
    String[] lines = fixture("sagemaker-capture.jsonl").split("\n");
    List<Decoded<InferenceEvent>> csv = decode(lines[0]);
    assertEquals(2, csv.size(), "a CSV batch of two lines is two events");
    InferenceEvent first = event(csv.get(0));
    InferenceEvent second = event(csv.get(1));
    assertEquals("42/0", first.inferenceId(), "inferenceId wins over eventId");
    assertEquals("42/1", second.inferenceId());
    assertEquals("income", first.modelId(), "input.sagemaker.model");
    assertEquals("AllTraffic", first.modelVersion(), "input.sagemaker.variant");
    assertEquals(Instant.parse("2024-02-01T10:00:00Z").toEpochMilli(), first.timestamp());
    assertTrue(Double.isNaN(first.latencyMs()), "the capture records no latency");
    assertArrayEquals(new double[] {39, 77516, 13}, first.numeric());
    assertArrayEquals(new double[] {50, 83311, 13}, second.numeric());
    assertArrayEquals(new String[] {"State-gov", "Male"}, first.categorical());
    assertArrayEquals(new String[] {"Self-emp-not-inc", "Female"}, second.categorical());
    assertArrayEquals(new String[] {"Female"}, second.groups());
    assertEquals("0", first.prediction());
    assertEquals("1", second.prediction());
    assertEquals(0.125, first.score());
    assertEquals(0.75, second.score());

    InferenceEvent json = event(decode(lines[1]).get(0));
    assertEquals("5f2c8e14-9a7b-4d3e-b1c0-6e5d4c3b2a10", json.inferenceId(), "no inferenceId");
    assertArrayEquals(first.numeric(), json.numeric());
    assertArrayEquals(first.categorical(), json.categorical());
    assertEquals(first.prediction(), json.prediction());
    assertEquals(first.score(), json.score());

    InferenceEvent base64 = event(decode(lines[2]).get(0));
    assertArrayEquals(first.numeric(), base64.numeric());
    assertArrayEquals(first.categorical(), base64.categorical());
    assertEquals(first.score(), base64.score());
  }

  @Test
  void groundTruthNamesItsCaptureAndIsTimedByItsRecordOrItsPath() throws IOException {
    String[] lines = fixture("sagemaker-ground-truth.jsonl").split("\n");
    long hour = SageMakerGroundTruth.hourOfPath("s3/ground-truth/2024/02/01/16/labels.jsonl");
    assertEquals(Instant.parse("2024-02-01T16:00:00Z").toEpochMilli(), hour);
    assertEquals(
        RawRecord.NO_TIMESTAMP, SageMakerGroundTruth.hourOfPath("ground-truth/labels.jsonl"));
    RawRecord timed =
        new RawRecord("labels.jsonl", 1, lines[0], lines[0].length(), Map.of(), hour, null, null);
    Decoded<LabelEvent> label = decoder.label(timed);
    assertTrue(label.isOk(), () -> String.valueOf(label.deadLetter()));
    assertEquals("42", label.event().inferenceId());
    assertEquals("income", label.event().modelId());
    assertEquals("1", label.event().label());
    assertEquals(hour, label.event().timestamp());
    assertEquals(
        "missing_field",
        decoder
            .label(new RawRecord("labels.jsonl", 2, lines[1], lines[1].length()))
            .deadLetter()
            .reason(),
        "no Kafka timestamp and no hour from a path");
    String json =
        "{\"groundTruthData\":{\"data\":\"[\\\">50K\\\"]\",\"encoding\":\"JSON\"},"
            + "\"eventMetadata\":{\"eventId\":\"e\",\"inferenceId\":\"i\"},\"eventVersion\":\"0\"}";
    Decoded<LabelEvent> fromJson =
        decoder.label(new RawRecord("t/0", 3, json, json.length(), Map.of(), hour, null, null));
    assertEquals(">50K", fromJson.event().label());
    assertEquals("i", fromJson.event().inferenceId());
    String two = lines[0].replace("\"data\":\"1\"", "\"data\":\"1,0\"");
    assertEquals(
        "wrong_shape",
        decoder
            .label(new RawRecord("t/0", 4, two, two.length(), Map.of(), hour, null, null))
            .deadLetter()
            .reason());
  }

  @Test
  void malformedCapturesAreDeadLettersWithTheirReasons() throws IOException {
    String csv = fixture("sagemaker-capture.jsonl").split("\n")[0];
    String base64 = fixture("sagemaker-capture.jsonl").split("\n")[2];
    DeadLetter notBase64 = rejected(base64.replace("MCwwLjEyNQ==", "%%%"));
    assertEquals("bad_encoding", notBase64.reason());
    assertTrue(
        notBase64.detail().startsWith("captureData.endpointOutput.data: not base64"),
        notBase64.detail());
    DeadLetter ragged = rejected(csv.replace("\\n50,83311,13,", "\\n50,83311,"));
    assertEquals("wrong_shape", ragged.reason());
    assertEquals(
        "captureData.endpointInput.data: line 2 has 4 fields, the lines before 5", ragged.detail());
    int output = csv.indexOf(",\"endpointOutput\"");
    String inputOnly = csv.substring(0, output) + csv.substring(csv.indexOf("}}", output) + 1);
    DeadLetter noOutput = rejected(inputOnly);
    assertEquals("missing_field", noOutput.reason());
    assertTrue(noOutput.detail().startsWith("captureData.endpointOutput"), noOutput.detail());
    assertEquals(
        "bad_encoding",
        rejected(csv.replace("\"encoding\":\"CSV\"", "\"encoding\":\"XML\"")).reason());
    assertEquals(
        "wrong_type",
        rejected(
                base64.replace(
                    "\"observedContentType\":\"text/csv\"",
                    "\"observedContentType\":\"image/png\""))
            .reason());
    assertEquals(
        "missing_field",
        rejected(csv.replace(",\"inferenceTime\":\"2024-02-01T10:00:00Z\"", "")).reason());
    assertEquals(
        "bad_timestamp", rejected(csv.replace("2024-02-01T10:00:00Z", "yesterday")).reason());
    assertEquals(
        "unknown_event_type",
        rejected(csv.replace("\"eventVersion\":\"0\"", "\"eventVersion\":\"1\"")).reason());
    assertEquals("malformed_json", rejected(csv.substring(0, 40)).reason());
    DeadLetter mapped = rejected(csv.replace("\"0,0.125\\n1,0.75\"", "\"0,0.125\""));
    assertEquals("wrong_shape", mapped.reason(), "one output line for two input lines");
  }
}
