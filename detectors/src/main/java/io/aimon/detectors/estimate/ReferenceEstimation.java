package io.aimon.detectors.estimate;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a binary model's reference gives performance estimation: the score's calibration, fitted on
 * every labelled, scored reference event, and those events' outcomes for the sampling-error bands
 * and the reference values that estimated metrics' drop thresholds compare with.
 *
 * @param calibration the isotonic calibration of the label on the score
 * @param outcomes the first {@value ReferenceOutcomes#LIMIT} labelled, scored events
 */
public record ReferenceEstimation(IsotonicCalibration calibration, ReferenceOutcomes outcomes)
    implements Serializable {

  public ReferenceEstimation {
    Objects.requireNonNull(calibration, "calibration");
    Objects.requireNonNull(outcomes, "outcomes");
  }

  /** The reference value of an estimated metric: the realized one over the kept outcomes. */
  public Double referenceValue(SamplingError.Metric metric) {
    return outcomes.realized(metric);
  }

  /**
   * Collects a reference's labelled, scored events in order and fits the calibration on them. Holds
   * every event's score and label until {@link #build}, like the reference's exact decile edges do.
   */
  public static final class Builder {
    private double[] scores = new double[1024];
    private boolean[] predicted = new boolean[1024];
    private boolean[] positive = new boolean[1024];
    private int n;

    /** Counts one reference event; one without a score (NaN) is not counted. */
    public void add(double score, boolean predictedPositive, boolean labelPositive) {
      if (!Double.isFinite(score)) {
        return;
      }
      if (n == scores.length) {
        int grown = Math.max(n + 1, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * n));
        scores = Arrays.copyOf(scores, grown);
        predicted = Arrays.copyOf(predicted, grown);
        positive = Arrays.copyOf(positive, grown);
      }
      scores[n] = score;
      predicted[n] = predictedPositive;
      positive[n] = labelPositive;
      n++;
    }

    /** The estimation, or null without any labelled, scored event. */
    public ReferenceEstimation build() {
      if (n == 0) {
        return null;
      }
      double[] s = Arrays.copyOf(scores, n);
      boolean[] y = Arrays.copyOf(positive, n);
      int kept = Math.min(n, ReferenceOutcomes.LIMIT);
      return new ReferenceEstimation(
          IsotonicCalibration.fit(s, y),
          new ReferenceOutcomes(
              Arrays.copyOf(predicted, kept),
              Arrays.copyOf(y, kept),
              Arrays.copyOf(s, kept),
              n - kept));
    }
  }
}
