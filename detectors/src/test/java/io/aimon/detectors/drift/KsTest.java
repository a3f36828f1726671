package io.aimon.detectors.drift;

import static io.aimon.detectors.drift.DriftFixtures.KS_P_VALUE_RELATIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.detectors.common.EmpiricalCdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KsTest {
  private static EmpiricalCdf cdf(double... values) {
    return EmpiricalCdf.ofSamples(values);
  }

  @Test
  void identicalSamplesGiveZeroStatisticAndPValueOne() {
    KsResult r = Ks.test(cdf(1, 2, 3, 3), cdf(3, 2, 3, 1));
    assertEquals(new KsResult(0.0, 1.0, "exact"), r);
  }

  @Test
  void singleValuesThatDifferGiveStatisticOneAndPValueOne() {
    // scipy: ks_2samp([1.0], [2.0]) -> statistic 1.0, pvalue 1.0
    assertEquals(new KsResult(1.0, 1.0, "exact"), Ks.test(cdf(1), cdf(2)));
  }

  @Test
  void tiesAreHandledLikeScipy() {
    // scipy: ks_2samp([1,2,2,3], [2,2,2,5,6]) -> statistic 0.4, pvalue 0.7460317460317459
    KsResult r = Ks.test(cdf(1, 2, 2, 3), cdf(2, 2, 2, 5, 6));
    assertEquals(0.4, r.statistic(), 1e-15);
    DriftFixtures.assertRelative("ks ties", 0.7460317460317459, r.pValue(), KS_P_VALUE_RELATIVE);
    assertEquals("exact", r.method());
  }

  @Test
  void nanValuesAreDroppedBeforeTheTest() {
    assertEquals(
        Ks.test(cdf(1, 2, 3), cdf(2, 4)), Ks.test(cdf(1, Double.NaN, 2, 3), cdf(2, 4, Double.NaN)));
  }

  @Test
  void largeSamplesUseTheAsymptoticDistribution() {
    double[] a = new double[10001];
    double[] b = new double[50];
    for (int i = 0; i < a.length; i++) {
      a[i] = i;
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = i * 100.0;
    }
    KsResult r = Ks.test(cdf(a), cdf(b));
    assertEquals("asymp", r.method());
    assertEquals(Ks.pValueAsymp(10001, 50, Ks.statistic(cdf(a), cdf(b))), r.pValue());
  }

  @ParameterizedTest(name = "exact p(n1={0}, n2={1}, d={2}) = {3}")
  @CsvSource({
    "7, 13, 0.43956043956043955, 0.23111455108359139",
    "3, 5, 0.6, 0.4642857142857143",
    "100, 100, 0.17, 0.11119526053829192",
    "250, 40, 0.4, 1.8104502875406763e-05",
    "9999, 10000, 0.003000300030003, 0.9999999999652256",
  })
  void exactPValueMatchesScipyAttemptExact2kssamp(long n1, long n2, double d, double expected) {
    DriftFixtures.assertRelative(
        "ks exact", expected, Ks.pValueExact(n1, n2, d), KS_P_VALUE_RELATIVE);
    DriftFixtures.assertRelative(
        "ks exact", expected, Ks.pValueExact(n2, n1, d), KS_P_VALUE_RELATIVE);
  }

  @Test
  void emptySampleIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Ks.test(cdf(), cdf(1)));
    assertTrue(e.getMessage().startsWith("ref:"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Ks.test(cdf(1), cdf(Double.NaN)));
    assertTrue(e.getMessage().startsWith("win:"), e.getMessage());
  }

  @Test
  void pValueArgumentsOutsideTheirDomainAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Ks.pValueAsymp(0, 5, 0.5));
    assertThrows(IllegalArgumentException.class, () -> Ks.pValueExact(5, 5, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new KsResult(0.5, 0.5, "approx"));
  }
}
