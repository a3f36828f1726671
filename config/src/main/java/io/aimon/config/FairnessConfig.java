package io.aimon.config;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The {@code fairness} section of a model.
 *
 * @param attributes sensitive attributes (keys of the event's {@code groups}); no duplicates; empty
 *     turns fairness metrics off (copied, unmodifiable)
 * @param minGroupSize &gt;= 1: smaller groups are reported but left out of the gaps
 */
public record FairnessConfig(List<String> attributes, int minGroupSize) {

  public FairnessConfig {
    Objects.requireNonNull(attributes, "attributes");
    attributes = List.copyOf(attributes);
    if (new HashSet<>(attributes).size() != attributes.size()) {
      throw new IllegalArgumentException("attributes must not repeat, were " + attributes);
    }
    if (minGroupSize < 1) {
      throw new IllegalArgumentException("minGroupSize must be >= 1, was " + minGroupSize);
    }
  }

  /** No attributes, the default min_group_size (30). */
  public static FairnessConfig none() {
    return new FairnessConfig(List.of(), ConfigKeys.MODEL_FAIRNESS_MIN_GROUP_SIZE.defaultValue());
  }
}
