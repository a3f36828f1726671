package io.aimon.detectors.check;

import io.aimon.detectors.fairness.FairnessAccumulator;
import io.aimon.detectors.fairness.FairnessResult;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a fairness gap rests on at least two real groups, and if not, why: the one place that
 * decides when a gap is {@code insufficient_data} by its groups ({@link InsufficientReason}), apart
 * from how the gap's value is computed ({@code FairnessCalculator}).
 *
 * <p>A real group is a value of the attribute: not {@value FairnessAccumulator#MISSING}, not the
 * pooled {@value FairnessAccumulator#OTHER}, and for an intersection no part (between {@code |})
 * {@value FairnessAccumulator#MISSING}. The groups entering a gap are those {@code
 * FairnessCalculator} lets in: at least {@code min_group_size} events, and for the TPR and FPR
 * parts a defined rate.
 */
final class GapGroups {

  /** The rates a gap compares. */
  enum Rate {
    SELECTION,
    TPR,
    FPR
  }

  private static final Pattern PARTS =
      Pattern.compile(Pattern.quote(FairnessAccumulator.SEPARATOR));

  private GapGroups() {}

  /**
   * Null when at least two real groups enter the gap of every rate in {@code rates}, else why not:
   * {@link InsufficientReason#OVERFLOW_ONLY} when the attribute has no real group but its overflow
   * pool, {@link InsufficientReason#ATTRIBUTE_MISSING} when it has no real group at all, else
   * {@link InsufficientReason#TOO_FEW_GROUPS}.
   */
  static InsufficientReason reason(FairnessResult f, Rate... rates) {
    for (Rate r : rates) {
      if (entering(f, r) < 2) {
        return withoutRealGroups(f);
      }
    }
    return null;
  }

  /**
   * {@link InsufficientReason#OVERFLOW_ONLY} or {@link InsufficientReason#ATTRIBUTE_MISSING} when
   * the attribute has no real group of any size in the window; {@link
   * InsufficientReason#TOO_FEW_GROUPS} when it has one.
   */
  static InsufficientReason withoutRealGroups(FairnessResult f) {
    boolean overflow = false;
    for (String g : f.groups().keySet()) {
      if (isReal(g)) {
        return InsufficientReason.TOO_FEW_GROUPS;
      }
      overflow |= g.equals(FairnessAccumulator.OTHER);
    }
    if (f.groups().isEmpty()) {
      return InsufficientReason.TOO_FEW_GROUPS;
    }
    return overflow ? InsufficientReason.OVERFLOW_ONLY : InsufficientReason.ATTRIBUTE_MISSING;
  }

  /** Whether {@code group} is a value of its attribute (see the class doc). */
  static boolean isReal(String group) {
    if (group.equals(FairnessAccumulator.OTHER)) {
      return false;
    }
    for (String part : PARTS.split(group, -1)) {
      if (part.equals(FairnessAccumulator.MISSING)) {
        return false;
      }
    }
    return true;
  }

  private static int entering(FairnessResult f, Rate rate) {
    Set<String> out = new HashSet<>(f.belowMinGroupSize());
    if (rate == Rate.TPR) {
      out.addAll(f.undefinedTpr());
    } else if (rate == Rate.FPR) {
      out.addAll(f.undefinedFpr());
    }
    int n = 0;
    for (String g : f.groups().keySet()) {
      if (isReal(g) && !out.contains(g)) {
        n++;
      }
    }
    return n;
  }
}
