package io.aimon.detectors.event;

import io.aimon.detectors.model.ModelSpec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Shared fixtures of the event tests: one model, a decoder and a valid inference record. */
final class EventFixtures {
  /** The configured model: two numeric, two categorical features, fairness on sex and race. */
  static final ModelSpec SPEC =
      new ModelSpec(
          "m1",
          null,
          86_400_000L,
          100,
          List.of("age", "income"),
          List.of("workclass", "sex"),
          true,
          true,
          "1",
          List.of("sex", "race"),
          10_000,
          Map.of());

  /** The largest record the test decoder accepts, in bytes. */
  static final int MAX_RECORD_BYTES = 1024;

  /** Source and position every test record carries. */
  static final String SOURCE = "inference/3";

  static final long POSITION = 4711L;

  /** 2024-02-01T10:00:00Z in epoch milliseconds. */
  static final long FEB_1_10_00_UTC = 1_706_781_600_000L;

  private EventFixtures() {}

  static EventDecoder decoder() {
    return new EventDecoder(Map.of(SPEC.id(), SPEC), MAX_RECORD_BYTES);
  }

  /** A raw record at {@link #SOURCE}/{@link #POSITION} whose size is the payload's UTF-8 size. */
  static RawRecord raw(String payload) {
    return new RawRecord(
        SOURCE, POSITION, payload, payload.getBytes(StandardCharsets.UTF_8).length);
  }

  /** The top-level fields of a valid event, as raw JSON fragments, in a fixed order. */
  static Map<String, String> validFields() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("inference_id", "\"i-1\"");
    f.put("model_id", "\"m1\"");
    f.put("model_version", "\"v7\"");
    f.put("timestamp", "\"2024-02-01T10:00:00Z\"");
    f.put(
        "features",
        "{\"age\": 37, \"income\": 1200.5, \"workclass\": \"Private\", \"sex\": \"F\"}");
    f.put("prediction", "1");
    f.put("score", "0.83");
    f.put("label", "0");
    f.put("groups", "{\"sex\": \"F\", \"race\": \"White\"}");
    f.put("latency_ms", "12.5");
    return f;
  }

  /**
   * A valid event with one field replaced by the raw JSON fragment {@code json}, or removed when
   * {@code json} is null.
   */
  static String eventWith(String field, String json) {
    Map<String, String> f = validFields();
    if (json == null) {
      f.remove(field);
    } else {
      f.put(field, json);
    }
    return toJson(f);
  }

  /** A valid event whose features object is the raw JSON fragment {@code featuresJson}. */
  static String eventWithFeatures(String featuresJson) {
    return eventWith("features", featuresJson);
  }

  static String validEvent() {
    return toJson(validFields());
  }

  static String toJson(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\": " + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
