package io.aimon.detectors.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aimon.config.DropThreshold;
import io.aimon.config.LowerBoundThreshold;
import io.aimon.config.PValueThreshold;
import io.aimon.config.ValueThreshold;
import org.junit.jupiter.api.Test;

class JudgementTest {
  private static final ValueThreshold PSI = new ValueThreshold(0.1, 0.25);
  private static final PValueThreshold KS = new PValueThreshold(0.05, 0.01, 0.1);

  private static Judgement j(CheckStatus status, Double threshold) {
    return new Judgement(status, threshold);
  }

  @Test
  void valueExactlyAtWarningIsWarning() {
    assertEquals(j(CheckStatus.WARNING, 0.1), Judgement.of(PSI, 0.1, Double.NaN, Double.NaN));
  }

  @Test
  void valueJustBelowWarningIsOkWithTheWarningThreshold() {
    assertEquals(
        j(CheckStatus.OK, 0.1), Judgement.of(PSI, Math.nextDown(0.1), Double.NaN, Double.NaN));
  }

  @Test
  void valueExactlyAtCriticalIsCritical() {
    assertEquals(j(CheckStatus.CRITICAL, 0.25), Judgement.of(PSI, 0.25, Double.NaN, Double.NaN));
    assertEquals(
        j(CheckStatus.WARNING, 0.1),
        Judgement.of(PSI, Math.nextDown(0.25), Double.NaN, Double.NaN));
  }

  @Test
  void noThresholdOrNanValueIsOkWithoutThreshold() {
    assertEquals(j(CheckStatus.OK, null), Judgement.of(null, 99, 0, 1));
    assertEquals(j(CheckStatus.OK, null), Judgement.of(PSI, Double.NaN, Double.NaN, Double.NaN));
  }

  @Test
  void pValueBelowPWarningWithEffectAtMinStatisticIsWarning() {
    assertEquals(j(CheckStatus.WARNING, 0.05), Judgement.of(KS, 0.1, Math.nextDown(0.05), 0.1));
  }

  @Test
  void pValueExactlyAtPWarningIsOk() {
    assertEquals(j(CheckStatus.OK, 0.05), Judgement.of(KS, 0.5, 0.05, 0.5));
  }

  @Test
  void pValueExactlyAtPCriticalIsWarningAndBelowItCritical() {
    assertEquals(j(CheckStatus.WARNING, 0.05), Judgement.of(KS, 0.5, 0.01, 0.5));
    assertEquals(j(CheckStatus.CRITICAL, 0.01), Judgement.of(KS, 0.5, Math.nextDown(0.01), 0.5));
  }

  @Test
  void tinyPValueWithEffectBelowMinStatisticIsOk() {
    assertEquals(j(CheckStatus.OK, 0.05), Judgement.of(KS, 0.05, 1e-30, Math.nextDown(0.1)));
  }

  @Test
  void lowerBoundBreachesBelowWarningAndCritical() {
    LowerBoundThreshold dpr = new LowerBoundThreshold(0.9, 0.8);
    assertEquals(j(CheckStatus.OK, 0.9), Judgement.of(dpr, 0.9, Double.NaN, Double.NaN));
    assertEquals(
        j(CheckStatus.WARNING, 0.9), Judgement.of(dpr, Math.nextDown(0.9), Double.NaN, Double.NaN));
    assertEquals(j(CheckStatus.CRITICAL, 0.8), Judgement.of(dpr, 0.5, Double.NaN, Double.NaN));
  }

  @Test
  void dropIsMeasuredFromTheReferenceAndReportsTheLevelNotToFallBelow() {
    DropThreshold accuracy = new DropThreshold(0.05, 0.10);
    assertEquals(
        j(CheckStatus.OK, 0.85 - 0.05), Judgement.of(accuracy, 0.84, Double.NaN, Double.NaN, 0.85));
    assertEquals(
        j(CheckStatus.WARNING, 0.85 - 0.05),
        Judgement.of(accuracy, 0.78, Double.NaN, Double.NaN, 0.85));
    assertEquals(
        j(CheckStatus.CRITICAL, 0.85 - 0.10),
        Judgement.of(accuracy, 0.70, Double.NaN, Double.NaN, 0.85));
  }

  @Test
  void dropWithoutAReferenceValueIsNotJudged() {
    assertEquals(
        j(CheckStatus.OK, null),
        Judgement.of(new DropThreshold(0.05, 0.1), 0.1, Double.NaN, Double.NaN, Double.NaN));
  }
}
