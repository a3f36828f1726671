package io.aimon.detectors.check;

import io.aimon.config.MetricIds;
import io.aimon.detectors.fairness.FairnessResult;
import io.aimon.detectors.fairness.GroupRates;
import io.aimon.detectors.model.ModelSpec;
import java.util.Map;

/**
 * Fairness checks that need no labels, from every event of a window: per group {@code count} and
 * {@code selection_rate} (Wilson 95% interval), and per attribute {@code
 * demographic_parity_difference}, {@code demographic_parity_ratio} and {@code min_group_size}.
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
            window.group(f.attribute(), g.getKey(), r.count()).withMinSamples(minGroup);
        ge.report(MetricIds.COUNT, (double) r.count());
        ge.rate(MetricIds.SELECTION_RATE, r.selectionRate(), r.selectionRateWilson95());
      }
      CheckEmitter gaps = window.group(f.attribute(), null, events);
      gaps.value(
          MetricIds.DEMOGRAPHIC_PARITY_DIFFERENCE,
          OutcomeChecks.orNaN(f.demographicParityDifference()));
      gaps.value(
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
}
