package io.aimon.detectors.fairness;

import io.aimon.detectors.common.ConfusionCounts;
import java.util.Arrays;
import java.util.Objects;

/**
 * One group's counts and rates in a window, with Wilson 95% intervals (immutable). A rate and its
 * interval are null when the rate's denominator is 0.
 *
 * @param count events in the group, labelled or not (&gt;= 1)
 * @param selected events predicted positive
 * @param labelled labelled events ({@code counts.n()})
 * @param counts the group's confusion counts over its labelled events
 * @param selectionRate {@code selected / count}
 * @param tpr {@code tp / (tp + fn)}; null without labelled positives
 * @param fpr {@code fp / (fp + tn)}; null without labelled negatives
 * @param precision {@code tp / (tp + fp)}; null without labelled predicted positives
 * @param selectionRateWilson95 {@link Wilson#interval}{@code (selected, count)}
 * @param tprWilson95 {@code Wilson.interval(tp, tp + fn)}, or null
 * @param fprWilson95 {@code Wilson.interval(fp, fp + tn)}, or null
 * @param precisionWilson95 {@code Wilson.interval(tp, tp + fp)}, or null
 */
public record GroupRates(
    long count,
    long selected,
    long labelled,
    ConfusionCounts counts,
    double selectionRate,
    Double tpr,
    Double fpr,
    Double precision,
    double[] selectionRateWilson95,
    double[] tprWilson95,
    double[] fprWilson95,
    double[] precisionWilson95) {

  /**
   * Copies the intervals.
   *
   * @throws IllegalArgumentException if {@code count < 1}, a count is negative, an interval is not
   *     two numbers, or a rate and its interval are not both present or both null
   */
  public GroupRates {
    if (count < 1 || selected < 0 || labelled < 0 || counts == null) {
      throw new IllegalArgumentException(
          "group rates: expected count >= 1 and counts >= 0, found count="
              + count
              + " selected="
              + selected
              + " labelled="
              + labelled
              + " "
              + counts);
    }
    selectionRateWilson95 =
        checkInterval("selectionRateWilson95", selectionRate, selectionRateWilson95);
    tprWilson95 = checkInterval("tprWilson95", tpr, tprWilson95);
    fprWilson95 = checkInterval("fprWilson95", fpr, fprWilson95);
    precisionWilson95 = checkInterval("precisionWilson95", precision, precisionWilson95);
  }

  /** The counts' rates and intervals. */
  static GroupRates of(GroupCounts g) {
    long count = g.count();
    ConfusionCounts c = new ConfusionCounts(g.tp(), g.fp(), g.tn(), g.fn());
    long tp = c.tp();
    long fp = c.fp();
    long tn = c.tn();
    long fn = c.fn();
    return new GroupRates(
        count,
        g.selected(),
        g.labelled(),
        c,
        (double) g.selected() / count,
        c.tpr(),
        c.fpr(),
        c.precision(),
        Wilson.interval(g.selected(), count),
        interval(tp, tp + fn),
        interval(fp, fp + tn),
        interval(tp, tp + fp));
  }

  /** A copy of {@code [lower, upper]} of the selection rate. */
  @Override
  public double[] selectionRateWilson95() {
    return selectionRateWilson95.clone();
  }

  /** A copy of {@code [lower, upper]} of the TPR, or null. */
  @Override
  public double[] tprWilson95() {
    return tprWilson95 == null ? null : tprWilson95.clone();
  }

  /** A copy of {@code [lower, upper]} of the FPR, or null. */
  @Override
  public double[] fprWilson95() {
    return fprWilson95 == null ? null : fprWilson95.clone();
  }

  /** A copy of {@code [lower, upper]} of the precision, or null. */
  @Override
  public double[] precisionWilson95() {
    return precisionWilson95 == null ? null : precisionWilson95.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupRates r
        && count == r.count
        && selected == r.selected
        && labelled == r.labelled
        && counts.equals(r.counts)
        && Double.compare(selectionRate, r.selectionRate) == 0
        && Objects.equals(tpr, r.tpr)
        && Objects.equals(fpr, r.fpr)
        && Objects.equals(precision, r.precision)
        && Arrays.equals(selectionRateWilson95, r.selectionRateWilson95)
        && Arrays.equals(tprWilson95, r.tprWilson95)
        && Arrays.equals(fprWilson95, r.fprWilson95)
        && Arrays.equals(precisionWilson95, r.precisionWilson95);
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(count, selected, labelled, counts, selectionRate, tpr, fpr);
    h = 31 * h + Objects.hashCode(precision);
    h = 31 * h + Arrays.hashCode(selectionRateWilson95);
    h = 31 * h + Arrays.hashCode(tprWilson95);
    h = 31 * h + Arrays.hashCode(fprWilson95);
    return 31 * h + Arrays.hashCode(precisionWilson95);
  }

  @Override
  public String toString() {
    return "GroupRates[count="
        + count
        + ", selected="
        + selected
        + ", labelled="
        + labelled
        + ", "
        + counts
        + ", selectionRate="
        + selectionRate
        + ", tpr="
        + tpr
        + ", fpr="
        + fpr
        + ", precision="
        + precision
        + ", selectionRateWilson95="
        + Arrays.toString(selectionRateWilson95)
        + ", tprWilson95="
        + Arrays.toString(tprWilson95)
        + ", fprWilson95="
        + Arrays.toString(fprWilson95)
        + ", precisionWilson95="
        + Arrays.toString(precisionWilson95)
        + "]";
  }

  private static double[] interval(long k, long n) {
    return n == 0 ? null : Wilson.interval(k, n);
  }

  private static double[] checkInterval(String name, Double rate, double[] interval) {
    if ((rate == null) != (interval == null)) {
      throw new IllegalArgumentException(
          name + ": expected an interval exactly when the rate is defined, found rate " + rate);
    }
    if (interval == null) {
      return null;
    }
    if (interval.length != 2) {
      throw new IllegalArgumentException(
          name + ": expected [lower, upper], found " + interval.length + " numbers");
    }
    return interval.clone();
  }
}
