package io.aimon.detectors.performance;

import io.aimon.detectors.common.CompensatedSum;
import io.aimon.detectors.common.ConfusionCounts;
import io.aimon.detectors.sketch.ValueDistribution;

/**
 * The mutable, mergeable, bounded state behind a window's binary-classification metrics: confusion
 * counts, log-loss and Brier sums, and the score distributions of positives and negatives.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * BinaryClassificationAccumulator acc =
 *     new BinaryClassificationAccumulator(ValueDistribution.DEFAULT_EXACT_LIMIT);
 * for (LabelledEvent e : window) {
 *   acc.add(e.label() == 1, e.prediction() == 1, e.score());   // score NaN when absent
 * }
 * BinaryClassificationMetrics m = acc.result();
 * }</pre>
 *
 * <p><b>Definitions</b> (scikit-learn 1.2.1, see {@link BinaryClassificationMetrics}): the
 * confusion counts compare the prediction with the label; the log loss of a scored event is {@code
 * -ln P(true class)} with {@code p = clip(score, eps, 1 - eps)}, {@code eps =} {@value
 * #LOG_LOSS_EPS}, {@code P = [1 - p, p] / ((1 - p) + p)}; its Brier term is {@code (score - y)^2}.
 * The ROC AUC is {@link RocAuc} of the two score distributions.
 *
 * <p><b>Scores.</b> NaN means "no score": the event counts in the confusion counts only. A score
 * must otherwise be a probability in [0, 1] (sklearn's {@code brier_score_loss} rejects anything
 * else too). Events without a score are left out of the AUC, log loss and Brier, which are taken
 * over the {@code nScored} scored events.
 *
 * <p><b>Exactness.</b> Counts are exact. The log-loss and Brier sums are compensated (Neumaier),
 * within 1e-9 relative of sklearn (docs/metrics.md; measured ~1e-15 on the vectors). The AUC is
 * exact while both score distributions hold at most {@code exactLimit} distinct scores; beyond that
 * they are KLL sketches and the AUC is within {@link #rocAucErrorBound()} (at most 0.0014 for the
 * default k = 4096, 98% confidence) of the exact value.
 *
 * <p><b>Invariants</b> (checked by {@code BinaryClassificationAccumulatorTest}):
 *
 * <ol>
 *   <li>{@code n() = tp + fp + tn + fn} is the number of events added, including merged ones.
 *   <li>{@code nScored() = positives.n() + negatives.n() <= n()}, with {@code positives.n() <= tp +
 *       fn} and {@code negatives.n() <= fp + tn}.
 *   <li>The log-loss and Brier sums are over exactly the {@code nScored()} scored events; each log
 *       loss term lies in [0, -ln(eps)] = [0, 36.05] and each Brier term in [0, 1].
 *   <li>Memory is bounded independently of {@code n()}: seven numbers plus two {@link
 *       ValueDistribution}s, each bounded as that class documents (at most {@code exactLimit}
 *       distinct scores, then about {@code 3k} retained items); events are never kept.
 *   <li>Merging is equivalent to adding the other's events: counts are equal to a single pass, the
 *       sums equal up to rounding, the AUC exactly equal while both sides stay exact.
 * </ol>
 *
 * <p>Not thread-safe.
 */
public final class BinaryClassificationAccumulator {
  /**
   * numpy's float64 machine epsilon, sklearn 1.2.1's default log-loss clip: probabilities are
   * clipped to [eps, 1 - eps].
   */
  public static final double LOG_LOSS_EPS = 2.220446049250313e-16;

  private final int exactLimit;
  private long tp;
  private long fp;
  private long tn;
  private long fn;
  private CompensatedSum logLossSum = new CompensatedSum();
  private CompensatedSum brierSum = new CompensatedSum();
  private ValueDistribution positives;
  private ValueDistribution negatives;

  /**
   * An empty accumulator.
   *
   * @param exactLimit distinct scores per class kept exactly before the class's scores switch to a
   *     KLL sketch with {@link ValueDistribution#DEFAULT_SKETCH_K}; in [0, 10,000,000]
   * @throws IllegalArgumentException if {@code exactLimit} is out of range
   */
  public BinaryClassificationAccumulator(int exactLimit) {
    this.exactLimit = exactLimit;
    this.positives = ValueDistribution.create(exactLimit, ValueDistribution.DEFAULT_SKETCH_K);
    this.negatives = ValueDistribution.create(exactLimit, ValueDistribution.DEFAULT_SKETCH_K);
  }

  /** An empty accumulator with {@link ValueDistribution#DEFAULT_EXACT_LIMIT} (10,000). */
  public BinaryClassificationAccumulator() {
    this(ValueDistribution.DEFAULT_EXACT_LIMIT);
  }

  /** Restores a decoded state (for the codec; the caller has validated it). */
  static BinaryClassificationAccumulator restore(
      int exactLimit,
      long tp,
      long fp,
      long tn,
      long fn,
      CompensatedSum logLossSum,
      CompensatedSum brierSum,
      ValueDistribution positives,
      ValueDistribution negatives) {
    BinaryClassificationAccumulator a = new BinaryClassificationAccumulator(exactLimit);
    a.tp = tp;
    a.fp = fp;
    a.tn = tn;
    a.fn = fn;
    a.logLossSum = logLossSum;
    a.brierSum = brierSum;
    a.positives = positives;
    a.negatives = negatives;
    return a;
  }

  /**
   * Adds one labelled event.
   *
   * @param actualPositive whether the label is the positive class
   * @param predictedPositive whether the prediction is the positive class
   * @param score the model's probability of the positive class, in [0, 1]; NaN when absent
   * @throws IllegalArgumentException if {@code score} is neither NaN nor in [0, 1] (the state is
   *     not changed)
   */
  public void add(boolean actualPositive, boolean predictedPositive, double score) {
    boolean scored = !Double.isNaN(score);
    if (scored && !(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException(
          "score: expected a probability in [0, 1] or NaN (absent), found " + score);
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
    if (scored) {
      logLossSum.add(logLoss(actualPositive, score));
      double y = actualPositive ? 1.0 : 0.0;
      brierSum.add((score - y) * (score - y));
      (actualPositive ? positives : negatives).add(score);
    }
  }

  /**
   * Adds everything {@code other} holds; {@code other} is not changed (merging an accumulator into
   * itself doubles every count). This accumulator keeps its own {@code exactLimit}.
   */
  public void merge(BinaryClassificationAccumulator other) {
    if (other == this) {
      BinaryClassificationAccumulator copy = new BinaryClassificationAccumulator(exactLimit);
      copy.merge(this);
      other = copy;
    }
    tp += other.tp;
    fp += other.fp;
    tn += other.tn;
    fn += other.fn;
    logLossSum.add(other.logLossSum);
    brierSum.add(other.brierSum);
    positives.merge(other.positives);
    negatives.merge(other.negatives);
  }

  /** The metrics of everything added so far (this accumulator is not changed). */
  public BinaryClassificationMetrics result() {
    long n = n();
    long scored = nScored();
    Double accuracy = n == 0 ? null : (double) (tp + tn) / n;
    double precision = tp + fp == 0 ? 0.0 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 0.0 : (double) tp / (tp + fn);
    double denominator = precision + recall;
    double f1 = denominator == 0.0 ? 0.0 : 2.0 * precision * recall / denominator;
    Double auc =
        positives.n() > 0 && negatives.n() > 0
            ? RocAuc.of(positives.toCdf(), negatives.toCdf())
            : null;
    Double logLoss = scored == 0 ? null : logLossSum.value() / scored;
    Double brier = scored == 0 ? null : brierSum.value() / scored;
    return new BinaryClassificationMetrics(
        new ConfusionCounts(tp, fp, tn, fn),
        accuracy,
        precision,
        recall,
        f1,
        auc,
        rocAucErrorBound(),
        logLoss,
        brier,
        scored);
  }

  /**
   * The bound on the error of the AUC that {@link #result()} reports: 0 while both score
   * distributions are exact, otherwise the sum of their normalized rank errors ({@link
   * ValueDistribution#rankErrorBound()}, 99% confidence each), see {@link RocAuc}.
   */
  public double rocAucErrorBound() {
    return positives.rankErrorBound() + negatives.rankErrorBound();
  }

  /** Events added, including merged ones. */
  public long n() {
    return tp + fp + tn + fn;
  }

  /** Events added with a score. */
  public long nScored() {
    return positives.n() + negatives.n();
  }

  /** True positives so far. */
  public long tp() {
    return tp;
  }

  /** False positives so far. */
  public long fp() {
    return fp;
  }

  /** True negatives so far. */
  public long tn() {
    return tn;
  }

  /** False negatives so far. */
  public long fn() {
    return fn;
  }

  /** The distinct-score limit of each class's exact mode. */
  public int exactLimit() {
    return exactLimit;
  }

  /** True while both score distributions are exact (and so is the AUC). */
  public boolean isExact() {
    return positives.isExact() && negatives.isExact();
  }

  /** Items held by the two score distributions (bounded, see {@link ValueDistribution}). */
  public int retainedItems() {
    return positives.retainedItems() + negatives.retainedItems();
  }

  /** An estimate of the heap bytes held: both score distributions plus a fixed overhead. */
  public long estimatedBytes() {
    return 96 + positives.estimatedBytes() + negatives.estimatedBytes();
  }

  CompensatedSum logLossSum() {
    return logLossSum;
  }

  CompensatedSum brierSum() {
    return brierSum;
  }

  ValueDistribution positives() {
    return positives;
  }

  ValueDistribution negatives() {
    return negatives;
  }

  /** sklearn 1.2.1 log_loss of one event: clip, renormalise [1 - p, p], -ln P(true class). */
  static double logLoss(boolean actualPositive, double score) {
    double p = Math.min(Math.max(score, LOG_LOSS_EPS), 1.0 - LOG_LOSS_EPS);
    double q = 1.0 - p;
    double rowSum = q + p;
    return -Math.log((actualPositive ? p : q) / rowSum);
  }
}
