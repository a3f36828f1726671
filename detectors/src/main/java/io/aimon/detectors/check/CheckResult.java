package io.aimon.detectors.check;

import java.util.Objects;

/**
 * One evaluated check of one window (contract 4): a metric of a model, optionally of a feature or a
 * fairness group, with its value, sample size, threshold and status.
 *
 * @param checkId stable id of this check of this window: the same model, window, metric, feature,
 *     attribute and group always give the same id (hex SHA-256 prefix)
 * @param modelId the model
 * @param modelVersion the version seen in the window, or null
 * @param windowStart inclusive window start, epoch ms UTC
 * @param windowEnd exclusive window end, epoch ms UTC
 * @param metric a metric id of docs/metrics.md, e.g. {@code psi}
 * @param feature the feature (or {@code score}/{@code label}), or null for model-level metrics
 * @param attribute the fairness attribute, or null
 * @param group the fairness group, or null
 * @param value the metric value, or null when it cannot be computed (no data)
 * @param pValue the test's p-value, or null
 * @param n the window sample size the value rests on
 * @param nReference the reference sample size, or null
 * @param threshold the threshold the status was judged against, or null when none is configured
 * @param status one of {@link CheckStatus#code()}
 * @param referenceDigest SHA-256 of the reference profile used
 * @param tp window true positives (binary performance results), or null
 * @param fp window false positives, or null
 * @param tn window true negatives, or null
 * @param fn window false negatives, or null
 * @param partial true for an early result emitted before the window's labels are final, else null
 * @param ciLower lower end of the value's Wilson 95% interval (fairness group rates), or null
 * @param ciUpper upper end of that interval, or null
 */
public record CheckResult(
    String checkId,
    String modelId,
    String modelVersion,
    long windowStart,
    long windowEnd,
    String metric,
    String feature,
    String attribute,
    String group,
    Double value,
    Double pValue,
    long n,
    Long nReference,
    Double threshold,
    String status,
    String referenceDigest,
    Long tp,
    Long fp,
    Long tn,
    Long fn,
    Boolean partial,
    Double ciLower,
    Double ciUpper) {

  public CheckResult {
    Objects.requireNonNull(checkId, "checkId");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(status, "status");
    if (value != null && !Double.isFinite(value)) {
      value = null;
    }
    if (pValue != null && !Double.isFinite(pValue)) {
      pValue = null;
    }
  }

  /** A result without confusion counts, final (not partial). */
  public CheckResult(
      String checkId,
      String modelId,
      String modelVersion,
      long windowStart,
      long windowEnd,
      String metric,
      String feature,
      String attribute,
      String group,
      Double value,
      Double pValue,
      long n,
      Long nReference,
      Double threshold,
      String status,
      String referenceDigest) {
    this(
        checkId,
        modelId,
        modelVersion,
        windowStart,
        windowEnd,
        metric,
        feature,
        attribute,
        group,
        value,
        pValue,
        n,
        nReference,
        threshold,
        status,
        referenceDigest,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
