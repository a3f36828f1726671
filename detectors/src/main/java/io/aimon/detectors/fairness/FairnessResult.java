package io.aimon.detectors.fairness;

import io.aimon.detectors.common.CapCounts;
import io.aimon.detectors.common.CodePointOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The fairness of one sensitive attribute (or intersection of attributes) in a window (immutable):
 * every group's rates and the gaps across groups, as {@link FairnessCalculator#evaluate} defines
 * them. A gap is null when it is undefined.
 *
 * @param attribute the attribute name, e.g. {@code "sex"} or the intersection {@code "race|sex"}
 * @param groups every group present, in code-point order of the names (copied, unmodifiable)
 * @param demographicParityDifference max - min selection rate over the gap groups
 * @param demographicParityRatio min / max selection rate; null when the max is 0
 * @param equalOpportunityDifference max - min TPR over the gap groups with a defined TPR
 * @param equalizedOddsDifference max(TPR difference, FPR difference); null if either is null
 * @param equalizedOddsRatio min(TPR ratio, FPR ratio); null if either is null
 * @param undefinedTpr groups without labelled positives (no TPR), code-point order
 * @param undefinedFpr groups without labelled negatives (no FPR), code-point order
 * @param undefinedPrecision groups without labelled predicted positives (no precision)
 * @param belowMinGroupSize groups smaller than the min group size: reported, not in any gap
 * @param caps events of the attribute pooled into {@value FairnessAccumulator#OTHER} by the group
 *     bound, and events whose group name was truncated ({@link FairnessAccumulator#caps})
 */
public record FairnessResult(
    String attribute,
    Map<String, GroupRates> groups,
    Double demographicParityDifference,
    Double demographicParityRatio,
    Double equalOpportunityDifference,
    Double equalizedOddsDifference,
    Double equalizedOddsRatio,
    List<String> undefinedTpr,
    List<String> undefinedFpr,
    List<String> undefinedPrecision,
    List<String> belowMinGroupSize,
    CapCounts caps) {

  /** Copies the collections, keeping the groups' order. */
  public FairnessResult {
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(caps, "caps");
    groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    undefinedTpr = List.copyOf(undefinedTpr);
    undefinedFpr = List.copyOf(undefinedFpr);
    undefinedPrecision = List.copyOf(undefinedPrecision);
    belowMinGroupSize = List.copyOf(belowMinGroupSize);
  }

  /**
   * The groups with an undefined TPR or FPR, in code-point order: the oracle's {@code
   * undefined_groups}.
   */
  public List<String> undefinedGroups() {
    TreeSet<String> names = new TreeSet<>(CodePointOrder.COMPARATOR);
    names.addAll(undefinedTpr);
    names.addAll(undefinedFpr);
    return List.copyOf(new ArrayList<>(names));
  }
}
