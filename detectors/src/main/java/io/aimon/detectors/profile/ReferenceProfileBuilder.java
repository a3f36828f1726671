package io.aimon.detectors.profile;

import io.aimon.detectors.common.EmpiricalCdf;
import io.aimon.detectors.drift.Bins;
import io.aimon.detectors.drift.QuantileEdges;
import io.aimon.detectors.estimate.ReferenceEstimation;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.label.LabelMatcher;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.multivariate.ReconstructionReference;
import io.aimon.detectors.outcome.Labels;
import io.aimon.detectors.outcome.OutcomeAccumulator;
import io.aimon.detectors.outcome.ReferencePerformance;
import io.aimon.detectors.sketch.ValueDistribution;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a {@link ReferenceProfile} from a model's reference events. Values are counted exactly up
 * to {@link ValueDistribution#REFERENCE_EXACT_LIMIT} distinct values per feature, so the decile
 * edges are exactly numpy's for any reference below that; above it they come from the sketch. Per
 * fairness attribute it counts the events carrying a group value (the profile's {@code groups}), so
 * a profile can tell that an attribute never occurs in its reference. For a binary model it fits
 * the score's calibration on the labelled, scored events and keeps their outcomes ({@link
 * ReferenceEstimation}), so that windows can be estimated before their labels arrive; with the
 * multivariate check on it fits its transform on the first rows ({@link ReconstructionReference}).
 *
 * <pre>{@code
 * ReferenceProfileBuilder b = new ReferenceProfileBuilder(spec);
 * events.forEach(b::add);
 * ReferenceProfile profile = b.build();
 * }</pre>
 */
public final class ReferenceProfileBuilder {
  private final ModelSpec spec;
  private final ValueDistribution[] numeric;
  private final long[] numericMissing;
  private final CategoricalCounter[] categorical;
  private final ValueDistribution score;
  private long scoreMissing;
  private final CategoricalCounter label;
  private long events;
  private final long[] groups;
  private final OutcomeAccumulator outcomes;

  /** The labelled, scored events for performance estimation; null for regression models. */
  private final ReferenceEstimation.Builder estimation;

  /** The rows the multivariate transform is fitted on; null when the check is off. */
  private final ReconstructionReference.Builder multivariate;

  public ReferenceProfileBuilder(ModelSpec spec) {
    this.spec = spec;
    int nNum = spec.numericFeatures().size();
    numeric = new ValueDistribution[nNum];
    numericMissing = new long[nNum];
    for (int i = 0; i < nNum; i++) {
      numeric[i] = newDistribution();
    }
    categorical = new CategoricalCounter[spec.categoricalFeatures().size()];
    for (int i = 0; i < categorical.length; i++) {
      categorical[i] = CategoricalCounter.create();
    }
    score = newDistribution();
    label = CategoricalCounter.create();
    groups = new long[spec.fairnessAttributes().size()];
    outcomes = OutcomeAccumulator.create(spec, ValueDistribution.REFERENCE_EXACT_LIMIT);
    estimation = spec.outcomes().regression() ? null : new ReferenceEstimation.Builder();
    multivariate =
        spec.multivariate().enabled()
            ? new ReconstructionReference.Builder(
                nNum,
                categorical.length,
                spec.multivariate().maxCategories(),
                spec.multivariate().variance())
            : null;
  }

  private static ValueDistribution newDistribution() {
    return ValueDistribution.create(
        ValueDistribution.REFERENCE_EXACT_LIMIT, ValueDistribution.DEFAULT_SKETCH_K);
  }

  /** Counts one reference event of this model. */
  public void add(InferenceEvent e) {
    events++;
    double[] x = e.numeric();
    for (int i = 0; i < numeric.length; i++) {
      if (Double.isNaN(x[i])) {
        numericMissing[i]++;
      } else {
        numeric[i].add(x[i]);
      }
    }
    for (int i = 0; i < categorical.length; i++) {
      categorical[i].add(e.categorical()[i]);
    }
    if (multivariate != null) {
      multivariate.add(x, e.categorical());
    }
    for (int i = 0; i < groups.length; i++) {
      if (!InferenceEvent.MISSING.equals(e.groups()[i])) {
        groups[i]++;
      }
    }
    if (Double.isNaN(e.score())) {
      scoreMissing++;
    } else {
      score.add(e.score());
    }
    if (e.label() != null) {
      label.add(e.label());
      outcomes.add(spec, LabelMatcher.inline(e));
      if (estimation != null) {
        estimation.add(
            e.score(),
            Labels.isPositive(e.prediction(), spec.positiveLabel()),
            Labels.isPositive(e.label(), spec.positiveLabel()));
      }
    }
  }

  /** Number of events added. */
  public long events() {
    return events;
  }

  /**
   * The profile. Numeric features need at least one non-missing value.
   *
   * @throws IllegalStateException naming the feature when a numeric feature has no value at all
   */
  public ReferenceProfile build() {
    Map<String, NumericProfile> num = new LinkedHashMap<>();
    for (int i = 0; i < numeric.length; i++) {
      String name = spec.numericFeatures().get(i);
      if (numeric[i].n() == 0) {
        throw new IllegalStateException(
            "reference of model '" + spec.id() + "': numeric feature '" + name + "' has no values");
      }
      num.put(name, profileOf(numeric[i], numericMissing[i]));
    }
    Map<String, CategoricalProfile> cat = new LinkedHashMap<>();
    for (int i = 0; i < categorical.length; i++) {
      cat.put(spec.categoricalFeatures().get(i), categorical[i].toProfile());
    }
    NumericProfile scoreProfile = score.n() == 0 ? null : profileOf(score, scoreMissing);
    CategoricalProfile labelProfile = label.n() == 0 ? null : label.toProfile();
    Map<String, Long> groupCounts = new LinkedHashMap<>();
    for (int i = 0; i < groups.length; i++) {
      groupCounts.put(spec.fairnessAttributes().get(i), groups[i]);
    }
    return ReferenceProfileCodec.withDigest(
        new ReferenceProfile(
            spec.id(),
            events,
            num,
            cat,
            scoreProfile,
            labelProfile,
            "pending",
            ReferencePerformance.of(outcomes),
            groupCounts,
            estimation == null ? null : estimation.build(),
            multivariate == null ? null : multivariate.build()));
  }

  private static NumericProfile profileOf(ValueDistribution values, long missing) {
    EmpiricalCdf cdf = values.toCdf();
    double[] edges = QuantileEdges.of(expand(cdf));
    long[] bins = new long[edges.length + 1];
    for (int i = 0; i < cdf.size(); i++) {
      bins[Bins.index(edges, cdf.value(i))] += cdf.count(i);
    }
    return new NumericProfile(edges, bins, cdf, values.isExact(), missing);
  }

  /** The sorted sample the CDF stands for (each value repeated by its count). */
  private static double[] expand(EmpiricalCdf cdf) {
    if (cdf.n() > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("reference too large to compute exact edges: " + cdf.n());
    }
    double[] out = new double[(int) cdf.n()];
    int k = 0;
    for (int i = 0; i < cdf.size(); i++) {
      for (long c = cdf.count(i); c > 0; c--) {
        out[k++] = cdf.value(i);
      }
    }
    return out;
  }
}
