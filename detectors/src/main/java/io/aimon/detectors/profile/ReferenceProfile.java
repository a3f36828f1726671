package io.aimon.detectors.profile;

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
 */
public record ReferenceProfile(
    String modelId,
    long events,
    Map<String, NumericProfile> numeric,
    Map<String, CategoricalProfile> categorical,
    NumericProfile score,
    CategoricalProfile label,
    String digest,
    Map<String, Double> performance)
    implements Serializable {

  public ReferenceProfile {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(digest, "digest");
    numeric = Collections.unmodifiableMap(new LinkedHashMap<>(numeric));
    categorical = Collections.unmodifiableMap(new LinkedHashMap<>(categorical));
    performance = Collections.unmodifiableMap(new LinkedHashMap<>(performance));
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
}
