package io.aimon.detectors.gate;

import io.aimon.detectors.check.CheckResult;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * A candidate judged by {@link CandidateGate}.
 *
 * @param verdict the decision
 * @param reasons why the verdict is not {@code pass}, one sentence each, in a fixed order; empty
 *     for {@code pass}
 * @param results every check result, drift and data quality first, then performance and label-based
 *     fairness, in the job's order
 * @param records candidate records read
 * @param events records accepted as events of the model
 * @param labelled events with an inline label
 * @param rejected rejected records by dead-letter reason code, sorted
 * @param versions the model versions the events carried, with their event counts
 * @param firstEvent epoch ms of the earliest event (0 when none)
 * @param lastEvent epoch ms of the latest event (0 when none)
 */
public record GateOutcome(
    GateVerdict verdict,
    List<String> reasons,
    List<CheckResult> results,
    long records,
    long events,
    long labelled,
    SortedMap<String, Long> rejected,
    SortedMap<String, Long> versions,
    long firstEvent,
    long lastEvent) {
  public GateOutcome {
    Objects.requireNonNull(verdict, "verdict");
    reasons = List.copyOf(reasons);
    results = List.copyOf(results);
    rejected = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(rejected));
    versions = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(versions));
  }

  /** The results that breached (warning or critical), in result order. */
  public List<CheckResult> breaches() {
    return results.stream().filter(r -> r.status().isBreach()).toList();
  }

  /** Rejected records in all. */
  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }
}
