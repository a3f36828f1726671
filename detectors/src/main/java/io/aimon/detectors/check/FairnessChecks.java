package io.aimon.detectors.check;

import io.aimon.config.MetricIds;
import io.aimon.detectors.fairness.FairnessAccumulator;
import io.aimon.detectors.fairness.FairnessResult;
import io.aimon.detectors.fairness.GroupRates;
import io.aimon.detectors.model.ModelSpec;
import java.util.List;
import java.util.Map;

/**
 * Fairness checks that need no labels, from every event of a window: per group {@code count} and
 * {@code selection_rate} (Wilson 95% interval), and per attribute {@code
 * demographic_parity_difference}, {@code demographic_parity_ratio} and {@code min_group_size}.
 *
 * <p><b>What is not judged.</b> The pooled group {@value FairnessAccumulator#OTHER} is reported
 * with its count and rates, every one {@code insufficient_data} with reason {@value
 * #OVERFLOW_GROUP}: it pools unrelated values, so neither an alert nor an all-clear may rest on it;
 * it does not count as the smallest group either. A gap over fewer than two real groups ({@link
 * FairnessResult#isRealGroup}: neither {@value FairnessAccumulator#OTHER} nor {@value
 * FairnessAccumulator#MISSING}) is {@code insufficient_data}, never {@code ok}, with a reason
 * ({@link #gapReason}); its value is still reported. The attribute's results carry what the group
 * bound capped ({@code capped}, {@code truncated}).
 */
final class FairnessChecks {
  /** Reason of every result of the pooled group itself. */
  static final String OVERFLOW_GROUP = "overflow_group";

  /** Reason of a gap with fewer than two real groups while values were pooled by the bound. */
  static final String OVERFLOW_ONLY = "overflow_only";

  /** Reason of a gap with fewer than two real groups and nothing pooled. */
  static final String TOO_FEW_GROUPS = "too_few_groups";

  /** Reason of a gap whose every event lacks the attribute. */
  static final String ATTRIBUTE_MISSING = "attribute_missing";

  private FairnessChecks() {}

  static void selectionRates(
      ModelSpec spec, CheckEmitter window, Map<String, FairnessResult> results, long events) {
    int minGroup = spec.outcomes().minGroupSize();
    for (FairnessResult f : results.values()) {
      long smallest = Long.MAX_VALUE;
      for (Map.Entry<String, GroupRates> g : f.groups().entrySet()) {
        GroupRates r = g.getValue();
        boolean pooled = FairnessAccumulator.OTHER.equals(g.getKey());
        if (!pooled) {
          smallest = Math.min(smallest, r.count());
        }
        CheckEmitter ge =
            window
                .group(f.attribute(), g.getKey(), r.count())
                .withMinSamples(minGroup)
                .insufficientBecause(pooled ? OVERFLOW_GROUP : null);
        ge.report(MetricIds.COUNT, (double) r.count());
        ge.rate(MetricIds.SELECTION_RATE, r.selectionRate(), r.selectionRateWilson95());
      }
      CheckEmitter gaps = window.group(f.attribute(), null, events).withCaps(f.caps());
      CheckEmitter parity = gaps.insufficientBecause(gapReason(f, f.realSelectionGapGroups()));
      parity.value(
          MetricIds.DEMOGRAPHIC_PARITY_DIFFERENCE,
          OutcomeChecks.orNaN(f.demographicParityDifference()));
      parity.value(
          MetricIds.DEMOGRAPHIC_PARITY_RATIO, OutcomeChecks.orNaN(f.demographicParityRatio()));
      if (smallest != Long.MAX_VALUE) {
        gaps.add(
            MetricIds.MIN_GROUP_SIZE,
            (double) smallest,
            null,
            new Judgement(
                smallest < minGroup ? CheckStatus.INSUFFICIENT_DATA : CheckStatus.OK,
                (double) minGroup));
      }
    }
  }

  /**
   * Why a gap over {@code realGroups} (the real groups that entered it) cannot be judged, or null
   * when at least two did: {@value #ATTRIBUTE_MISSING} when every event lacks the attribute,
   * {@value #OVERFLOW_ONLY} when values were pooled into {@value FairnessAccumulator#OTHER}, else
   * {@value #TOO_FEW_GROUPS}.
   */
  static String gapReason(FairnessResult f, List<String> realGroups) {
    if (realGroups.size() >= 2) {
      return null;
    }
    if (f.groups().size() == 1 && f.groups().containsKey(FairnessAccumulator.MISSING)) {
      return ATTRIBUTE_MISSING;
    }
    return f.groups().containsKey(FairnessAccumulator.OTHER) ? OVERFLOW_ONLY : TOO_FEW_GROUPS;
  }
}
