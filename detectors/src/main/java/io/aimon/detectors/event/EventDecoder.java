package io.aimon.detectors.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aimon.detectors.model.ModelSpec;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Decodes and validates inference and label events (contract v1). Never throws on bad input: every
 * record comes back either as an event or as a {@link DeadLetter} with a reason code.
 *
 * <p>Rules: required fields present and non-empty; types as in the contract; timestamps ISO-8601
 * with offset or integral epoch milliseconds; NaN/Infinity rejected where a finite number is needed
 * (a numeric feature that is NaN or null counts as missing); timestamps too far ahead of the clock
 * rejected, so a bad clock cannot push the watermark ahead; records over {@code maxRecordBytes}
 * rejected before parsing; unknown model ids rejected; unknown fields ignored. A numeric feature
 * holding a non-number, or a categorical feature holding an object or array, counts as missing.
 *
 * <pre>{@code
 * EventDecoder decoder = new EventDecoder(Map.of(spec.id(), spec), 1 << 20);
 * Decoded<InferenceEvent> d = decoder.decodeInference(raw);
 * }</pre>
 */
public final class EventDecoder implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, ModelSpec> models;
  private final int maxRecordBytes;
  private final long maxFutureSkewMillis;
  private final long maxEventAgeMillis;
  private transient ObjectMapper mapper;

  /** A decoder that accepts any timestamp up to year 9999 (no future-skew check). */
  public EventDecoder(Map<String, ModelSpec> models, int maxRecordBytes) {
    this(models, maxRecordBytes, Long.MAX_VALUE);
  }

  /**
   * @param models the configured models by id
   * @param maxRecordBytes the largest accepted record, in bytes (>= 1)
   * @param maxFutureSkewMillis inference events stamped more than this ahead of the wall clock are
   *     rejected as {@link DeadLetterReason#FUTURE_TIMESTAMP} (>= 1)
   */
  public EventDecoder(Map<String, ModelSpec> models, int maxRecordBytes, long maxFutureSkewMillis) {
    this(models, maxRecordBytes, maxFutureSkewMillis, Long.MAX_VALUE);
  }

  /**
   * As {@link #EventDecoder(Map, int, long)}, and inference events stamped more than {@code
   * maxEventAgeMillis} before the wall clock are rejected as {@link DeadLetterReason#TOO_OLD}
   * (&gt;= 1): a timestamp of 0, or seconds taken for milliseconds, would open a 1970 window.
   */
  public EventDecoder(
      Map<String, ModelSpec> models,
      int maxRecordBytes,
      long maxFutureSkewMillis,
      long maxEventAgeMillis) {
    if (maxEventAgeMillis < 1) {
      throw new IllegalArgumentException(
          "maxEventAgeMillis: expected >= 1, found " + maxEventAgeMillis);
    }
    this.maxEventAgeMillis = maxEventAgeMillis;
    if (maxRecordBytes < 1) {
      throw new IllegalArgumentException("maxRecordBytes: expected >= 1, found " + maxRecordBytes);
    }
    if (maxFutureSkewMillis < 1) {
      throw new IllegalArgumentException(
          "maxFutureSkewMillis: expected >= 1, found " + maxFutureSkewMillis);
    }
    this.models = Map.copyOf(models);
    this.maxRecordBytes = maxRecordBytes;
    this.maxFutureSkewMillis = maxFutureSkewMillis;
  }

  /** Decodes one inference event, judging future timestamps against the wall clock. */
  public Decoded<InferenceEvent> decodeInference(RawRecord raw) {
    return decodeInference(raw, System.currentTimeMillis());
  }

  /** Decodes one inference event, judging future timestamps against {@code nowMillis}. */
  public Decoded<InferenceEvent> decodeInference(RawRecord raw, long nowMillis) {
    return decodeInference(raw, nowMillis, null);
  }

  /**
   * Decodes one inference event as {@link #decodeInference(RawRecord, long)} does and, when it is
   * accepted, counts the keys of its {@code features} and {@code groups} in {@code keys} (the
   * reference's names, read in the same pass as its values).
   *
   * @param keys the tally to count in, or null for none
   */
  public Decoded<InferenceEvent> decodeInference(RawRecord raw, long nowMillis, KeyTally keys) {
    try {
      JsonNode obj = parse(raw);
      String modelId = JsonFields.requiredString(obj, "model_id");
      String inferenceId = JsonFields.requiredString(obj, "inference_id");
      long timestamp = JsonFields.timestamp(obj, "timestamp");
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
      String version = JsonFields.optionalString(obj, "model_version");
      JsonNode features = JsonFields.requiredObject(obj, "features");
      TypeMismatches mismatches = new TypeMismatches();
      double[] numeric = numericFeatures(features, spec.numericFeatures(), mismatches);
      String[] categorical =
          categoricalValues(
              features, spec.categoricalFeatures(), "features.", mismatches, numeric.length);
      String prediction = JsonFields.scalar(obj, "prediction", true);
      double score = JsonFields.optionalNumber(obj, "score");
      String label = JsonFields.scalar(obj, "label", false);
      JsonNode groupsNode = JsonFields.optionalObject(obj, "groups");
      String[] groups =
          categoricalValues(groupsNode, spec.fairnessAttributes(), "groups.", null, 0);
      double latency = JsonFields.optionalNumber(obj, "latency_ms");
      if (latency < 0) {
        throw new InvalidEventException(
            DeadLetterReason.WRONG_TYPE, "latency_ms: expected a number >= 0, found " + latency);
      }
      if (keys != null) {
        keys.add(features, groupsNode);
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

  /** Decodes one label event. */
  public Decoded<LabelEvent> decodeLabel(RawRecord raw) {
    try {
      JsonNode obj = parse(raw);
      String modelId = JsonFields.requiredString(obj, "model_id");
      String inferenceId = JsonFields.requiredString(obj, "inference_id");
      long timestamp = JsonFields.timestamp(obj, "timestamp");
      if (!models.containsKey(modelId)) {
        throw new InvalidEventException(
            DeadLetterReason.UNKNOWN_MODEL,
            "model_id: '" + JsonFields.abbreviate(modelId) + "' is not a configured model");
      }
      String label = JsonFields.scalar(obj, "label", true);
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
      node = mapper().readTree(raw.payload());
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
              + (node == null ? "nothing" : JsonFields.typeName(node)));
    }
    // a lone surrogate can only come from a \\u escape (the payload was decoded from UTF-8), so
    // records without one, nearly all, skip the walk
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

  /**
   * Categorical values in canonical string form; an object or array is a type mismatch, recorded at
   * {@code offset + i} when {@code mismatches} is given.
   */
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
        out[i] = JsonFields.canonical(v, prefix + names.get(i));
      }
    }
    return out;
  }

  /** The indexes of mistyped features of one event; allocation-free when there are none. */
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

  private ObjectMapper mapper() {
    if (mapper == null) {
      mapper =
          JsonMapper.builder()
              .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
              .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
              .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .build();
    }
    return mapper;
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
