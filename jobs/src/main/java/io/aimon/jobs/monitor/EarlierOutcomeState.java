package io.aimon.jobs.monitor;

import io.aimon.detectors.outcome.OutcomeAccumulator;
import io.aimon.detectors.version.VersionSplit;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;

/**
 * Outcome state of a build that kept one accumulator per window, before versions were split: moved
 * into the split form, as pooled (its versions are not known), by the operators that restore it.
 */
final class EarlierOutcomeState {
  private EarlierOutcomeState() {}

  /** Moves the current key's entries of {@code earlier} into {@code current} and clears it. */
  static <K> void moveAll(
      MapState<K, OutcomeAccumulator> earlier,
      MapState<K, VersionSplit<OutcomeAccumulator>> current)
      throws Exception {
    if (earlier.isEmpty()) {
      return;
    }
    for (Map.Entry<K, OutcomeAccumulator> e : earlier.entries()) {
      current.put(e.getKey(), merged(e.getValue(), current.get(e.getKey())));
    }
    earlier.clear();
  }

  /**
   * The earlier build's entry of {@code key} as a pooled split, removed there; null when it has
   * none. For a key the current state does not have yet.
   */
  static <K> VersionSplit<OutcomeAccumulator> take(K key, MapState<K, OutcomeAccumulator> earlier)
      throws Exception {
    OutcomeAccumulator old = earlier.get(key);
    if (old == null) {
      return null;
    }
    earlier.remove(key);
    return VersionSplit.ofWhole(old, null);
  }

  private static VersionSplit<OutcomeAccumulator> merged(
      OutcomeAccumulator old, VersionSplit<OutcomeAccumulator> current) {
    VersionSplit<OutcomeAccumulator> split = VersionSplit.ofWhole(old, null);
    if (current != null) {
      split.merge(current);
    }
    return split;
  }
}
