package io.aimon.detectors.performance;

import static io.aimon.detectors.performance.PerformanceFixtures.SKETCHED_AUC_ABSOLUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.detectors.common.EmpiricalCdf;
import io.aimon.detectors.sketch.ValueDistribution;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RocAucTest {
  @Test
  void perfectSeparationIsOneAndReversedIsZero() {
    EmpiricalCdf low = EmpiricalCdf.ofSamples(new double[] {0.1, 0.2, 0.3});
    EmpiricalCdf high = EmpiricalCdf.ofSamples(new double[] {0.7, 0.8});
    assertEquals(1.0, RocAuc.of(high, low), 0.0);
    assertEquals(0.0, RocAuc.of(low, high), 0.0);
  }

  @Test
  void allTiedScoresGiveOneHalf() {
    EmpiricalCdf p = EmpiricalCdf.ofSamples(new double[] {0.5, 0.5, 0.5});
    EmpiricalCdf n = EmpiricalCdf.ofSamples(new double[] {0.5});
    assertEquals(0.5, RocAuc.of(p, n), 0.0);
  }

  @Test
  void singleValuesPerClass() {
    EmpiricalCdf p = EmpiricalCdf.ofSamples(new double[] {0.3});
    EmpiricalCdf n = EmpiricalCdf.ofSamples(new double[] {0.4});
    assertEquals(0.0, RocAuc.of(p, n), 0.0);
  }

  @Test
  void equalsPairCountingWithTiesOnRandomSamples() {
    Random random = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      double[] pos = new double[1 + random.nextInt(40)];
      double[] neg = new double[1 + random.nextInt(40)];
      for (int i = 0; i < pos.length; i++) {
        pos[i] = random.nextInt(12) / 10.0; // many ties
      }
      for (int i = 0; i < neg.length; i++) {
        neg[i] = random.nextInt(10) / 10.0;
      }
      double u = 0;
      for (double a : pos) {
        for (double b : neg) {
          u += a > b ? 1.0 : a == b ? 0.5 : 0.0;
        }
      }
      double expected = u / ((double) pos.length * neg.length);
      assertEquals(
          expected, RocAuc.of(EmpiricalCdf.ofSamples(pos), EmpiricalCdf.ofSamples(neg)), 1e-15);
    }
  }

  @Test
  void rejectsAnEmptyClass() {
    EmpiricalCdf empty = EmpiricalCdf.ofSamples(new double[0]);
    EmpiricalCdf one = EmpiricalCdf.ofSamples(new double[] {0.5});
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RocAuc.of(empty, one));
    assertTrue(e.getMessage().startsWith("positives: expected"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RocAuc.of(one, null));
    assertTrue(e.getMessage().startsWith("negatives: expected"), e.getMessage());
  }

  /**
   * 200,000 distinct scores per class (so KLL with k = 4096 compacts many times): the sketched AUC
   * is within docs/metrics.md's 0.005 of the exact one, and within the documented bound eps+ +
   * eps-.
   */
  @Test
  void sketchedAucIsWithinBoundOfExactWhenCompactionHappens() {
    KllRandom.seed(20240601L);
    Random random = new Random(42);
    int perClass = 200_000;
    double[] pos = new double[perClass];
    double[] neg = new double[perClass];
    ValueDistribution sketchedPos =
        ValueDistribution.create(1000, ValueDistribution.DEFAULT_SKETCH_K);
    ValueDistribution sketchedNeg =
        ValueDistribution.create(1000, ValueDistribution.DEFAULT_SKETCH_K);
    for (int i = 0; i < perClass; i++) {
      pos[i] = sigmoid(0.8 + random.nextGaussian());
      neg[i] = sigmoid(-0.8 + random.nextGaussian());
      sketchedPos.add(pos[i]);
      sketchedNeg.add(neg[i]);
    }
    assertFalse(sketchedPos.isExact());
    assertFalse(sketchedNeg.isExact());
    // Compaction happened: far fewer items retained than values added.
    assertTrue(
        sketchedPos.retainedItems() < perClass / 10, "retained " + sketchedPos.retainedItems());
    assertTrue(sketchedPos.toCdf().size() > 4096);

    double exact = RocAuc.of(EmpiricalCdf.ofSamples(pos), EmpiricalCdf.ofSamples(neg));
    double sketched = RocAuc.of(sketchedPos.toCdf(), sketchedNeg.toCdf());
    double bound = sketchedPos.rankErrorBound() + sketchedNeg.rankErrorBound();
    double error = Math.abs(sketched - exact);
    PerformanceFixtures.record("sketched roc_auc (absolute)", error);
    assertTrue(bound < SKETCHED_AUC_ABSOLUTE, "bound " + bound);
    assertTrue(error <= bound, "error " + error + " > bound " + bound);
    assertTrue(error <= SKETCHED_AUC_ABSOLUTE);
    System.out.printf(
        "sketched AUC %.6f vs exact %.6f: error %.2e, bound %.2e%n", sketched, exact, error, bound);
  }

  private static double sigmoid(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }
}
