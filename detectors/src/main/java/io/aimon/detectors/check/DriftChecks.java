package io.aimon.detectors.check;

import io.aimon.config.MetricIds;
import io.aimon.detectors.common.EmpiricalCdf;
import io.aimon.detectors.common.Quantiles;
import io.aimon.detectors.drift.CategoricalDrift;
import io.aimon.detectors.drift.CategoricalDriftResult;
import io.aimon.detectors.drift.NumericDrift;
import io.aimon.detectors.drift.NumericDriftResult;
import io.aimon.detectors.event.InferenceEvent;
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
 * the score and the label; per feature the data-quality rates {@code missing_rate}, {@code
 * type_mismatch_rate} and {@code out_of_range_rate} (numeric: outside the reference min..max) or
 * {@code unseen_category_rate} (categorical: a category the reference never had); per window the
 * {@code count} and, when events carry {@code latency_ms}, {@code latency_p50/p95/p99} (numpy's
 * linear interpolation); when events are LLM calls, {@code error_rate}, {@code finish_reason_rate}
 * and {@code cost} ({@link LlmChecks}); for a binary model whose reference has labelled scores, the
 * performance estimated without labels ({@link EstimatedChecks}); with the reference's multivariate
 * transform, the {@code reconstruction_error} (docs/metrics.md, "Multivariate drift").
 *
 * <p>Statuses: a test whose window sample is smaller than the model's {@code min_samples} is {@code
 * insufficient_data} (its value is still reported when it can be computed); otherwise the value is
 * judged against the resolved threshold (feature override, model override, docs/metrics.md default;
 * metrics without a threshold are {@code ok}). Numeric: ks, wasserstein, psi, jensen_shannon,
 * hellinger. Categorical: chi_square (effect = JS distance), psi, jensen_shannon, hellinger.
 *
 * <p>Caps: every result of a categorical feature (and of the label) carries the events whose
 * category the window pooled into {@code __OTHER__} ({@code capped}) or kept truncated ({@code
 * truncated}); the window's {@code count} carries those of its model versions. {@code __OTHER__}
 * takes part in the drift metrics as one category: a window that pools many unseen values drifts.
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
    CheckEmitter count =
        emitter(spec, reference, window, out)
            .feature(null, window.events(), reference.events())
            .withCaps(window.quality().versions());
    count.add(
        MetricIds.COUNT,
        (double) window.events(),
        null,
        window.events() >= spec.minSamples()
            ? new Judgement(CheckStatus.OK, (double) spec.minSamples())
            : Judgement.INSUFFICIENT);
    EmpiricalCdf latency = window.quality().latency();
    if (!latency.isEmpty()) {
      CheckEmitter lat = emitter(spec, reference, window, out).feature(null, latency.n(), null);
      lat.value(MetricIds.LATENCY_P50, Quantiles.of(latency, 0.50));
      lat.value(MetricIds.LATENCY_P95, Quantiles.of(latency, 0.95));
      lat.value(MetricIds.LATENCY_P99, Quantiles.of(latency, 0.99));
    }
    if (window.llm() != null) {
      LlmChecks.evaluate(spec, emitter(spec, reference, window, out), window.llm());
    }
    FairnessChecks.selectionRates(
        spec, emitter(spec, reference, window, out), window.selection(), window.events());
    if (window.estimated() != null && reference.estimation() != null) {
      EstimatedChecks.evaluate(
          emitter(spec, reference, window, out), reference.estimation(), window.estimated());
    }
    if (window.reconstruction() != null && reference.multivariate() != null) {
      var r = window.reconstruction();
      emitter(spec, reference, window, out)
          .feature(null, r.n(), (long) reference.multivariate().size())
          .deviation(
              MetricIds.RECONSTRUCTION_ERROR,
              r.mean(),
              reference.multivariate().mean(),
              reference.multivariate().band(r.n()));
    }
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
      CheckEmitter all =
          emitter(spec, reference, window, out)
              .feature(f, win.n() + win.missing(), ref.n() + ref.missing());
      all.value(MetricIds.MISSING_RATE, win.missingRate());
      all.value(
          MetricIds.TYPE_MISMATCH_RATE,
          rate(window.quality().typeMismatches().get(f), win.n() + win.missing()));
      emitter(spec, reference, window, out)
          .feature(f, win.n(), ref.n())
          .value(MetricIds.OUT_OF_RANGE_RATE, rate(window.quality().outOfRange().get(f), win.n()));
    }
    CheckEmitter checks = emitter(spec, reference, window, out).feature(f, win.n(), ref.n());
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
    CheckEmitter checks =
        emitter(spec, reference, window, out)
            .feature(f, win.n(), ref.n())
            .withCaps(window.quality().capsOf(f));
    if (withMissingRate) {
      checks.value(MetricIds.MISSING_RATE, win.missingRate());
      checks.value(
          MetricIds.TYPE_MISMATCH_RATE, rate(window.quality().typeMismatches().get(f), win.n()));
      checks.value(MetricIds.UNSEEN_CATEGORY_RATE, unseenRate(ref, win));
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

  /** count / n, NaN when n is 0. */
  private static double rate(Long count, long n) {
    return n == 0 || count == null ? Double.NaN : (double) count / n;
  }

  /** Share of the window's values whose category the reference never had (missing excluded). */
  private static double unseenRate(CategoricalProfile ref, CategoricalProfile win) {
    long unseen = 0;
    for (Map.Entry<String, Long> c : win.counts().entrySet()) {
      if (!c.getKey().equals(InferenceEvent.MISSING) && !ref.counts().containsKey(c.getKey())) {
        unseen += c.getValue();
      }
    }
    return rate(unseen, win.n());
  }

  private static CheckEmitter emitter(
      ModelSpec spec, ReferenceProfile reference, WindowProfile window, List<CheckResult> out) {
    return CheckEmitter.forWindow(
        spec,
        reference.digest(),
        window.modelVersion(),
        window.windowStart(),
        window.windowEnd(),
        out);
  }
}
