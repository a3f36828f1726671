package io.aimon.detectors.check;

import io.aimon.config.MetricIds;
import io.aimon.detectors.fairness.FairnessAccumulator;
import io.aimon.detectors.fairness.FairnessResult;
import io.aimon.detectors.fairness.GroupRates;
import io.aimon.detectors.model.ModelSpec;
import java.util.Map;

/**
 * Fairness checks that need no labels, from every event of a window: per group {@code count} and
 * {@code selection_rate} (Wilson 95% interval), and per attribute {@code
 * demographic_parity_difference}, {@code demographic_parity_ratio} and {@code min_group_size}.
 *
 * <p>A gap over fewer than two real groups ({@link GapGroups}) is {@code insufficient_data} with a
 * {@link InsufficientReason}, never ok; so is {@code min_group_size} of an attribute without any
 * real group (every event missing it, or every value pooled in the overflow group). The pooled
 * group {@value FairnessAccumulator#OTHER} is reported with its count and rate, both {@code
 * insufficient_data} with {@link InsufficientReason#OVERFLOW_GROUP}: neither an alert nor an
 * all-clear may rest on it. The attribute's results carry what the group bound capped ({@code
 * capped}, {@code truncated}).
 */
final class FairnessChecks {
  private FairnessChecks() {}

  static void selectionRates(
      ModelSpec spec, CheckEmitter window, Map<String, FairnessResult> results, long events) {
    int minGroup = spec.outcomes().minGroupSize();
    for (FairnessResult f : results.values()) {
      long smallest = Long.MAX_VALUE;
      for (Map.Entry<String, GroupRates> g : f.groups().entrySet()) {
        GroupRates r = g.getValue();
        smallest = Math.min(smallest, r.count());
        CheckEmitter ge =
            window
                .group(f.attribute(), g.getKey(), r.count())
                .withMinSamples(minGroup)
                .insufficientBecause(overflowGroup(g.getKey()));
        ge.report(MetricIds.COUNT, (double) r.count());
        ge.rate(MetricIds.SELECTION_RATE, r.selectionRate(), r.selectionRateWilson95());
      }
      CheckEmitter gaps = window.group(f.attribute(), null, events).withCaps(f.caps());
      InsufficientReason why = GapGroups.reason(f, GapGroups.Rate.SELECTION);
      gap(gaps, MetricIds.DEMOGRAPHIC_PARITY_DIFFERENCE, f.demographicParityDifference(), why);
      gap(gaps, MetricIds.DEMOGRAPHIC_PARITY_RATIO, f.demographicParityRatio(), why);
      if (smallest == Long.MAX_VALUE) {
        continue;
      }
      InsufficientReason noGroup = GapGroups.withoutRealGroups(f);
      if (noGroup != InsufficientReason.TOO_FEW_GROUPS) {
        // the smallest group is __MISSING__ or __OTHER__: no size of a real group to judge
        gaps.insufficient(MetricIds.MIN_GROUP_SIZE, (double) smallest, noGroup);
        continue;
      }
      gaps.add(
          MetricIds.MIN_GROUP_SIZE,
          (double) smallest,
          null,
          new Judgement(
              smallest < minGroup ? CheckStatus.INSUFFICIENT_DATA : CheckStatus.OK,
              (double) minGroup));
    }
  }

  /**
   * A fairness gap: judged by its threshold when {@code why} is null, else {@code
   * insufficient_data} for {@code why} (fewer than two real groups, {@link GapGroups}), never ok.
   */
  static void gap(CheckEmitter gaps, String metric, Double value, InsufficientReason why) {
    if (why == null) {
      gaps.value(metric, OutcomeChecks.orNaN(value));
    } else {
      gaps.insufficient(metric, value, why);
    }
  }

  /** {@link InsufficientReason#OVERFLOW_GROUP} for the pooled group's own results, else null. */
  static InsufficientReason overflowGroup(String group) {
    return FairnessAccumulator.OTHER.equals(group) ? InsufficientReason.OVERFLOW_GROUP : null;
  }
}
