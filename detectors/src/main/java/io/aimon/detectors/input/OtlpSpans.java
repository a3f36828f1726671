package io.aimon.detectors.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.InvalidProtocolBufferException;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.EventDecoder;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.InvalidEventException;
import io.aimon.detectors.event.LlmCall;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.input.proto.AnyValue;
import io.aimon.detectors.input.proto.ExportTraceServiceRequest;
import io.aimon.detectors.input.proto.KeyValue;
import io.aimon.detectors.input.proto.ResourceSpans;
import io.aimon.detectors.input.proto.ScopeSpans;
import io.aimon.detectors.input.proto.Span;
import io.aimon.detectors.model.ModelSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads OpenTelemetry trace exports ({@code ExportTraceServiceRequest}: {@code
 * resourceSpans[].scopeSpans[].spans[]}), in OTLP/JSON or (on Kafka, as the Collector's Kafka
 * exporter writes them by default) OTLP protobuf, into one inference event per LLM call.
 *
 * <p>A span is an LLM call when its {@code openinference.span.kind} is {@code LLM} (OpenInference)
 * or it carries a GenAI model attribute ({@code gen_ai.request.model}, {@code
 * gen_ai.response.model}) or operation ({@code gen_ai.operation.name}); other spans (chains, tools,
 * HTTP) are not inference events. The model id is {@code gen_ai.request.model}, else {@code
 * llm.model_name}, else {@code gen_ai.response.model}; the version {@code gen_ai.response.model};
 * the id the span id; the time its start; the latency its end minus its start.
 *
 * <p>The features a model can configure ({@link #NUMERIC}, {@link #CATEGORICAL}), each from the
 * first attribute present:
 *
 * <ul>
 *   <li>{@code prompt_tokens}: {@code gen_ai.usage.input_tokens}, {@code
 *       gen_ai.usage.prompt_tokens}, {@code llm.token_count.prompt}
 *   <li>{@code completion_tokens}: {@code gen_ai.usage.output_tokens}, {@code
 *       gen_ai.usage.completion_tokens}, {@code llm.token_count.completion}
 *   <li>{@code total_tokens}: {@code llm.token_count.total}, else the sum of the two
 *   <li>{@code prompt_chars}, {@code response_chars}: the length in characters of {@code
 *       input.value} / {@code output.value} (OpenInference) or {@code gen_ai.prompt} / {@code
 *       gen_ai.completion}; the text itself is never kept
 *   <li>{@code latency_ms}: the span's duration
 *   <li>{@code finish_reason}: the first of {@code gen_ai.response.finish_reasons}
 *   <li>{@code provider}: {@code gen_ai.provider.name}, {@code gen_ai.system}, {@code
 *       llm.provider}, {@code llm.system}
 *   <li>{@code error}: {@code true} when the span's status code is ERROR, else {@code false}
 *   <li>{@code operation}: {@code gen_ai.operation.name}, else {@code openinference.span.kind}
 * </ul>
 *
 * Any other configured feature or fairness attribute is the span attribute (else the resource
 * attribute) of that name. The prediction is the finish reason, else {@code error} for a failed
 * call, else {@code unknown}. Each event also carries its {@link LlmCall} (token counts, finish
 * reason, failure) for the window's {@code error_rate}, {@code finish_reason_rate} and {@code
 * cost}; a token count that is not a non-negative integer makes the span a dead letter.
 */
final class OtlpSpans {
  /** The numeric features a span gives by these names. */
  static final List<String> NUMERIC =
      List.of(
          "prompt_tokens",
          "completion_tokens",
          "total_tokens",
          "prompt_chars",
          "response_chars",
          "latency_ms");

  /** The categorical features a span gives by these names. */
  static final List<String> CATEGORICAL =
      List.of("finish_reason", "provider", "error", "operation");

  private static final int STATUS_ERROR = 2;

  /** The largest token count a call may report: 2^31 - 1, far beyond any model's context. */
  static final long MAX_TOKENS = Integer.MAX_VALUE;

  private OtlpSpans() {}

  /**
   * The events of one export record, appended to {@code out}: one per LLM span, or a dead letter
   * (built by {@code deadLetter}, which withholds the record's text) per span that breaks the
   * contract. A text record is OTLP/JSON, a binary one (Kafka) OTLP protobuf.
   *
   * @throws InvalidEventException when the record as a whole is not an export
   */
  static void events(
      RawRecord raw,
      EventDecoder decoder,
      long nowMillis,
      List<Decoded<InferenceEvent>> out,
      BiFunction<InvalidEventException, String, Decoded<InferenceEvent>> deadLetter)
      throws InvalidEventException {
    if (raw.binary()) {
      protobufEvents(raw, decoder, nowMillis, out, deadLetter);
      return;
    }
    JsonNode export = InputJson.read(raw.payload(), "record");
    for (JsonNode rs : array(export, "resourceSpans")) {
      Map<String, JsonNode> resource = attributes(rs.path("resource").get("attributes"));
      for (JsonNode ss : array(rs, "scopeSpans")) {
        for (JsonNode span : array(ss, "spans")) {
          String spanId = span.path("spanId").asText("");
          try {
            if (!span.isObject()) {
              throw TensorJson.wrongType("spans[]", "a span object", span);
            }
            Map<String, JsonNode> a = attributes(span.get("attributes"));
            if (isLlmCall(a)) {
              if (spanId.isEmpty()) {
                throw InputJson.missing("spanId");
              }
              SpanView view =
                  new SpanView(
                      spanId,
                      nanos(span, "startTimeUnixNano"),
                      nanos(span, "endTimeUnixNano"),
                      status(span),
                      a);
              out.add(Decoded.ok(event(view, resource, decoder, nowMillis, raw)));
            }
          } catch (InvalidEventException e) {
            out.add(deadLetter.apply(e, spanId.isEmpty() ? "span" : "span " + spanId));
          }
        }
      }
    }
  }

  /** An {@code ExportTraceServiceRequest} in protobuf, as the Collector's Kafka exporter writes. */
  private static void protobufEvents(
      RawRecord raw,
      EventDecoder decoder,
      long nowMillis,
      List<Decoded<InferenceEvent>> out,
      BiFunction<InvalidEventException, String, Decoded<InferenceEvent>> deadLetter)
      throws InvalidEventException {
    ExportTraceServiceRequest export;
    try {
      export = ExportTraceServiceRequest.parseFrom(raw.bytes());
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidEventException(
          DeadLetterReason.MALFORMED_PROTOBUF,
          "record: not an ExportTraceServiceRequest: " + e.getMessage());
    }
    for (ResourceSpans rs : export.getResourceSpansList()) {
      Map<String, JsonNode> resource = attributes(rs.getResource().getAttributesList());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          String spanId = HexFormat.of().formatHex(span.getSpanId().toByteArray());
          try {
            Map<String, JsonNode> a = attributes(span.getAttributesList());
            if (isLlmCall(a)) {
              if (spanId.isEmpty()) {
                throw InputJson.missing("span_id");
              }
              if (span.getStartTimeUnixNano() == 0) {
                throw InputJson.missing("start_time_unix_nano");
              }
              SpanView view =
                  new SpanView(
                      spanId,
                      span.getStartTimeUnixNano(),
                      span.getEndTimeUnixNano(),
                      span.getStatus().getCode(),
                      a);
              out.add(Decoded.ok(event(view, resource, decoder, nowMillis, raw)));
            }
          } catch (InvalidEventException e) {
            out.add(deadLetter.apply(e, spanId.isEmpty() ? "span" : "span " + spanId));
          }
        }
      }
    }
  }

  /**
   * What a span says, in either encoding: its id (hex), times, status code, and attributes as JSON
   * values.
   */
  private record SpanView(
      String spanId, long startNanos, long endNanos, int status, Map<String, JsonNode> a) {}

  /** An OpenInference LLM span, or one with a GenAI model or operation attribute. */
  private static boolean isLlmCall(Map<String, JsonNode> a) {
    return "LLM".equals(text(a, "openinference.span.kind"))
        || a.containsKey("gen_ai.request.model")
        || a.containsKey("gen_ai.response.model")
        || a.containsKey("gen_ai.operation.name");
  }

  private static InferenceEvent event(
      SpanView span,
      Map<String, JsonNode> resource,
      EventDecoder decoder,
      long nowMillis,
      RawRecord raw)
      throws InvalidEventException {
    Map<String, JsonNode> a = span.a();
    String spanId = span.spanId();
    String modelId = first(a, "gen_ai.request.model", "llm.model_name", "gen_ai.response.model");
    if (modelId == null) {
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD,
          "attributes: no model attribute (gen_ai.request.model, llm.model_name or"
              + " gen_ai.response.model)");
    }
    ModelSpec spec = decoder.model(modelId, "gen_ai.request.model");
    long start = span.startNanos();
    long end = span.endNanos();
    long time = Math.floorDiv(start, 1_000_000L);
    decoder.checkTime(time, nowMillis);
    double latency = Long.compareUnsigned(end, start) >= 0 ? (end - start) / 1e6 : Double.NaN;
    boolean error = span.status() == STATUS_ERROR;

    Map<String, Object> values = new HashMap<>();
    Long prompt =
        tokens(
            a, "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.token_count.prompt");
    Long completion =
        tokens(
            a,
            "gen_ai.usage.output_tokens",
            "gen_ai.usage.completion_tokens",
            "llm.token_count.completion");
    Long total = tokens(a, "llm.token_count.total");
    if (total == null && prompt != null && completion != null) {
      total = prompt + completion;
    }
    values.put("prompt_tokens", prompt == null ? null : prompt.doubleValue());
    values.put("completion_tokens", completion == null ? null : completion.doubleValue());
    values.put("total_tokens", total == null ? null : total.doubleValue());
    values.put("prompt_chars", length(a, "input.value", "gen_ai.prompt"));
    values.put("response_chars", length(a, "output.value", "gen_ai.completion"));
    values.put("latency_ms", Double.isNaN(latency) ? null : latency);
    String finish = finishReason(a.get("gen_ai.response.finish_reasons"));
    values.put("finish_reason", finish);
    values.put(
        "provider",
        first(a, "gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system"));
    values.put("error", Boolean.toString(error));
    values.put(
        "operation",
        first(a, "gen_ai.operation.name") != null
            ? first(a, "gen_ai.operation.name")
            : text(a, "openinference.span.kind"));

    List<Integer> mismatches = new ArrayList<>();
    double[] numeric = new double[spec.numericFeatures().size()];
    for (int i = 0; i < numeric.length; i++) {
      String name = spec.numericFeatures().get(i);
      numeric[i] = Double.NaN;
      if (NUMERIC.contains(name)) {
        Object v = values.get(name);
        numeric[i] = v == null ? Double.NaN : (Double) v;
        continue;
      }
      JsonNode v = value(a, resource, name);
      if (v != null && v.isNumber()) {
        numeric[i] = v.doubleValue();
      } else if (v != null && !v.isNull()) {
        mismatches.add(i);
      }
    }
    String[] categorical = new String[spec.categoricalFeatures().size()];
    for (int i = 0; i < categorical.length; i++) {
      String name = spec.categoricalFeatures().get(i);
      String v =
          CATEGORICAL.contains(name) ? (String) values.get(name) : scalar(value(a, resource, name));
      categorical[i] = v == null || v.isEmpty() ? InferenceEvent.MISSING : v;
    }
    String[] groups = new String[spec.fairnessAttributes().size()];
    for (int i = 0; i < groups.length; i++) {
      String name = spec.fairnessAttributes().get(i);
      String v =
          CATEGORICAL.contains(name) ? (String) values.get(name) : scalar(value(a, resource, name));
      groups[i] = v == null || v.isEmpty() ? InferenceEvent.MISSING : v;
    }
    String prediction = finish != null ? finish : error ? "error" : "unknown";
    return new InferenceEvent(
        spanId,
        spec.id(),
        first(a, "gen_ai.response.model"),
        time,
        numeric,
        categorical,
        prediction,
        Double.NaN,
        null,
        groups,
        latency,
        mismatches.stream().mapToInt(Integer::intValue).toArray(),
        raw.source(),
        raw.position(),
        new LlmCall(
            prompt == null ? LlmCall.UNKNOWN : prompt,
            completion == null ? LlmCall.UNKNOWN : completion,
            finish,
            error));
  }

  /** {@code key: AnyValue} of an OTLP attribute list, the values unwrapped to JSON scalars. */
  static Map<String, JsonNode> attributes(JsonNode list) throws InvalidEventException {
    Map<String, JsonNode> out = new HashMap<>();
    if (list == null || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      throw TensorJson.wrongType("attributes", "an array of key-values", list);
    }
    for (JsonNode kv : list) {
      String key = kv.path("key").asText("");
      if (!key.isEmpty()) {
        out.putIfAbsent(key, anyValue(kv.get("value")));
      }
    }
    return out;
  }

  /** The protobuf attribute list as {@link #attributes(JsonNode)} reads the JSON one. */
  static Map<String, JsonNode> attributes(List<KeyValue> list) {
    Map<String, JsonNode> out = new HashMap<>();
    for (KeyValue kv : list) {
      if (!kv.getKey().isEmpty()) {
        out.putIfAbsent(kv.getKey(), json(kv.getValue()));
      }
    }
    return out;
  }

  /** A protobuf AnyValue as the JSON value the JSON encoding's unwrapped AnyValue is. */
  private static JsonNode json(AnyValue v) {
    JsonNodeFactory f = InputJson.MAPPER.getNodeFactory();
    return switch (v.getValueCase()) {
      case STRING_VALUE -> f.textNode(v.getStringValue());
      case BOOL_VALUE -> f.booleanNode(v.getBoolValue());
      case INT_VALUE -> f.numberNode(v.getIntValue());
      case DOUBLE_VALUE -> f.numberNode(v.getDoubleValue());
      case ARRAY_VALUE -> {
        ArrayNode values = f.arrayNode();
        for (AnyValue e : v.getArrayValue().getValuesList()) {
          values.add(json(e));
        }
        yield values;
      }
      case KVLIST_VALUE, BYTES_VALUE -> f.objectNode(); // not a scalar
      case VALUE_NOT_SET -> f.nullNode();
    };
  }

  /** An AnyValue as a JSON scalar (intValue, which OTLP/JSON may write as a string, a number). */
  private static JsonNode anyValue(JsonNode v) {
    if (v == null || !v.isObject()) {
      return null;
    }
    if (v.has("stringValue")) {
      return v.get("stringValue");
    }
    if (v.has("intValue")) {
      JsonNode i = v.get("intValue");
      if (i.isTextual()) {
        try {
          return InputJson.MAPPER.getNodeFactory().numberNode(Long.parseLong(i.textValue()));
        } catch (NumberFormatException e) {
          return i;
        }
      }
      return i;
    }
    if (v.has("doubleValue")) {
      return v.get("doubleValue");
    }
    if (v.has("boolValue")) {
      return v.get("boolValue");
    }
    if (v.has("arrayValue")) {
      return v.get("arrayValue").path("values");
    }
    return v; // kvlistValue, bytesValue: not a scalar
  }

  private static JsonNode value(Map<String, JsonNode> a, Map<String, JsonNode> r, String name) {
    JsonNode v = a.get(name);
    return v != null ? v : r.get(name);
  }

  private static String text(Map<String, JsonNode> a, String key) {
    JsonNode v = a.get(key);
    return v != null && v.isTextual() && !v.textValue().isEmpty() ? v.textValue() : null;
  }

  private static String first(Map<String, JsonNode> a, String... keys) {
    for (String k : keys) {
      String v = text(a, k);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /**
   * A token count: the first of the attributes present, an integer from 0 to {@link #MAX_TOKENS},
   * so that no sum of counts wraps around.
   */
  private static Long tokens(Map<String, JsonNode> a, String... keys) throws InvalidEventException {
    for (String k : keys) {
      JsonNode v = a.get(k);
      if (v == null || v.isNull()) {
        continue;
      }
      if (!v.canConvertToExactIntegral()
          || !v.canConvertToLong()
          || v.longValue() < 0
          || v.longValue() > MAX_TOKENS) {
        throw TensorJson.wrongType(
            "attributes." + k, "a token count (an integer from 0 to " + MAX_TOKENS + ")", v);
      }
      return v.longValue();
    }
    return null;
  }

  /** The length of a text attribute in characters (code points), never the text. */
  private static Double length(Map<String, JsonNode> a, String... keys) {
    for (String k : keys) {
      JsonNode v = a.get(k);
      if (v != null && v.isTextual()) {
        String s = v.textValue();
        return (double) s.codePointCount(0, s.length());
      }
    }
    return null;
  }

  private static String finishReason(JsonNode v) {
    if (v == null) {
      return null;
    }
    if (v.isArray()) {
      if (v.isEmpty()) {
        return null;
      }
      JsonNode first = v.get(0);
      return scalar(first.isObject() ? anyValue(first) : first);
    }
    return scalar(v);
  }

  private static String scalar(JsonNode v) {
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    return v.asText();
  }

  private static int status(JsonNode span) {
    JsonNode code = span.path("status").get("code");
    if (code == null || code.isNull()) {
      return 0;
    }
    if (code.isTextual()) {
      return code.textValue().equals("STATUS_CODE_ERROR") ? STATUS_ERROR : 0;
    }
    return code.asInt();
  }

  /** A fixed64 nanosecond time, which OTLP/JSON writes as a decimal string (or a number). */
  private static long nanos(JsonNode span, String field) throws InvalidEventException {
    JsonNode v = span.get(field);
    if (v == null || v.isNull()) {
      throw InputJson.missing(field);
    }
    try {
      long n = v.isTextual() ? Long.parseUnsignedLong(v.textValue()) : v.longValue();
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new InvalidEventException(
          DeadLetterReason.BAD_TIMESTAMP,
          field + ": expected nanoseconds since the epoch, found " + TensorJson.kind(v));
    }
  }

  private static JsonNode array(JsonNode parent, String field) throws InvalidEventException {
    if (!parent.isObject()) {
      throw TensorJson.wrongType(field, "an object holding " + field, parent);
    }
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      throw InputJson.missing(field);
    }
    if (!v.isArray()) {
      throw TensorJson.wrongType(field, "an array", v);
    }
    return v;
  }
}
