package io.aimon.detectors.outcome;

import io.aimon.detectors.common.Mergeable;
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
 * confusion counts but not in ROC AUC, log loss and Brier (those need a probability).
 */
public final class OutcomeAccumulator implements Mergeable<OutcomeAccumulator> {
  final BinaryClassificationAccumulator binary;
  final RegressionAccumulator regression;
  final FairnessAccumulator fairness;

  OutcomeAccumulator(
      BinaryClassificationAccumulator binary,
      RegressionAccumulator regression,
      FairnessAccumulator fairness) {
    this.binary = binary;
    this.regression = regression;
    this.fairness = fairness;
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
      return new OutcomeAccumulator(null, new RegressionAccumulator(), null);
    }
    return new OutcomeAccumulator(
        new BinaryClassificationAccumulator(exactLimit), null, fairnessFor(spec));
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

  /** The label-based fairness accumulator, or null for regression. */
  public FairnessAccumulator fairness() {
    return fairness;
  }
}
