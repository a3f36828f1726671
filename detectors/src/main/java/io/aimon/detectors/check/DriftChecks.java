package io.aimon.detectors.check;

import io.aimon.config.MetricIds;
import io.aimon.detectors.drift.CategoricalDrift;
import io.aimon.detectors.drift.CategoricalDriftResult;
import io.aimon.detectors.drift.NumericDrift;
import io.aimon.detectors.drift.NumericDriftResult;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.CategoricalProfile;
import io.aimon.detectors.profile.NumericProfile;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.detectors.profile.WindowProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a window profile against the reference profile: every drift metric of every feature,
 * the score and the label, plus per-feature {@code missing_rate} and the window {@code count}.
 *
 * <p>Statuses: a test whose window sample is smaller than the model's {@code min_samples} is {@code
 * insufficient_data} (its value is still reported when it can be computed); otherwise the value is
 * judged against the resolved threshold (feature override, model override, METRICS.md default;
 * metrics without a threshold are {@code ok}). Numeric: ks, wasserstein, psi, jensen_shannon,
 * hellinger. Categorical: chi_square (effect = JS distance), psi, jensen_shannon, hellinger.
 */
public final class DriftChecks {
  private static final List<String> NUMERIC_METRICS =
      List.of(
          MetricIds.KS,
          MetricIds.WASSERSTEIN,
          MetricIds.PSI,
          MetricIds.JENSEN_SHANNON,
          MetricIds.HELLINGER);
  private static final List<String> CATEGORICAL_METRICS =
      List.of(MetricIds.CHI_SQUARE, MetricIds.PSI, MetricIds.JENSEN_SHANNON, MetricIds.HELLINGER);

  private DriftChecks() {}

  /** All check results of the window, in a fixed order (count, then features in config order). */
  public static List<CheckResult> evaluate(
      ModelSpec spec, ReferenceProfile reference, WindowProfile window) {
    List<CheckResult> out = new ArrayList<>();
    Checks count =
        new Checks(
            spec, reference.digest(), window, null, window.events(), reference.events(), out);
    count.add(
        MetricIds.COUNT,
        (double) window.events(),
        null,
        window.events() >= spec.minSamples()
            ? new Judgement(CheckStatus.OK, (double) spec.minSamples())
            : Judgement.INSUFFICIENT);
    for (Map.Entry<String, NumericProfile> e : window.numeric().entrySet()) {
      numeric(
          spec,
          reference,
          window,
          e.getKey(),
          reference.numeric().get(e.getKey()),
          e.getValue(),
          true,
          out);
    }
    for (Map.Entry<String, CategoricalProfile> e : window.categorical().entrySet()) {
      categorical(
          spec,
          reference,
          window,
          e.getKey(),
          reference.categorical().get(e.getKey()),
          e.getValue(),
          true,
          out);
    }
    if (window.score() != null && reference.score() != null) {
      numeric(
          spec, reference, window, ModelSpec.SCORE, reference.score(), window.score(), false, out);
    }
    if (window.label() != null && reference.label() != null && window.label().n() > 0) {
      categorical(
          spec, reference, window, ModelSpec.LABEL, reference.label(), window.label(), false, out);
    }
    return out;
  }

  private static void numeric(
      ModelSpec spec,
      ReferenceProfile reference,
      WindowProfile window,
      String f,
      NumericProfile ref,
      NumericProfile win,
      boolean withMissingRate,
      List<CheckResult> out) {
    if (withMissingRate) {
      new Checks(
              spec,
              reference.digest(),
              window,
              f,
              win.n() + win.missing(),
              ref.n() + ref.missing(),
              out)
          .value(MetricIds.MISSING_RATE, win.missingRate());
    }
    Checks checks = new Checks(spec, reference.digest(), window, f, win.n(), ref.n(), out);
    if (win.n() == 0) {
      checks.noData(NUMERIC_METRICS);
      return;
    }
    NumericDriftResult d =
        NumericDrift.compare(
            ref.edges(), ref.binCounts(), ref.values(), win.binCounts(), win.values());
    checks.test(MetricIds.KS, d.ksStatistic(), d.ksPValue(), d.ksStatistic());
    checks.value(MetricIds.WASSERSTEIN, d.wasserstein());
    checks.value(MetricIds.PSI, d.psi());
    checks.value(MetricIds.JENSEN_SHANNON, d.jensenShannon());
    checks.value(MetricIds.HELLINGER, d.hellinger());
  }

  private static void categorical(
      ModelSpec spec,
      ReferenceProfile reference,
      WindowProfile window,
      String f,
      CategoricalProfile ref,
      CategoricalProfile win,
      boolean withMissingRate,
      List<CheckResult> out) {
    Checks checks = new Checks(spec, reference.digest(), window, f, win.n(), ref.n(), out);
    if (withMissingRate) {
      checks.value(MetricIds.MISSING_RATE, win.missingRate());
    }
    if (win.n() == 0) {
      checks.noData(CATEGORICAL_METRICS);
      return;
    }
    CategoricalDriftResult d = CategoricalDrift.compare(ref.counts(), win.counts());
    if (d.chiSquarePValue() == null) {
      // a single category: nothing to test, statistic 0 and no p-value
      checks.add(
          MetricIds.CHI_SQUARE,
          d.chiSquare(),
          null,
          win.n() >= spec.minSamples()
              ? new Judgement(CheckStatus.OK, null)
              : Judgement.INSUFFICIENT);
    } else {
      checks.test(MetricIds.CHI_SQUARE, d.chiSquare(), d.chiSquarePValue(), d.jensenShannon());
    }
    checks.value(MetricIds.PSI, d.psi());
    checks.value(MetricIds.JENSEN_SHANNON, d.jensenShannon());
    checks.value(MetricIds.HELLINGER, d.hellinger());
  }

  /** Emits the checks of one feature (or of the model) of one window, with their common fields. */
  private static final class Checks {
    final ModelSpec spec;
    final String digest;
    final WindowProfile window;
    final String feature;
    final long n;
    final long nReference;
    final List<CheckResult> out;

    Checks(
        ModelSpec spec,
        String digest,
        WindowProfile window,
        String feature,
        long n,
        long nReference,
        List<CheckResult> out) {
      this.spec = spec;
      this.digest = digest;
      this.window = window;
      this.feature = feature;
      this.n = n;
      this.nReference = nReference;
      this.out = out;
    }

    /** A metric judged by a value threshold. */
    void value(String metric, double value) {
      add(metric, value, null, judge(metric, value, Double.NaN, Double.NaN));
    }

    /** A statistical test judged by its p-value and an effect-size floor. */
    void test(String metric, double statistic, double pValue, double effect) {
      add(metric, statistic, pValue, judge(metric, statistic, pValue, effect));
    }

    /** Metrics that cannot be computed because the window has no value of the feature. */
    void noData(List<String> metrics) {
      for (String m : metrics) {
        out.add(result(m, null, null, 0, Judgement.INSUFFICIENT));
      }
    }

    void add(String metric, Double value, Double p, Judgement j) {
      out.add(result(metric, value, p, n, j));
    }

    private Judgement judge(String metric, double value, double p, double effect) {
      if (n < spec.minSamples()) {
        return Judgement.INSUFFICIENT;
      }
      return Judgement.of(spec.threshold(metric, feature), value, p, effect);
    }

    private CheckResult result(
        String metric, Double value, Double p, long sampleSize, Judgement j) {
      return new CheckResult(
          CheckIds.of(window.modelId(), window.windowStart(), metric, feature, null, null),
          window.modelId(),
          window.modelVersion(),
          window.windowStart(),
          window.windowEnd(),
          metric,
          feature,
          null,
          null,
          value,
          p,
          sampleSize,
          nReference,
          j.threshold(),
          j.status().code(),
          digest);
    }
  }
}
