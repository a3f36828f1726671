package io.aimon.detectors.profile;

import io.aimon.config.ReferenceKeys;
import io.aimon.detectors.estimate.ReferenceEstimation;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.multivariate.ReconstructionReference;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a model's production windows are compared against: per numeric feature the exact decile bin
 * edges, bin counts and a bounded value summary; per categorical feature the category counts; the
 * same for the score and the label when the reference has them. Immutable. Its {@link #digest()} is
 * the SHA-256 of its canonical JSON form ({@link ReferenceProfileCodec}) and goes into every check
 * result so a result can be tied to the exact reference it used.
 *
 * @param modelId the model
 * @param events number of reference events
 * @param numeric per numeric feature, in config order
 * @param categorical per categorical feature, in config order
 * @param score the score's profile, or null when no reference event had a score
 * @param label the label's profile, or null when no reference event had a label
 * @param digest hex SHA-256 of the canonical JSON
 * @param performance the reference's performance from its inline labels (metric id to value, plus
 *     {@code n}, the number of labelled events); empty when the reference has no labels
 * @param groups per fairness attribute, in config order, the number of reference events that carry
 *     a value for it in {@code groups}, in [0, events]; empty when the model has no fairness
 *     attributes or the profile was stored before layout v3 (then it records none)
 * @param estimation what performance estimation without labels needs (the score's calibration and
 *     the reference's outcomes), or null: a regression model, a reference without labelled scored
 *     events, or a profile stored before layout v4
 * @param multivariate the multivariate drift check's fitted transform and the reference's
 *     reconstruction errors, or null: turned off, fewer than two reference events, or a profile
 *     stored before layout v4
 */
public record ReferenceProfile(
    String modelId,
    long events,
    Map<String, NumericProfile> numeric,
    Map<String, CategoricalProfile> categorical,
    NumericProfile score,
    CategoricalProfile label,
    String digest,
    Map<String, Double> performance,
    Map<String, Long> groups,
    ReferenceEstimation estimation,
    ReconstructionReference multivariate)
    implements Serializable {

  public ReferenceProfile {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(digest, "digest");
    numeric = Collections.unmodifiableMap(new LinkedHashMap<>(numeric));
    categorical = Collections.unmodifiableMap(new LinkedHashMap<>(categorical));
    performance = Collections.unmodifiableMap(new LinkedHashMap<>(performance));
    groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    for (Map.Entry<String, Long> g : groups.entrySet()) {
      if (g.getValue() == null || g.getValue() < 0 || g.getValue() > events) {
        throw new IllegalArgumentException(
            "groups['"
                + g.getKey()
                + "']: expected a count in [0, "
                + events
                + "], found "
                + g.getValue());
      }
    }
  }

  /** A profile without the multivariate check. */
  public ReferenceProfile(
      String modelId,
      long events,
      Map<String, NumericProfile> numeric,
      Map<String, CategoricalProfile> categorical,
      NumericProfile score,
      CategoricalProfile label,
      String digest,
      Map<String, Double> performance,
      Map<String, Long> groups,
      ReferenceEstimation estimation) {
    this(
        modelId,
        events,
        numeric,
        categorical,
        score,
        label,
        digest,
        performance,
        groups,
        estimation,
        null);
  }

  /** A profile without estimation (layout v1 to v3). */
  public ReferenceProfile(
      String modelId,
      long events,
      Map<String, NumericProfile> numeric,
      Map<String, CategoricalProfile> categorical,
      NumericProfile score,
      CategoricalProfile label,
      String digest,
      Map<String, Double> performance,
      Map<String, Long> groups) {
    this(
        modelId,
        events,
        numeric,
        categorical,
        score,
        label,
        digest,
        performance,
        groups,
        null,
        null);
  }

  /** A profile that records no group counts (no fairness attributes, or layout v1/v2). */
  public ReferenceProfile(
      String modelId,
      long events,
      Map<String, NumericProfile> numeric,
      Map<String, CategoricalProfile> categorical,
      NumericProfile score,
      CategoricalProfile label,
      String digest,
      Map<String, Double> performance) {
    this(modelId, events, numeric, categorical, score, label, digest, performance, Map.of());
  }

  /** A profile without reference performance (a reference without labels). */
  public ReferenceProfile(
      String modelId,
      long events,
      Map<String, NumericProfile> numeric,
      Map<String, CategoricalProfile> categorical,
      NumericProfile score,
      CategoricalProfile label,
      String digest) {
    this(modelId, events, numeric, categorical, score, label, digest, Map.of());
  }

  /**
   * What the profile records about the reference's names, for {@link
   * io.aimon.config.ReferenceCheck}: per feature the events with a value (numeric: non-missing
   * values; categorical: values other than {@link InferenceEvent#MISSING}), per attribute the
   * {@link #groups} count. Only the recorded names appear ({@link ReferenceKeys#ofProfile}).
   */
  public ReferenceKeys keys() {
    // clamped: counts of a profile that breaks them must not make the check itself fail
    Map<String, Long> features = new LinkedHashMap<>();
    numeric.forEach((k, v) -> features.put(k, Math.min(v.n(), events)));
    categorical.forEach(
        (k, v) ->
            features.put(
                k, Math.min(v.n() - v.counts().getOrDefault(InferenceEvent.MISSING, 0L), events)));
    return ReferenceKeys.ofProfile(events, features, groups);
  }
}
