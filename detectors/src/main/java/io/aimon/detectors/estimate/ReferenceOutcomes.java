package io.aimon.detectors.estimate;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The reference's labelled, scored events in reference order, one prediction bit, one label bit and
 * one score each: what the sampling-error bands ({@link SamplingError}) cut into chunks of a
 * window's size. At most {@value #LIMIT} events are kept, the first ones; the rest are counted
 * ({@link #leftOut}) and take no part in the bands or the reference values. Immutable.
 *
 * <p>Size: 8.25 bytes per kept event, at most about 0.8 MiB; fixed when the profile is built.
 */
public final class ReferenceOutcomes implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Reference events kept for the bands: 100,000. */
  public static final int LIMIT = 100_000;

  private final boolean[] predicted;
  private final boolean[] positive;
  private final double[] scores;
  private final long leftOut;

  /**
   * @throws IllegalArgumentException when the arrays differ in length, hold more than {@link
   *     #LIMIT} events or a score is not finite, or {@code leftOut} is negative
   */
  public ReferenceOutcomes(boolean[] predicted, boolean[] positive, double[] scores, long leftOut) {
    if (predicted.length != positive.length || scores.length != positive.length) {
      throw new IllegalArgumentException(
          "reference outcomes: expected as many predictions, labels and scores, found "
              + predicted.length
              + ", "
              + positive.length
              + ", "
              + scores.length);
    }
    if (scores.length > LIMIT || leftOut < 0) {
      throw new IllegalArgumentException(
          "reference outcomes: expected at most " + LIMIT + " events and left_out >= 0");
    }
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new IllegalArgumentException("reference outcomes: score " + i + " is not finite");
      }
    }
    this.predicted = predicted.clone();
    this.positive = positive.clone();
    this.scores = scores.clone();
    this.leftOut = leftOut;
  }

  /** Kept events. */
  public int size() {
    return scores.length;
  }

  /** Labelled, scored reference events beyond {@link #LIMIT}, not kept. */
  public long leftOut() {
    return leftOut;
  }

  /**
   * The band of {@code metric} for a window of {@code chunk} events, or null ({@link
   * SamplingError}).
   */
  public Double band(SamplingError.Metric metric, long chunk) {
    return chunk < 1 ? null : SamplingError.of(metric, predicted, positive, scores, chunk);
  }

  /**
   * The realized value of {@code metric} over the kept events, as a band's chunk has it (0 where a
   * denominator is 0); null without events, or for roc_auc without both classes.
   */
  public Double realized(SamplingError.Metric metric) {
    double v =
        scores.length == 0
            ? Double.NaN
            : SamplingError.chunkValue(metric, predicted, positive, scores, 0, scores.length);
    return Double.isNaN(v) ? null : v;
  }

  public boolean[] predicted() {
    return predicted.clone();
  }

  public boolean[] positive() {
    return positive.clone();
  }

  public double[] scores() {
    return scores.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReferenceOutcomes r
        && leftOut == r.leftOut
        && Arrays.equals(predicted, r.predicted)
        && Arrays.equals(positive, r.positive)
        && Arrays.equals(scores, r.scores);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(scores);
  }
}
