package io.aimon.detectors.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.config.ValueThreshold;
import io.aimon.detectors.event.EventDecoder;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.detectors.profile.ReferenceProfileBuilder;
import io.aimon.detectors.profile.WindowAccumulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Data-quality checks from decoded events: type mismatches, values outside the reference range,
 * categories the reference never had, and serving-latency quantiles.
 */
class DataQualityChecksTest {
  private static final long T0 = 1_706_745_600_000L;
  private static final ModelSpec SPEC =
      new ModelSpec(
          "m",
          null,
          3_600_000L,
          10,
          List.of("x"),
          List.of("c"),
          false,
          false,
          "1",
          List.of(),
          100,
          Map.of("type_mismatch_rate/x", new ValueThreshold(0.05, 0.2)));
  private static final EventDecoder DECODER = new EventDecoder(Map.of("m", SPEC), 4096);

  private static InferenceEvent event(int i, String x, String c, String latency) {
    String json =
        "{\"inference_id\":\"e"
            + i
            + "\",\"model_id\":\"m\",\"timestamp\":"
            + (T0 + i)
            + ",\"features\":{\"x\":"
            + x
            + ",\"c\":"
            + c
            + "},\"prediction\":1"
            + (latency == null ? "" : ",\"latency_ms\":" + latency)
            + "}";
    return DECODER.decodeInference(new RawRecord("t", i, json, json.length()), T0).event();
  }

  private static Map<String, CheckResult> evaluate() {
    ReferenceProfileBuilder b = new ReferenceProfileBuilder(SPEC);
    for (int i = 0; i < 100; i++) {
      b.add(event(i, Integer.toString(i % 11), i % 2 == 0 ? "\"a\"" : "\"b\"", null));
    }
    ReferenceProfile ref = b.build();
    WindowAccumulator w = WindowAccumulator.create(SPEC, ref);
    for (int i = 0; i < 100; i++) {
      String x = i < 10 ? "\"oops\"" : i < 30 ? "20" : i < 35 ? "-1" : "5";
      String c = i < 4 ? "{}" : i < 24 ? "\"z\"" : i < 30 ? "null" : "\"a\"";
      w.add(event(i, x, c, Integer.toString(i + 1)));
    }
    Map<String, CheckResult> byKey = new java.util.HashMap<>();
    DriftChecks.evaluate(SPEC, ref, w.toProfile(SPEC, T0, T0 + 3_600_000L))
        .forEach(r -> byKey.put(r.metric() + "/" + r.feature(), r));
    return byKey;
  }

  @Test
  void typeMismatchesAreCountedPerFeatureAndJudged() {
    Map<String, CheckResult> r = evaluate();
    CheckResult x = r.get("type_mismatch_rate/x");
    assertEquals(0.10, x.value(), 1e-15);
    assertEquals(100, x.n());
    assertEquals(CheckStatus.WARNING, x.status());
    assertEquals(0.04, r.get("type_mismatch_rate/c").value(), 1e-15);
    assertEquals(0.10, r.get("missing_rate/x").value(), 1e-15, "a mismatch also counts as missing");
  }

  @Test
  void outOfRangeIsTheShareOfPresentValuesOutsideTheReferenceMinMax() {
    CheckResult r = evaluate().get("out_of_range_rate/x");
    // 20 values of 20 and 5 of -1 among the 90 present values; the reference spans 0..10
    assertEquals(25.0 / 90, r.value(), 1e-15);
    assertEquals(90, r.n());
  }

  @Test
  void unseenCategoryIsTheShareOfCategoriesTheReferenceNeverHadMissingExcluded() {
    CheckResult r = evaluate().get("unseen_category_rate/c");
    assertEquals(0.20, r.value(), 1e-15, "20 of 100 values are 'z'; {} and null are missing");
  }

  @Test
  void latencyQuantilesUseNumpysLinearInterpolation() {
    Map<String, CheckResult> r = evaluate();
    // latencies 1..100: numpy.quantile(range(1, 101), [0.5, 0.95, 0.99]) = 50.5, 95.05, 99.01
    assertEquals(50.5, r.get("latency_p50/null").value(), 1e-12);
    assertEquals(95.05, r.get("latency_p95/null").value(), 1e-12);
    assertEquals(99.01, r.get("latency_p99/null").value(), 1e-12);
    assertEquals(100, r.get("latency_p99/null").n());
    assertTrue(r.get("latency_p50/null").threshold() == null, "no default latency threshold");
  }
}
