package io.aimon.alerting.policy;

import io.aimon.detectors.check.CheckStatus;
import java.util.List;

/**
 * The alert state of one series between two windows: the statuses of the latest evaluated windows,
 * the open incident if any, the run of ok windows and a pending cooldown. Immutable; {@link
 * AlertStateMachine#step} returns the next state. Its size is bounded: at most {@link
 * AlertPolicy#MAX_WINDOWS} statuses and breach ids and {@link
 * io.aimon.alerting.incident.IncidentEvent#MAX_CHECK_IDS} incident check ids, whatever the number
 * of windows seen. {@link SeriesStateCodec} owns its binary layout.
 *
 * <p>Invariants, checked by the constructor (which throws {@link IllegalArgumentException} naming
 * the invariant):
 *
 * <ol>
 *   <li>{@code recent} holds only {@code OK}, {@code WARNING} and {@code CRITICAL} (never {@code
 *       INSUFFICIENT_DATA}), oldest first, at most {@link AlertPolicy#MAX_WINDOWS} entries.
 *   <li>{@code recentBreachIds} holds the check ids of the breaching ({@code WARNING} or {@code
 *       CRITICAL}) entries of {@code recent}, in the same order: one per breaching entry.
 *   <li>{@code okRun} is in [0, {@link AlertPolicy#MAX_WINDOWS}]: the number of consecutive ok
 *       windows since the last breaching one (saturating); the last min(okRun, recent.size())
 *       entries of {@code recent} are {@code OK}, and when okRun &lt; recent.size() the entry
 *       before them is a breach.
 *   <li>Before the first window ({@code lastWindowStart == NONE}) {@code recent} is empty, {@code
 *       okRun} is 0, no incident is open and no cooldown is pending.
 *   <li>While an incident is open no cooldown is pending ({@code cooldownUntil == NONE}), and the
 *       incident opened on a window already seen ({@code incident.firstWindowStart() <=
 *       lastWindowStart}).
 * </ol>
 *
 * @param recent statuses of the latest evaluated windows, oldest first (copied)
 * @param recentBreachIds check ids of the breaching entries of {@code recent} (copied)
 * @param lastWindowStart start of the latest window seen (evaluated or {@code insufficient_data}),
 *     epoch ms, or {@link #NONE}
 * @param okRun consecutive ok windows since the last breaching one, saturating at {@link
 *     AlertPolicy#MAX_WINDOWS}
 * @param incident the open incident, or null
 * @param cooldownUntil no incident opens on a window starting before this (epoch ms), or {@link
 *     #NONE}
 */
public record SeriesState(
    List<CheckStatus> recent,
    List<String> recentBreachIds,
    long lastWindowStart,
    int okRun,
    OpenIncident incident,
    long cooldownUntil) {

  /** "No time": no window seen yet, or no cooldown pending. */
  public static final long NONE = Long.MIN_VALUE;

  /** The state of a series before its first window. */
  public static final SeriesState INITIAL =
      new SeriesState(List.of(), List.of(), NONE, 0, null, NONE);

  public SeriesState {
    recent = List.copyOf(recent);
    recentBreachIds = List.copyOf(recentBreachIds);
    int breaches = 0;
    for (CheckStatus s : recent) {
      if (s == CheckStatus.INSUFFICIENT_DATA) {
        throw new IllegalArgumentException("invariant 1: recent must not hold insufficient_data");
      }
      breaches += s == CheckStatus.OK ? 0 : 1;
    }
    if (recent.size() > AlertPolicy.MAX_WINDOWS) {
      throw new IllegalArgumentException(
          "invariant 1: recent must hold at most "
              + AlertPolicy.MAX_WINDOWS
              + " statuses, held "
              + recent.size());
    }
    if (recentBreachIds.size() != breaches) {
      throw new IllegalArgumentException(
          "invariant 2: recentBreachIds must hold one id per breaching status ("
              + breaches
              + "), held "
              + recentBreachIds.size());
    }
    if (okRun < 0 || okRun > AlertPolicy.MAX_WINDOWS) {
      throw new IllegalArgumentException(
          "invariant 3: okRun must be in [0, " + AlertPolicy.MAX_WINDOWS + "], was " + okRun);
    }
    int n = recent.size();
    for (int i = Math.max(0, n - okRun); i < n; i++) {
      if (recent.get(i) != CheckStatus.OK) {
        throw new IllegalArgumentException(
            "invariant 3: the last " + okRun + " statuses must be ok, found " + recent);
      }
    }
    if (okRun < n && recent.get(n - 1 - okRun) == CheckStatus.OK) {
      throw new IllegalArgumentException(
          "invariant 3: okRun " + okRun + " must count every trailing ok status of " + recent);
    }
    if (lastWindowStart == NONE
        && (n > 0 || okRun > 0 || incident != null || cooldownUntil != NONE)) {
      throw new IllegalArgumentException(
          "invariant 4: a state before the first window must be empty");
    }
    if (incident != null && cooldownUntil != NONE) {
      throw new IllegalArgumentException(
          "invariant 5: no cooldown may be pending while an incident is open");
    }
    if (incident != null && incident.firstWindowStart() > lastWindowStart) {
      throw new IllegalArgumentException(
          "invariant 5: the incident must open on a window seen, but it opened at "
              + incident.firstWindowStart()
              + " > last window start "
              + lastWindowStart);
    }
  }
}
