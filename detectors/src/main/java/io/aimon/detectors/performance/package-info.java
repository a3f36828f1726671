/**
 * Model performance over a window: bounded, mergeable accumulators for binary classification and
 * regression, and the immutable metrics they produce.
 *
 * <p>{@link io.aimon.detectors.performance.BinaryClassificationAccumulator} keeps the confusion
 * counts, the log-loss and Brier sums and two bounded score distributions (for {@link
 * io.aimon.detectors.performance.RocAuc}); {@link
 * io.aimon.detectors.performance.RegressionAccumulator} keeps a Welford mean and M2 of the target
 * and sums of absolute, squared and relative errors. Neither keeps events, so their size does not
 * grow with the number of events, and both merge (partial windows, parallel partitions). {@link
 * io.aimon.detectors.performance.PerformanceCodec} owns their versioned binary layouts.
 *
 * <p>The definitions are those of {@code docs/metrics.md}, section Performance: scikit-learn
 * 1.2.1's {@code accuracy_score}, {@code precision_score}, {@code recall_score}, {@code f1_score}
 * (all with {@code zero_division=0}), {@code roc_auc_score}, {@code log_loss(labels=[0, 1])},
 * {@code brier_score_loss}, {@code mean_absolute_error}, {@code mean_squared_error}, {@code
 * mean_absolute_percentage_error} and {@code r2_score} (force_finite). The shared test vectors
 * ({@code vectors/performance.json}) check every one of them. Nothing here logs: it returns or
 * throws.
 */
package io.aimon.detectors.performance;
