package io.aimon.detectors.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.detectors.sketch.ValueDistribution;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryClassificationAccumulatorTest {
  @Test
  void emptyAccumulatorHasNoRatesButZeroDivisionZeros() {
    BinaryClassificationMetrics m = new BinaryClassificationAccumulator().result();
    assertEquals(0, m.n());
    assertNull(m.accuracy());
    assertEquals(0.0, m.precision());
    assertEquals(0.0, m.recall());
    assertEquals(0.0, m.f1());
    assertNull(m.rocAuc());
    assertNull(m.logLoss());
    assertNull(m.brier());
    assertEquals(0, m.nScored());
  }

  @Test
  void unscoredEventsCountInConfusionOnly() {
    BinaryClassificationAccumulator acc = new BinaryClassificationAccumulator(100);
    acc.add(true, true, Double.NaN);
    acc.add(false, true, Double.NaN);
    acc.add(false, false, 0.2);
    BinaryClassificationMetrics m = acc.result();
    assertEquals(3, m.n());
    assertEquals(1, m.nScored());
    assertEquals(1, m.counts().tp());
    assertEquals(1, m.counts().fp());
    assertEquals(1, m.counts().tn());
    assertNull(m.rocAuc(), "only one class is scored");
    assertEquals(0.04, m.brier(), 1e-15);
    assertEquals(-Math.log(0.8), m.logLoss(), 1e-15);
  }

  @Test
  void allUnscoredGivesNoScoreMetrics() {
    BinaryClassificationAccumulator acc = new BinaryClassificationAccumulator(100);
    acc.add(true, false, Double.NaN);
    acc.add(false, false, Double.NaN);
    BinaryClassificationMetrics m = acc.result();
    assertEquals(0.5, m.accuracy());
    assertNull(m.rocAuc());
    assertNull(m.logLoss());
    assertNull(m.brier());
  }

  @Test
  void logLossClipsCertainScoresAtEps() {
    assertEquals(36.04365338911715, BinaryClassificationAccumulator.logLoss(true, 0.0), 1e-12);
    assertEquals(36.04365338911715, BinaryClassificationAccumulator.logLoss(false, 1.0), 1e-12);
    assertEquals(2.2204460492503136e-16, BinaryClassificationAccumulator.logLoss(true, 1.0), 0.0);
  }

  @Test
  void rejectsScoresOutsideZeroOneWithoutChangingState() {
    BinaryClassificationAccumulator acc = new BinaryClassificationAccumulator(100);
    for (double bad : new double[] {-0.01, 1.01, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> acc.add(true, true, bad));
      assertTrue(e.getMessage().startsWith("score: expected a probability in [0, 1]"));
    }
    assertEquals(0, acc.n());
  }

  @Test
  void rejectsAnExactLimitOutOfRange() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new BinaryClassificationAccumulator(-1));
    assertTrue(e.getMessage().startsWith("exactLimit: expected"), e.getMessage());
  }

  @Test
  void mergeEqualsSinglePassInExactMode() {
    Random random = new Random(3);
    BinaryClassificationAccumulator single = new BinaryClassificationAccumulator(10_000);
    BinaryClassificationAccumulator a = new BinaryClassificationAccumulator(10_000);
    BinaryClassificationAccumulator b = new BinaryClassificationAccumulator(10_000);
    for (int i = 0; i < 3000; i++) {
      boolean y = random.nextDouble() < 0.3;
      double score = Math.round(random.nextDouble() * 1000) / 1000.0;
      boolean yhat = score >= 0.5;
      double s = i % 17 == 0 ? Double.NaN : score;
      single.add(y, yhat, s);
      (random.nextBoolean() ? a : b).add(y, yhat, s);
    }
    a.merge(b);
    BinaryClassificationMetrics m1 = single.result();
    BinaryClassificationMetrics m2 = a.result();
    assertEquals(m1.n(), m2.n());
    assertEquals(m1.counts().tp(), m2.counts().tp());
    assertEquals(m1.counts().fp(), m2.counts().fp());
    assertEquals(m1.counts().tn(), m2.counts().tn());
    assertEquals(m1.counts().fn(), m2.counts().fn());
    assertEquals(m1.nScored(), m2.nScored());
    assertEquals(m1.accuracy(), m2.accuracy());
    assertEquals(m1.f1(), m2.f1());
    assertEquals(m1.rocAuc(), m2.rocAuc(), "exact AUC is order independent");
    assertEquals(m1.logLoss(), m2.logLoss(), 1e-14 * m1.logLoss());
    assertEquals(m1.brier(), m2.brier(), 1e-14 * m1.brier());
  }

  @Test
  void mergingIntoItselfDoublesCounts() {
    BinaryClassificationAccumulator acc = new BinaryClassificationAccumulator(100);
    acc.add(true, true, 0.9);
    acc.add(false, true, 0.6);
    acc.add(false, false, 0.1);
    BinaryClassificationMetrics before = acc.result();
    acc.merge(acc);
    BinaryClassificationMetrics after = acc.result();
    assertEquals(2 * before.n(), after.n());
    assertEquals(2 * before.nScored(), after.nScored());
    assertEquals(before.rocAuc(), after.rocAuc());
    assertEquals(before.logLoss(), after.logLoss(), 1e-15);
  }

  /** Invariants 1, 2 and 4: counts add up, and the state stays bounded at a million events. */
  @Test
  void stateStaysBoundedAndInvariantsHold() {
    KllRandom.seed(11L);
    Random random = new Random(5);
    BinaryClassificationAccumulator acc = new BinaryClassificationAccumulator(1000);
    long bytesAt200k = 0;
    int n = 1_000_000;
    for (int i = 0; i < n; i++) {
      boolean y = random.nextBoolean();
      acc.add(y, random.nextBoolean(), i % 10 == 0 ? Double.NaN : random.nextDouble());
      if (i + 1 == 200_000) {
        bytesAt200k = acc.estimatedBytes();
      }
    }
    assertEquals(n, acc.n());
    assertEquals(acc.n(), acc.tp() + acc.fp() + acc.tn() + acc.fn());
    assertEquals(n - n / 10, acc.nScored());
    assertFalse(acc.isExact());
    int k = ValueDistribution.DEFAULT_SKETCH_K;
    // KLL retains about 3k items per class (plus a few per level), never the ~450,000 scores.
    assertTrue(acc.retainedItems() <= 2 * (3 * k + 8 * 20), "retained " + acc.retainedItems());
    // Five times the events, at most 15% more bytes (KLL's level count grows with log n only).
    assertTrue(
        acc.estimatedBytes() <= bytesAt200k * 1.15,
        acc.estimatedBytes() + " bytes vs " + bytesAt200k + " at 200k events");
    BinaryClassificationMetrics m = acc.result();
    assertTrue(m.rocAucErrorBound() > 0 && m.rocAucErrorBound() < 0.005);
    assertEquals(0.5, m.rocAuc(), 0.005, "random scores");
  }
}
