package io.aimon.detectors.input;

import static io.aimon.detectors.input.FormatDecoderTest.OIP_MAPPING;
import static io.aimon.detectors.input.FormatDecoderTest.decoder;
import static io.aimon.detectors.input.FormatDecoderTest.fixture;
import static io.aimon.detectors.input.FormatDecoderTest.half;
import static io.aimon.detectors.input.FormatDecoderTest.pair;
import static io.aimon.detectors.input.FormatDecoderTest.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.aimon.config.InputFormat;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.InvalidEventException;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.input.proto.InferTensorContents;
import io.aimon.detectors.input.proto.ModelInferRequest;
import io.aimon.detectors.input.proto.ModelInferRequest.InferInputTensor;
import io.aimon.detectors.input.proto.ModelInferResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seldon Core 2's model-topic records: the hand-written wire bytes of src/test/resources/input
 * decoded field by field (and to the same events as the OIP JSON fixtures of the same values),
 * every datatype typed and raw, and each malformed case as a dead letter with its reason.
 */
class SeldonRecordsTest {
  private static final String INPUTS = "seldon.default.model.income.inputs";
  private static final String OUTPUTS = "seldon.default.model.income.outputs";
  private static final long T = Instant.parse("2024-02-01T10:00:00Z").toEpochMilli();

  private final FormatDecoder seldon = decoder(InputFormat.SELDON, OIP_MAPPING);

  /** The bytes of a .hex fixture: hex pairs before each '#'. */
  static byte[] hexFixture(String name) throws IOException {
    StringBuilder hex = new StringBuilder();
    for (String line : fixture(name).split("\n")) {
      int comment = line.indexOf('#');
      hex.append((comment < 0 ? line : line.substring(0, comment)).replace(" ", ""));
    }
    return HexFormat.of().parseHex(hex.toString());
  }

  private static RawRecord seldonRecord(
      String topic, byte[] value, Map<String, String> headers, String key, long timestamp) {
    return new RawRecord(topic + "/0", 11, "", value.length, headers, timestamp, key, value);
  }

  private static RawRecord seldonRecord(String topic, byte[] value) {
    return seldonRecord(topic, value, Map.of("x-request-id", "42"), "42", T);
  }

  private DeadLetter rejected(String topic, byte[] value) {
    Decoded<PairHalf> h = seldon.half(seldonRecord(topic, value));
    assertNull(h.event(), "expected a dead letter");
    return h.deadLetter();
  }

  @Test
  void fixturesDecodeFieldByFieldToTheEventsOfTheirOipTwins() throws IOException {
    PairHalf request = half(seldon, seldonRecord(INPUTS, hexFixture("seldon-request.hex")));
    PairHalf response =
        half(
            seldon,
            seldonRecord(OUTPUTS, hexFixture("seldon-response.hex"), Map.of(), "42", T + 45));
    assertEquals("42", request.pairId());
    assertEquals("income", request.scope());
    assertEquals(PairHalf.Side.REQUEST, request.side());
    assertEquals(PairHalf.Side.RESPONSE, response.side());
    assertEquals("income", request.tensors().modelName());
    assertEquals("3", request.tensors().modelVersion());
    assertEquals("42", request.tensors().id());
    assertEquals(
        List.of("input-0", "workclass", "sex"),
        request.tensors().tensors().stream().map(Tensor::name).toList(),
        "the unmapped flags tensor is not kept while the request waits");
    Tensor input = request.tensors().tensor("input-0");
    assertEquals(TensorDatatype.FP32, input.datatype());
    assertArrayEquals(new long[] {2, 3}, input.shape());
    assertArrayEquals(new double[] {39, 77516, 13, 50, 83311, 13}, input.numbers());
    assertArrayEquals(
        new String[] {"State-gov", "Self-emp-not-inc"},
        request.tensors().tensor("workclass").texts());
    assertArrayEquals(new long[] {2, 1}, request.tensors().tensor("sex").shape());
    Tensor proba = response.tensors().tensor("predict_proba");
    assertEquals(TensorDatatype.FP64, proba.datatype());
    assertArrayEquals(new double[] {0.875, 0.125, 0.25, 0.75}, proba.numbers());
    assertArrayEquals(new double[] {0, 1}, response.tensors().tensor("predict").numbers());
    assertTrue(request.excerpt().startsWith("base64:"), request.excerpt());

    List<Decoded<InferenceEvent>> events = pair(seldon, request, response);
    FormatDecoder oip = decoder(InputFormat.OIP, OIP_MAPPING);
    List<Decoded<InferenceEvent>> twins =
        pair(
            oip,
            half(oip, record(fixture("oip-request.json"), Map.of(), T)),
            half(oip, record(fixture("oip-response.json"), Map.of(), T + 45)));
    assertEquals(2, events.size());
    for (int i = 0; i < 2; i++) {
      InferenceEvent e = events.get(i).event();
      InferenceEvent twin = twins.get(i).event();
      assertEquals(twin.inferenceId(), e.inferenceId());
      assertEquals("42/" + i, e.inferenceId());
      assertEquals(twin.modelId(), e.modelId());
      assertEquals(twin.modelVersion(), e.modelVersion());
      assertEquals(twin.timestamp(), e.timestamp());
      assertEquals(45.0, e.latencyMs());
      assertArrayEquals(twin.numeric(), e.numeric());
      assertArrayEquals(twin.categorical(), e.categorical());
      assertArrayEquals(twin.groups(), e.groups());
      assertEquals(twin.prediction(), e.prediction());
      assertEquals(twin.score(), e.score());
      assertEquals(OUTPUTS + "/0", e.source(), "an event names the record of its response");
    }
  }

  @Test
  void theRequestIdIsTheHeaderElseTheKeyAndJoinsWithinItsModel() throws IOException {
    byte[] value = hexFixture("seldon-request.hex");
    PairHalf byHeader =
        half(seldon, seldonRecord(INPUTS, value, Map.of("x-request-id", "r-1"), "k-1", T));
    assertEquals("r-1", byHeader.pairId());
    PairHalf byKey = half(seldon, seldonRecord(INPUTS, value, Map.of(), "k-1", T));
    assertEquals("k-1", byKey.pairId());
    // a pipeline runs one request id through several models: their halves do not meet
    PairHalf otherModel =
        half(
            seldon,
            seldonRecord(
                "seldon.default.model.other.outputs",
                hexFixture("seldon-response.hex"),
                Map.of(),
                "k-1",
                T));
    assertEquals("other", otherModel.tensors().modelName(), "the topic names the model");
    assertNotEquals(byKey.joinKey(), otherModel.joinKey());
    assertEquals(
        "missing_field",
        seldon.half(seldonRecord(INPUTS, value, Map.of(), null, T)).deadLetter().reason());
    assertEquals(
        "missing_field",
        seldon
            .half(seldonRecord(INPUTS, value, Map.of(), "k", RawRecord.NO_TIMESTAMP))
            .deadLetter()
            .reason(),
        "no Kafka timestamp");
  }

  @Test
  void aSchemaRegistryFrameIsReadPast() throws IOException {
    byte[] message = hexFixture("seldon-request.hex");
    // magic 0, schema id 7 (big-endian), message indexes [0] written as the single byte 0
    byte[] framed = concat(new byte[] {0, 0, 0, 0, 7, 0}, message);
    assertEquals(
        half(seldon, seldonRecord(INPUTS, message)).tensors().tensor("input-0").numbers().length,
        half(seldon, seldonRecord(INPUTS, framed)).tensors().tensor("input-0").numbers().length);
    // indexes [1, 0]: a count of 2 then 1 and 0, each a zigzag varint (2 -> 4, 1 -> 2)
    byte[] nested = concat(new byte[] {0, 0, 0, 0, 7, 4, 2, 0}, message);
    assertArrayEquals(
        new double[] {39, 77516, 13, 50, 83311, 13},
        half(seldon, seldonRecord(INPUTS, nested)).tensors().tensor("input-0").numbers());
    assertEquals("malformed_protobuf", rejected(INPUTS, new byte[] {0, 0, 0}).reason());
  }

  @Test
  void everyDatatypeReadsTypedAndRaw() throws InvalidEventException {
    // typed contents: the field of each datatype; extremes of each range
    assertNumbers(typed("BOOL", b -> b.addBoolContents(true).addBoolContents(false)), 1, 0);
    assertNumbers(typed("INT8", b -> b.addIntContents(-128).addIntContents(127)), -128, 127);
    assertNumbers(
        typed("INT16", b -> b.addIntContents(-32768).addIntContents(32767)), -32768, 32767);
    assertNumbers(
        typed("INT32", b -> b.addIntContents(Integer.MIN_VALUE).addIntContents(7)),
        Integer.MIN_VALUE,
        7);
    assertNumbers(
        typed("INT64", b -> b.addInt64Contents(-5_000_000_000L).addInt64Contents(3)), -5e9, 3);
    assertNumbers(typed("UINT8", b -> b.addUintContents(0).addUintContents(255)), 0, 255);
    assertNumbers(typed("UINT16", b -> b.addUintContents(1).addUintContents(65535)), 1, 65535);
    assertNumbers(
        typed("UINT32", b -> b.addUintContents(-1).addUintContents(2)), 4_294_967_295.0, 2);
    assertNumbers(
        typed("UINT64", b -> b.addUint64Contents(-1L).addUint64Contents(9)),
        18_446_744_073_709_551_615.0,
        9);
    assertNumbers(typed("FP32", b -> b.addFp32Contents(0.5f).addFp32Contents(-1e30f)), 0.5, -1e30f);
    assertNumbers(typed("FP64", b -> b.addFp64Contents(0.1).addFp64Contents(-2.5)), 0.1, -2.5);
    Tensor bytes =
        typed(
            "BYTES",
            b ->
                b.addBytesContents(ByteString.copyFromUtf8("Self-emp"))
                    .addBytesContents(ByteString.copyFromUtf8("Öl")));
    assertArrayEquals(new String[] {"Self-emp", "Öl"}, bytes.texts());

    // raw contents: little-endian
    assertNumbers(raw("BOOL", 1, 0), 1, 0);
    assertNumbers(raw("UINT8", 0xff, 0x01), 255, 1);
    assertNumbers(raw("INT8", 0x80, 0x7f), -128, 127);
    assertNumbers(raw("UINT16", 0xff, 0xff, 0x02, 0x00), 65535, 2);
    assertNumbers(raw("INT16", 0x00, 0x80, 0xfe, 0xff), -32768, -2);
    assertNumbers(raw("UINT32", 0xff, 0xff, 0xff, 0xff, 1, 0, 0, 0), 4_294_967_295.0, 1);
    assertNumbers(raw("INT32", 0xfe, 0xff, 0xff, 0xff, 1, 0, 0, 0), -2, 1);
    assertNumbers(raw(TensorDatatype.UINT64, le(8, -1L, 5L)), 18_446_744_073_709_551_615.0, 5);
    assertNumbers(raw(TensorDatatype.INT64, le(8, Long.MIN_VALUE, 5L)), Long.MIN_VALUE, 5);
    // FP16 comes raw only: 1.0 (0x3c00), -2.0 (0xc000), the largest 65504 (0x7bff), the smallest
    // subnormal 2^-24 (0x0001)
    Tensor fp16 = raw("FP16", 0x00, 0x3c, 0x00, 0xc0, 0xff, 0x7b, 0x01, 0x00);
    assertArrayEquals(new double[] {1.0, -2.0, 65504.0, 0x1p-24}, fp16.numbers());
    ByteBuffer f = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    f.putFloat(0.25f).putFloat(-3.5f);
    assertNumbers(raw(TensorDatatype.FP32, f.array()), 0.25, -3.5);
    assertNumbers(raw(TensorDatatype.FP64, le(8, Double.doubleToLongBits(0.1), 0L)), 0.1, 0.0);
    Tensor rawBytes = raw(TensorDatatype.BYTES, concat(le(4, 2), "hi".getBytes(), le(4, 0)));
    assertArrayEquals(new String[] {"hi", ""}, rawBytes.texts());
  }

  @Test
  void malformedRecordsAreDeadLettersWithTheirReasons() throws IOException {
    byte[] request = hexFixture("seldon-request.hex");
    DeadLetter truncated = rejected(INPUTS, Arrays.copyOf(request, request.length - 3));
    assertEquals("malformed_protobuf", truncated.reason());
    assertTrue(
        truncated.detail().startsWith("record: not a ModelInferRequest: "), truncated.detail());
    assertTrue(truncated.payload().startsWith("base64:"), "a binary record's excerpt is base64");
    DeadLetter json = rejected(INPUTS, "{\"inputs\": []}".getBytes());
    assertEquals("malformed_protobuf", json.reason());
    assertTrue(json.detail().contains("(the value is JSON)"), json.detail());

    DeadLetter shape =
        rejected(INPUTS, message(input("x", "FP32", List.of(2L, 3L)), le(4, 1, 2, 3, 4, 5)));
    assertEquals("wrong_shape", shape.reason());
    assertEquals(
        "inputs[0] (x): 20 bytes of raw contents, expected 6 elements of 4 bytes (FP32)",
        shape.detail());
    assertEquals(
        "unknown_datatype",
        rejected(INPUTS, message(input("x", "FP8", List.of(1L)), new byte[] {1})).reason());
    DeadLetter notUtf8 =
        rejected(
            INPUTS,
            message(
                input("x", "BYTES", List.of(1L)),
                concat(le(4, 2), new byte[] {(byte) 0xc3, 0x28})));
    assertEquals("bad_encoding", notUtf8.reason());
    DeadLetter cut =
        rejected(
            INPUTS, message(input("x", "BYTES", List.of(1L)), concat(le(4, 9), "ab".getBytes())));
    assertEquals("wrong_shape", cut.reason());
    assertEquals("inputs[0] (x): BYTES element 0 claims 9 bytes, 2 remain", cut.detail());

    InferInputTensor.Builder int8 =
        input("x", "INT8", List.of(1L))
            .setContents(InferTensorContents.newBuilder().addIntContents(300));
    DeadLetter range =
        rejected(INPUTS, ModelInferRequest.newBuilder().addInputs(int8).build().toByteArray());
    assertEquals("wrong_type", range.reason());
    assertEquals(
        "inputs[0] (x).contents[0]: expected an integer within INT8, found 300.0", range.detail());
    InferInputTensor.Builder misplaced =
        input("x", "FP32", List.of(1L))
            .setContents(InferTensorContents.newBuilder().addIntContents(1));
    DeadLetter field =
        rejected(INPUTS, ModelInferRequest.newBuilder().addInputs(misplaced).build().toByteArray());
    assertEquals("wrong_type", field.reason());
    assertEquals(
        "inputs[0] (x).contents: FP32 elements belong in fp32_contents, found 1 in other fields",
        field.detail());
    DeadLetter rawCount =
        rejected(
            INPUTS,
            ModelInferRequest.newBuilder()
                .addInputs(input("x", "BOOL", List.of(1L)))
                .addInputs(input("y", "BOOL", List.of(1L)))
                .addRawInputContents(ByteString.copyFrom(new byte[] {1}))
                .build()
                .toByteArray());
    assertEquals("wrong_shape", rawCount.reason());
    assertEquals(
        "raw_input_contents: expected one entry per tensor (2), found 1", rawCount.detail());
    assertEquals(
        "missing_field",
        rejected(INPUTS, message(input("", "BOOL", List.of(1L)), new byte[] {1})).reason(),
        "a tensor without a name");
    assertEquals(
        "unknown_model",
        rejected("seldon.default.pipeline.income.inputs", request).reason(),
        "a topic that is not a model topic");
    // what a dead letter counts against in coverage: the topic's model, read without a parse
    assertEquals("income", seldon.modelOf(seldonRecord(INPUTS, new byte[] {1, 2, 3}), false));
    assertNull(seldon.modelOf(seldonRecord("other.topic", new byte[] {1}), false));
  }

  // --- helpers: messages built with the generated classes, values written little-endian ---

  private interface Contents {
    InferTensorContents.Builder fill(InferTensorContents.Builder b);
  }

  private static InferInputTensor.Builder input(String name, String datatype, List<Long> shape) {
    return InferInputTensor.newBuilder().setName(name).setDatatype(datatype).addAllShape(shape);
  }

  private static byte[] message(InferInputTensor.Builder input, byte[] raw) {
    return ModelInferRequest.newBuilder()
        .addInputs(input)
        .addRawInputContents(ByteString.copyFrom(raw))
        .build()
        .toByteArray();
  }

  private static Tensor typed(String datatype, Contents contents) throws InvalidEventException {
    ModelInferResponse r =
        ModelInferResponse.newBuilder()
            .addOutputs(
                ModelInferResponse.InferOutputTensor.newBuilder()
                    .setName("t")
                    .setDatatype(datatype)
                    .addShape(2)
                    .setContents(contents.fill(InferTensorContents.newBuilder())))
            .build();
    return TensorProtobuf.response(r).tensor("t");
  }

  private static Tensor raw(String datatype, int... bytes) throws InvalidEventException {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) bytes[i];
    }
    TensorDatatype t = TensorDatatype.valueOf(datatype);
    return raw(t, b.length / t.byteSize(), b);
  }

  private static Tensor raw(TensorDatatype datatype, byte[] bytes) throws InvalidEventException {
    return raw(datatype, 2, bytes);
  }

  /** A tensor of {@code n} elements in raw contents. */
  private static Tensor raw(TensorDatatype datatype, long n, byte[] bytes)
      throws InvalidEventException {
    ModelInferRequest r =
        ModelInferRequest.newBuilder()
            .addInputs(input("t", datatype.name(), List.of(n)))
            .addRawInputContents(ByteString.copyFrom(bytes))
            .build();
    return TensorProtobuf.request(r).tensor("t");
  }

  private static void assertNumbers(Tensor t, double first, double second) {
    assertArrayEquals(new double[] {first, second}, t.numbers(), t.datatype().name());
  }

  /** Little-endian integers of {@code width} bytes each. */
  private static byte[] le(int width, long... values) {
    ByteBuffer b = ByteBuffer.allocate(width * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      if (width == 4) {
        b.putInt((int) v);
      } else {
        b.putLong(v);
      }
    }
    return b.array();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
