package io.aimon.detectors.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.config.FairnessConfig;
import io.aimon.config.InputConfig;
import io.aimon.config.InputFormat;
import io.aimon.config.ModelConfig;
import io.aimon.config.ReferenceSource;
import io.aimon.config.TensorColumns;
import io.aimon.config.TensorMapping;
import io.aimon.config.TensorRef;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.EventDecoder;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.model.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The fixtures of src/test/resources/input (layouts in its SOURCES.md) decoded field by field, and
 * each malformed case as a dead letter with its reason.
 */
class FormatDecoderTest {
  static final ModelSpec SPEC =
      ModelSpec.from(
          ModelConfig.builder("income")
              .reference(ReferenceSource.ofProfile(Path.of("ref.profile.json").toAbsolutePath()))
              .numericFeatures(List.of("age", "fnlwgt", "education_num"))
              .categoricalFeatures(List.of("workclass", "sex"))
              .fairness(new FairnessConfig(List.of("sex"), 30))
              .build(),
          10_000);

  /** The OIP fixtures: one [2, 3] tensor by column, categories by name, proba's column 1. */
  static final TensorMapping OIP_MAPPING =
      new TensorMapping(
          List.of(new TensorColumns("input-0", List.of("age", "fnlwgt", "education_num"))),
          new TensorRef("predict", 0),
          new TensorRef("predict_proba", 1));

  /** The KServe V1 fixtures: each instance an array of age, workclass, sex. */
  private static final TensorMapping V1_MAPPING =
      new TensorMapping(
          List.of(new TensorColumns("instances", List.of("age", "workclass", "sex"))), null, null);

  static FormatDecoder decoder(InputFormat format, TensorMapping mapping) {
    return new FormatDecoder(
        InputConfig.defaults().withFormat(format),
        new EventDecoder(Map.of("income", SPEC), 1 << 20),
        Map.of("income", SPEC),
        Map.of("income", mapping));
  }

  static String fixture(String name) throws IOException {
    try (InputStream in = FormatDecoderTest.class.getResourceAsStream("/input/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static RawRecord record(String payload, Map<String, String> headers, long timestamp) {
    return new RawRecord(
        "t/0",
        7,
        payload,
        payload.getBytes(StandardCharsets.UTF_8).length,
        headers,
        timestamp,
        null,
        null);
  }

  static PairHalf half(FormatDecoder d, RawRecord raw) {
    Decoded<PairHalf> h = d.half(raw);
    assertTrue(h.isOk(), () -> String.valueOf(h.deadLetter()));
    return h.event();
  }

  static List<Decoded<InferenceEvent>> pair(FormatDecoder d, PairHalf a, PairHalf b) {
    List<Decoded<InferenceEvent>> out = new ArrayList<>();
    d.pair(a, b, Instant.parse("2024-02-02T00:00:00Z").toEpochMilli(), out);
    return out;
  }

  static DeadLetter rejected(List<Decoded<InferenceEvent>> out) {
    assertEquals(1, out.size());
    assertNull(out.get(0).event());
    return out.get(0).deadLetter();
  }

  @Test
  void oipRequestAndResponseAreOneEventPerRow() throws IOException {
    FormatDecoder d = decoder(InputFormat.OIP, OIP_MAPPING);
    long t = Instant.parse("2024-02-01T10:00:00Z").toEpochMilli();
    PairHalf request = half(d, record(fixture("oip-request.json"), Map.of(), t));
    PairHalf response = half(d, record(fixture("oip-response.json"), Map.of(), t + 45));
    assertEquals("42", request.pairId());
    assertEquals(PairHalf.Side.REQUEST, request.side());
    assertEquals(PairHalf.Side.RESPONSE, response.side());
    assertEquals("income", response.tensors().modelName());
    assertEquals("3", response.tensors().modelVersion());
    assertEquals(
        List.of("input-0", "workclass", "sex"),
        request.tensors().tensors().stream().map(Tensor::name).toList(),
        "the unmapped flags tensor is not kept while the request waits");
    assertEquals(fixture("oip-request.json"), request.excerpt());

    List<Decoded<InferenceEvent>> out = pair(d, request, response);
    assertEquals(2, out.size());
    InferenceEvent first = out.get(0).event();
    InferenceEvent second = out.get(1).event();
    assertEquals("42/0", first.inferenceId());
    assertEquals("42/1", second.inferenceId());
    assertEquals("income", first.modelId());
    assertEquals("3", first.modelVersion());
    assertEquals(t, first.timestamp());
    assertEquals(45.0, first.latencyMs());
    assertArrayEquals(new double[] {39, 77516, 13}, first.numeric());
    assertArrayEquals(new double[] {50, 83311, 13}, second.numeric());
    assertArrayEquals(new String[] {"State-gov", "Male"}, first.categorical());
    assertArrayEquals(new String[] {"Self-emp-not-inc", "Female"}, second.categorical());
    assertArrayEquals(new String[] {"Male"}, first.groups());
    assertArrayEquals(new String[] {"Female"}, second.groups());
    assertEquals("0", first.prediction());
    assertEquals("1", second.prediction());
    assertEquals(0.125, first.score());
    assertEquals(0.75, second.score());
    assertNull(first.label());
    assertEquals(0, first.typeMismatches().length);
    assertEquals("t/0", first.source());
  }

  @Test
  void kserveStructuredAndBinaryModeReadTheSameAttributes() throws IOException {
    FormatDecoder d = decoder(InputFormat.KSERVE, V1_MAPPING);
    PairHalf structured =
        half(
            d, record(fixture("kserve-structured-request.json"), Map.of(), RawRecord.NO_TIMESTAMP));
    Properties p = new Properties();
    p.load(new StringReader(fixture("kserve-binary-headers.properties")));
    Map<String, String> headers = new HashMap<>();
    p.forEach((k, v) -> headers.put((String) k, (String) v));
    String body = "{\"instances\":[[39,\"State-gov\",\"Male\"]]}";
    PairHalf binary = half(d, record(body, headers, RawRecord.NO_TIMESTAMP));
    for (PairHalf h : List.of(structured, binary)) {
      assertEquals("5a7c1e0e-6c1d-4c41-9d8e-2b7f3f0c9a11", h.pairId());
      assertEquals(PairHalf.Side.REQUEST, h.side());
      assertEquals(Instant.parse("2024-02-01T10:00:00.120Z").toEpochMilli(), h.timestamp());
      assertEquals("income", h.tensors().modelName());
      assertEquals("canary", h.tensors().modelVersion());
      Tensor instances = h.tensors().tensor("instances");
      assertArrayEquals(new long[] {1, 3}, instances.shape());
      assertEquals(39.0, instances.numbers()[0]);
      assertEquals("State-gov", instances.text(1));
    }
    // HTTP's ce- prefix is read as well as Kafka's ce_
    Map<String, String> dashed = new HashMap<>();
    headers.forEach((k, v) -> dashed.put(k.replace("ce_", "ce-"), v));
    assertEquals(binary.pairId(), half(d, record(body, dashed, RawRecord.NO_TIMESTAMP)).pairId());

    PairHalf response =
        half(
            d,
            record(fixture("kserve-structured-response.json"), Map.of(), RawRecord.NO_TIMESTAMP));
    List<Decoded<InferenceEvent>> out = pair(d, structured, response);
    assertEquals(1, out.size());
    InferenceEvent e = out.get(0).event();
    assertEquals("5a7c1e0e-6c1d-4c41-9d8e-2b7f3f0c9a11", e.inferenceId());
    assertEquals("canary", e.modelVersion());
    assertEquals(45.0, e.latencyMs());
    assertEquals(39.0, e.numeric()[0]);
    assertTrue(Double.isNaN(e.numeric()[1]), "fnlwgt is not in the instances: missing");
    assertArrayEquals(new String[] {"State-gov", "Male"}, e.categorical());
    assertArrayEquals(new String[] {"Male"}, e.groups());
    assertEquals("1", e.prediction());
    assertTrue(Double.isNaN(e.score()));
  }

  @Test
  void v1ObjectsMapByKey() {
    FormatDecoder d = decoder(InputFormat.KSERVE, TensorMapping.defaults());
    String time = "2024-02-01T10:00:00Z";
    PairHalf request =
        half(
            d,
            record(
                "{\"instances\":[{\"age\":39,\"sex\":\"Male\"},{\"age\":\"x\",\"workclass\":7}]}",
                kserve("a", "request", time),
                -1));
    PairHalf response =
        half(
            d,
            record(
                "{\"predictions\":[0,1]}", kserve("a", "response", time), RawRecord.NO_TIMESTAMP));
    List<Decoded<InferenceEvent>> out = pair(d, request, response);
    InferenceEvent first = out.get(0).event();
    InferenceEvent second = out.get(1).event();
    assertEquals(39.0, first.numeric()[0]);
    assertArrayEquals(new String[] {InferenceEvent.MISSING, "Male"}, first.categorical());
    assertTrue(Double.isNaN(second.numeric()[0]));
    assertArrayEquals(new int[] {0}, second.typeMismatches(), "age holds text: a mismatch");
    assertArrayEquals(new String[] {"7", InferenceEvent.MISSING}, second.categorical());
    assertEquals(0.0, first.latencyMs());
  }

  @Test
  void malformedRecordsAreDeadLettersWithTheirReasons() throws IOException {
    FormatDecoder kserve = decoder(InputFormat.KSERVE, V1_MAPPING);
    String t = "2024-02-01T10:00:00Z";
    assertEquals(
        "unknown_event_type",
        kserve
            .half(record("{}", kserve("a", "dev.knative.ping", t, true), RawRecord.NO_TIMESTAMP))
            .deadLetter()
            .reason());
    assertEquals(
        "missing_field",
        kserve
            .half(record("{}", kserve("a", "request", null), RawRecord.NO_TIMESTAMP))
            .deadLetter()
            .reason(),
        "no ce_time and no Kafka timestamp");
    assertEquals(
        Instant.parse(t).toEpochMilli(),
        kserve
            .half(
                record(
                    "{\"instances\":[[1]]}",
                    kserve("a", "request", null),
                    Instant.parse(t).toEpochMilli()))
            .event()
            .timestamp(),
        "without ce_time, the Kafka timestamp");
    DeadLetter base64 =
        kserve
            .half(
                record(
                    "{\"id\":\"a\",\"type\":\"org.kubeflow.serving.inference.request\","
                        + "\"time\":\""
                        + t
                        + "\",\"inferenceservicename\":\"income\",\"data_base64\":\"%%\"}",
                    Map.of(),
                    -1))
            .deadLetter();
    assertEquals("bad_encoding", base64.reason());
    assertEquals(
        "malformed_json",
        kserve.half(record("{\"id\":", Map.of(), RawRecord.NO_TIMESTAMP)).deadLetter().reason());

    FormatDecoder oip = decoder(InputFormat.OIP, OIP_MAPPING);
    long ts = Instant.parse(t).toEpochMilli();
    String request = fixture("oip-request.json");
    String response = fixture("oip-response.json");
    assertEquals(
        "missing_field",
        oip.half(record(request.replace("\"id\": \"42\",", ""), Map.of(), ts))
            .deadLetter()
            .reason(),
        "an OIP record without an id cannot be joined");
    assertEquals(
        "missing_field",
        oip.half(record(request, Map.of(), RawRecord.NO_TIMESTAMP)).deadLetter().reason(),
        "no time");

    // a body that breaks the protocol is rejected when its record is read, before any pairing
    DeadLetter shape =
        oip.half(record(request.replace("[2, 3]", "[2, 4]"), Map.of(), ts)).deadLetter();
    assertEquals("wrong_shape", shape.reason());
    assertEquals("inputs[0] (input-0): shape [2, 4] holds 8 elements, data has 6", shape.detail());
    assertEquals(
        "unknown_datatype",
        oip.half(record(request.replace("\"FP32\"", "\"FP128\""), Map.of(), ts))
            .deadLetter()
            .reason());
    assertEquals(
        "wrong_type",
        oip.half(record(request.replace("\"FP32\"", "\"INT8\""), Map.of(), ts))
            .deadLetter()
            .reason(),
        "77516 is not an INT8");

    // one that does not fit the model's mapping when the pair is mapped
    assertEquals(
        "wrong_shape",
        rejected(
                pair(
                    oip,
                    half(oip, record(request, Map.of(), ts)),
                    half(
                        oip,
                        record(
                            response.replace(
                                "\"shape\": [2], \"datatype\": \"INT64\", \"data\": [0, 1]",
                                "\"shape\": [3], \"datatype\": \"INT64\", \"data\": [0, 1, 1]"),
                            Map.of(),
                            ts))))
            .reason(),
        "3 predictions for 2 rows");
    DeadLetter columns =
        rejected(
            pair(
                decoder(
                    InputFormat.OIP,
                    new TensorMapping(
                        List.of(new TensorColumns("input-0", List.of("age", "fnlwgt"))),
                        null,
                        null)),
                half(oip, record(request, Map.of(), ts)),
                half(oip, record(response, Map.of(), ts))));
    assertEquals(
        "inference 42: input tensor input-0: shape [2, 3] has 3 columns, models[].tensors maps 2",
        columns.detail());
    assertEquals(
        "unknown_model",
        rejected(
                pair(
                    oip,
                    half(oip, record(request, Map.of(), ts)),
                    half(oip, record(response.replace("\"income\"", "\"other\""), Map.of(), ts))))
            .reason());
  }

  private static Map<String, String> kserve(String id, String type, String time) {
    return kserve(id, type, time, false);
  }

  private static Map<String, String> kserve(String id, String type, String time, boolean raw) {
    Map<String, String> h = new HashMap<>();
    h.put("ce_id", id);
    h.put("ce_type", raw ? type : "org.kubeflow.serving.inference." + type);
    if (time != null) {
      h.put("ce_time", time);
    }
    h.put("ce_inferenceservicename", "income");
    h.put("content-type", "application/json");
    return h;
  }
}
