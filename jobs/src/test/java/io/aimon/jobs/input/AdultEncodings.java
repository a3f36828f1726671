package io.aimon.jobs.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.aimon.detectors.input.proto.InferTensorContents;
import io.aimon.detectors.input.proto.ModelInferRequest;
import io.aimon.detectors.input.proto.ModelInferResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Adult events re-encoded as serving platforms log them, for the tests that check each format
 * gives the native replay's results. Every inference is one request and one response, logged {@link
 * #LATENCY_MS} apart (so the native events carry that latency too).
 *
 * <p>Layouts: Open Inference Protocol v2 REST (inputs/outputs of {name, shape, datatype, data},
 * kserve/open-inference-protocol specification/protocol/inference_rest.md); KServe's logger
 * CloudEvents (type org.kubeflow.serving.inference.request|response, extensions
 * inferenceservicename and endpoint, kserve pkg/logger/worker.go) in binary mode (the CloudEvents
 * Kafka binding: ce_ headers, the body as value) and structured mode (the JSON event format, data
 * inline); Seldon Core 2's model topics (Open Inference Protocol protobuf, ModelInferRequest with
 * raw_input_contents on .inputs, ModelInferResponse with typed contents on .outputs).
 */
public final class AdultEncodings {
  public static final long LATENCY_MS = 7;

  /** The numeric features, read from one FP64 tensor by column. */
  public static final List<String> NUMERIC =
      List.of("age", "fnlwgt", "education_num", "capital_gain", "capital_loss", "hours_per_week");

  /** The categorical features, each its own BYTES tensor named after it. */
  public static final List<String> CATEGORICAL =
      List.of(
          "workclass",
          "education",
          "marital_status",
          "occupation",
          "relationship",
          "race",
          "sex",
          "native_country");

  /** The model's {@code tensors} section for these encodings (YAML, under the model). */
  public static final String TENSORS =
      """
      tensors:
        inputs:
          - name: numeric
            columns: [age, fnlwgt, education_num, capital_gain, capital_loss, hours_per_week]
        prediction: predict
        score: proba[1]
      """;

  /** The model's {@code tensors} section for SageMaker's CSV capture: every feature by column. */
  public static final String SAGEMAKER_TENSORS =
      """
      tensors:
        inputs:
          - name: instances
            columns: [age, fnlwgt, education_num, capital_gain, capital_loss, hours_per_week,
                      workclass, education, marital_status, occupation, relationship, race, sex,
                      native_country]
        prediction: predictions[0]
        score: predictions[1]
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private AdultEncodings() {}

  /** The native event with the latency the encodings log. */
  public static String nativeWithLatency(JsonNode event) {
    ObjectNode copy = event.deepCopy();
    copy.put("latency_ms", LATENCY_MS);
    return copy.toString();
  }

  /** The event time in epoch milliseconds. */
  public static long time(JsonNode event) {
    return Instant.parse(event.path("timestamp").asText()).toEpochMilli();
  }

  /** The OIP v2 request body: the numeric features as one [1, 6] FP64 tensor, each category [1]. */
  public static ObjectNode oipRequest(JsonNode event) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", event.path("inference_id").asText());
    ArrayNode inputs = body.putArray("inputs");
    ObjectNode numeric = inputs.addObject();
    numeric.put("name", "numeric");
    numeric.putArray("shape").add(1).add(NUMERIC.size());
    numeric.put("datatype", "FP64");
    ArrayNode row = numeric.putArray("data").addArray();
    for (String f : NUMERIC) {
      row.add(event.path("features").path(f).asDouble());
    }
    for (String f : CATEGORICAL) {
      ObjectNode t = inputs.addObject();
      t.put("name", f);
      t.putArray("shape").add(1);
      t.put("datatype", "BYTES");
      t.putArray("data").add(event.path("features").path(f).asText());
    }
    return body;
  }

  /** The OIP v2 response body: {@code predict} [1] INT64 and {@code proba} [1, 2] FP64. */
  public static ObjectNode oipResponse(JsonNode event) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model_name", event.path("model_id").asText());
    body.put("model_version", event.path("model_version").asText());
    body.put("id", event.path("inference_id").asText());
    ArrayNode outputs = body.putArray("outputs");
    ObjectNode predict = outputs.addObject();
    predict.put("name", "predict");
    predict.putArray("shape").add(1);
    predict.put("datatype", "INT64");
    predict.putArray("data").add(event.path("prediction").asLong());
    ObjectNode proba = outputs.addObject();
    proba.put("name", "proba");
    proba.putArray("shape").add(1).add(2);
    proba.put("datatype", "FP64");
    double score = event.path("score").asDouble();
    proba.putArray("data").add(1 - score).add(score);
    return body;
  }

  /**
   * The Seldon request: the OIP request's tensors as raw contents (FP64 little-endian, each BYTES
   * element a 4-byte little-endian length then UTF-8).
   */
  public static byte[] seldonRequest(JsonNode event) {
    ModelInferRequest.Builder r =
        ModelInferRequest.newBuilder().setId(event.path("inference_id").asText());
    r.addInputs(
        ModelInferRequest.InferInputTensor.newBuilder()
            .setName("numeric")
            .setDatatype("FP64")
            .addShape(1)
            .addShape(NUMERIC.size()));
    ByteBuffer numeric = ByteBuffer.allocate(8 * NUMERIC.size()).order(ByteOrder.LITTLE_ENDIAN);
    for (String f : NUMERIC) {
      numeric.putDouble(event.path("features").path(f).asDouble());
    }
    r.addRawInputContents(ByteString.copyFrom(numeric.array()));
    for (String f : CATEGORICAL) {
      r.addInputs(
          ModelInferRequest.InferInputTensor.newBuilder()
              .setName(f)
              .setDatatype("BYTES")
              .addShape(1));
      byte[] text = event.path("features").path(f).asText().getBytes(StandardCharsets.UTF_8);
      r.addRawInputContents(
          ByteString.copyFrom(
              ByteBuffer.allocate(4 + text.length)
                  .order(ByteOrder.LITTLE_ENDIAN)
                  .putInt(text.length)
                  .put(text)
                  .array()));
    }
    return r.build().toByteArray();
  }

  /** The Seldon response: the OIP response's tensors as typed contents. */
  public static byte[] seldonResponse(JsonNode event) {
    double score = event.path("score").asDouble();
    return ModelInferResponse.newBuilder()
        .setModelName(event.path("model_id").asText())
        .setModelVersion(event.path("model_version").asText())
        .setId(event.path("inference_id").asText())
        .addOutputs(
            ModelInferResponse.InferOutputTensor.newBuilder()
                .setName("predict")
                .setDatatype("INT64")
                .addShape(1)
                .setContents(
                    InferTensorContents.newBuilder()
                        .addInt64Contents(event.path("prediction").asLong())))
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
  }

  /**
   * The SageMaker data capture line: the features as one CSV line (numeric then categorical), the
   * output {@code prediction,score} as CSV, the event's id as the caller's {@code inferenceId}.
   */
  public static String sagemakerCapture(JsonNode event) {
    List<String> features = new java.util.ArrayList<>();
    for (String f : NUMERIC) {
      features.add(event.path("features").path(f).asText());
    }
    for (String f : CATEGORICAL) {
      features.add(event.path("features").path(f).asText());
    }
    ObjectNode line = JSON.createObjectNode();
    ObjectNode capture = line.putObject("captureData");
    ObjectNode in = capture.putObject("endpointInput");
    in.put("observedContentType", "text/csv");
    in.put("mode", "INPUT");
    in.put("data", org.apache.commons.csv.CSVFormat.RFC4180.format(features.toArray()));
    in.put("encoding", "CSV");
    ObjectNode out = capture.putObject("endpointOutput");
    out.put("observedContentType", "text/csv; charset=utf-8");
    out.put("mode", "OUTPUT");
    out.put(
        "data",
        event.path("prediction").asText() + "," + Double.toString(event.path("score").asDouble()));
    out.put("encoding", "CSV");
    ObjectNode metadata = line.putObject("eventMetadata");
    metadata.put(
        "eventId",
        java.util
            .UUID
            .nameUUIDFromBytes(event.path("inference_id").asText().getBytes(StandardCharsets.UTF_8))
            .toString());
    metadata.put("inferenceId", event.path("inference_id").asText());
    metadata.put("inferenceTime", event.path("timestamp").asText());
    line.put("eventVersion", "0");
    return line.toString();
  }

  /** A native label event as SageMaker ground truth, naming its capture's inferenceId. */
  public static String sagemakerGroundTruth(JsonNode label) {
    ObjectNode line = JSON.createObjectNode();
    ObjectNode truth = line.putObject("groundTruthData");
    truth.put("data", label.path("label").asText());
    truth.put("encoding", "CSV");
    line.putObject("eventMetadata").put("eventId", label.path("inference_id").asText());
    line.put("eventVersion", "0");
    return line.toString();
  }

  /** The CloudEvents attributes KServe's logger sets, as binary-mode Kafka headers. */
  public static Map<String, String> binaryHeaders(JsonNode event, boolean response) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("ce_specversion", "1.0");
    h.put("ce_id", event.path("inference_id").asText());
    h.put(
        "ce_type",
        response
            ? "org.kubeflow.serving.inference.response"
            : "org.kubeflow.serving.inference.request");
    h.put("ce_source", "http://localhost:9081/");
    h.put("ce_time", Instant.ofEpochMilli(time(event) + (response ? LATENCY_MS : 0)).toString());
    h.put("ce_inferenceservicename", event.path("model_id").asText());
    h.put("ce_namespace", "default");
    h.put("ce_component", "predictor");
    h.put("ce_endpoint", event.path("model_version").asText());
    h.put("content-type", "application/json");
    return h;
  }

  /** The same event in structured mode: one JSON object, the body inline as {@code data}. */
  public static String structured(JsonNode event, boolean response) {
    ObjectNode ce = JSON.createObjectNode();
    binaryHeaders(event, response)
        .forEach(
            (k, v) -> {
              if (k.startsWith("ce_")) {
                ce.put(k.substring(3), v);
              }
            });
    ce.put("datacontenttype", "application/json");
    ce.set("data", response ? oipResponse(event) : oipRequest(event));
    return ce.toString();
  }
}
