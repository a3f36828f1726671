package io.aimon.detectors.check;

import io.aimon.config.CheckThreshold;
import io.aimon.config.PValueThreshold;
import io.aimon.config.ValueThreshold;

/**
 * A status with the threshold it was judged against.
 *
 * @param status the status
 * @param threshold the threshold value that applies (critical when critical, else warning), or null
 *     when no threshold is configured
 */
record Judgement(CheckStatus status, Double threshold) {

  static final Judgement INSUFFICIENT = new Judgement(CheckStatus.INSUFFICIENT_DATA, null);

  /**
   * Judges a value against a threshold: for {@link ValueThreshold} value >= critical is critical,
   * value >= warning is warning; for {@link PValueThreshold} p < p_critical (resp. p_warning) with
   * effect >= min_statistic. No threshold gives ok.
   */
  static Judgement of(CheckThreshold t, double value, double pValue, double effect) {
    if (t == null || Double.isNaN(value)) {
      return new Judgement(CheckStatus.OK, null);
    }
    if (t instanceof ValueThreshold v) {
      if (value >= v.critical()) {
        return new Judgement(CheckStatus.CRITICAL, v.critical());
      }
      if (value >= v.warning()) {
        return new Judgement(CheckStatus.WARNING, v.warning());
      }
      return new Judgement(CheckStatus.OK, v.warning());
    }
    PValueThreshold p = (PValueThreshold) t;
    boolean effective = effect >= p.minStatistic();
    if (effective && pValue < p.pCritical()) {
      return new Judgement(CheckStatus.CRITICAL, p.pCritical());
    }
    if (effective && pValue < p.pWarning()) {
      return new Judgement(CheckStatus.WARNING, p.pWarning());
    }
    return new Judgement(CheckStatus.OK, p.pWarning());
  }
}
