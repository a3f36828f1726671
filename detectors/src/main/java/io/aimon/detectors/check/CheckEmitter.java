package io.aimon.detectors.check;

import io.aimon.config.CheckThreshold;
import io.aimon.detectors.common.CapCounts;
import io.aimon.detectors.common.ConfusionCounts;
import io.aimon.detectors.model.ModelSpec;
import java.util.List;

/**
 * Emits the check results of one subject (a feature, the model, a fairness group) of one window,
 * with their common fields. Immutable: the {@code for…}/{@code with…} methods return copies.
 */
final class CheckEmitter {
  /** What every result of the window shares, and where results go. */
  private record Window(
      ModelSpec spec,
      String digest,
      String modelVersion,
      long start,
      long end,
      List<CheckResult> out) {}

  private final Window window;
  private final Subject subject;
  private final long n;
  private final Long nReference;
  private final int minSamples;
  private final ConfusionCounts counts;
  private final boolean partial;
  private final CapCounts caps;
  private final InsufficientReason insufficientBecause;

  private CheckEmitter(
      Window window,
      Subject subject,
      long n,
      Long nReference,
      int minSamples,
      ConfusionCounts counts,
      boolean partial,
      CapCounts caps,
      InsufficientReason insufficientBecause) {
    this.window = window;
    this.subject = subject;
    this.n = n;
    this.nReference = nReference;
    this.minSamples = minSamples;
    this.counts = counts;
    this.partial = partial;
    this.caps = caps;
    this.insufficientBecause = insufficientBecause;
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
        new Window(spec, digest, modelVersion, windowStart, windowEnd, out),
        Subject.MODEL,
        0,
        null,
        spec.minSamples(),
        null,
        false,
        CapCounts.NONE,
        null);
  }

  /** Checks of a feature (or the model when null) resting on n values; no caps, no reason. */
  CheckEmitter feature(String name, long sampleSize, Long referenceSize) {
    return new CheckEmitter(
        window,
        Subject.feature(name),
        sampleSize,
        referenceSize,
        minSamples,
        counts,
        partial,
        CapCounts.NONE,
        null);
  }

  /** Checks of a fairness attribute (group null for gaps) resting on n events; no caps. */
  CheckEmitter group(String attributeName, String groupName, long sampleSize) {
    return new CheckEmitter(
        window,
        Subject.group(attributeName, groupName),
        sampleSize,
        null,
        minSamples,
        counts,
        partial,
        CapCounts.NONE,
        null);
  }

  /** The same emitter judging sample sizes against another floor (e.g. min_group_size). */
  CheckEmitter withMinSamples(int floor) {
    return new CheckEmitter(
        window, subject, n, nReference, floor, counts, partial, caps, insufficientBecause);
  }

  /** The same emitter adding the window's confusion counts to every result. */
  CheckEmitter withCounts(ConfusionCounts confusion) {
    return new CheckEmitter(
        window, subject, n, nReference, minSamples, confusion, partial, caps, insufficientBecause);
  }

  /** The same emitter marking results as partial (early, before the labels are final). */
  CheckEmitter withPartial(boolean isPartial) {
    return new CheckEmitter(
        window, subject, n, nReference, minSamples, counts, isPartial, caps, insufficientBecause);
  }

  /** The same emitter adding what the window's bounds capped of the subject to every result. */
  CheckEmitter withCaps(CapCounts c) {
    return new CheckEmitter(
        window, subject, n, nReference, minSamples, counts, partial, c, insufficientBecause);
  }

  /**
   * The same emitter making every result {@code insufficient_data} with {@code reason} (values are
   * still reported), or judging as usual when {@code reason} is null.
   */
  CheckEmitter insufficientBecause(InsufficientReason reason) {
    return new CheckEmitter(
        window, subject, n, nReference, minSamples, counts, partial, caps, reason);
  }

  /** A metric judged by its threshold (no reference value needed). */
  void value(String metric, double value) {
    value(metric, value, Double.NaN);
  }

  /** A metric judged by its threshold; drop thresholds compare with the reference value. */
  void value(String metric, double value, double reference) {
    add(metric, value, null, judge(metric, value, Double.NaN, Double.NaN, reference));
  }

  /**
   * A metric judged by a threshold of its own instead of the model's for {@code metric} (a finish
   * reason's rate), unjudged when {@code t} is null.
   */
  void value(String metric, double value, CheckThreshold t) {
    add(metric, value, null, judge(t, value, Double.NaN, Double.NaN, Double.NaN));
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
      window.out().add(result(m, null, null, 0, Judgement.INSUFFICIENT, null, null, null, null));
    }
  }

  void add(String metric, Double value, Double p, Judgement j) {
    window.out().add(result(metric, value, p, n, j, null, null, null, null));
  }

  /**
   * A metric that is {@code insufficient_data} for {@code why}, whatever its value and sample size;
   * the value (when computed) is still reported.
   */
  void insufficient(String metric, Double value, InsufficientReason why) {
    window.out().add(result(metric, value, null, n, Judgement.INSUFFICIENT, null, why, null, null));
  }

  /** A rate that is reported with its 95% interval but never judged. */
  void rate(String metric, Double value, double[] interval) {
    window
        .out()
        .add(
            result(
                metric,
                value,
                null,
                n,
                n < minSamples ? Judgement.INSUFFICIENT : Judgement.UNJUDGED,
                interval,
                null,
                null,
                null));
  }

  /**
   * A value judged by how many bands it lies from {@code center}, either side: the threshold's
   * levels are in bands, the threshold reported is the level's value above the center ({@code
   * center + k band}); the band goes out as the result's sampling error. Without a band (or a
   * value) it is reported unjudged.
   */
  void deviation(String metric, double value, double center, Double band) {
    Judgement j;
    if (n < minSamples) {
      j = Judgement.INSUFFICIENT;
    } else if (band == null || !(band > 0) || Double.isNaN(value) || Double.isNaN(center)) {
      j = Judgement.UNJUDGED;
    } else {
      Judgement k =
          Judgement.of(
              window.spec().threshold(metric, subject.feature()),
              Math.abs(value - center) / band,
              Double.NaN,
              Double.NaN);
      j = k.threshold() == null ? k : new Judgement(k.status(), center + k.threshold() * band);
    }
    window.out().add(result(metric, value, null, n, j, null, null, band, null));
  }

  /**
   * A performance value judged by its threshold (drops against {@code reference}), carrying its
   * sampling-error band and, next to a realized value, the value estimated without labels; a null
   * value is reported uncomputed ({@code insufficient_data}).
   */
  void performance(String metric, Double value, double reference, Double band, Double estimate) {
    Judgement j =
        value == null
            ? Judgement.INSUFFICIENT
            : judge(metric, value, Double.NaN, Double.NaN, reference);
    window.out().add(result(metric, value, null, n, j, null, null, band, estimate));
  }

  private Judgement judge(String metric, double value, double p, double effect, double reference) {
    return judge(window.spec().threshold(metric, subject.feature()), value, p, effect, reference);
  }

  /** {@code insufficient_data} below the sample floor, else the value against {@code t}. */
  private Judgement judge(
      CheckThreshold t, double value, double p, double effect, double reference) {
    return n < minSamples ? Judgement.INSUFFICIENT : Judgement.of(t, value, p, effect, reference);
  }

  private CheckResult result(
      String metric,
      Double value,
      Double p,
      long sampleSize,
      Judgement j,
      double[] interval,
      InsufficientReason why,
      Double band,
      Double estimate) {
    if (insufficientBecause != null) {
      j = Judgement.INSUFFICIENT;
      why = insufficientBecause;
    }
    CheckResult.Builder b =
        CheckResult.builder()
            .checkId(
                CheckIds.of(
                    window.spec().id(),
                    window.start(),
                    metric,
                    subject.feature(),
                    subject.attribute(),
                    subject.group()))
            .modelId(window.spec().id())
            .modelVersion(window.modelVersion())
            .window(window.start(), window.end())
            .metric(metric)
            .feature(subject.feature())
            .group(subject.attribute(), subject.group())
            .value(value)
            .pValue(p)
            .n(sampleSize)
            .nReference(nReference)
            .threshold(j.threshold())
            .status(j.status())
            .referenceDigest(window.digest())
            .partial(partial)
            .reason(why)
            .caps(caps)
            .samplingError(band)
            .estimate(estimate);
    if (counts != null) {
      b.counts(counts);
    }
    if (interval != null) {
      b.interval(interval[0], interval[1]);
    }
    return b.build();
  }
}
