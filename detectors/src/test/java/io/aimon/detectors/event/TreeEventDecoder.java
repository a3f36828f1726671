package io.aimon.detectors.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aimon.detectors.model.ModelSpec;
import java.util.List;
import java.util.Map;

/**
 * The tree-based inference and label decoding that {@link EventDecoder} used before it read records
 * with a streaming parser: a {@link JsonNode} per record, validated field by field. Kept verbatim
 * as the reference the streaming decoder must agree with ({@link EventDecoderDifferentialTest}); do
 * not "fix" it, it defines the expected behaviour.
 */
final class TreeEventDecoder {
  private final Map<String, ModelSpec> models;
  private final int maxRecordBytes;
  private final long maxFutureSkewMillis;
  private final long maxEventAgeMillis;
  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  TreeEventDecoder(
      Map<String, ModelSpec> models,
      int maxRecordBytes,
      long maxFutureSkewMillis,
      long maxEventAgeMillis) {
    this.models = Map.copyOf(models);
    this.maxRecordBytes = maxRecordBytes;
    this.maxFutureSkewMillis = maxFutureSkewMillis;
    this.maxEventAgeMillis = maxEventAgeMillis;
  }

  Decoded<InferenceEvent> decodeInference(RawRecord raw, long nowMillis, KeyTally keys) {
    try {
      JsonNode obj = parse(raw);
      String modelId = TreeJsonFields.requiredString(obj, "model_id");
      String inferenceId = TreeJsonFields.requiredString(obj, "inference_id");
      long timestamp = TreeJsonFields.timestamp(obj, "timestamp");
      if (timestamp - nowMillis > maxFutureSkewMillis) {
        throw new InvalidEventException(
            DeadLetterReason.FUTURE_TIMESTAMP,
            "timestamp: "
                + java.time.Instant.ofEpochMilli(timestamp)
                + " is more than "
                + java.time.Duration.ofMillis(maxFutureSkewMillis)
                + " ahead of the clock ("
                + java.time.Instant.ofEpochMilli(nowMillis)
                + ")");
      }
      if (nowMillis - timestamp > maxEventAgeMillis) {
        throw new InvalidEventException(
            DeadLetterReason.TOO_OLD,
            "timestamp: "
                + java.time.Instant.ofEpochMilli(timestamp)
                + " is more than "
                + java.time.Duration.ofMillis(maxEventAgeMillis).toDays()
                + " days before the clock ("
                + java.time.Instant.ofEpochMilli(nowMillis)
                + "): job.max_event_age");
      }
      ModelSpec spec = models.get(modelId);
      if (spec == null) {
        throw new InvalidEventException(
            DeadLetterReason.UNKNOWN_MODEL,
            "model_id: '" + JsonFields.abbreviate(modelId) + "' is not a configured model");
      }
      String version = TreeJsonFields.optionalString(obj, "model_version");
      JsonNode features = TreeJsonFields.requiredObject(obj, "features");
      TypeMismatches mismatches = new TypeMismatches();
      double[] numeric = numericFeatures(features, spec.numericFeatures(), mismatches);
      String[] categorical =
          categoricalValues(
              features, spec.categoricalFeatures(), "features.", mismatches, numeric.length);
      String prediction = TreeJsonFields.scalar(obj, "prediction", true);
      double score = TreeJsonFields.optionalNumber(obj, "score");
      String label = TreeJsonFields.scalar(obj, "label", false);
      JsonNode groupsNode = TreeJsonFields.optionalObject(obj, "groups");
      String[] groups =
          categoricalValues(groupsNode, spec.fairnessAttributes(), "groups.", null, 0);
      double latency = TreeJsonFields.optionalNumber(obj, "latency_ms");
      if (latency < 0) {
        throw new InvalidEventException(
            DeadLetterReason.WRONG_TYPE, "latency_ms: expected a number >= 0, found " + latency);
      }
      if (keys != null) {
        keys.add(entries(features), groupsNode == null ? null : entries(groupsNode));
      }
      return Decoded.ok(
          new InferenceEvent(
              inferenceId,
              modelId,
              version,
              timestamp,
              numeric,
              categorical,
              prediction,
              score,
              label,
              groups,
              latency,
              mismatches.toArray(),
              raw.source(),
              raw.position()));
    } catch (InvalidEventException e) {
      return Decoded.rejected(DeadLetter.of(e.reason(), e.getMessage(), raw));
    }
  }

  /** An object's member names and which are null: all a key tally reads of them. */
  private static ObjectEntries entries(JsonNode object) {
    ObjectEntries entries = new ObjectEntries();
    object
        .fields()
        .forEachRemaining(
            e -> {
              TokenValue v = entries.add(e.getKey());
              if (!e.getValue().isNull()) {
                v.setContainer(true); // any kind but null
              }
            });
    return entries;
  }

  Decoded<LabelEvent> decodeLabel(RawRecord raw) {
    try {
      JsonNode obj = parse(raw);
      String modelId = TreeJsonFields.requiredString(obj, "model_id");
      String inferenceId = TreeJsonFields.requiredString(obj, "inference_id");
      long timestamp = TreeJsonFields.timestamp(obj, "timestamp");
      if (!models.containsKey(modelId)) {
        throw new InvalidEventException(
            DeadLetterReason.UNKNOWN_MODEL,
            "model_id: '" + JsonFields.abbreviate(modelId) + "' is not a configured model");
      }
      String label = TreeJsonFields.scalar(obj, "label", true);
      return Decoded.ok(
          new LabelEvent(inferenceId, modelId, label, timestamp, raw.source(), raw.position()));
    } catch (InvalidEventException e) {
      return Decoded.rejected(DeadLetter.of(e.reason(), e.getMessage(), raw));
    }
  }

  private JsonNode parse(RawRecord raw) throws InvalidEventException {
    if (raw.sizeBytes() > maxRecordBytes) {
      throw new InvalidEventException(
          DeadLetterReason.OVERSIZE,
          "record: expected at most " + maxRecordBytes + " bytes, found " + raw.sizeBytes());
    }
    if (raw.payload().isBlank()) {
      throw new InvalidEventException(DeadLetterReason.EMPTY_RECORD, "record: empty payload");
    }
    JsonNode node;
    try {
      node = mapper.readTree(raw.payload());
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage();
      throw new InvalidEventException(
          DeadLetterReason.MALFORMED_JSON,
          "record: invalid JSON at column " + columnOf(e) + ": " + firstLine(msg));
    }
    if (node == null || !node.isObject()) {
      throw new InvalidEventException(
          DeadLetterReason.NOT_AN_OBJECT,
          "record: expected a JSON object, found "
              + (node == null ? "nothing" : TreeJsonFields.typeName(node)));
    }
    String invalid = raw.payload().indexOf("\\u") < 0 ? null : InvalidText.find(node);
    if (invalid != null) {
      throw new InvalidEventException(DeadLetterReason.INVALID_TEXT, invalid);
    }
    return node;
  }

  private static double[] numericFeatures(
      JsonNode features, List<String> names, TypeMismatches mismatches)
      throws InvalidEventException {
    double[] out = new double[names.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = features.get(names.get(i));
      if (v == null || !v.isNumber()) {
        out[i] = Double.NaN;
        if (v != null && !v.isNull()) {
          mismatches.add(i);
        }
      } else {
        double d = v.doubleValue();
        if (Double.isInfinite(d)) {
          throw new InvalidEventException(
              DeadLetterReason.NON_FINITE_NUMBER,
              "features." + names.get(i) + ": expected a finite number, found " + v.asText());
        }
        out[i] = d;
      }
    }
    return out;
  }

  private static String[] categoricalValues(
      JsonNode obj, List<String> names, String prefix, TypeMismatches mismatches, int offset)
      throws InvalidEventException {
    String[] out = new String[names.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = obj == null ? null : obj.get(names.get(i));
      if (v == null
          || v.isNull()
          || v.isContainerNode()
          || (v.isTextual() && v.textValue().isEmpty())
          || (v.isNumber() && !Double.isFinite(v.doubleValue()))) {
        out[i] = InferenceEvent.MISSING;
        if (mismatches != null && v != null && v.isContainerNode()) {
          mismatches.add(offset + i);
        }
      } else {
        out[i] = TreeJsonFields.canonical(v, prefix + names.get(i));
      }
    }
    return out;
  }

  private static final class TypeMismatches {
    private static final int[] NONE = new int[0];
    private int[] indexes = NONE;
    private int size;

    void add(int index) {
      if (size == indexes.length) {
        indexes = java.util.Arrays.copyOf(indexes, Math.max(4, size * 2));
      }
      indexes[size++] = index;
    }

    int[] toArray() {
      return size == 0 ? NONE : java.util.Arrays.copyOf(indexes, size);
    }
  }

  private static long columnOf(JsonProcessingException e) {
    return e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
  }

  private static String firstLine(String msg) {
    if (msg == null) {
      return "unreadable";
    }
    int nl = msg.indexOf('\n');
    return JsonFields.abbreviate(nl < 0 ? msg : msg.substring(0, nl));
  }
}
