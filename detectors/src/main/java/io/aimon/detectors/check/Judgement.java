package io.aimon.detectors.check;

import io.aimon.config.CheckThreshold;
import io.aimon.config.DropThreshold;
import io.aimon.config.LowerBoundThreshold;
import io.aimon.config.PValueThreshold;
import io.aimon.config.ValueThreshold;

/**
 * A status with the threshold it was judged against.
 *
 * @param status the status
 * @param threshold the threshold value that applies (critical when critical, else warning), or null
 *     when no threshold is configured; for a drop threshold, the level the value must not fall
 *     below (reference value - drop)
 */
record Judgement(CheckStatus status, Double threshold) {

  static final Judgement INSUFFICIENT = new Judgement(CheckStatus.INSUFFICIENT_DATA, null);
  static final Judgement UNJUDGED = new Judgement(CheckStatus.OK, null);

  /** Judges a value against a threshold that needs no reference value. */
  static Judgement of(CheckThreshold t, double value, double pValue, double effect) {
    return of(t, value, pValue, effect, Double.NaN);
  }

  /**
   * Judges a value against a threshold:
   *
   * <ul>
   *   <li>{@link ValueThreshold} (higher is worse): value >= critical is critical, >= warning is
   *       warning;
   *   <li>{@link LowerBoundThreshold} (lower is worse): value < critical is critical, < warning is
   *       warning;
   *   <li>{@link DropThreshold}: reference - value >= critical drop is critical, >= warning drop is
   *       warning; without a reference value the check is not judged (ok, no threshold);
   *   <li>{@link PValueThreshold}: p < p_critical (resp. p_warning) with effect >= min_statistic.
   * </ul>
   *
   * No threshold, or a value that could not be computed, gives ok with no threshold.
   */
  static Judgement of(
      CheckThreshold t, double value, double pValue, double effect, double reference) {
    if (t == null || Double.isNaN(value)) {
      return UNJUDGED;
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
    if (t instanceof LowerBoundThreshold l) {
      if (value < l.critical()) {
        return new Judgement(CheckStatus.CRITICAL, l.critical());
      }
      if (value < l.warning()) {
        return new Judgement(CheckStatus.WARNING, l.warning());
      }
      return new Judgement(CheckStatus.OK, l.warning());
    }
    if (t instanceof DropThreshold d) {
      if (Double.isNaN(reference)) {
        return UNJUDGED;
      }
      if (reference - value >= d.criticalDrop()) {
        return new Judgement(CheckStatus.CRITICAL, reference - d.criticalDrop());
      }
      if (reference - value >= d.warningDrop()) {
        return new Judgement(CheckStatus.WARNING, reference - d.warningDrop());
      }
      return new Judgement(CheckStatus.OK, reference - d.warningDrop());
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
