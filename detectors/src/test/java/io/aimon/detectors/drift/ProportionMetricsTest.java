package io.aimon.detectors.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Psi}, {@link JensenShannon} and {@link Hellinger} on small inputs. */
class ProportionMetricsTest {
  private static final double[] P = {0.2, 0.3, 0.5};
  private static final double[] Q = {0.5, 0.3, 0.2};

  @Test
  void psiIsZeroForIdenticalBins() {
    assertEquals(0.0, Psi.of(P, P));
  }

  @Test
  void psiMatchesNumpyFormula() {
    // numpy: sum((q-p)*log(q/p)) = 0.549774439124493
    assertEquals(0.549774439124493, Psi.of(P, Q), 1e-15);
  }

  @Test
  void psiReplacesZeroProportionsByEpsilon() {
    // (1e-4 - 1) ln(1e-4) + (1 - 1e-4) ln(1e4) = 2 (1 - 1e-4) ln(1e4)
    assertEquals(18.41883867587797, Psi.of(new double[] {1, 0}, new double[] {0, 1}), 1e-13);
  }

  @Test
  void jensenShannonIsZeroForIdenticalAndOneForDisjointBins() {
    assertEquals(0.0, JensenShannon.of(P, P));
    assertEquals(1.0, JensenShannon.of(new double[] {1, 0}, new double[] {0, 1}), 1e-15);
  }

  @Test
  void jensenShannonNormalisesLikeScipy() {
    // scipy: jensenshannon([2, 0], [0, 2], base=2) = 1.0; jensenshannon(P, Q, base=2) =
    // 0.3095409536771482
    assertEquals(1.0, JensenShannon.of(new double[] {2, 0}, new double[] {0, 2}), 1e-15);
    assertEquals(0.3095409536771482, JensenShannon.of(P, Q), 1e-15);
  }

  @Test
  void jensenShannonRejectsAllZeroInput() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> JensenShannon.of(new double[] {0, 0, 0}, P));
    assertTrue(e.getMessage().startsWith("p:"), e.getMessage());
  }

  @Test
  void hellingerIsZeroForIdenticalAndOneForDisjointBins() {
    assertEquals(0.0, Hellinger.of(P, P), 1e-7);
    assertEquals(1.0, Hellinger.of(new double[] {1, 0}, new double[] {0, 1}));
    // numpy: sqrt(1 - sum(sqrt(p*q))) = 0.2598931856865897
    assertEquals(0.2598931856865897, Hellinger.of(P, Q), 1e-15);
  }

  @Test
  void mismatchedLengthsAndNegativeProportionsAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Psi.of(P, new double[] {1}));
    assertTrue(e.getMessage().startsWith("q:"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Hellinger.of(new double[] {-0.1, 1.1}, new double[] {0.5, 0.5}));
    assertTrue(e.getMessage().startsWith("p[0]"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> JensenShannon.of(P, new double[] {Double.NaN, 0.5, 0.5}));
  }
}
