package io.aimon.detectors.profile;

import io.aimon.detectors.common.CapCounts;
import io.aimon.detectors.estimate.EstimatedMetrics;
import io.aimon.detectors.fairness.FairnessResult;
import io.aimon.detectors.multivariate.WindowReconstruction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable profile of one model's event-time window [windowStart, windowEnd).
 *
 * @param modelId the model
 * @param modelVersion the versions seen in the window (several joined by commas, at most {@link
 *     WindowAccumulator#MAX_VERSIONS} of them, the whole at most {@value
 *     io.aimon.detectors.common.BoundedText#MAX_BYTES} UTF-8 bytes), or the configured version when
 *     no event carried one, or null
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
 * @param estimated the performance estimated without labels, or null when the reference gives no
 *     estimation (docs/metrics.md, "Estimated performance")
 * @param reconstruction the events' mean reconstruction error, or null when the reference has no
 *     multivariate transform
 * @param llm the window's LLM calls, or null when no event was one
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
    Map<String, FairnessResult> selection,
    EstimatedMetrics estimated,
    WindowReconstruction reconstruction,
    LlmProfile llm) {

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

  /** Cap kind: categories of categorical features and the label. */
  public static final String CAPPED_CATEGORIES = "categories";

  /** Cap kind: groups of the fairness attributes and intersections. */
  public static final String CAPPED_GROUPS = "groups";

  /** Cap kind: finish reasons of LLM calls. */
  public static final String CAPPED_FINISH_REASONS = "finish_reasons";

  /** Cap kind: model versions. */
  public static final String CAPPED_VERSIONS = "versions";

  /**
   * What the window's bounds capped, summed by kind ({@value #CAPPED_CATEGORIES} over categorical
   * features and the label, {@value #CAPPED_GROUPS} over fairness attributes and intersections, so
   * an event pooled in two attributes counts twice, {@value #CAPPED_VERSIONS}, {@value
   * #CAPPED_FINISH_REASONS} over LLM calls), in that order; kinds with nothing capped or truncated
   * are left out.
   */
  public Map<String, CapCounts> capTotals() {
    CapCounts categories = CapCounts.NONE;
    for (CapCounts c : quality.caps().values()) {
      categories = categories.plus(c);
    }
    CapCounts groups = CapCounts.NONE;
    for (FairnessResult f : selection.values()) {
      groups = groups.plus(f.caps());
    }
    Map<String, CapCounts> out = new LinkedHashMap<>();
    putUnlessNone(out, CAPPED_CATEGORIES, categories);
    putUnlessNone(out, CAPPED_GROUPS, groups);
    putUnlessNone(out, CAPPED_VERSIONS, quality.versions());
    if (llm != null) {
      putUnlessNone(out, CAPPED_FINISH_REASONS, llm.reasonCaps());
    }
    return Collections.unmodifiableMap(out);
  }

  private static void putUnlessNone(Map<String, CapCounts> out, String kind, CapCounts c) {
    if (!c.isNone()) {
      out.put(kind, c);
    }
  }
}
