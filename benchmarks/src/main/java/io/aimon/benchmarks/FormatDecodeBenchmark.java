package io.aimon.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.aimon.config.InputConfig;
import io.aimon.config.InputFormat;
import io.aimon.config.LabelFormat;
import io.aimon.config.TensorColumns;
import io.aimon.config.TensorMapping;
import io.aimon.config.TensorRef;
import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.EventDecoder;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.input.FormatDecoder;
import io.aimon.detectors.input.PairHalf;
import io.aimon.detectors.input.proto.InferTensorContents;
import io.aimon.detectors.input.proto.ModelInferRequest;
import io.aimon.detectors.input.proto.ModelInferResponse;
import io.aimon.detectors.model.ModelSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Each input format's decoder on the same inferences, single-threaded, in events per second (one
 * operation is one inference, one event): native events ({@link #nativeEvents}), and the records a
 * serving platform logs for them, read into events by {@link FormatDecoder} the way the job does (a
 * paired format's two records each read as a half, then the pair mapped): KServe CloudEvents in
 * structured and binary mode, Open Inference Protocol JSON, Seldon Core 2 protobuf (raw contents
 * in, typed out), SageMaker CSV capture, an OTLP/JSON export of one LLM span whose attributes carry
 * the features. Pairing state and Flink are left out: this is the decoder's cost, the part that
 * differs by format.
 *
 * <pre>
 * mvn -B package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar FormatDecodeBenchmark
 * </pre>
 *
 * <p>The inferences are those of {@code aimon bench}: 20 numeric and 5 categorical features, a
 * score and a prediction; the numeric features travel as one {@code [1, 20]} FP64 tensor, each
 * category as a {@code [1]} BYTES tensor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FormatDecodeBenchmark {
  static final int INFERENCES = 5_000;
  private static final int NUMERIC = 20;
  private static final int CATEGORICAL = 5;
  private static final String MODEL = "bench-model";
  private static final String[] CATEGORIES = {"a", "b", "c", "d", "e", "f", "g"};
  private static final long START = 1_700_000_000_000L;
  private static final String SELDON_INPUTS = "seldon.default.model." + MODEL + ".inputs/0";
  private static final String SELDON_OUTPUTS = "seldon.default.model." + MODEL + ".outputs/0";

  private final ObjectMapper mapper = new ObjectMapper();
  private EventDecoder events;
  private final Map<InputFormat, FormatDecoder> decoders = new LinkedHashMap<>();
  private List<RawRecord> nativeLines;
  private List<RawRecord[]> structured;
  private List<RawRecord[]> binary;
  private List<RawRecord[]> oip;
  private List<RawRecord[]> seldon;
  private List<RawRecord> sagemaker;
  private List<RawRecord> otlp;

  @Setup
  public void setUp() {
    List<String> numeric = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    for (int k = 0; k < NUMERIC; k++) {
      numeric.add("f" + k);
    }
    List<String> categorical = new ArrayList<>();
    for (int k = 0; k < CATEGORICAL; k++) {
      categorical.add("c" + k);
    }
    columns.addAll(numeric);
    columns.addAll(categorical);
    ModelSpec spec =
        new ModelSpec(
            MODEL,
            "1",
            3_600_000L,
            100,
            numeric,
            categorical,
            true,
            false,
            "1",
            List.of(),
            10_000,
            Map.of());
    Map<String, ModelSpec> specs = Map.of(MODEL, spec);
    events = new EventDecoder(specs, 1_048_576);
    TensorMapping tensors =
        new TensorMapping(
            List.of(new TensorColumns("numeric", numeric)),
            new TensorRef("predict", 0),
            new TensorRef("proba", 1));
    TensorMapping csv =
        new TensorMapping(
            List.of(new TensorColumns("instances", columns)),
            new TensorRef("predictions", 0),
            new TensorRef("predictions", 1));
    for (InputFormat f :
        List.of(
            InputFormat.KSERVE,
            InputFormat.OIP,
            InputFormat.SELDON,
            InputFormat.SAGEMAKER,
            InputFormat.OTLP)) {
      InputConfig input =
          new InputConfig(
              f,
              Duration.ofMinutes(5),
              InputConfig.defaults().seldon(),
              LabelFormat.NATIVE,
              MODEL,
              "1",
              io.aimon.config.OtlpInput.defaults());
      decoders.put(
          f,
          new FormatDecoder(
              input, events, specs, Map.of(MODEL, f == InputFormat.SAGEMAKER ? csv : tensors)));
    }
    nativeLines = new ArrayList<>();
    structured = new ArrayList<>();
    binary = new ArrayList<>();
    oip = new ArrayList<>();
    seldon = new ArrayList<>();
    sagemaker = new ArrayList<>();
    otlp = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < INFERENCES; i++) {
      encode(i, random);
    }
    // every format must give the native event: a benchmark of dead letters would measure nothing
    InferenceEvent expected = events.decodeInference(nativeLines.get(0), START).event();
    check("kserve structured", one(decoders.get(InputFormat.KSERVE), structured.get(0)), expected);
    check("kserve binary", one(decoders.get(InputFormat.KSERVE), binary.get(0)), expected);
    check("oip", one(decoders.get(InputFormat.OIP), oip.get(0)), expected);
    check("seldon", one(decoders.get(InputFormat.SELDON), seldon.get(0)), expected);
    List<Decoded<InferenceEvent>> capture = new ArrayList<>();
    decoders.get(InputFormat.SAGEMAKER).record(sagemaker.get(0), START, capture);
    check("sagemaker", capture.get(0), expected);
    List<Decoded<InferenceEvent>> spans = new ArrayList<>();
    decoders.get(InputFormat.OTLP).record(otlp.get(0), START, spans);
    InferenceEvent span = spans.get(0).event();
    if (span == null
        || !java.util.Arrays.equals(span.numeric(), expected.numeric())
        || !java.util.Arrays.equals(span.categorical(), expected.categorical())) {
      throw new IllegalStateException("otlp does not decode to the native features: " + spans);
    }
  }

  private static Decoded<InferenceEvent> one(FormatDecoder d, RawRecord[] pair) {
    List<Decoded<InferenceEvent>> out = new ArrayList<>();
    d.pair(d.half(pair[0]).event(), d.half(pair[1]).event(), START, out);
    return out.get(0);
  }

  private static void check(String format, Decoded<InferenceEvent> d, InferenceEvent expected) {
    InferenceEvent e = d.event();
    if (e == null
        || !java.util.Arrays.equals(e.numeric(), expected.numeric())
        || !java.util.Arrays.equals(e.categorical(), expected.categorical())
        || !e.prediction().equals(expected.prediction())
        || e.score() != expected.score()) {
      throw new IllegalStateException(
          format + " does not decode to the native event: " + (e == null ? d.deadLetter() : e));
    }
  }

  @Benchmark
  @OperationsPerInvocation(INFERENCES)
  public void nativeEvents(Blackhole bh) {
    for (RawRecord r : nativeLines) {
      bh.consume(events.decodeInference(r, START));
    }
  }

  @Benchmark
  @OperationsPerInvocation(INFERENCES)
  public void kserveStructured(Blackhole bh) {
    pairs(decoders.get(InputFormat.KSERVE), structured, bh);
  }

  @Benchmark
  @OperationsPerInvocation(INFERENCES)
  public void kserveBinary(Blackhole bh) {
    pairs(decoders.get(InputFormat.KSERVE), binary, bh);
  }

  @Benchmark
  @OperationsPerInvocation(INFERENCES)
  public void oip(Blackhole bh) {
    pairs(decoders.get(InputFormat.OIP), oip, bh);
  }

  @Benchmark
  @OperationsPerInvocation(INFERENCES)
  public void seldon(Blackhole bh) {
    pairs(decoders.get(InputFormat.SELDON), seldon, bh);
  }

  @Benchmark
  @OperationsPerInvocation(INFERENCES)
  public void sagemaker(Blackhole bh) {
    FormatDecoder d = decoders.get(InputFormat.SAGEMAKER);
    List<Decoded<InferenceEvent>> out = new ArrayList<>(1);
    for (RawRecord r : sagemaker) {
      out.clear();
      d.record(r, START, out);
      bh.consume(out.get(0).event());
    }
  }

  @Benchmark
  @OperationsPerInvocation(INFERENCES)
  public void otlpSpans(Blackhole bh) {
    FormatDecoder d = decoders.get(InputFormat.OTLP);
    List<Decoded<InferenceEvent>> out = new ArrayList<>(1);
    for (RawRecord r : otlp) {
      out.clear();
      d.record(r, START, out);
      bh.consume(out.get(0).event());
    }
  }

  private static void pairs(FormatDecoder d, List<RawRecord[]> records, Blackhole bh) {
    List<Decoded<InferenceEvent>> out = new ArrayList<>(1);
    for (RawRecord[] pair : records) {
      PairHalf request = d.half(pair[0]).event();
      PairHalf response = d.half(pair[1]).event();
      out.clear();
      d.pair(request, response, START, out);
      bh.consume(out.get(0).event());
    }
  }

  /** Inference {@code i} in every format. */
  private void encode(int i, SplittableRandom random) {
    String id = "bench-" + i;
    long time = START - 3_600_000L + i;
    double[] numbers = new double[NUMERIC];
    for (int k = 0; k < NUMERIC; k++) {
      numbers[k] = Math.round((k + random.nextGaussian()) * 1000) / 1000.0;
    }
    String[] categories = new String[CATEGORICAL];
    for (int k = 0; k < CATEGORICAL; k++) {
      categories[k] =
          CATEGORIES[(int) Math.min(CATEGORIES.length - 1, Math.abs(random.nextGaussian()) * 3)];
    }
    double score = Math.round(random.nextDouble() * 1e6) / 1e6;
    int prediction = score >= 0.5 ? 1 : 0;

    ObjectNode e = mapper.createObjectNode();
    e.put("inference_id", id);
    e.put("model_id", MODEL);
    e.put("model_version", "1");
    e.put("timestamp", Instant.ofEpochMilli(time).toString());
    ObjectNode f = e.putObject("features");
    for (int k = 0; k < NUMERIC; k++) {
      f.put("f" + k, numbers[k]);
    }
    for (int k = 0; k < CATEGORICAL; k++) {
      f.put("c" + k, categories[k]);
    }
    e.put("score", score);
    e.put("prediction", prediction);
    e.put("latency_ms", 7);
    nativeLines.add(text("native", i, e.toString(), Map.of(), RawRecord.NO_TIMESTAMP));

    ObjectNode request = mapper.createObjectNode();
    request.put("id", id);
    ArrayNode inputs = request.putArray("inputs");
    ObjectNode n = inputs.addObject();
    n.put("name", "numeric");
    n.putArray("shape").add(1).add(NUMERIC);
    n.put("datatype", "FP64");
    ArrayNode row = n.putArray("data").addArray();
    for (double v : numbers) {
      row.add(v);
    }
    for (int k = 0; k < CATEGORICAL; k++) {
      ObjectNode t = inputs.addObject();
      t.put("name", "c" + k);
      t.putArray("shape").add(1);
      t.put("datatype", "BYTES");
      t.putArray("data").add(categories[k]);
    }
    ObjectNode response = mapper.createObjectNode();
    response.put("model_name", MODEL);
    response.put("model_version", "1");
    response.put("id", id);
    ArrayNode outputs = response.putArray("outputs");
    ObjectNode predict = outputs.addObject();
    predict.put("name", "predict");
    predict.putArray("shape").add(1);
    predict.put("datatype", "INT64");
    predict.putArray("data").add(prediction);
    ObjectNode proba = outputs.addObject();
    proba.put("name", "proba");
    proba.putArray("shape").add(1).add(2);
    proba.put("datatype", "FP64");
    proba.putArray("data").add(1 - score).add(score);
    oip.add(
        new RawRecord[] {
          text("oip", i, request.toString(), Map.of(), time),
          text("oip", i, response.toString(), Map.of(), time + 7)
        });

    structured.add(
        new RawRecord[] {
          text("kserve", i, cloudEvent(id, false, time, request).toString(), Map.of(), time),
          text("kserve", i, cloudEvent(id, true, time + 7, response).toString(), Map.of(), time)
        });
    binary.add(
        new RawRecord[] {
          text("kserve", i, request.toString(), headers(id, false, time), time),
          text("kserve", i, response.toString(), headers(id, true, time + 7), time + 7)
        });

    ModelInferRequest.Builder r = ModelInferRequest.newBuilder().setId(id);
    r.addInputs(
        ModelInferRequest.InferInputTensor.newBuilder()
            .setName("numeric")
            .setDatatype("FP64")
            .addShape(1)
            .addShape(NUMERIC));
    ByteBuffer raw = ByteBuffer.allocate(8 * NUMERIC).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : numbers) {
      raw.putDouble(v);
    }
    r.addRawInputContents(ByteString.copyFrom(raw.array()));
    for (int k = 0; k < CATEGORICAL; k++) {
      r.addInputs(
          ModelInferRequest.InferInputTensor.newBuilder()
              .setName("c" + k)
              .setDatatype("BYTES")
              .addShape(1));
      byte[] b = categories[k].getBytes(StandardCharsets.UTF_8);
      r.addRawInputContents(
          ByteString.copyFrom(
              ByteBuffer.allocate(4 + b.length)
                  .order(ByteOrder.LITTLE_ENDIAN)
                  .putInt(b.length)
                  .put(b)
                  .array()));
    }
    byte[] out =
        ModelInferResponse.newBuilder()
            .setModelName(MODEL)
            .setModelVersion("1")
            .setId(id)
            .addOutputs(
                ModelInferResponse.InferOutputTensor.newBuilder()
                    .setName("predict")
                    .setDatatype("INT64")
                    .addShape(1)
                    .setContents(InferTensorContents.newBuilder().addInt64Contents(prediction)))
            .addOutputs(
                ModelInferResponse.InferOutputTensor.newBuilder()
                    .setName("proba")
                    .setDatatype("FP64")
                    .addShape(1)
                    .addShape(2)
                    .setContents(
                        InferTensorContents.newBuilder()
                            .addFp64Contents(1 - score)
                            .addFp64Contents(score)))
            .build()
            .toByteArray();
    seldon.add(
        new RawRecord[] {
          bytes(SELDON_INPUTS, i, r.build().toByteArray(), id, time),
          bytes(SELDON_OUTPUTS, i, out, id, time + 7)
        });

    StringBuilder csv = new StringBuilder();
    for (double v : numbers) {
      csv.append(v).append(',');
    }
    csv.append(String.join(",", categories));
    ObjectNode capture = mapper.createObjectNode();
    ObjectNode data = capture.putObject("captureData");
    ObjectNode in = data.putObject("endpointInput");
    in.put("observedContentType", "text/csv");
    in.put("mode", "INPUT");
    in.put("data", csv.toString());
    in.put("encoding", "CSV");
    ObjectNode o = data.putObject("endpointOutput");
    o.put("observedContentType", "text/csv");
    o.put("mode", "OUTPUT");
    o.put("data", prediction + "," + score);
    o.put("encoding", "CSV");
    ObjectNode meta = capture.putObject("eventMetadata");
    meta.put("eventId", "e-" + i);
    meta.put("inferenceId", id);
    meta.put("inferenceTime", Instant.ofEpochMilli(time).toString());
    capture.put("eventVersion", "0");
    sagemaker.add(text("sagemaker", i, capture.toString(), Map.of(), RawRecord.NO_TIMESTAMP));

    // an LLM call span (GenAI conventions) whose attributes carry the same features by name
    ObjectNode export = mapper.createObjectNode();
    ObjectNode rs = export.putArray("resourceSpans").addObject();
    ObjectNode span = rs.putArray("scopeSpans").addObject().putArray("spans").addObject();
    span.put("traceId", String.format("%032x", i));
    span.put("spanId", String.format("%016x", i + 1));
    span.put("name", "chat " + MODEL);
    span.put("kind", 3);
    span.put("startTimeUnixNano", Long.toString(time * 1_000_000L));
    span.put("endTimeUnixNano", Long.toString((time + 7) * 1_000_000L));
    ArrayNode attributes = span.putArray("attributes");
    attribute(attributes, "gen_ai.operation.name", "chat");
    attribute(attributes, "gen_ai.request.model", MODEL);
    for (int k = 0; k < NUMERIC; k++) {
      ObjectNode kv = attributes.addObject();
      kv.put("key", "f" + k);
      kv.putObject("value").put("doubleValue", numbers[k]);
    }
    for (int k = 0; k < CATEGORICAL; k++) {
      attribute(attributes, "c" + k, categories[k]);
    }
    otlp.add(text("otlp", i, export.toString(), Map.of(), RawRecord.NO_TIMESTAMP));
  }

  private static void attribute(ArrayNode attributes, String key, String value) {
    ObjectNode kv = attributes.addObject();
    kv.put("key", key);
    kv.putObject("value").put("stringValue", value);
  }

  private ObjectNode cloudEvent(String id, boolean response, long time, JsonNode body) {
    ObjectNode ce = mapper.createObjectNode();
    headers(id, response, time)
        .forEach(
            (k, v) -> {
              if (k.startsWith("ce_")) {
                ce.put(k.substring(3), v);
              }
            });
    ce.put("datacontenttype", "application/json");
    ce.set("data", body);
    return ce;
  }

  private static Map<String, String> headers(String id, boolean response, long time) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("ce_specversion", "1.0");
    h.put("ce_id", id);
    h.put(
        "ce_type",
        response
            ? "org.kubeflow.serving.inference.response"
            : "org.kubeflow.serving.inference.request");
    h.put("ce_source", "http://localhost:9081/");
    h.put("ce_time", Instant.ofEpochMilli(time).toString());
    h.put("ce_inferenceservicename", MODEL);
    h.put("ce_endpoint", "1");
    h.put("content-type", "application/json");
    return h;
  }

  private static RawRecord text(
      String source, long position, String payload, Map<String, String> headers, long time) {
    return new RawRecord(
        source,
        position,
        payload,
        payload.getBytes(StandardCharsets.UTF_8).length,
        headers,
        time,
        null,
        null);
  }

  private static RawRecord bytes(String source, long position, byte[] value, String key, long t) {
    return new RawRecord(source, position, "", value.length, Map.of(), t, key, value);
  }
}
