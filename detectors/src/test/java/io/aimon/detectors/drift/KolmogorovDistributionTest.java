package io.aimon.detectors.drift;

import static io.aimon.detectors.drift.DriftFixtures.KS_P_VALUE_RELATIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link KolmogorovDistribution} and {@link Smirnov} against values printed by scipy ({@code
 * scipy.stats.kstwo.sf/cdf}, {@code scipy.special.smirnov}), one or more per branch of {@code
 * _kolmogn}.
 */
class KolmogorovDistributionTest {

  @ParameterizedTest(name = "kstwo.sf({1}, {0}) = {2} ({3})")
  @CsvSource({
    "1, 0.7, 0.6000000000000001, Ruben-Gambino t <= 1",
    "5, 0.15, 0.9988, Ruben-Gambino t <= 1 product",
    "10, 0.95, 1.9531250000000172e-13, Ruben-Gambino t >= n-1",
    "5, 0.3, 0.664, Durbin matrix n <= 140",
    "28, 0.1, 0.9159348911550165, Durbin matrix n <= 140",
    "100, 0.08, 0.5182193645480672, Durbin matrix n <= 140",
    "140, 0.07, 0.4776228287946577, Durbin matrix n <= 140",
    "8, 0.16666666666666666, 0.9536900984734011, Durbin matrix (vectors case 13)",
    "28, 0.19230769230769232, 0.2211932323285345, Pomeranz",
    "28, 0.45, 1.07784681156129e-05, 2 smirnov n <= 140",
    "100, 0.3, 1.7719869892662917e-08, 2 smirnov n <= 140",
    "100, 0.35, 1.865228719089831e-11, 2 smirnov n <= 140",
    "267, 0.75, 7.301580500752425e-156, 2 smirnov x >= 0.5",
    "333, 0.038, 0.7073682009759894, Pelz-Good",
    "3256, 0.0148, 0.4692578629244326, Pelz-Good",
    "10000, 0.01455, 0.028704211746217956, Pelz-Good (vectors case 8)",
    "150000, 0.002, 0.5852546878861703, Pelz-Good n > 100000",
    "150000, 0.004, 0.01641549696764547, 2 smirnov n > 140",
    "3256, 0.06, 1.2442912079374534e-10, 2 smirnov n > 140",
    "3256, 0.2, 1.2521085330334956e-114, 2 smirnov n > 140",
    "3256, 0.0075, 0.9924446245889608, Durbin matrix n > 140",
    "50000, 0.003, 0.7579000443487147, Pelz-Good",
    "3256, 0.34, 0.0, n x^2 >= 370",
    "500, 0.001, 1.0, x <= 0.5/n",
  })
  void survivalFunctionMatchesScipyKstwo(long n, double x, double expected, String branch) {
    DriftFixtures.assertRelative(
        "kstwo.sf " + branch, expected, KolmogorovDistribution.sf(n, x), KS_P_VALUE_RELATIVE);
  }

  @ParameterizedTest(name = "kstwo.cdf({1}, {0}) = {2}")
  @CsvSource({
    "3256, 0.005, 3.0675113959380316e-06",
    "3256, 0.0075, 0.007555375411039233",
    "28, 0.1, 0.08406510884498355",
    "200, 0.0035, 1.2673243309726838e-165",
    "500, 0.0015, 0.0",
  })
  void cdfMatchesScipyKstwoInTheLowerTail(long n, double x, double expected) {
    DriftFixtures.assertRelative(
        "kstwo.cdf", expected, KolmogorovDistribution.cdf(n, x), KS_P_VALUE_RELATIVE);
  }

  @ParameterizedTest(name = "smirnov({0}, {1}) = {2}")
  @CsvSource({
    "5, 0.7, 0.002780000000000002",
    "267, 0.75, 3.6507902503762123e-156",
    "1000, 0.05, 0.006506037390545166",
    "20, 0.02, 0.970863776549444",
  })
  void smirnovMatchesScipySpecialSmirnov(int n, double x, double expected) {
    DriftFixtures.assertRelative("smirnov", expected, Smirnov.sf(n, x), KS_P_VALUE_RELATIVE);
  }

  @Test
  void survivalFunctionIsOneAtZeroAndZeroAtOne() {
    assertEquals(1.0, KolmogorovDistribution.sf(50, 0.0));
    assertEquals(0.0, KolmogorovDistribution.sf(50, 1.0));
    assertTrue(Double.isNaN(KolmogorovDistribution.sf(50, Double.NaN)));
  }

  @Test
  void cdfAndSurvivalFunctionAddUpToOne() {
    for (double x : new double[] {0.01, 0.05, 0.1, 0.3, 0.6}) {
      double sum = KolmogorovDistribution.sf(120, x) + KolmogorovDistribution.cdf(120, x);
      assertEquals(1.0, sum, 1e-12, "x = " + x);
    }
  }

  @Test
  void sampleSizeBelowOneIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KolmogorovDistribution.sf(0, 0.5));
    assertTrue(e.getMessage().startsWith("n:"), e.getMessage());
  }
}
