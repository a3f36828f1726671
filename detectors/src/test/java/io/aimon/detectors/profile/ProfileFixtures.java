package io.aimon.detectors.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aimon.detectors.estimate.EstimatedMetrics;
import io.aimon.detectors.estimate.SamplingError;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Shared fixtures of the profile tests: a model, seeded synthetic events and profile equality. */
final class ProfileFixtures {
  /** 2024-02-01T00:00:00Z. */
  static final long WINDOW_START = 1_706_745_600_000L;

  /** 2024-02-01T01:00:00Z. */
  static final long WINDOW_END = WINDOW_START + 3_600_000L;

  private ProfileFixtures() {}

  /** Model m1: numeric x and y, categorical c, score and label monitored. */
  static ModelSpec spec(int exactValues) {
    return new ModelSpec(
        "m1",
        "v0",
        3_600_000L,
        10,
        List.of("x", "y"),
        List.of("c"),
        true,
        true,
        "1",
        List.of(),
        exactValues,
        Map.of());
  }

  /** {@link #spec} with the fairness attributes sex and race. */
  static ModelSpec specWithAttributes() {
    return new ModelSpec(
        "m1",
        "v0",
        3_600_000L,
        10,
        List.of("x", "y"),
        List.of("c"),
        true,
        true,
        "1",
        List.of("sex", "race"),
        10_000,
        Map.of());
  }

  /** {@link #events} with a sex (absent on every fifth event) and no race: groups for sex, race. */
  static List<InferenceEvent> eventsWithGroups(long seed, int n) {
    List<InferenceEvent> out = new ArrayList<>(n);
    List<InferenceEvent> plain = events(seed, n);
    for (int i = 0; i < n; i++) {
      InferenceEvent e = plain.get(i);
      String sex = i % 5 == 4 ? InferenceEvent.MISSING : i % 2 == 0 ? "Female" : "Male";
      out.add(
          new InferenceEvent(
              e.inferenceId(),
              e.modelId(),
              e.modelVersion(),
              e.timestamp(),
              e.numeric(),
              e.categorical(),
              e.prediction(),
              e.score(),
              e.label(),
              new String[] {sex, InferenceEvent.MISSING},
              e.latencyMs(),
              e.typeMismatches(),
              e.source(),
              e.position()));
    }
    return out;
  }

  static InferenceEvent event(
      String model, String version, double x, double y, String c, double score, String label) {
    return new InferenceEvent(
        "i",
        model,
        version,
        WINDOW_START,
        new double[] {x, y},
        new String[] {c},
        "0",
        score,
        label,
        new String[0],
        Double.NaN,
        new int[0],
        "test",
        0);
  }

  /**
   * n events: x ~ N(50, 10) rounded to 0.1 (10% missing), y uniform integers 0..20, c one of 5
   * categories (5% missing), score U(0, 1) (10% absent), label 0/1 (20% absent), version v1 or v2.
   */
  static List<InferenceEvent> events(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    List<InferenceEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double x =
          r.nextDouble() < 0.1 ? Double.NaN : Math.round((50 + 10 * r.nextGaussian()) * 10) / 10.0;
      double y = r.nextInt(21);
      String c = r.nextDouble() < 0.05 ? InferenceEvent.MISSING : "k" + r.nextInt(5);
      double score = r.nextDouble() < 0.1 ? Double.NaN : r.nextDouble();
      String label = r.nextDouble() < 0.2 ? null : r.nextBoolean() ? "1" : "0";
      out.add(event("m1", r.nextBoolean() ? "v1" : "v2", x, y, c, score, label));
    }
    return out;
  }

  static ReferenceProfile reference(ModelSpec spec, List<InferenceEvent> events) {
    ReferenceProfileBuilder b = new ReferenceProfileBuilder(spec);
    events.forEach(b::add);
    return b.build();
  }

  static void assertNumericEquals(NumericProfile expected, NumericProfile actual, String what) {
    assertArrayEquals(expected.edges(), actual.edges(), 0.0, what + " edges");
    assertArrayEquals(expected.binCounts(), actual.binCounts(), what + " bins");
    assertArrayEquals(expected.values().values(), actual.values().values(), 0.0, what + " values");
    assertArrayEquals(expected.values().counts(), actual.values().counts(), what + " counts");
    assertEquals(expected.exact(), actual.exact(), what + " exact");
    assertEquals(expected.missing(), actual.missing(), what + " missing");
  }

  static void assertWindowEquals(WindowProfile expected, WindowProfile actual) {
    assertEquals(expected.modelId(), actual.modelId());
    assertEquals(expected.modelVersion(), actual.modelVersion());
    assertEquals(expected.windowStart(), actual.windowStart());
    assertEquals(expected.windowEnd(), actual.windowEnd());
    assertEquals(expected.events(), actual.events());
    assertEquals(expected.numeric().keySet(), actual.numeric().keySet());
    expected.numeric().forEach((k, v) -> assertNumericEquals(v, actual.numeric().get(k), k));
    assertEquals(expected.categorical(), actual.categorical());
    if (expected.score() == null) {
      assertEquals(null, actual.score());
    } else {
      assertNumericEquals(expected.score(), actual.score(), "score");
    }
    assertEquals(expected.label(), actual.label());
    assertEquals(expected.quality().outOfRange(), actual.quality().outOfRange());
    assertEquals(expected.quality().typeMismatches(), actual.quality().typeMismatches());
    assertEquals(expected.quality().caps(), actual.quality().caps());
    assertEquals(expected.quality().versions(), actual.quality().versions());
    assertArrayEquals(
        expected.quality().latency().values(), actual.quality().latency().values(), 0.0, "latency");
    assertArrayEquals(
        expected.quality().latency().counts(), actual.quality().latency().counts(), "latency");
    assertEstimatedEquals(expected.estimated(), actual.estimated());
    if (expected.reconstruction() == null || actual.reconstruction() == null) {
      assertEquals(expected.reconstruction(), actual.reconstruction(), "reconstruction");
    } else {
      assertEquals(expected.reconstruction().n(), actual.reconstruction().n(), "reconstruction n");
      assertEquals(
          expected.reconstruction().mean(),
          actual.reconstruction().mean(),
          1e-12 * expected.reconstruction().mean(),
          "reconstruction mean");
    }
    assertEquals(expected.llm(), actual.llm(), "LLM calls");
  }

  /** Estimated metrics equal up to the rounding of sums added in another order. */
  static void assertEstimatedEquals(EstimatedMetrics expected, EstimatedMetrics actual) {
    if (expected == null || actual == null) {
      assertEquals(expected, actual, "estimated");
      return;
    }
    assertEquals(expected.n(), actual.n(), "estimated n");
    for (SamplingError.Metric m : SamplingError.Metric.values()) {
      if (expected.of(m) == null) {
        assertEquals(null, actual.of(m), "estimated " + m);
      } else {
        assertEquals(expected.of(m), actual.of(m), 1e-12, "estimated " + m);
      }
    }
  }

  /** The same window without its estimate and reconstruction (a state from before layout v4). */
  static WindowProfile asBeforeV4(WindowProfile w) {
    return new WindowProfile(
        w.modelId(),
        w.modelVersion(),
        w.windowStart(),
        w.windowEnd(),
        w.events(),
        w.numeric(),
        w.categorical(),
        w.score(),
        w.label(),
        w.quality(),
        w.selection(),
        null,
        null,
        null);
  }

  /** The same reference without estimation and transform (a profile from before layout v4). */
  static ReferenceProfile asBeforeV4(ReferenceProfile p) {
    return ReferenceProfileCodec.withDigest(
        new ReferenceProfile(
            p.modelId(),
            p.events(),
            p.numeric(),
            p.categorical(),
            p.score(),
            p.label(),
            "pending",
            p.performance(),
            p.groups(),
            null,
            null));
  }
}
