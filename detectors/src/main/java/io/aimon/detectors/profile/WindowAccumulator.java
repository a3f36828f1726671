package io.aimon.detectors.profile;

import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.fairness.FairnessAccumulator;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.outcome.Labels;
import io.aimon.detectors.outcome.OutcomeAccumulator;
import io.aimon.detectors.sketch.ValueDistribution;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The mutable state of one model's window: an event counter, per-feature accumulators and the model
 * versions seen. Feature order is the model's config order.
 *
 * <p>Invariants: (1) it never holds events, only counters, bins and bounded distributions, so its
 * size depends on the number of features, bins, categories and the exact-value limit, not on the
 * number of events; (2) {@code count} is the number of events added or merged; (3) at most {@link
 * #MAX_VERSIONS} distinct versions are remembered.
 */
public final class WindowAccumulator {
  /** Distinct model versions remembered per window. */
  public static final int MAX_VERSIONS = 16;

  final String modelId;
  long count;
  final NumericAccumulator[] numeric;
  final CategoricalCounter[] categorical;
  final NumericAccumulator score;
  final CategoricalCounter label;
  final TreeSet<String> versions;

  /** Per feature, numeric then categorical in config order. */
  final long[] typeMismatches;

  final ValueDistribution latency;

  /** Selection rates per fairness group (no labels needed); null for regression models. */
  final FairnessAccumulator selection;

  /** The prediction that counts as selected (the model's positive label). */
  final String positiveLabel;

  WindowAccumulator(
      String modelId,
      long count,
      NumericAccumulator[] numeric,
      CategoricalCounter[] categorical,
      NumericAccumulator score,
      CategoricalCounter label,
      TreeSet<String> versions,
      long[] typeMismatches,
      ValueDistribution latency,
      FairnessAccumulator selection,
      String positiveLabel) {
    this.modelId = modelId;
    this.count = count;
    this.numeric = numeric;
    this.categorical = categorical;
    this.score = score;
    this.label = label;
    this.versions = versions;
    this.typeMismatches = typeMismatches;
    this.latency = latency;
    this.selection = selection;
    this.positiveLabel = positiveLabel;
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
    return new WindowAccumulator(
        spec.id(),
        0,
        numeric,
        categorical,
        score,
        label,
        new TreeSet<>(),
        new long[numeric.length + categorical.length],
        ValueDistribution.create(spec.exactValues(), ValueDistribution.DEFAULT_SKETCH_K),
        spec.outcomes().regression() ? null : OutcomeAccumulator.fairnessFor(spec),
        spec.positiveLabel());
  }

  /** Counts one event of this model. */
  public void add(InferenceEvent e) {
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
    if (selection != null) {
      selection.add(e.groups(), Labels.isPositive(e.prediction(), positiveLabel), null);
    }
    if (e.modelVersion() != null && versions.size() < MAX_VERSIONS) {
      versions.add(e.modelVersion());
    }
  }

  /** Adds another accumulator of the same model into this one. */
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
    for (String v : other.versions) {
      if (versions.size() < MAX_VERSIONS) {
        versions.add(v);
      }
    }
  }

  public String modelId() {
    return modelId;
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
    }
    String version = versions.isEmpty() ? spec.version() : String.join(",", versions);
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
        new DataQuality(outOfRange, mismatches, latency.toCdf()),
        selection == null ? Map.of() : selection.evaluate(spec.outcomes().minGroupSize()));
  }
}
