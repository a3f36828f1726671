package io.aimon.detectors.check;

import io.aimon.detectors.common.CapCounts;
import io.aimon.detectors.common.ConfusionCounts;
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
 * @param status the outcome; its {@link CheckStatus#code()} is what outputs carry
 * @param referenceDigest SHA-256 of the reference profile used
 * @param tp window true positives (binary performance results), or null
 * @param fp window false positives, or null
 * @param tn window true negatives, or null
 * @param fn window false negatives, or null
 * @param partial true for an early result emitted before the window's labels are final, else null
 * @param ciLower lower end of the value's Wilson 95% interval (fairness group rates), or null
 * @param ciUpper upper end of that interval, or null
 * @param reason why the status is {@code insufficient_data} when the sample size alone does not say
 *     so: an {@link InsufficientReason#code()} (e.g. {@code attribute_missing}) or another stable
 *     code; null otherwise, and always null unless the status is {@code insufficient_data}
 * @param capped events of the result's feature or attribute (of the window, for {@code count}: its
 *     model versions) that the window's bounds pooled instead of keeping their value ({@link
 *     CapCounts#capped}); null when none
 * @param truncated events whose value there was kept truncated ({@link CapCounts#truncated}); null
 *     when none
 * @param version the model version whose events alone the result evaluates (a per-version result,
 *     or a champion/challenger comparison of that version); null for a result of the model's whole
 *     window, all versions together
 * @param samplingError the sampling-error band of a performance value (an estimated metric, or a
 *     realized one reported next to its estimate): the standard deviation of the realized metric
 *     over reference chunks of the window's size; null when none
 * @param estimate the value estimated without labels over the same labelled predictions, next to a
 *     realized performance value (its estimation error is {@code value - estimate}); null when none
 * @param changedAt for a {@code change_point} result that flags a change, the event time the
 *     detector places it at, epoch ms; null otherwise
 * @param detectedAt the event time of the value that made the detector flag it, epoch ms; null
 *     otherwise
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
    CheckStatus status,
    String referenceDigest,
    Long tp,
    Long fp,
    Long tn,
    Long fn,
    Boolean partial,
    Double ciLower,
    Double ciUpper,
    String reason,
    Long capped,
    Long truncated,
    String version,
    Double samplingError,
    Double estimate,
    Long changedAt,
    Long detectedAt) {

  public CheckResult {
    Objects.requireNonNull(checkId, "checkId");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(status, "status");
    if (reason != null && (reason.isEmpty() || status != CheckStatus.INSUFFICIENT_DATA)) {
      throw new IllegalArgumentException(
          "reason: expected a code with status insufficient_data only, found '"
              + reason
              + "' with status "
              + status.code());
    }
    if (value != null && !Double.isFinite(value)) {
      value = null;
    }
    if (pValue != null && !Double.isFinite(pValue)) {
      pValue = null;
    }
    if (samplingError != null && !Double.isFinite(samplingError)) {
      samplingError = null;
    }
    if (estimate != null && !Double.isFinite(estimate)) {
      estimate = null;
    }
  }

  /** A result without sampling error or estimate (the fields before they existed). */
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
      CheckStatus status,
      String referenceDigest,
      Long tp,
      Long fp,
      Long tn,
      Long fn,
      Boolean partial,
      Double ciLower,
      Double ciUpper,
      String reason,
      Long capped,
      Long truncated,
      String version) {
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
        tp,
        fp,
        tn,
        fn,
        partial,
        ciLower,
        ciUpper,
        reason,
        capped,
        truncated,
        version,
        null,
        null,
        null,
        null);
  }

  /** The estimation error {@code value - estimate}, or null without both. */
  public Double estimationError() {
    return value == null || estimate == null ? null : value - estimate;
  }

  /**
   * This result as one of {@code version}'s events alone, under {@code metric}: its {@code version}
   * and {@code modelVersion} set to it, its id recomputed ({@link CheckIds}, which tells it from
   * the whole window's).
   */
  public CheckResult ofVersion(String version, String metric) {
    Objects.requireNonNull(version, "version");
    return with(
        CheckIds.of(modelId, windowStart, metric, feature, attribute, group, version),
        version,
        metric,
        status,
        reason,
        version);
  }

  /** This result with another status (a reason only stays with {@code insufficient_data}). */
  public CheckResult withStatus(CheckStatus s) {
    return with(
        checkId,
        modelVersion,
        metric,
        s,
        s == CheckStatus.INSUFFICIENT_DATA ? reason : null,
        version);
  }

  private CheckResult with(
      String id, String modelVersion, String metric, CheckStatus s, String reason, String version) {
    return new CheckResult(
        id,
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
        s,
        referenceDigest,
        tp,
        fp,
        tn,
        fn,
        partial,
        ciLower,
        ciUpper,
        reason,
        capped,
        truncated,
        version,
        samplingError,
        estimate,
        changedAt,
        detectedAt);
  }

  /** The confusion counts, or null when the result carries none. */
  public ConfusionCounts counts() {
    return tp == null ? null : new ConfusionCounts(tp, fp, tn, fn);
  }

  /**
   * A builder of a result; {@code checkId}, {@code modelId}, the window, {@code metric} and {@code
   * status} are required, every other field defaults to null ({@code n} to 0).
   *
   * <pre>{@code
   * CheckResult r = CheckResult.builder().checkId(id).modelId("credit-risk")
   *     .window(start, end).metric("psi").feature("income").value(0.31).n(996)
   *     .threshold(0.25).status(CheckStatus.CRITICAL).build();
   * }</pre>
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CheckResult}; setters return the builder. */
  public static final class Builder {
    private String checkId;
    private String modelId;
    private String modelVersion;
    private long windowStart;
    private long windowEnd;
    private String metric;
    private String feature;
    private String attribute;
    private String group;
    private Double value;
    private Double pValue;
    private long n;
    private Long nReference;
    private Double threshold;
    private CheckStatus status;
    private String referenceDigest;
    private Long tp;
    private Long fp;
    private Long tn;
    private Long fn;
    private Boolean partial;
    private Double ciLower;
    private Double ciUpper;
    private String reason;
    private Long capped;
    private Long truncated;
    private String version;
    private Double samplingError;
    private Double estimate;
    private Long changedAt;
    private Long detectedAt;

    private Builder() {}

    /** Required: the stable id of the check of this window. */
    public Builder checkId(String id) {
      this.checkId = id;
      return this;
    }

    /** Required: the model. */
    public Builder modelId(String id) {
      this.modelId = id;
      return this;
    }

    /** The model version seen in the window. Default null. */
    public Builder modelVersion(String version) {
      this.modelVersion = version;
      return this;
    }

    /** Required: the window [start, end), epoch ms UTC. */
    public Builder window(long start, long end) {
      this.windowStart = start;
      this.windowEnd = end;
      return this;
    }

    /** Required: the metric id. */
    public Builder metric(String id) {
      this.metric = id;
      return this;
    }

    /** The feature. Default null (a model-level metric). */
    public Builder feature(String name) {
      this.feature = name;
      return this;
    }

    /** The fairness attribute and group (group null for gaps). Default null. */
    public Builder group(String attributeName, String groupName) {
      this.attribute = attributeName;
      this.group = groupName;
      return this;
    }

    /** The value. Default null (not computed). */
    public Builder value(Double v) {
      this.value = v;
      return this;
    }

    /** The test's p-value. Default null. */
    public Builder pValue(Double p) {
      this.pValue = p;
      return this;
    }

    /** The window sample size. Default 0. */
    public Builder n(long size) {
      this.n = size;
      return this;
    }

    /** The reference sample size. Default null. */
    public Builder nReference(Long size) {
      this.nReference = size;
      return this;
    }

    /** The threshold judged against. Default null (none configured). */
    public Builder threshold(Double t) {
      this.threshold = t;
      return this;
    }

    /** Required: the outcome. */
    public Builder status(CheckStatus s) {
      this.status = s;
      return this;
    }

    /** The reference profile's SHA-256. Default null. */
    public Builder referenceDigest(String digest) {
      this.referenceDigest = digest;
      return this;
    }

    /** The window's confusion counts (binary performance). Default none. */
    public Builder counts(ConfusionCounts c) {
      this.tp = c.tp();
      this.fp = c.fp();
      this.tn = c.tn();
      this.fn = c.fn();
      return this;
    }

    /** Marks the result as early, before the window's labels are final. Default final. */
    public Builder partial(boolean early) {
      this.partial = early ? Boolean.TRUE : null;
      return this;
    }

    /** The value's Wilson 95% interval. Default none. */
    public Builder interval(double lower, double upper) {
      this.ciLower = lower;
      this.ciUpper = upper;
      return this;
    }

    /**
     * Why the result is {@code insufficient_data} beyond its sample size; only with that status.
     * Default null (none).
     */
    public Builder reason(InsufficientReason why) {
      this.reason = why == null ? null : why.code();
      return this;
    }

    /** What the window's bounds capped of the subject; zero counts stay null. Default none. */
    public Builder caps(CapCounts c) {
      this.capped = c.capped() == 0 ? null : c.capped();
      this.truncated = c.truncated() == 0 ? null : c.truncated();
      return this;
    }

    /** The one model version the result evaluates alone. Default null (the whole window). */
    public Builder version(String v) {
      this.version = v;
      return this;
    }

    /** The value's sampling-error band. Default null (none). */
    public Builder samplingError(Double band) {
      this.samplingError = band;
      return this;
    }

    /** The value estimated without labels, next to a realized one. Default null (none). */
    public Builder estimate(Double e) {
      this.estimate = e;
      return this;
    }

    /** Where a flagged change lies and when it was flagged, epoch ms. Default none. */
    public Builder change(long changed, long detected) {
      this.changedAt = changed;
      this.detectedAt = detected;
      return this;
    }

    /**
     * The result.
     *
     * @throws NullPointerException naming a required field that is not set
     * @throws IllegalArgumentException when a reason is set on a status other than {@code
     *     insufficient_data}
     */
    public CheckResult build() {
      return new CheckResult(
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
          tp,
          fp,
          tn,
          fn,
          partial,
          ciLower,
          ciUpper,
          reason,
          capped,
          truncated,
          version,
          samplingError,
          estimate,
          changedAt,
          detectedAt);
    }
  }
}
