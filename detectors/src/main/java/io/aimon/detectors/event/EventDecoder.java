package io.aimon.detectors.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aimon.detectors.model.ModelSpec;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
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
 * <p>Inference events are read with a streaming parser in one pass into storage the decoder reuses
 * (no tree per event), then validated; the outcome, event or dead letter with its reason and
 * detail, is the same as decoding a Jackson tree would give. Label events are read the same way.
 *
 * <pre>{@code
 * EventDecoder decoder = new EventDecoder(Map.of(spec.id(), spec), 1 << 20);
 * Decoded<InferenceEvent> d = decoder.decodeInference(raw);
 * }</pre>
 *
 * <p>Not thread-safe: use one decoder per thread (as one per stream subtask).
 */
public final class EventDecoder implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, ModelSpec> models;
  private final int maxRecordBytes;
  private final long maxFutureSkewMillis;
  private final long maxEventAgeMillis;
  private transient ObjectMapper mapper;
  private transient ObjectMapper scanMapper;
  // scratch of decodeInference, reused from record to record (one thread at a time)
  private transient InferenceScan scan;
  private transient Map<String, NameSlots> featureSlots;
  private transient Map<String, NameSlots> groupSlots;

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
      InferenceScan obj = scan(raw);
      String modelId = JsonFields.requiredString(obj.field(InferenceScan.MODEL_ID), "model_id");
      String inferenceId =
          JsonFields.requiredString(obj.field(InferenceScan.INFERENCE_ID), "inference_id");
      long timestamp = JsonFields.timestamp(obj.field(InferenceScan.TIMESTAMP), "timestamp");
      checkTime(timestamp, nowMillis);
      ModelSpec spec = model(modelId, "model_id");
      String version =
          JsonFields.optionalString(obj.field(InferenceScan.MODEL_VERSION), "model_version");
      JsonFields.requiredObject(obj.field(InferenceScan.FEATURES), "features");
      ObjectEntries features = obj.features();
      int[] at =
          slots(featureSlots, modelId, spec.numericFeatures(), spec.categoricalFeatures())
              .locate(features);
      TypeMismatches mismatches = new TypeMismatches();
      double[] numeric = numericFeatures(features, at, spec.numericFeatures(), mismatches);
      String[] categorical =
          categoricalValues(
              features,
              at,
              numeric.length,
              spec.categoricalFeatures(),
              "features.",
              mismatches,
              numeric.length);
      String prediction =
          JsonFields.scalar(obj.field(InferenceScan.PREDICTION), "prediction", true);
      double score = JsonFields.optionalNumber(obj.field(InferenceScan.SCORE), "score");
      String label = JsonFields.scalar(obj.field(InferenceScan.LABEL), "label", false);
      ObjectEntries groupsObject =
          JsonFields.optionalObject(obj.field(InferenceScan.GROUPS), "groups")
              ? obj.groups()
              : null;
      int[] groupAt =
          slots(groupSlots, modelId, spec.fairnessAttributes(), List.of()).locate(groupsObject);
      String[] groups =
          categoricalValues(
              groupsObject, groupAt, 0, spec.fairnessAttributes(), "groups.", null, 0);
      double latency = JsonFields.optionalNumber(obj.field(InferenceScan.LATENCY_MS), "latency_ms");
      if (latency < 0) {
        throw new InvalidEventException(
            DeadLetterReason.WRONG_TYPE, "latency_ms: expected a number >= 0, found " + latency);
      }
      if (keys != null) {
        keys.add(features, groupsObject);
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

  /**
   * Rejects an inference time too far ahead of {@code nowMillis} ({@code job.max_future_skew}) or
   * behind it ({@code job.max_event_age}), as for native events; every input format applies it.
   */
  public void checkTime(long timestamp, long nowMillis) throws InvalidEventException {
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
  }

  /** The configured model {@code modelId}; rejected as {@link DeadLetterReason#UNKNOWN_MODEL}. */
  public ModelSpec model(String modelId, String field) throws InvalidEventException {
    ModelSpec spec = models.get(modelId);
    if (spec == null) {
      throw new InvalidEventException(
          DeadLetterReason.UNKNOWN_MODEL,
          field + ": '" + JsonFields.abbreviate(modelId) + "' is not a configured model");
    }
    return spec;
  }

  /** Decodes one label event. */
  public Decoded<LabelEvent> decodeLabel(RawRecord raw) {
    try {
      InferenceScan obj = scan(raw);
      String modelId = JsonFields.requiredString(obj.field(InferenceScan.MODEL_ID), "model_id");
      String inferenceId =
          JsonFields.requiredString(obj.field(InferenceScan.INFERENCE_ID), "inference_id");
      long timestamp = JsonFields.timestamp(obj.field(InferenceScan.TIMESTAMP), "timestamp");
      model(modelId, "model_id");
      String label = JsonFields.scalar(obj.field(InferenceScan.LABEL), "label", true);
      return Decoded.ok(
          new LabelEvent(inferenceId, modelId, label, timestamp, raw.source(), raw.position()));
    } catch (InvalidEventException e) {
      return Decoded.rejected(DeadLetter.of(e.reason(), e.getMessage(), raw));
    }
  }

  /**
   * Rejects records that are too large ({@code job.max_record_bytes}) or empty: checked before any
   * parsing, in every input format.
   */
  public void checkSize(RawRecord raw) throws InvalidEventException {
    if (raw.sizeBytes() > maxRecordBytes) {
      throw new InvalidEventException(
          DeadLetterReason.OVERSIZE,
          "record: expected at most " + maxRecordBytes + " bytes, found " + raw.sizeBytes());
    }
    if (raw.binary() ? raw.bytes().length == 0 : raw.payload().isBlank()) {
      throw new InvalidEventException(DeadLetterReason.EMPTY_RECORD, "record: empty payload");
    }
  }

  /**
   * Reads a record in one streaming pass, rejecting it as a tree parse would: too large or empty,
   * not valid JSON, not an object, then text that is not valid Unicode. The fields are validated by
   * the caller, in the tree-based order, from the returned (reused) scan.
   */
  private InferenceScan scan(RawRecord raw) throws InvalidEventException {
    checkSize(raw);
    if (scan == null) { // first use, or after deserialization
      scan = new InferenceScan();
      featureSlots = new HashMap<>();
      groupSlots = new HashMap<>();
    }
    String payload = raw.payload();
    // a lone surrogate can only come from a \\u escape (the payload was decoded from UTF-8), so
    // records without one, nearly all, skip the check
    boolean escapes = payload.indexOf("\\u") >= 0;
    // only a record longer than the parser's string limit can hold a string beyond it: read every
    // string then, so unknown fields fail the limit as they do when a tree is built
    boolean readAllText =
        escapes
            || payload.length()
                > scanMapper().getFactory().streamReadConstraints().getMaxStringLength();
    try {
      try (JsonParser p = scanMapper().createParser(payload)) {
        scan.read(p, escapes, readAllText);
      } catch (IOException notValid) {
        // rare: read again with the parser's own repeated-name check, for the error the tree gives
        // (a repeated name is reported before its value is read, the fast parser reads ahead)
        try (JsonParser p = mapper().createParser(payload)) {
          scan.read(p, escapes, readAllText);
        }
        if (!(notValid instanceof InferenceScan.RepeatedMember)) {
          throw notValid;
        }
        // not reached while both checks agree (EventDecoderDifferentialTest); never a crash
        throw new InvalidEventException(
            DeadLetterReason.MALFORMED_JSON, "record: invalid JSON: a member name given twice");
      }
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw malformed(JsonMappingException.fromUnexpectedIOE(e)); // as readTree wraps it
    }
    if (scan.root() != JsonToken.START_OBJECT) {
      throw new InvalidEventException(
          DeadLetterReason.NOT_AN_OBJECT,
          "record: expected a JSON object, found " + JsonFields.typeName(scan.root()));
    }
    if (scan.invalidText() != null) {
      throw new InvalidEventException(DeadLetterReason.INVALID_TEXT, scan.invalidText());
    }
    return scan;
  }

  /** The slots of {@code first}'s then {@code second}'s names for a model, built once. */
  private static NameSlots slots(
      Map<String, NameSlots> cache, String modelId, List<String> first, List<String> second) {
    NameSlots slots = cache.get(modelId);
    if (slots == null) {
      slots = new NameSlots(first, second);
      cache.put(modelId, slots);
    }
    return slots;
  }

  /** The entry at slot {@code slot}, or null (absent, as JsonNode.get gives). */
  private static TokenValue at(ObjectEntries entries, int[] at, int slot) {
    return at[slot] < 0 ? null : entries.value(at[slot]);
  }

  private static double[] numericFeatures(
      ObjectEntries features, int[] at, List<String> names, TypeMismatches mismatches)
      throws InvalidEventException {
    double[] out = new double[names.size()];
    for (int i = 0; i < out.length; i++) {
      TokenValue v = at(features, at, i);
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
   * Categorical values in canonical string form, the i-th from slot {@code first + i}; an object or
   * array is a type mismatch, recorded at {@code offset + i} when {@code mismatches} is given.
   */
  private static String[] categoricalValues(
      ObjectEntries obj,
      int[] at,
      int first,
      List<String> names,
      String prefix,
      TypeMismatches mismatches,
      int offset)
      throws InvalidEventException {
    String[] out = new String[names.size()];
    for (int i = 0; i < out.length; i++) {
      TokenValue v = obj == null ? null : at(obj, at, first + i);
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

  /**
   * As {@link #mapper()}, without the parser's duplicate-name check (InferenceScan has its own).
   * Both read floating-point numbers with Jackson's fast parser, correctly rounded as the JDK's.
   */
  private ObjectMapper scanMapper() {
    if (scanMapper == null) {
      scanMapper = mapper(false);
    }
    return scanMapper;
  }

  private ObjectMapper mapper() {
    if (mapper == null) {
      mapper = mapper(true);
    }
    return mapper;
  }

  private static ObjectMapper mapper(boolean duplicateCheck) {
    JsonMapper.Builder b =
        JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    if (duplicateCheck) {
      b.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
    return b.build();
  }

  private static InvalidEventException malformed(JsonProcessingException e) {
    return new InvalidEventException(
        DeadLetterReason.MALFORMED_JSON,
        "record: invalid JSON at column " + columnOf(e) + ": " + firstLine(e.getOriginalMessage()));
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
