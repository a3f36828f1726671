package io.aimon.detectors.outcome;

import io.aimon.detectors.common.Mergeable;
import io.aimon.detectors.estimate.EstimatedPerformance;
import io.aimon.detectors.estimate.ReferenceEstimation;
import io.aimon.detectors.fairness.FairnessAccumulator;
import io.aimon.detectors.label.LabelledPrediction;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.performance.BinaryClassificationAccumulator;
import io.aimon.detectors.performance.RegressionAccumulator;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable outcome state of one model's window: a binary-classification or regression
 * accumulator and, for classification, a fairness accumulator fed with labels.
 *
 * <p>Invariants: (1) exactly one of binary and regression is non-null; (2) it holds counters and
 * bounded score distributions, never predictions; (3) a score outside [0, 1] counts in the
 * confusion counts but not in ROC AUC, log loss and Brier (those need a probability); (4) with the
 * reference's estimation, {@code estimated} counts the same labelled predictions' scores as a
 * window without labels would, so each realized value can be reported next to its estimate.
 */
public final class OutcomeAccumulator implements Mergeable<OutcomeAccumulator> {
  final BinaryClassificationAccumulator binary;
  final RegressionAccumulator regression;
  final FairnessAccumulator fairness;

  /** The estimate over the same labelled predictions; null without a reference estimation. */
  final EstimatedPerformance estimated;

  OutcomeAccumulator(
      BinaryClassificationAccumulator binary,
      RegressionAccumulator regression,
      FairnessAccumulator fairness,
      EstimatedPerformance estimated) {
    this.binary = binary;
    this.regression = regression;
    this.fairness = fairness;
    this.estimated = estimated;
  }

  /**
   * An empty window for the model's task that also estimates its performance from the scores
   * ({@code estimation} null: it does not).
   */
  public static OutcomeAccumulator create(ModelSpec spec, ReferenceEstimation estimation) {
    if (spec.outcomes().regression() || estimation == null) {
      return create(spec);
    }
    return new OutcomeAccumulator(
        new BinaryClassificationAccumulator(spec.exactValues()),
        null,
        fairnessFor(spec),
        EstimatedPerformance.create(estimation.calibration()));
  }

  /**
   * An empty window for the model's task; scores counted exactly up to {@code job.exact_values}.
   */
  public static OutcomeAccumulator create(ModelSpec spec) {
    return create(spec, spec.exactValues());
  }

  /**
   * An empty accumulator whose ROC AUC counts distinct scores exactly up to {@code exactLimit} per
   * class (the reference uses a larger limit so that its AUC, and its digest, are exact).
   */
  public static OutcomeAccumulator create(ModelSpec spec, int exactLimit) {
    if (spec.outcomes().regression()) {
      return new OutcomeAccumulator(null, new RegressionAccumulator(), null, null);
    }
    return new OutcomeAccumulator(
        new BinaryClassificationAccumulator(exactLimit), null, fairnessFor(spec), null);
  }

  /** An empty fairness accumulator over the model's attributes and intersections. */
  public static FairnessAccumulator fairnessFor(ModelSpec spec) {
    List<String> attributes = spec.fairnessAttributes();
    List<List<Integer>> intersections = new ArrayList<>();
    for (List<String> names : spec.outcomes().intersections()) {
      intersections.add(names.stream().map(attributes::indexOf).toList());
    }
    return new FairnessAccumulator(
        attributes, intersections, FairnessAccumulator.DEFAULT_MAX_GROUPS);
  }

  /**
   * Counts one labelled prediction.
   *
   * @return false when it cannot be used: a regression prediction or label that is not a number
   */
  public boolean add(ModelSpec spec, LabelledPrediction p) {
    if (regression != null) {
      double y = Labels.number(p.label());
      double yhat = Labels.number(p.prediction());
      if (Double.isNaN(y) || Double.isNaN(yhat)) {
        return false;
      }
      regression.add(y, yhat);
      return true;
    }
    boolean actual = Labels.isPositive(p.label(), spec.positiveLabel());
    boolean predicted = Labels.isPositive(p.prediction(), spec.positiveLabel());
    double score = p.score() >= 0 && p.score() <= 1 ? p.score() : Double.NaN;
    binary.add(actual, predicted, score);
    fairness.add(p.groups(), predicted, actual);
    if (estimated != null) {
      estimated.add(p.score(), predicted);
    }
    return true;
  }

  /** Adds another window's state of the same model. */
  @Override
  public void merge(OutcomeAccumulator other) {
    if (regression != null) {
      regression.merge(other.regression);
    } else {
      binary.merge(other.binary);
      fairness.merge(other.fairness);
      if (estimated != null && other.estimated != null) {
        estimated.merge(other.estimated);
      }
    }
  }

  /** The classification accumulator, or null for regression. */
  public BinaryClassificationAccumulator binary() {
    return binary;
  }

  /** The regression accumulator, or null for classification. */
  public RegressionAccumulator regression() {
    return regression;
  }

  /** The estimate over the same labelled predictions, or null. */
  public EstimatedPerformance estimated() {
    return estimated;
  }

  /** The label-based fairness accumulator, or null for regression. */
  public FairnessAccumulator fairness() {
    return fairness;
  }
}
