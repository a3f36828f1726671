package io.aimon.detectors.profile;

import io.aimon.detectors.fairness.FairnessResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable profile of one model's event-time window [windowStart, windowEnd).
 *
 * @param modelId the model
 * @param modelVersion the version seen in the window (several joined by commas), or null
 * @param windowStart inclusive start, epoch ms UTC
 * @param windowEnd exclusive end, epoch ms UTC
 * @param events number of events in the window
 * @param numeric per numeric feature, in config order
 * @param categorical per categorical feature, in config order
 * @param score the score's profile, or null when not monitored
 * @param label the label's profile, or null when not monitored
 * @param quality out-of-range and type-mismatch counts and the latency distribution
 * @param selection selection-rate fairness per attribute and intersection (labels not needed;
 *     label-based fields are empty); empty when the model has no fairness attributes
 */
public record WindowProfile(
    String modelId,
    String modelVersion,
    long windowStart,
    long windowEnd,
    long events,
    Map<String, NumericProfile> numeric,
    Map<String, CategoricalProfile> categorical,
    NumericProfile score,
    CategoricalProfile label,
    DataQuality quality,
    Map<String, FairnessResult> selection) {

  public WindowProfile {
    Objects.requireNonNull(modelId, "modelId");
    if (windowEnd <= windowStart) {
      throw new IllegalArgumentException("windowEnd: expected > windowStart, found " + windowEnd);
    }
    Objects.requireNonNull(quality, "quality");
    selection = Collections.unmodifiableMap(new LinkedHashMap<>(selection));
    numeric = Collections.unmodifiableMap(new LinkedHashMap<>(numeric));
    categorical = Collections.unmodifiableMap(new LinkedHashMap<>(categorical));
  }
}
