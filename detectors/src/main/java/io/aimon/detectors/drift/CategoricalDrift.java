package io.aimon.detectors.drift;

import io.aimon.detectors.common.CodePointOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * All categorical drift metrics of docs/metrics.md for one feature (or the label) in one window:
 * chi-square, PSI, Jensen-Shannon and Hellinger over the categories.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * CategoricalDriftResult r = CategoricalDrift.compare(
 *     Map.of("A", 413L, "B", 278L), Map.of("A", 149L, "B", 124L, "E", 32L));
 * r.unseenInReference(); // [E]
 * }</pre>
 *
 * <p>Definitions: categories = the union of the keys with a positive count on either side, sorted
 * by Unicode code point (Python's str order; a key with count 0 on both sides is left out); p =
 * reference counts / n_ref, q = window counts / n_win over those categories; then {@link
 * ChiSquare#of}, {@link Psi#of}, {@link JensenShannon#of} and {@link Hellinger#of}, each exact
 * within the tolerance its class states. Missing values must already be mapped to {@link #MISSING}
 * (the callers map null and "" to it); a null key is rejected. Empty input: a side with total 0 is
 * rejected with IllegalArgumentException; callers check first.
 */
public final class CategoricalDrift {
  /** The category that missing values (null or "") are counted under. */
  public static final String MISSING = "__MISSING__";

  /** Categories are sorted in Unicode code point order, as Python sorts them. */
  static final Comparator<String> CODE_POINT_ORDER = CodePointOrder.COMPARATOR;

  private CategoricalDrift() {}

  /**
   * @param refCounts reference count per category (counts >= 0, total > 0)
   * @param winCounts window count per category (counts >= 0, total > 0)
   * @throws IllegalArgumentException if a map is null, holds a null key or a null or negative
   *     count, or has total 0
   */
  public static CategoricalDriftResult compare(
      Map<String, Long> refCounts, Map<String, Long> winCounts) {
    checkMap(refCounts, "refCounts");
    checkMap(winCounts, "winCounts");
    TreeSet<String> union = new TreeSet<>(CODE_POINT_ORDER);
    addPositive(union, refCounts);
    addPositive(union, winCounts);
    List<String> categories = new ArrayList<>(union);
    int k = categories.size();
    long[] ref = new long[k];
    long[] win = new long[k];
    List<String> unseen = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      String cat = categories.get(c);
      ref[c] = refCounts.getOrDefault(cat, 0L);
      win[c] = winCounts.getOrDefault(cat, 0L);
      if (ref[c] == 0) {
        unseen.add(cat);
      }
    }
    long nRef = Proportions.total(ref, "refCounts");
    long nWin = Proportions.total(win, "winCounts");
    if (nRef == 0) {
      throw new IllegalArgumentException("refCounts: expected a positive total, found 0");
    }
    if (nWin == 0) {
      throw new IllegalArgumentException("winCounts: expected a positive total, found 0");
    }
    ChiSquareResult chi = ChiSquare.of(ref, win);
    double[] p = Proportions.of(ref, nRef);
    double[] q = Proportions.of(win, nWin);
    return new CategoricalDriftResult(
        categories,
        ref,
        win,
        unseen,
        nRef,
        nWin,
        chi.statistic(),
        chi.pValue(),
        chi.dof(),
        Psi.of(p, q),
        JensenShannon.of(p, q),
        Hellinger.of(p, q));
  }

  private static void checkMap(Map<String, Long> counts, String name) {
    if (counts == null) {
      throw new IllegalArgumentException(name + ": expected a map, found null");
    }
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getKey() == null) {
        throw new IllegalArgumentException(
            name
                + ": expected non-null categories (map missing values to "
                + MISSING
                + "), found null");
      }
      if (e.getValue() == null || e.getValue() < 0) {
        throw new IllegalArgumentException(
            name + "[" + e.getKey() + "]: expected a count >= 0, found " + e.getValue());
      }
    }
  }

  private static void addPositive(TreeSet<String> union, Map<String, Long> counts) {
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getValue() > 0) {
        union.add(e.getKey());
      }
    }
  }
}
