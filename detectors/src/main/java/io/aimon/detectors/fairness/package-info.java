/**
 * Group fairness over a window: per sensitive attribute, per group counts, rates with Wilson
 * intervals, and the parity gaps across groups.
 *
 * <p>{@link io.aimon.detectors.fairness.FairnessAccumulator} counts events per attribute and group
 * (and per intersection of attributes) in {@link io.aimon.detectors.fairness.GroupCounts}, with a
 * bounded number of groups; {@link io.aimon.detectors.fairness.FairnessCalculator} turns one
 * attribute's counts into a {@link io.aimon.detectors.fairness.FairnessResult}: per group {@link
 * io.aimon.detectors.fairness.GroupRates} (selection rate, TPR, FPR, precision, each with a {@link
 * io.aimon.detectors.fairness.Wilson} 95% interval) and the demographic parity, equal opportunity
 * and equalized odds gaps.
 *
 * <p>The definitions are those of {@code docs/metrics.md}, section Fairness, computed as the pandas
 * formulas of the shared vectors ({@code vectors/fairness.json}), which match Fairlearn v0.12.0
 * wherever every group's rate is defined. Where a rate is undefined (TPR without positives, FPR
 * without negatives) the group is left out of that gap and named, where Fairlearn would count the
 * rate as 0. Nothing here logs: it returns or throws.
 */
package io.aimon.detectors.fairness;
