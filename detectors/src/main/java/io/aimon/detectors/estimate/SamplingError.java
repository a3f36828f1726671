package io.aimon.detectors.estimate;

/**
 * The sampling-error band of an estimated metric: the standard deviation (population, ddof 0) of
 * the realized metric over the reference cut into consecutive chunks of the window's size, in
 * reference order, the incomplete last chunk left out; with fewer than two chunks there is no band
 * (null). A chunk's metric is the realized one (docs/metrics.md), 0 where its denominator is 0 as
 * scikit-learn's {@code zero_division=0}.
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
    SPECIFICITY
  }

  private SamplingError() {}

  /**
   * @param predicted the reference events' predictions (positive or not), in reference order
   * @param positive their labels (positive or not)
   * @param chunk the window's number of events, >= 1
   * @return the band, or null with fewer than two chunks
   */
  public static Double of(Metric metric, boolean[] predicted, boolean[] positive, long chunk) {
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
    for (int c = 0; c < chunks; c++) {
      long tp = 0;
      long fp = 0;
      long tn = 0;
      long fn = 0;
      for (long i = c * chunk; i < (c + 1) * chunk; i++) {
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
      values[c] = value(metric, tp, fp, tn, fn);
    }
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

  private static double value(Metric metric, long tp, long fp, long tn, long fn) {
    return switch (metric) {
      case ACCURACY -> ratio(tp + tn, tp + fp + tn + fn);
      case PRECISION -> ratio(tp, tp + fp);
      case RECALL -> ratio(tp, tp + fn);
      case SPECIFICITY -> ratio(tn, tn + fp);
      case F1 -> ratio(2 * tp, 2 * tp + fp + fn);
    };
  }

  private static double ratio(long num, long den) {
    return den == 0 ? 0 : (double) num / den;
  }
}
