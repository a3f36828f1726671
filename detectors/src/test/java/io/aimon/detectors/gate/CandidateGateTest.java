package io.aimon.detectors.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.config.DefaultThresholds;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.detectors.profile.ReferenceProfileBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The gate's verdict over synthetic candidates: pass, fail on a shift or a rejected record, too
 * few.
 */
class CandidateGateTest {
  private static final ModelSpec SPEC =
      new ModelSpec(
          "m1",
          null,
          86_400_000L,
          100,
          List.of("x"),
          List.of("c"),
          true,
          true,
          "1",
          List.of(),
          10_000,
          DefaultThresholds.all());

  /** n events: x = N(shift, 1), c = a/b, score U(0, 1), label 1 iff score > 0.5 (when labelled). */
  private static List<InferenceEvent> events(long seed, int n, double shift, boolean labelled) {
    SplittableRandom r = new SplittableRandom(seed);
    List<InferenceEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double score = r.nextDouble();
      String label = score > 0.5 ? "1" : "0";
      out.add(
          new InferenceEvent(
              "i-" + i,
              "m1",
              "7",
              1_706_745_600_000L + 1000L * i,
              new double[] {r.nextGaussian() + shift},
              new String[] {r.nextBoolean() ? "a" : "b"},
              label,
              score,
              labelled ? label : null,
              new String[0],
              Double.NaN,
              new int[0],
              "test",
              i));
    }
    return out;
  }

  private static ReferenceProfile reference() {
    ReferenceProfileBuilder b = new ReferenceProfileBuilder(SPEC);
    events(1, 2000, 0, true).forEach(b::add);
    return b.build();
  }

  private static GateOutcome judge(List<InferenceEvent> candidate) {
    CandidateGate g = new CandidateGate(SPEC, reference());
    candidate.forEach(g::add);
    return g.outcome();
  }

  @Test
  void aCandidateLikeTheReferencePasses() {
    GateOutcome o = judge(events(2, 1000, 0, true));
    assertEquals(GateVerdict.PASS, o.verdict(), o.reasons().toString());
    assertEquals(List.of(), o.reasons());
    assertEquals(1000, o.events());
    assertEquals(1000, o.labelled());
    assertEquals(Map.of("7", 1000L), o.versions());
    assertEquals(1_706_745_600_000L, o.firstEvent());
    assertEquals(1_706_745_600_000L + 999_000L, o.lastEvent());
    // drift and performance were both judged: accuracy is 1 (the label is the prediction)
    CheckResult accuracy =
        o.results().stream().filter(r -> r.metric().equals("accuracy")).findFirst().orElseThrow();
    assertEquals(1.0, accuracy.value());
    assertTrue(o.results().stream().anyMatch(r -> r.metric().equals("psi")));
  }

  @Test
  void aShiftedCandidateFailsWithItsBreaches() {
    GateOutcome o = judge(events(3, 1000, 1.5, true));
    assertEquals(GateVerdict.FAIL, o.verdict());
    assertTrue(o.reasons().get(0).endsWith(" checks breached"), o.reasons().toString());
    assertTrue(
        o.breaches().stream().anyMatch(r -> r.metric().equals("psi") && "x".equals(r.feature())),
        o.breaches().toString());
    assertTrue(o.breaches().stream().allMatch(r -> r.status().isBreach()));
  }

  @Test
  void aRejectedRecordFailsTheGate() {
    CandidateGate g = new CandidateGate(SPEC, reference());
    events(4, 1000, 0, true).forEach(g::add);
    g.reject(new DeadLetter("invalid_json", "not JSON", "eval.jsonl", 17, "{", 1));
    GateOutcome o = g.outcome();
    assertEquals(GateVerdict.FAIL, o.verdict());
    assertEquals(List.of("1 of 1001 records rejected {invalid_json=1}"), o.reasons());
    assertEquals(1, o.rejectedTotal());
  }

  @Test
  void tooFewEventsOrNoLabelsIsInconclusive() {
    GateOutcome few = judge(events(5, 50, 0, true));
    assertEquals(GateVerdict.INCONCLUSIVE, few.verdict());
    assertEquals(
        List.of("50 events, fewer than min_samples (100): too few to judge"), few.reasons());
    GateOutcome unlabelled = judge(events(6, 1000, 0, false));
    assertEquals(GateVerdict.INCONCLUSIVE, unlabelled.verdict());
    assertEquals(
        List.of("no event carries a label: performance and label-based fairness not judged"),
        unlabelled.reasons());
    assertTrue(unlabelled.results().stream().noneMatch(r -> r.metric().equals("accuracy")));
    GateOutcome none = judge(List.of());
    assertEquals(GateVerdict.INCONCLUSIVE, none.verdict());
    assertEquals(0, none.events());
  }
}
