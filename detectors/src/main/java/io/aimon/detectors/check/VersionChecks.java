package io.aimon.detectors.check;

import io.aimon.config.MetricIds;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.outcome.OutcomeAccumulator;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.detectors.profile.WindowProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The checks of a window that several model versions served (a stable version and canaries): each
 * version's own window against the reference, and each challenger against the champion.
 *
 * <ul>
 *   <li><b>Per version</b>: every check of {@link DriftChecks} on the version's events alone, each
 *       result marked with its {@code version} ({@link CheckResult#ofVersion}), so its series and
 *       incidents are the version's, apart from the model's.
 *   <li><b>Champion/challenger</b>: the champion is the version with the most events in the window
 *       (the smallest version string among equals); every other version is a challenger, and its
 *       window is compared with the champion's: {@code challenger_psi} per feature, the score and
 *       the label, on the reference's bins and categories, judged by that feature's {@code psi}
 *       threshold, {@code insufficient_data} when either window has fewer than {@code min_samples}
 *       values. {@code n_reference} is the champion's sample. The champion gets no such result:
 *       only the challenger breaches when the two differ.
 *   <li><b>Performance</b> ({@link #outcomes}, once the window's labels are in): every check of
 *       {@link OutcomeChecks} on each version's labelled predictions alone, and for each challenger
 *       (the champion: the most labelled predictions) {@code challenger_<m>} for each metric {@code
 *       m} with a drop threshold (accuracy, precision, recall, f1, roc_auc; r2): the challenger's
 *       value, judged against the champion's value minus the model's drop for {@code m}.
 * </ul>
 *
 * A window of one version gets neither (the model's results are that version's already).
 */
public final class VersionChecks {
  private VersionChecks() {}

  /**
   * @param versions the profiles of the window's versions, by version; events without a version and
   *     those the bound pooled are not among them
   * @param onlyVersions whether the versions' events are all of the window's (none pooled, none
   *     without a version)
   */
  public static List<CheckResult> evaluate(
      ModelSpec spec,
      ReferenceProfile reference,
      SortedMap<String, WindowProfile> versions,
      boolean onlyVersions) {
    List<CheckResult> out = new ArrayList<>();
    if (versions.isEmpty() || (versions.size() == 1 && onlyVersions)) {
      return out;
    }
    for (Map.Entry<String, WindowProfile> v : versions.entrySet()) {
      for (CheckResult r : DriftChecks.evaluate(spec, reference, v.getValue())) {
        out.add(r.ofVersion(v.getKey(), r.metric()));
      }
    }
    Map<String, Long> sizes = new TreeMap<>();
    versions.forEach((v, p) -> sizes.put(v, p.events()));
    String champion = champion(sizes);
    if (champion == null) {
      return out;
    }
    ReferenceProfile baseline = asReference(reference, versions.get(champion));
    for (Map.Entry<String, WindowProfile> v : versions.entrySet()) {
      if (v.getKey().equals(champion)) {
        continue;
      }
      for (CheckResult r : DriftChecks.evaluate(spec, baseline, v.getValue())) {
        if (r.metric().equals(MetricIds.PSI)) {
          out.add(challenger(spec, r, baseline).ofVersion(v.getKey(), MetricIds.CHALLENGER_PSI));
        }
      }
    }
    return out;
  }

  /**
   * The performance checks of a window several versions served, as {@link #evaluate} for drift.
   *
   * @param versions the outcome accumulators of the window's versions, by version
   * @param partial whether this is an early result, before the window's labels are final
   */
  public static List<CheckResult> outcomes(
      ModelSpec spec,
      ReferenceProfile reference,
      long windowStart,
      long windowEnd,
      SortedMap<String, OutcomeAccumulator> versions,
      boolean onlyVersions,
      boolean partial) {
    List<CheckResult> out = new ArrayList<>();
    if (versions.isEmpty() || (versions.size() == 1 && onlyVersions)) {
      return out;
    }
    Map<String, List<CheckResult>> alone = new TreeMap<>();
    Map<String, Long> sizes = new TreeMap<>();
    for (Map.Entry<String, OutcomeAccumulator> v : versions.entrySet()) {
      List<CheckResult> results =
          OutcomeChecks.evaluate(spec, reference, windowStart, windowEnd, v.getValue(), partial);
      alone.put(v.getKey(), results);
      sizes.put(v.getKey(), labelled(v.getValue()));
      results.forEach(r -> out.add(r.ofVersion(v.getKey(), r.metric())));
    }
    String champion = champion(sizes);
    if (champion == null) {
      return out;
    }
    ReferenceProfile baseline =
        withPerformance(reference, alone.get(champion), sizes.get(champion));
    for (Map.Entry<String, OutcomeAccumulator> v : versions.entrySet()) {
      if (v.getKey().equals(champion)) {
        continue;
      }
      for (CheckResult r :
          OutcomeChecks.evaluate(spec, baseline, windowStart, windowEnd, v.getValue(), partial)) {
        if (r.attribute() == null && MetricIds.DROP_THRESHOLD_METRICS.contains(r.metric())) {
          out.add(
              challenger(spec, r, baseline)
                  .ofVersion(v.getKey(), MetricIds.challengerOf(r.metric())));
        }
      }
    }
    return out;
  }

  /**
   * The version with the largest sample (the smallest version among equals), or null below two
   * versions.
   */
  public static String champion(Map<String, Long> sizes) {
    if (sizes.size() < 2) {
      return null;
    }
    String best = null;
    long most = -1;
    for (Map.Entry<String, Long> v : new TreeMap<>(sizes).entrySet()) {
      if (v.getValue() > most) {
        best = v.getKey();
        most = v.getValue();
      }
    }
    return best;
  }

  private static long labelled(OutcomeAccumulator a) {
    return a.regression() != null ? a.regression().result().n() : a.binary().result().n();
  }

  /**
   * The reference with the champion's performance in the place of its own: its values of the
   * drop-threshold metrics and its sample size ({@code n}).
   */
  private static ReferenceProfile withPerformance(
      ReferenceProfile reference, List<CheckResult> champion, long n) {
    Map<String, Double> performance = new LinkedHashMap<>();
    for (CheckResult r : champion) {
      if (r.attribute() == null
          && r.value() != null
          && MetricIds.DROP_THRESHOLD_METRICS.contains(r.metric())) {
        performance.put(r.metric(), r.value());
      }
    }
    performance.put("n", (double) n);
    return new ReferenceProfile(
        reference.modelId(),
        reference.events(),
        reference.numeric(),
        reference.categorical(),
        reference.score(),
        reference.label(),
        reference.digest(),
        performance,
        reference.groups());
  }

  /**
   * {@code r} judged insufficient as well when the champion's side is below {@code min_samples}
   * ({@link DriftChecks} looks at the window's side only).
   */
  private static CheckResult challenger(ModelSpec spec, CheckResult r, ReferenceProfile champion) {
    if (r.nReference() == null
        || r.nReference() >= spec.minSamples()
        || r.status() == CheckStatus.INSUFFICIENT_DATA) {
      return r;
    }
    return r.withStatus(CheckStatus.INSUFFICIENT_DATA);
  }

  /**
   * The champion's window in the place of the reference: its bins (on the reference's edges),
   * values and categories; the reference's digest stays, so results still name the reference that
   * set the bins.
   */
  private static ReferenceProfile asReference(ReferenceProfile reference, WindowProfile champion) {
    return new ReferenceProfile(
        champion.modelId(),
        champion.events(),
        champion.numeric(),
        champion.categorical(),
        champion.score(),
        champion.label(),
        reference.digest());
  }
}
