package io.aimon.detectors.fairness;

/**
 * The mutable event counts of one group of one sensitive attribute in a window: events, selected
 * (predicted positive) events and, over the labelled events, the confusion counts.
 *
 * <p>An unlabelled event counts in {@link #count()} and {@link #selected()} only, so the selection
 * rate uses every event while TPR, FPR and precision use the labelled ones.
 *
 * <p><b>Invariants</b> (checked by {@link #of} and {@code GroupCountsTest}):
 *
 * <ol>
 *   <li>every count is &gt;= 0;
 *   <li>{@code labelled() == tp + fp + tn + fn <= count()};
 *   <li>{@code tp + fp <= selected()} and {@code selected() - (tp + fp) <= count() - labelled()}
 *       (selected unlabelled events are among the unlabelled ones).
 * </ol>
 *
 * <p>Not thread-safe. {@link #equals} compares the counts.
 */
public final class GroupCounts {
  private long count;
  private long selected;
  private long tp;
  private long fp;
  private long tn;
  private long fn;

  /** An empty group. */
  public GroupCounts() {}

  /**
   * A group with the given counts; {@code labelled = tp + fp + tn + fn}.
   *
   * @throws IllegalArgumentException if the counts break an invariant
   */
  public static GroupCounts of(long count, long selected, long tp, long fp, long tn, long fn) {
    if (count < 0 || selected < 0 || tp < 0 || fp < 0 || tn < 0 || fn < 0) {
      throw new IllegalArgumentException(
          "group counts: expected every count >= 0, found "
              + text(count, selected, tp, fp, tn, fn));
    }
    long labelled = tp + fp + tn + fn;
    if (labelled > count || tp + fp > selected || selected - (tp + fp) > count - labelled) {
      throw new IllegalArgumentException(
          "group counts: expected tp + fp + tn + fn <= count and tp + fp <= selected <= tp + fp +"
              + " (count - labelled), found "
              + text(count, selected, tp, fp, tn, fn));
    }
    GroupCounts g = new GroupCounts();
    g.count = count;
    g.selected = selected;
    g.tp = tp;
    g.fp = fp;
    g.tn = tn;
    g.fn = fn;
    return g;
  }

  /**
   * Counts one event.
   *
   * @param predictedPositive whether the model selected (predicted the positive class)
   * @param actualPositive whether the label is positive; null when the event is not labelled
   */
  public void add(boolean predictedPositive, Boolean actualPositive) {
    count++;
    if (predictedPositive) {
      selected++;
    }
    if (actualPositive == null) {
      return;
    }
    if (actualPositive) {
      if (predictedPositive) {
        tp++;
      } else {
        fn++;
      }
    } else if (predictedPositive) {
      fp++;
    } else {
      tn++;
    }
  }

  /** Adds the other group's counts; {@code other} is not changed. */
  public void merge(GroupCounts other) {
    long c = other.count;
    long s = other.selected;
    long a = other.tp;
    long b = other.fp;
    long d = other.tn;
    long e = other.fn;
    count += c;
    selected += s;
    tp += a;
    fp += b;
    tn += d;
    fn += e;
  }

  /** A copy with the same counts. */
  public GroupCounts copy() {
    return of(count, selected, tp, fp, tn, fn);
  }

  /** Events counted, labelled or not. */
  public long count() {
    return count;
  }

  /** Events predicted positive, labelled or not. */
  public long selected() {
    return selected;
  }

  /** Labelled events: {@code tp + fp + tn + fn}. */
  public long labelled() {
    return tp + fp + tn + fn;
  }

  /** Labelled events predicted positive with a positive label. */
  public long tp() {
    return tp;
  }

  /** Labelled events predicted positive with a negative label. */
  public long fp() {
    return fp;
  }

  /** Labelled events predicted negative with a negative label. */
  public long tn() {
    return tn;
  }

  /** Labelled events predicted negative with a positive label. */
  public long fn() {
    return fn;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupCounts g
        && g.count == count
        && g.selected == selected
        && g.tp == tp
        && g.fp == fp
        && g.tn == tn
        && g.fn == fn;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(count, selected, tp, fp, tn, fn);
  }

  @Override
  public String toString() {
    return "GroupCounts" + text(count, selected, tp, fp, tn, fn);
  }

  private static String text(long count, long selected, long tp, long fp, long tn, long fn) {
    return "{count="
        + count
        + ", selected="
        + selected
        + ", tp="
        + tp
        + ", fp="
        + fp
        + ", tn="
        + tn
        + ", fn="
        + fn
        + "}";
  }
}
