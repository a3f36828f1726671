package io.aimon.detectors.fairness;

import io.aimon.detectors.common.CapCounts;
import io.aimon.detectors.common.CodePointOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Group fairness of one sensitive attribute: per-group rates and the parity gaps across groups.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * FairnessResult r = FairnessCalculator.evaluate("sex", accumulator.groups("sex"), 30);
 * if (r.demographicParityRatio() != null && r.demographicParityRatio() < 0.8) { ... }
 * }</pre>
 *
 * <p><b>Definitions</b> (docs/metrics.md, Fairness; the pandas values of {@code
 * vectors/fairness.json}, equal to Fairlearn v0.12.0's wherever every group's rate is defined). Per
 * group: selection rate = selected / count (all events, labelled or not), TPR = tp / (tp + fn), FPR
 * = fp / (fp + tn), precision = tp / (tp + fp), each with a {@link Wilson} 95% interval ({@link
 * GroupRates}). Gaps, over the <i>gap groups</i>:
 *
 * <ul>
 *   <li>demographic parity difference = max - min selection rate; ratio = min / max;
 *   <li>equal opportunity difference = max - min TPR;
 *   <li>equalized odds difference = max(TPR difference, FPR difference); equalized odds ratio =
 *       min(min/max TPR, min/max FPR).
 * </ul>
 *
 * <p><b>Which groups enter a gap.</b> A group with {@code count < minGroupSize} is reported (in
 * {@code groups} and {@code belowMinGroupSize}) but enters no gap. Of the others, every group
 * enters the selection-rate gaps (they need no labels); only groups with a defined TPR enter the
 * TPR parts and only groups with a defined FPR the FPR parts. A group with an undefined TPR or FPR
 * is named in {@code undefinedTpr} / {@code undefinedFpr} whatever its size (Fairlearn would score
 * it 0; we do not). The pooled group {@value FairnessAccumulator#OTHER} (values beyond the group
 * bound) is reported with its rates but enters no gap, whatever its size: it pools unrelated values
 * and is not a group of the population. {@value FairnessAccumulator#MISSING} enters the gaps as the
 * values do; neither is a <i>real</i> group, which is what judging a gap counts (the checks judge
 * no gap over fewer than two real groups).
 *
 * <p><b>Undefined and degenerate gaps.</b> A difference is null when no group enters it; a ratio is
 * null when no group enters it or its max is 0 (0/0 when every rate is 0); the equalized odds
 * difference and ratio are null when either their TPR or their FPR part is. With exactly one group
 * entering a gap, the difference is 0 and the ratio is 1 (or null when that group's rate is 0): a
 * lone group is at parity with itself, which is what Fairlearn and the vectors' {@code
 * group_without_negatives} case give.
 *
 * <p><b>Exact</b>: rates are one division of counts and gaps one subtraction or division of rates,
 * matching the vectors' pandas values within 1e-12 (docs/metrics.md). Groups with {@code count ==
 * 0} (which an accumulator never creates) are ignored. Stateless and thread-safe.
 */
public final class FairnessCalculator {
  private FairnessCalculator() {}

  /**
   * @param attribute the attribute's name (reported as is)
   * @param groups the attribute's groups by name (not changed)
   * @param minGroupSize groups with fewer events are left out of the gaps; &gt;= 0 (0 and 1 leave
   *     none out)
   * @throws IllegalArgumentException if an argument is null, a group name or counts are null, or
   *     {@code minGroupSize < 0}
   */
  public static FairnessResult evaluate(
      String attribute, Map<String, GroupCounts> groups, int minGroupSize) {
    return evaluate(attribute, groups, minGroupSize, CapCounts.NONE);
  }

  /**
   * As {@link #evaluate(String, Map, int)}, carrying what the accumulator's bounds capped.
   *
   * @param caps the attribute's {@link FairnessAccumulator#caps}, reported as is (not null)
   */
  public static FairnessResult evaluate(
      String attribute, Map<String, GroupCounts> groups, int minGroupSize, CapCounts caps) {
    if (attribute == null) {
      throw new IllegalArgumentException("attribute: expected a name, found null");
    }
    if (groups == null) {
      throw new IllegalArgumentException("groups: expected a map, found null");
    }
    if (minGroupSize < 0) {
      throw new IllegalArgumentException(
          "minGroupSize: expected an integer >= 0, found " + minGroupSize);
    }
    TreeMap<String, GroupCounts> sorted = new TreeMap<>(CodePointOrder.COMPARATOR);
    for (Map.Entry<String, GroupCounts> e : groups.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException(
            attribute + ": expected named groups with counts, found a null name or counts");
      }
      sorted.put(e.getKey(), e.getValue());
    }
    Map<String, GroupRates> rates = new LinkedHashMap<>();
    List<Double> selection = new ArrayList<>();
    List<Double> tprs = new ArrayList<>();
    List<Double> fprs = new ArrayList<>();
    List<String> undefinedTpr = new ArrayList<>();
    List<String> undefinedFpr = new ArrayList<>();
    List<String> undefinedPrecision = new ArrayList<>();
    List<String> below = new ArrayList<>();
    for (Map.Entry<String, GroupCounts> e : sorted.entrySet()) {
      String name = e.getKey();
      GroupCounts g = e.getValue();
      if (g.count() == 0) {
        continue;
      }
      GroupRates r = GroupRates.of(g);
      rates.put(name, r);
      if (r.tpr() == null) {
        undefinedTpr.add(name);
      }
      if (r.fpr() == null) {
        undefinedFpr.add(name);
      }
      if (r.precision() == null) {
        undefinedPrecision.add(name);
      }
      if (name.equals(FairnessAccumulator.OTHER)) {
        continue; // pooled values: reported, in no gap
      }
      if (g.count() < minGroupSize) {
        below.add(name);
        continue;
      }
      selection.add(r.selectionRate());
      if (r.tpr() != null) {
        tprs.add(r.tpr());
      }
      if (r.fpr() != null) {
        fprs.add(r.fpr());
      }
    }
    Double tprDifference = difference(tprs);
    Double fprDifference = difference(fprs);
    Double tprRatio = ratio(tprs);
    Double fprRatio = ratio(fprs);
    return new FairnessResult(
        attribute,
        rates,
        difference(selection),
        ratio(selection),
        tprDifference,
        tprDifference == null || fprDifference == null
            ? null
            : Math.max(tprDifference, fprDifference),
        tprRatio == null || fprRatio == null ? null : Math.min(tprRatio, fprRatio),
        undefinedTpr,
        undefinedFpr,
        undefinedPrecision,
        below,
        caps);
  }

  /** max - min; null for no values. */
  private static Double difference(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return max - min;
  }

  /** min / max; null for no values or a max of 0. */
  private static Double ratio(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return max == 0.0 ? null : min / max;
  }
}
