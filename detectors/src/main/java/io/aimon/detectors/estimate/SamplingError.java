package io.aimon.detectors.estimate;

import io.aimon.detectors.common.EmpiricalCdf;
import io.aimon.detectors.performance.RocAuc;
import java.util.Arrays;

/**
 * The sampling-error band of an estimated metric: the standard deviation (population, ddof 0) of
 * the realized metric over the reference cut into consecutive chunks of the window's size, in
 * reference order, the incomplete last chunk left out; with fewer than two chunks there is no band
 * (null). A chunk's metric is the realized one (docs/metrics.md), 0 where its denominator is 0 as
 * scikit-learn's {@code zero_division=0}; for {@code roc_auc} the area of the chunk's scores
 * ({@link RocAuc}), over the chunks that hold both classes only (no band with fewer than two).
 *
 * <p>It says how far a window of that many events would stray from the reference by chance alone,
 * so an estimate outside the reference value plus or minus a few bands is more than noise. Its cost
 * is one pass over the reference outcomes per window evaluated; it keeps nothing.
 */
public final class SamplingError {
  /** The metrics with a band. */
  public enum Metric {
    ACCURACY,
    PRECISION,
    RECALL,
    F1,
    SPECIFICITY,
    ROC_AUC
  }

  private SamplingError() {}

  /**
   * @param predicted the reference events' predictions (positive or not), in reference order
   * @param positive their labels (positive or not)
   * @param chunk the window's number of events, >= 1
   * @return the band, or null with fewer than two chunks
   */
  public static Double of(Metric metric, boolean[] predicted, boolean[] positive, long chunk) {
    return of(metric, predicted, positive, null, chunk);
  }

  /**
   * @param scores the reference events' scores, in reference order; needed for {@link
   *     Metric#ROC_AUC} only, else may be null
   * @return the band, or null with fewer than two chunks (of both classes, for roc_auc)
   */
  public static Double of(
      Metric metric, boolean[] predicted, boolean[] positive, double[] scores, long chunk) {
    if (metric == Metric.ROC_AUC && (scores == null || scores.length != positive.length)) {
      throw new IllegalArgumentException(
          "scores: expected one per reference event for roc_auc, found "
              + (scores == null ? "none" : scores.length + " for " + positive.length));
    }
    if (predicted.length != positive.length) {
      throw new IllegalArgumentException(
          "predicted, positive: expected the same length, found "
              + predicted.length
              + ", "
              + positive.length);
    }
    if (chunk < 1) {
      throw new IllegalArgumentException("chunk: expected >= 1, found " + chunk);
    }
    int chunks = (int) (predicted.length / chunk);
    if (chunks < 2) {
      return null;
    }
    double[] values = new double[chunks];
    int kept = 0;
    for (int c = 0; c < chunks; c++) {
      double v = chunkValue(metric, predicted, positive, scores, c * chunk, (c + 1) * chunk);
      if (!Double.isNaN(v)) {
        values[kept++] = v;
      }
    }
    return kept < 2 ? null : std(Arrays.copyOf(values, kept));
  }

  /**
   * The realized metric of events [from, to): 0 where a denominator is 0, NaN for roc_auc of one
   * class.
   */
  static double chunkValue(
      Metric metric, boolean[] predicted, boolean[] positive, double[] scores, long from, long to) {
    if (metric == Metric.ROC_AUC) {
      return chunkRocAuc(positive, scores, from, to);
    }
    long tp = 0;
    long fp = 0;
    long tn = 0;
    long fn = 0;
    for (long i = from; i < to; i++) {
      int k = (int) i;
      if (predicted[k]) {
        if (positive[k]) {
          tp++;
        } else {
          fp++;
        }
      } else if (positive[k]) {
        fn++;
      } else {
        tn++;
      }
    }
    return value(metric, tp, fp, tn, fn);
  }

  /** The population standard deviation (numpy's default, ddof 0). */
  private static double std(double[] values) {
    int chunks = values.length;
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= chunks;
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt(squares / chunks);
  }

  /** The ROC AUC of events [from, to), NaN when they hold one class only. */
  private static double chunkRocAuc(boolean[] positive, double[] scores, long from, long to) {
    int size = (int) (to - from);
    double[] pos = new double[size];
    double[] neg = new double[size];
    int np = 0;
    int nn = 0;
    for (int i = (int) from; i < to; i++) {
      if (positive[i]) {
        pos[np++] = scores[i];
      } else {
        neg[nn++] = scores[i];
      }
    }
    if (np == 0 || nn == 0) {
      return Double.NaN;
    }
    return RocAuc.of(
        EmpiricalCdf.ofSamples(Arrays.copyOf(pos, np)),
        EmpiricalCdf.ofSamples(Arrays.copyOf(neg, nn)));
  }

  private static double value(Metric metric, long tp, long fp, long tn, long fn) {
    return switch (metric) {
      case ACCURACY -> ratio(tp + tn, tp + fp + tn + fn);
      case PRECISION -> ratio(tp, tp + fp);
      case RECALL -> ratio(tp, tp + fn);
      case SPECIFICITY -> ratio(tn, tn + fp);
      case F1 -> ratio(2 * tp, 2 * tp + fp + fn);
      case ROC_AUC -> throw new IllegalArgumentException("roc_auc: needs the scores");
    };
  }

  private static double ratio(long num, long den) {
    return den == 0 ? 0 : (double) num / den;
  }
}
