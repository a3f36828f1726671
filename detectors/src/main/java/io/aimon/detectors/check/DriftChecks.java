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
  private DriftChecks() {}

  /** All check results of the window, in a fixed order (count, then features in config order). */
  public static List<CheckResult> evaluate(
      ModelSpec spec, ReferenceProfile reference, WindowProfile window) {
    Emitter out = new Emitter(spec, reference.digest(), window);
    boolean enough = window.events() >= spec.minSamples();
    out.add(
        MetricIds.COUNT,
        null,
        (double) window.events(),
        null,
        window.events(),
        reference.events(),
        enough
            ? new Judgement(CheckStatus.OK, (double) spec.minSamples())
            : Judgement.INSUFFICIENT);
    for (Map.Entry<String, NumericProfile> e : window.numeric().entrySet()) {
      numeric(out, spec, e.getKey(), reference.numeric().get(e.getKey()), e.getValue(), true);
    }
    for (Map.Entry<String, CategoricalProfile> e : window.categorical().entrySet()) {
      categorical(
          out, spec, e.getKey(), reference.categorical().get(e.getKey()), e.getValue(), true);
    }
    if (window.score() != null && reference.score() != null) {
      numeric(out, spec, ModelSpec.SCORE, reference.score(), window.score(), false);
    }
    if (window.label() != null && reference.label() != null && window.label().n() > 0) {
      categorical(out, spec, ModelSpec.LABEL, reference.label(), window.label(), false);
    }
    return out.results;
  }

  private static void numeric(
      Emitter out,
      ModelSpec spec,
      String f,
      NumericProfile ref,
      NumericProfile win,
      boolean missing) {
    if (missing) {
      double rate = win.missingRate();
      out.add(
          MetricIds.MISSING_RATE,
          f,
          rate,
          null,
          win.n() + win.missing(),
          ref.n() + ref.missing(),
          judge(
              spec,
              MetricIds.MISSING_RATE,
              f,
              rate,
              Double.NaN,
              Double.NaN,
              win.n() + win.missing()));
    }
    if (win.n() == 0) {
      for (String m :
          List.of(
              MetricIds.KS,
              MetricIds.WASSERSTEIN,
              MetricIds.PSI,
              MetricIds.JENSEN_SHANNON,
              MetricIds.HELLINGER)) {
        out.add(m, f, null, null, 0, ref.n(), Judgement.INSUFFICIENT);
      }
      return;
    }
    NumericDriftResult d =
        NumericDrift.compare(
            ref.edges(), ref.binCounts(), ref.values(), win.binCounts(), win.values());
    long n = win.n();
    out.add(
        MetricIds.KS,
        f,
        d.ksStatistic(),
        d.ksPValue(),
        n,
        ref.n(),
        judge(spec, MetricIds.KS, f, d.ksStatistic(), d.ksPValue(), d.ksStatistic(), n));
    out.add(
        MetricIds.WASSERSTEIN,
        f,
        d.wasserstein(),
        null,
        n,
        ref.n(),
        judge(spec, MetricIds.WASSERSTEIN, f, d.wasserstein(), Double.NaN, Double.NaN, n));
    out.add(
        MetricIds.PSI,
        f,
        d.psi(),
        null,
        n,
        ref.n(),
        judge(spec, MetricIds.PSI, f, d.psi(), Double.NaN, Double.NaN, n));
    out.add(
        MetricIds.JENSEN_SHANNON,
        f,
        d.jensenShannon(),
        null,
        n,
        ref.n(),
        judge(spec, MetricIds.JENSEN_SHANNON, f, d.jensenShannon(), Double.NaN, Double.NaN, n));
    out.add(
        MetricIds.HELLINGER,
        f,
        d.hellinger(),
        null,
        n,
        ref.n(),
        judge(spec, MetricIds.HELLINGER, f, d.hellinger(), Double.NaN, Double.NaN, n));
  }

  private static void categorical(
      Emitter out,
      ModelSpec spec,
      String f,
      CategoricalProfile ref,
      CategoricalProfile win,
      boolean missing) {
    long n = win.n();
    if (missing) {
      double rate = win.missingRate();
      out.add(
          MetricIds.MISSING_RATE,
          f,
          rate,
          null,
          n,
          ref.n(),
          judge(spec, MetricIds.MISSING_RATE, f, rate, Double.NaN, Double.NaN, n));
    }
    if (n == 0) {
      for (String m :
          List.of(
              MetricIds.CHI_SQUARE, MetricIds.PSI, MetricIds.JENSEN_SHANNON, MetricIds.HELLINGER)) {
        out.add(m, f, null, null, 0, ref.n(), Judgement.INSUFFICIENT);
      }
      return;
    }
    CategoricalDriftResult d = CategoricalDrift.compare(ref.counts(), win.counts());
    double p = d.chiSquarePValue() == null ? Double.NaN : d.chiSquarePValue();
    out.add(
        MetricIds.CHI_SQUARE,
        f,
        d.chiSquare(),
        d.chiSquarePValue(),
        n,
        ref.n(),
        d.chiSquarePValue() == null && n >= spec.minSamples()
            ? new Judgement(CheckStatus.OK, null)
            : judge(spec, MetricIds.CHI_SQUARE, f, d.chiSquare(), p, d.jensenShannon(), n));
    out.add(
        MetricIds.PSI,
        f,
        d.psi(),
        null,
        n,
        ref.n(),
        judge(spec, MetricIds.PSI, f, d.psi(), Double.NaN, Double.NaN, n));
    out.add(
        MetricIds.JENSEN_SHANNON,
        f,
        d.jensenShannon(),
        null,
        n,
        ref.n(),
        judge(spec, MetricIds.JENSEN_SHANNON, f, d.jensenShannon(), Double.NaN, Double.NaN, n));
    out.add(
        MetricIds.HELLINGER,
        f,
        d.hellinger(),
        null,
        n,
        ref.n(),
        judge(spec, MetricIds.HELLINGER, f, d.hellinger(), Double.NaN, Double.NaN, n));
  }

  private static Judgement judge(
      ModelSpec spec,
      String metric,
      String feature,
      double value,
      double p,
      double effect,
      long n) {
    if (n < spec.minSamples()) {
      return Judgement.INSUFFICIENT;
    }
    return Judgement.of(spec.threshold(metric, feature), value, p, effect);
  }

  /** Collects results with the window's common fields. */
  private static final class Emitter {
    final ModelSpec spec;
    final String digest;
    final WindowProfile window;
    final List<CheckResult> results = new ArrayList<>();

    Emitter(ModelSpec spec, String digest, WindowProfile window) {
      this.spec = spec;
      this.digest = digest;
      this.window = window;
    }

    void add(
        String metric, String feature, Double value, Double p, long n, Long nRef, Judgement j) {
      results.add(
          new CheckResult(
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
              n,
              nRef,
              j.threshold(),
              j.status().code(),
              digest));
    }
  }
}
