package io.aimon.detectors.check;

import io.aimon.config.CheckThreshold;
import io.aimon.config.DefaultThresholds;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.detectors.profile.ReferenceProfileBuilder;
import io.aimon.detectors.profile.WindowAccumulator;
import io.aimon.detectors.profile.WindowProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Shared fixtures of the check tests: a model, seeded synthetic events, named instants. */
final class CheckFixtures {
  /** 2024-02-01T00:00:00Z, the start of the test window. */
  static final long WINDOW_START = 1_706_745_600_000L;

  /** 2024-02-02T00:00:00Z, the end of the test window (one day). */
  static final long WINDOW_END = WINDOW_START + 86_400_000L;

  /** The model's min_samples. */
  static final int MIN_SAMPLES = 100;

  static final long REFERENCE_SEED = 42;

  /** Numeric x ~ N(0, 1) and y ~ U(0, 10), categorical c in {a, b, c}, score and label. */
  static final ModelSpec SPEC = spec(DefaultThresholds.all(), 10_000);

  private CheckFixtures() {}

  static ModelSpec spec(Map<String, CheckThreshold> thresholds, int exactValues) {
    return new ModelSpec(
        "m1",
        null,
        86_400_000L,
        MIN_SAMPLES,
        List.of("x", "y"),
        List.of("c"),
        true,
        true,
        "1",
        List.of(),
        exactValues,
        thresholds);
  }

  /**
   * n synthetic events: x = N(0, 1) + shiftX, y = U(0, 10), c = a/b/c with 50/30/20%, score U(0,
   * 1), label 1 iff score > 0.5. A share {@code missingX} of x values is NaN (missing).
   */
  static List<InferenceEvent> events(long seed, int n, double shiftX, double missingX) {
    SplittableRandom r = new SplittableRandom(seed);
    List<InferenceEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double x = r.nextDouble() < missingX ? Double.NaN : r.nextGaussian() + shiftX;
      double y = r.nextDouble(0, 10);
      double u = r.nextDouble();
      String c = u < 0.5 ? "a" : u < 0.8 ? "b" : "c";
      double score = r.nextDouble();
      out.add(event("m1", "i-" + i, x, y, c, score, score > 0.5 ? "1" : "0"));
    }
    return out;
  }

  static InferenceEvent event(
      String model, String id, double x, double y, String c, double score, String label) {
    return new InferenceEvent(
        id,
        model,
        null,
        WINDOW_START + 1000,
        new double[] {x, y},
        new String[] {c},
        label,
        score,
        label,
        new String[0],
        Double.NaN,
        new int[0],
        "test",
        0);
  }

  static ReferenceProfile reference(ModelSpec spec, List<InferenceEvent> events) {
    ReferenceProfileBuilder b = new ReferenceProfileBuilder(spec);
    events.forEach(b::add);
    return b.build();
  }

  static WindowProfile window(ModelSpec spec, ReferenceProfile ref, List<InferenceEvent> events) {
    WindowAccumulator a = WindowAccumulator.create(spec, ref);
    events.forEach(a::add);
    return a.toProfile(spec, WINDOW_START, WINDOW_END);
  }
}
