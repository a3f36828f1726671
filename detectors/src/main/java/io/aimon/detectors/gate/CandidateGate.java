package io.aimon.detectors.gate;

import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.DriftChecks;
import io.aimon.detectors.check.OutcomeChecks;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.label.LabelMatcher;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.outcome.OutcomeAccumulator;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.detectors.profile.WindowAccumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Judges a candidate model version before deployment: its evaluation events, all of them one
 * window, against the model's reference and thresholds, by the checks production windows get
 * (drift, data quality and selection-rate fairness from {@link DriftChecks}; performance and
 * label-based fairness from {@link OutcomeChecks} over the events' inline labels).
 *
 * <p>Invariants:
 *
 * <ol>
 *   <li>State is the production window's: a {@link WindowAccumulator} and an {@link
 *       OutcomeAccumulator} (counters, bins, sketches) plus rejected counts by reason; it does not
 *       grow with the number of events.
 *   <li>The verdict is {@code fail} iff a check breached or a record was rejected; else {@code
 *       inconclusive} iff the window has fewer events than {@code min_samples} or no event carried
 *       a label; else {@code pass}. A single check with too little data (a small fairness group) is
 *       reported, as in production, and decides nothing.
 *   <li>The window is [first event, last event + 1 ms): the candidate's own span, whatever its
 *       timestamps, so one call to {@link #outcome()} judges every event.
 * </ol>
 */
public final class CandidateGate {
  private final ModelSpec spec;
  private final ReferenceProfile reference;
  private final WindowAccumulator window;
  private final OutcomeAccumulator outcomes;
  private final TreeMap<String, Long> rejected = new TreeMap<>();
  private long records;
  private long labelled;
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;

  public CandidateGate(ModelSpec spec, ReferenceProfile reference) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.reference = Objects.requireNonNull(reference, "reference");
    this.window = WindowAccumulator.create(spec, reference);
    this.outcomes = OutcomeAccumulator.create(spec);
  }

  /** Counts one accepted event of the model. */
  public void add(InferenceEvent e) {
    records++;
    window.add(e, reference);
    first = Math.min(first, e.timestamp());
    last = Math.max(last, e.timestamp());
    if (e.label() != null) {
      if (outcomes.add(spec, LabelMatcher.inline(e))) {
        labelled++;
      } else {
        rejected.merge("wrong_type", 1L, Long::sum); // a regression label that is not a number
      }
    }
  }

  /** Counts one record the decoder rejected. */
  public void reject(DeadLetter d) {
    records++;
    rejected.merge(d.reason(), 1L, Long::sum);
  }

  /** The checks of every event added so far, and the verdict. */
  public GateOutcome outcome() {
    long start = window.count() == 0 ? 0 : first;
    long end = window.count() == 0 ? 1 : last + 1;
    List<CheckResult> results =
        new ArrayList<>(DriftChecks.evaluate(spec, reference, window.toProfile(spec, start, end)));
    if (labelled > 0) {
      results.addAll(OutcomeChecks.evaluate(spec, reference, start, end, outcomes, false));
    }
    List<String> reasons = new ArrayList<>();
    long breaches = results.stream().filter(r -> r.status().isBreach()).count();
    if (breaches > 0) {
      reasons.add(breaches + (breaches == 1 ? " check breached" : " checks breached"));
    }
    long bad = rejected.values().stream().mapToLong(Long::longValue).sum();
    if (bad > 0) {
      reasons.add(
          bad
              + " of "
              + records
              + (records == 1 ? " record" : " records")
              + " rejected "
              + rejected);
    }
    boolean failed = !reasons.isEmpty();
    if (window.count() < spec.minSamples()) {
      reasons.add(
          window.count()
              + " events, fewer than min_samples ("
              + spec.minSamples()
              + "): too few to judge");
    }
    if (labelled == 0) {
      reasons.add("no event carries a label: performance and label-based fairness not judged");
    }
    GateVerdict verdict =
        failed ? GateVerdict.FAIL : reasons.isEmpty() ? GateVerdict.PASS : GateVerdict.INCONCLUSIVE;
    return new GateOutcome(
        verdict,
        reasons,
        results,
        records,
        window.count(),
        labelled,
        rejected,
        window.versions(),
        start,
        window.count() == 0 ? 0 : last);
  }
}
