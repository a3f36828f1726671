package io.aimon.detectors.profile;

import io.aimon.detectors.common.BoundedText;
import io.aimon.detectors.common.CapCounts;
import io.aimon.detectors.common.Mergeable;
import io.aimon.detectors.estimate.EstimatedPerformance;
import io.aimon.detectors.estimate.ReferenceEstimation;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.fairness.FairnessAccumulator;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.multivariate.ReconstructionMean;
import io.aimon.detectors.outcome.Labels;
import io.aimon.detectors.outcome.OutcomeAccumulator;
import io.aimon.detectors.sketch.ValueDistribution;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mutable state of one model's window: an event counter, per-feature accumulators and the model
 * versions seen. Feature order is the model's config order.
 *
 * <p><b>Bounds.</b> Every value kept as a key is at most {@value BoundedText#MAX_BYTES} UTF-8 bytes
 * ({@link BoundedText}); a categorical feature keeps at most {@link
 * CategoricalProfile#MAX_CATEGORIES} categories ({@link CategoricalCounter}), a fairness attribute
 * at most {@link FairnessAccumulator#DEFAULT_MAX_GROUPS} groups, and the window at most {@link
 * #MAX_VERSIONS} model versions, each with its event count. What did not fit is counted ({@link
 * CapCounts}) and reported on the window's check results.
 *
 * <p>Invariants:
 *
 * <ol>
 *   <li>It never holds events, only counters, bins and bounded distributions, so its size depends
 *       on the number of features, bins, the bounds above and the exact-value limit, not on the
 *       number of events or on how long their values are.
 *   <li>{@code count} is the number of events added or merged.
 *   <li>At most {@link #MAX_VERSIONS} distinct versions are remembered; their counts plus {@code
 *       versionsCapped} are the events that carried a version.
 *   <li>With an estimation in the reference, {@code estimated} has counted every event with a score
 *       ({@link EstimatedPerformance}: sums and a histogram of the calibration's size).
 *   <li>{@code llm} is null when no event was an LLM call, else it has counted exactly those that
 *       were ({@link LlmCalls}).
 * </ol>
 */
public final class WindowAccumulator implements Mergeable<WindowAccumulator> {
  /** Distinct model versions remembered per window: 16. */
  public static final int MAX_VERSIONS = 16;

  final String modelId;
  long count;
  final NumericAccumulator[] numeric;
  final CategoricalCounter[] categorical;
  final NumericAccumulator score;
  final CategoricalCounter label;

  /** Events per remembered model version (bounded by {@link BoundedText}). */
  final TreeMap<String, Long> versions;

  /** Events whose version was not remembered because {@link #MAX_VERSIONS} already were. */
  long versionsCapped;

  /** Events whose version was longer than {@link BoundedText#MAX_BYTES} and kept truncated. */
  long versionsTruncated;

  /** Per feature, numeric then categorical in config order. */
  final long[] typeMismatches;

  final ValueDistribution latency;

  /** Selection rates per fairness group (no labels needed); null for regression models. */
  final FairnessAccumulator selection;

  /** The prediction that counts as selected (the model's positive label). */
  final String positiveLabel;

  /** Performance estimated without labels; null unless the reference has an estimation. */
  final EstimatedPerformance estimated;

  /** The events' mean reconstruction error; null unless the reference has the transform. */
  final ReconstructionMean reconstruction;

  /** The window's LLM calls; null until an event that is one arrives. */
  LlmCalls llm;

  /**
   * The reference the window was created with, for {@link #add(InferenceEvent)}; not part of the
   * state (a decoded window has none and is given its reference with each event).
   */
  private ReferenceProfile createdWith;

  WindowAccumulator(
      String modelId,
      long count,
      NumericAccumulator[] numeric,
      CategoricalCounter[] categorical,
      NumericAccumulator score,
      CategoricalCounter label,
      TreeMap<String, Long> versions,
      CapCounts versionCaps,
      long[] typeMismatches,
      ValueDistribution latency,
      FairnessAccumulator selection,
      String positiveLabel,
      EstimatedPerformance estimated,
      ReconstructionMean reconstruction,
      LlmCalls llm) {
    this.modelId = modelId;
    this.count = count;
    this.numeric = numeric;
    this.categorical = categorical;
    this.score = score;
    this.label = label;
    this.versions = versions;
    this.versionsCapped = versionCaps.capped();
    this.versionsTruncated = versionCaps.truncated();
    this.typeMismatches = typeMismatches;
    this.latency = latency;
    this.selection = selection;
    this.positiveLabel = positiveLabel;
    this.estimated = estimated;
    this.reconstruction = reconstruction;
    this.llm = llm;
  }

  /** An empty window for the model, binning numeric values by the reference's edges. */
  public static WindowAccumulator create(ModelSpec spec, ReferenceProfile reference) {
    NumericAccumulator[] numeric = new NumericAccumulator[spec.numericFeatures().size()];
    for (int i = 0; i < numeric.length; i++) {
      NumericProfile ref = reference.numeric().get(spec.numericFeatures().get(i));
      numeric[i] =
          NumericAccumulator.create(
              ref.edges(),
              spec.exactValues(),
              ref.values().value(0),
              ref.values().value(ref.values().size() - 1));
    }
    CategoricalCounter[] categorical = new CategoricalCounter[spec.categoricalFeatures().size()];
    for (int i = 0; i < categorical.length; i++) {
      categorical[i] = CategoricalCounter.create();
    }
    NumericAccumulator score =
        spec.monitorScore() && reference.score() != null
            ? NumericAccumulator.create(reference.score().edges(), spec.exactValues())
            : null;
    CategoricalCounter label =
        spec.monitorLabel() && reference.label() != null ? CategoricalCounter.create() : null;
    WindowAccumulator created =
        new WindowAccumulator(
            spec.id(),
            0,
            numeric,
            categorical,
            score,
            label,
            new TreeMap<>(),
            CapCounts.NONE,
            new long[numeric.length + categorical.length],
            ValueDistribution.create(spec.exactValues(), ValueDistribution.DEFAULT_SKETCH_K),
            spec.outcomes().regression() ? null : OutcomeAccumulator.fairnessFor(spec),
            spec.positiveLabel(),
            estimatedFor(spec, reference),
            reference.multivariate() == null ? null : new ReconstructionMean(),
            null);
    created.createdWith = reference;
    return created;
  }

  private static EstimatedPerformance estimatedFor(ModelSpec spec, ReferenceProfile reference) {
    ReferenceEstimation e = reference.estimation();
    return e == null || spec.outcomes().regression()
        ? null
        : EstimatedPerformance.create(e.calibration());
  }

  /**
   * Counts one event against the reference the window was created with.
   *
   * @throws IllegalStateException when the window was decoded and has the multivariate check, which
   *     needs the reference's transform ({@link #add(InferenceEvent, ReferenceProfile)})
   */
  public void add(InferenceEvent e) {
    if (reconstruction != null && createdWith == null) {
      throw new IllegalStateException(
          "window of '"
              + modelId
              + "': the multivariate check needs the reference to add an event");
    }
    add(e, createdWith);
  }

  /**
   * Counts one event of this model; {@code reference} is the one the window was created with (its
   * multivariate transform gives the event's reconstruction error).
   */
  public void add(InferenceEvent e, ReferenceProfile reference) {
    if (!e.modelId().equals(modelId)) {
      throw new IllegalArgumentException(
          "event of model '" + e.modelId() + "' added to a window of '" + modelId + "'");
    }
    count++;
    double[] x = e.numeric();
    for (int i = 0; i < numeric.length; i++) {
      numeric[i].add(x[i]);
    }
    String[] c = e.categorical();
    for (int i = 0; i < categorical.length; i++) {
      categorical[i].add(c[i]);
    }
    if (score != null) {
      score.add(e.score());
    }
    if (label != null && e.label() != null) {
      label.add(e.label());
    }
    for (int f : e.typeMismatches()) {
      typeMismatches[f]++;
    }
    if (!Double.isNaN(e.latencyMs())) {
      latency.add(e.latencyMs());
    }
    if (selection != null || estimated != null) {
      boolean predictedPositive = Labels.isPositive(e.prediction(), positiveLabel);
      if (selection != null) {
        selection.add(e.groups(), predictedPositive, null);
      }
      if (estimated != null) {
        estimated.add(e.score(), predictedPositive);
      }
    }
    if (reconstruction != null) {
      reconstruction.add(reference.multivariate().transform().error(e.numeric(), e.categorical()));
    }
    if (e.llm() != null) {
      if (llm == null) {
        llm = LlmCalls.create();
      }
      llm.add(e.llm());
    }
    if (e.modelVersion() != null) {
      String v = BoundedText.of(e.modelVersion());
      if (v != e.modelVersion()) {
        versionsTruncated++;
      }
      addVersion(v, 1);
    }
  }

  private void addVersion(String version, long n) {
    if (versions.containsKey(version) || versions.size() < MAX_VERSIONS) {
      versions.merge(version, n, Long::sum);
    } else {
      versionsCapped += n;
    }
  }

  /** Adds another accumulator of the same model into this one ({@code other} stays as it is). */
  @Override
  public void merge(WindowAccumulator other) {
    if (!other.modelId.equals(modelId)) {
      throw new IllegalArgumentException(
          "merge: different models " + modelId + ", " + other.modelId);
    }
    count += other.count;
    for (int i = 0; i < numeric.length; i++) {
      numeric[i].merge(other.numeric[i]);
    }
    for (int i = 0; i < categorical.length; i++) {
      categorical[i].merge(other.categorical[i]);
    }
    if (score != null && other.score != null) {
      score.merge(other.score);
    }
    if (label != null && other.label != null) {
      label.merge(other.label);
    }
    for (int i = 0; i < typeMismatches.length; i++) {
      typeMismatches[i] += other.typeMismatches[i];
    }
    latency.merge(other.latency);
    if (selection != null && other.selection != null) {
      selection.merge(other.selection);
    }
    if (estimated != null && other.estimated != null) {
      estimated.merge(other.estimated);
    }
    if (reconstruction != null && other.reconstruction != null) {
      reconstruction.merge(other.reconstruction);
    }
    if (other.llm != null) {
      if (llm == null) {
        llm = LlmCalls.create();
      }
      llm.merge(other.llm);
    }
    other.versions.forEach(this::addVersion);
    versionsCapped += other.versionsCapped;
    versionsTruncated += other.versionsTruncated;
  }

  public String modelId() {
    return modelId;
  }

  /**
   * The model versions the window's events carried, with their event counts; at most {@link
   * #MAX_VERSIONS}, sorted by version.
   */
  public java.util.SortedMap<String, Long> versions() {
    return java.util.Collections.unmodifiableSortedMap(versions);
  }

  /** Number of events counted. */
  public long count() {
    return count;
  }

  /** An immutable profile of the window [start, end). */
  public WindowProfile toProfile(ModelSpec spec, long windowStart, long windowEnd) {
    Map<String, NumericProfile> num = new LinkedHashMap<>();
    Map<String, Long> outOfRange = new LinkedHashMap<>();
    Map<String, Long> mismatches = new LinkedHashMap<>();
    Map<String, CapCounts> caps = new LinkedHashMap<>();
    for (int i = 0; i < numeric.length; i++) {
      String f = spec.numericFeatures().get(i);
      num.put(f, numeric[i].toProfile());
      outOfRange.put(f, numeric[i].outOfRange);
      mismatches.put(f, typeMismatches[i]);
    }
    Map<String, CategoricalProfile> cat = new LinkedHashMap<>();
    for (int i = 0; i < categorical.length; i++) {
      String f = spec.categoricalFeatures().get(i);
      cat.put(f, categorical[i].toProfile());
      mismatches.put(f, typeMismatches[numeric.length + i]);
      caps.put(f, categorical[i].caps());
    }
    if (label != null) {
      caps.put(ModelSpec.LABEL, label.caps());
    }
    String version =
        versions.isEmpty() ? spec.version() : BoundedText.of(String.join(",", versions.keySet()));
    return new WindowProfile(
        modelId,
        version,
        windowStart,
        windowEnd,
        count,
        num,
        cat,
        score == null ? null : score.toProfile(),
        label == null ? null : label.toProfile(),
        new DataQuality(
            outOfRange,
            mismatches,
            latency.toCdf(),
            caps,
            new CapCounts(versionsCapped, versionsTruncated)),
        selection == null ? Map.of() : selection.evaluate(spec.outcomes().minGroupSize()),
        estimated == null ? null : estimated.result(),
        reconstruction == null ? null : reconstruction.summary(),
        llm == null ? null : llm.toProfile());
  }
}
