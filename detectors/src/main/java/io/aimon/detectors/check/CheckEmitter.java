package io.aimon.detectors.check;

import io.aimon.detectors.model.ModelSpec;
import java.util.List;

/**
 * Emits the check results of one subject (a feature, the model, a fairness group) of one window,
 * with their common fields. Immutable: the {@code for…}/{@code with…} methods return copies.
 */
final class CheckEmitter {
  private final ModelSpec spec;
  private final String digest;
  private final String modelVersion;
  private final long windowStart;
  private final long windowEnd;
  private final List<CheckResult> out;
  private final String feature;
  private final String attribute;
  private final String group;
  private final long n;
  private final Long nReference;
  private final int minSamples;
  private final long[] counts;
  private final Boolean partial;

  private CheckEmitter(
      ModelSpec spec,
      String digest,
      String modelVersion,
      long windowStart,
      long windowEnd,
      List<CheckResult> out,
      String feature,
      String attribute,
      String group,
      long n,
      Long nReference,
      int minSamples,
      long[] counts,
      Boolean partial) {
    this.spec = spec;
    this.digest = digest;
    this.modelVersion = modelVersion;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.out = out;
    this.feature = feature;
    this.attribute = attribute;
    this.group = group;
    this.n = n;
    this.nReference = nReference;
    this.minSamples = minSamples;
    this.counts = counts;
    this.partial = partial;
  }

  /** An emitter for model-level checks of the window [start, end), appending to out. */
  static CheckEmitter forWindow(
      ModelSpec spec,
      String digest,
      String modelVersion,
      long windowStart,
      long windowEnd,
      List<CheckResult> out) {
    return new CheckEmitter(
        spec,
        digest,
        modelVersion,
        windowStart,
        windowEnd,
        out,
        null,
        null,
        null,
        0,
        null,
        spec.minSamples(),
        null,
        null);
  }

  /** Checks of a feature (or the model when null) resting on n values. */
  CheckEmitter feature(String name, long sampleSize, Long referenceSize) {
    return new CheckEmitter(
        spec,
        digest,
        modelVersion,
        windowStart,
        windowEnd,
        out,
        name,
        null,
        null,
        sampleSize,
        referenceSize,
        minSamples,
        counts,
        partial);
  }

  /** Checks of a fairness attribute (group null for gaps) resting on n events. */
  CheckEmitter group(String attributeName, String groupName, long sampleSize) {
    return new CheckEmitter(
        spec,
        digest,
        modelVersion,
        windowStart,
        windowEnd,
        out,
        null,
        attributeName,
        groupName,
        sampleSize,
        null,
        minSamples,
        counts,
        partial);
  }

  /** The same emitter judging sample sizes against another floor (e.g. min_group_size). */
  CheckEmitter withMinSamples(int floor) {
    return new CheckEmitter(
        spec,
        digest,
        modelVersion,
        windowStart,
        windowEnd,
        out,
        feature,
        attribute,
        group,
        n,
        nReference,
        floor,
        counts,
        partial);
  }

  /** The same emitter adding the window's confusion counts to every result. */
  CheckEmitter withCounts(long tp, long fp, long tn, long fn) {
    return new CheckEmitter(
        spec,
        digest,
        modelVersion,
        windowStart,
        windowEnd,
        out,
        feature,
        attribute,
        group,
        n,
        nReference,
        minSamples,
        new long[] {tp, fp, tn, fn},
        partial);
  }

  /** The same emitter marking results as partial (early, before the labels are final). */
  CheckEmitter withPartial(boolean isPartial) {
    return new CheckEmitter(
        spec,
        digest,
        modelVersion,
        windowStart,
        windowEnd,
        out,
        feature,
        attribute,
        group,
        n,
        nReference,
        minSamples,
        counts,
        isPartial ? Boolean.TRUE : null);
  }

  /** A metric judged by its threshold (no reference value needed). */
  void value(String metric, double value) {
    value(metric, value, Double.NaN);
  }

  /** A metric judged by its threshold; drop thresholds compare with the reference value. */
  void value(String metric, double value, double reference) {
    add(metric, value, null, judge(metric, value, Double.NaN, Double.NaN, reference));
  }

  /** A value that is reported but never judged (e.g. a group's count). */
  void report(String metric, Double value) {
    add(metric, value, null, n < minSamples ? Judgement.INSUFFICIENT : Judgement.UNJUDGED);
  }

  /** A statistical test judged by its p-value and an effect-size floor. */
  void test(String metric, double statistic, double pValue, double effect) {
    add(metric, statistic, pValue, judge(metric, statistic, pValue, effect, Double.NaN));
  }

  /** Metrics that cannot be computed because the window has no value of the subject. */
  void noData(List<String> metrics) {
    for (String m : metrics) {
      out.add(result(m, null, null, 0, Judgement.INSUFFICIENT, null));
    }
  }

  void add(String metric, Double value, Double p, Judgement j) {
    out.add(result(metric, value, p, n, j, null));
  }

  /** A rate that is reported with its 95% interval but never judged. */
  void rate(String metric, Double value, double[] interval) {
    out.add(
        result(
            metric,
            value,
            null,
            n,
            n < minSamples ? Judgement.INSUFFICIENT : Judgement.UNJUDGED,
            interval));
  }

  private Judgement judge(String metric, double value, double p, double effect, double reference) {
    if (n < minSamples) {
      return Judgement.INSUFFICIENT;
    }
    return Judgement.of(spec.threshold(metric, feature), value, p, effect, reference);
  }

  private CheckResult result(
      String metric, Double value, Double p, long sampleSize, Judgement j, double[] interval) {
    return new CheckResult(
        CheckIds.of(spec.id(), windowStart, metric, feature, attribute, group),
        spec.id(),
        modelVersion,
        windowStart,
        windowEnd,
        metric,
        feature,
        attribute,
        group,
        value,
        p,
        sampleSize,
        nReference,
        j.threshold(),
        j.status(),
        digest,
        counts == null ? null : counts[0],
        counts == null ? null : counts[1],
        counts == null ? null : counts[2],
        counts == null ? null : counts[3],
        partial,
        interval == null ? null : interval[0],
        interval == null ? null : interval[1]);
  }
}
