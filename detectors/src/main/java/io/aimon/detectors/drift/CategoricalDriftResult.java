package io.aimon.detectors.drift;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Drift of one categorical feature (or the label) in one window against the reference; produced by
 * {@link CategoricalDrift#compare}. Immutable: the compact constructor copies the arrays and lists,
 * and the array accessors return copies.
 *
 * @param categories the sorted union (Unicode code point order) of the categories with a positive
 *     count in the reference or the window
 * @param refCounts reference count per category, aligned with categories
 * @param winCounts window count per category, aligned with categories
 * @param unseenInReference categories with reference count 0 (sorted)
 * @param nRef reference total, >= 1
 * @param nWin window total, >= 1
 * @param chiSquare chi-square statistic, >= 0
 * @param chiSquarePValue its p-value; null when there is a single category
 * @param chiSquareDof categories.size() - 1
 * @param psi population stability index over the categories, >= 0
 * @param jensenShannon Jensen-Shannon distance (base 2), >= 0
 * @param hellinger Hellinger distance, in [0, 1]
 */
public record CategoricalDriftResult(
    List<String> categories,
    long[] refCounts,
    long[] winCounts,
    List<String> unseenInReference,
    long nRef,
    long nWin,
    double chiSquare,
    Double chiSquarePValue,
    int chiSquareDof,
    double psi,
    double jensenShannon,
    double hellinger) {

  /**
   * @throws IllegalArgumentException naming the first inconsistent or out-of-range field
   */
  public CategoricalDriftResult {
    if (categories == null || categories.isEmpty()) {
      throw new IllegalArgumentException("categories: expected at least one category, found none");
    }
    categories = List.copyOf(categories);
    if (refCounts == null || refCounts.length != categories.size()) {
      throw new IllegalArgumentException(
          "refCounts: expected "
              + categories.size()
              + " counts, found "
              + (refCounts == null ? "null" : refCounts.length));
    }
    if (winCounts == null || winCounts.length != categories.size()) {
      throw new IllegalArgumentException(
          "winCounts: expected "
              + categories.size()
              + " counts, found "
              + (winCounts == null ? "null" : winCounts.length));
    }
    refCounts = refCounts.clone();
    winCounts = winCounts.clone();
    if (Proportions.total(refCounts, "refCounts") != nRef || nRef < 1) {
      throw new IllegalArgumentException(
          "nRef: expected the positive total of refCounts, found " + nRef);
    }
    if (Proportions.total(winCounts, "winCounts") != nWin || nWin < 1) {
      throw new IllegalArgumentException(
          "nWin: expected the positive total of winCounts, found " + nWin);
    }
    if (unseenInReference == null) {
      throw new IllegalArgumentException("unseenInReference: expected a list, found null");
    }
    unseenInReference = List.copyOf(unseenInReference);
    if (chiSquareDof != categories.size() - 1) {
      throw new IllegalArgumentException(
          "chiSquareDof: expected " + (categories.size() - 1) + ", found " + chiSquareDof);
    }
    new ChiSquareResult(chiSquare, chiSquarePValue, chiSquareDof); // validates the three fields
    if (!(psi >= 0) || !(jensenShannon >= 0) || !(hellinger >= 0 && hellinger <= 1)) {
      throw new IllegalArgumentException(
          "psi, jensenShannon, hellinger: expected psi >= 0, jensenShannon >= 0, hellinger in [0, 1], found "
              + psi
              + ", "
              + jensenShannon
              + ", "
              + hellinger);
    }
  }

  /** A copy of the reference counts. */
  @Override
  public long[] refCounts() {
    return refCounts.clone();
  }

  /** A copy of the window counts. */
  @Override
  public long[] winCounts() {
    return winCounts.clone();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CategoricalDriftResult r)) {
      return false;
    }
    return categories.equals(r.categories)
        && Arrays.equals(refCounts, r.refCounts)
        && Arrays.equals(winCounts, r.winCounts)
        && unseenInReference.equals(r.unseenInReference)
        && nRef == r.nRef
        && nWin == r.nWin
        && Double.compare(chiSquare, r.chiSquare) == 0
        && Objects.equals(chiSquarePValue, r.chiSquarePValue)
        && chiSquareDof == r.chiSquareDof
        && Double.compare(psi, r.psi) == 0
        && Double.compare(jensenShannon, r.jensenShannon) == 0
        && Double.compare(hellinger, r.hellinger) == 0;
  }

  @Override
  public int hashCode() {
    int h =
        Objects.hash(
            categories,
            unseenInReference,
            nRef,
            nWin,
            chiSquare,
            chiSquarePValue,
            chiSquareDof,
            psi,
            jensenShannon,
            hellinger);
    return 31 * (31 * h + Arrays.hashCode(refCounts)) + Arrays.hashCode(winCounts);
  }

  @Override
  public String toString() {
    return "CategoricalDriftResult[categories="
        + categories
        + ", refCounts="
        + Arrays.toString(refCounts)
        + ", winCounts="
        + Arrays.toString(winCounts)
        + ", unseenInReference="
        + unseenInReference
        + ", nRef="
        + nRef
        + ", nWin="
        + nWin
        + ", chiSquare="
        + chiSquare
        + ", chiSquarePValue="
        + chiSquarePValue
        + ", chiSquareDof="
        + chiSquareDof
        + ", psi="
        + psi
        + ", jensenShannon="
        + jensenShannon
        + ", hellinger="
        + hellinger
        + "]";
  }
}
