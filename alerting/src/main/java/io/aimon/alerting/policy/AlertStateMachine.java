package io.aimon.alerting.policy;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.IncidentIds;
import io.aimon.alerting.incident.IncidentSummary;
import io.aimon.alerting.incident.SeriesKey;
import io.aimon.alerting.incident.Severity;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.CheckStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The alert state machine of one series: a pure function from (policy, state, check result of the
 * next window) to (next state, incident events). The caller keeps one {@link SeriesState} per
 * {@link SeriesKey} (e.g. Flink keyed state, checkpointed with {@link SeriesStateCodec}) and feeds
 * it the series' results in window order.
 *
 * <pre>{@code
 * SeriesState state = SeriesState.INITIAL;
 * for (CheckResult r : resultsOfOneSeriesInWindowOrder) {
 *     AlertStateMachine.Step step = AlertStateMachine.step(policy, state, r);
 *     state = step.next();
 *     step.events().forEach(sink::emit);
 * }
 * }</pre>
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li><b>Order.</b> Results of a series must arrive in window order. A result whose window does
 *       not start after the latest window seen (an older window, or the same window again) is
 *       ignored: the state is returned unchanged with {@link Outcome#IGNORED_STALE_WINDOW}. Partial
 *       results (early performance and fairness results, {@code partial == true}) are ignored too
 *       ({@link Outcome#IGNORED_PARTIAL}): the final result of the same window follows, and judging
 *       both would count the window twice.
 *   <li><b>insufficient_data</b> is skipped ({@link Outcome#SKIPPED_INSUFFICIENT_DATA}): it never
 *       opens, escalates, updates or resolves an incident, does not enter the N-of-M window and
 *       does not break or extend a run of ok windows. It only advances the latest window seen.
 *   <li><b>N-of-M.</b> The latest {@link AlertPolicy#window()} evaluated statuses are kept. The
 *       warning rule holds when at least {@code warningFor} of the last {@code warningOf} are
 *       warning or critical (a critical counts for the warning rule too); the critical rule when at
 *       least {@code criticalFor} of the last {@code criticalOf} are critical. Fewer windows than
 *       {@code of} seen so far count as they are.
 *   <li><b>Opening.</b> With no incident open, a breaching window (warning or critical) opens one
 *       ({@link IncidentEvent.Type#OPENED}) when the warning or the critical rule holds and no
 *       cooldown blocks it. Its severity is critical when the critical rule holds, else warning. An
 *       ok window never opens an incident.
 *   <li><b>While open.</b> A critical window for which the critical rule holds escalates a warning
 *       incident ({@link IncidentEvent.Type#ESCALATED}, same incident and dedup key); every other
 *       breaching window emits {@link IncidentEvent.Type#UPDATED}, whether or not the value
 *       changed, so operators always see the latest value. Severity never goes down within an
 *       incident. Ok windows below {@code resolveAfter} emit nothing.
 *   <li><b>Resolving.</b> The {@code resolveAfter}-th consecutive ok window resolves the incident
 *       ({@link IncidentEvent.Type#RESOLVED}).
 *   <li><b>Cooldown.</b> After a resolution with a non-zero cooldown, no incident opens on a window
 *       starting before the resolving window's end plus the cooldown (event time). Breaching
 *       windows during the cooldown still enter the N-of-M window.
 *   <li><b>Ids.</b> The dedup key is derived from the series and the start of the window that
 *       opened the episode, the incident id from the dedup key ({@link IncidentIds}): the same
 *       results give the same ids, after a restart from a checkpoint or in a replay.
 * </ul>
 *
 * <p>At most one event is emitted per step.
 *
 * <h2>Quiet states</h2>
 *
 * A state is <i>quiet</i> ({@link #isQuiet}) when no incident is open, no cooldown is pending and
 * none of the recent statuses is a breach. A quiet state gives, for every result of a later window,
 * the same step as {@link SeriesState#INITIAL}: the N-of-M rules count only breaches among the last
 * {@code of} statuses, so ok statuses before them change no count; {@code okRun} matters only while
 * an incident is open; {@code lastWindowStart} only decides whether a result is stale. So a caller
 * that feeds each series its results in window order may forget a quiet series (Flink: clear its
 * keyed state) and start it again from {@code INITIAL}; what it gives up is only the stale-window
 * guard for that series. A series whose results stay ok or insufficient_data is quiet after every
 * step, so it costs no state.
 *
 * <h2>Invariants of the states returned</h2>
 *
 * Besides those of {@link SeriesState}, for the policy of the step ({@link #checkInvariants}):
 *
 * <ol>
 *   <li>{@code recent} holds at most {@link AlertPolicy#window()} statuses.
 *   <li>While an incident is open, {@code okRun < resolveAfter}.
 *   <li>While an incident is open and {@code recentBreachIds} is not empty, the incident's latest
 *       check id is the last of {@code recentBreachIds} (the incident rests on the latest breach).
 * </ol>
 */
public final class AlertStateMachine {

  private AlertStateMachine() {}

  /** What a step did with its result. */
  public enum Outcome {
    /** The result was judged by the rules (it may or may not have emitted an event). */
    APPLIED,
    /** An {@code insufficient_data} result: only the latest window seen advanced. */
    SKIPPED_INSUFFICIENT_DATA,
    /** The window does not start after the latest window seen: state unchanged. */
    IGNORED_STALE_WINDOW,
    /** A partial (early) result: state unchanged. */
    IGNORED_PARTIAL
  }

  /**
   * The result of one step.
   *
   * @param next the next state (the same state when the result was ignored)
   * @param events the incident events, at most one (copied)
   * @param outcome what the step did with its result
   */
  public record Step(SeriesState next, List<IncidentEvent> events, Outcome outcome) {
    public Step {
      Objects.requireNonNull(next, "next");
      events = List.copyOf(events);
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /**
   * Applies the check result of the series' next window.
   *
   * @param policy the policy
   * @param state the series' state ({@link SeriesState#INITIAL} before its first window)
   * @param result a check result of that series
   * @throws IllegalArgumentException when the result's window is empty (start &gt;= end)
   */
  public static Step step(AlertPolicy policy, SeriesState state, CheckResult result) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(state, "state");
    CheckStatus status = Objects.requireNonNull(result.status(), "status");
    if (result.windowStart() >= result.windowEnd()) {
      throw new IllegalArgumentException(
          "check result "
              + result.checkId()
              + ": expected windowStart < windowEnd, found "
              + result.windowStart()
              + " >= "
              + result.windowEnd());
    }
    if (Boolean.TRUE.equals(result.partial())) {
      return new Step(state, List.of(), Outcome.IGNORED_PARTIAL);
    }
    if (state.lastWindowStart() != SeriesState.NONE
        && result.windowStart() <= state.lastWindowStart()) {
      return new Step(state, List.of(), Outcome.IGNORED_STALE_WINDOW);
    }
    long cooldownUntil =
        state.cooldownUntil() != SeriesState.NONE && result.windowStart() >= state.cooldownUntil()
            ? SeriesState.NONE
            : state.cooldownUntil();
    if (status == CheckStatus.INSUFFICIENT_DATA) {
      SeriesState next =
          new SeriesState(
              state.recent(),
              state.recentBreachIds(),
              result.windowStart(),
              state.okRun(),
              state.incident(),
              cooldownUntil);
      return new Step(next, List.of(), Outcome.SKIPPED_INSUFFICIENT_DATA);
    }
    boolean breach = status != CheckStatus.OK;

    // the N-of-M window, trimmed to the policy
    List<CheckStatus> recent = new ArrayList<>(state.recent());
    List<String> breachIds = new ArrayList<>(state.recentBreachIds());
    recent.add(status);
    if (breach) {
      breachIds.add(result.checkId());
    }
    while (recent.size() > policy.window()) {
      if (recent.remove(0) != CheckStatus.OK) {
        breachIds.remove(0);
      }
    }
    int okRun = breach ? 0 : Math.min(state.okRun() + 1, AlertPolicy.MAX_WINDOWS);
    boolean warningHolds = count(recent, policy.warningOf(), true) >= policy.warningFor();
    boolean criticalHolds = count(recent, policy.criticalOf(), false) >= policy.criticalFor();

    SeriesKey series = SeriesKey.of(result);
    OpenIncident incident = state.incident();
    List<IncidentEvent> events = new ArrayList<>(1);
    if (incident == null) {
      if (breach && (warningHolds || criticalHolds) && cooldownUntil == SeriesState.NONE) {
        String dedupKey = IncidentIds.dedupKey(series, result.windowStart());
        incident =
            new OpenIncident(
                IncidentIds.incidentId(dedupKey),
                dedupKey,
                criticalHolds ? Severity.CRITICAL : Severity.WARNING,
                result.windowStart(),
                result.windowEnd(),
                latest(breachIds),
                1);
        events.add(
            event(IncidentEvent.Type.OPENED, policy, incident, result, incident.checkIds(), 0));
      }
    } else if (breach) {
      boolean escalate =
          status == CheckStatus.CRITICAL
              && incident.severity() == Severity.WARNING
              && criticalHolds;
      List<String> ids = new ArrayList<>(incident.checkIds());
      ids.add(result.checkId());
      incident =
          new OpenIncident(
              incident.incidentId(),
              incident.dedupKey(),
              escalate ? Severity.CRITICAL : incident.severity(),
              incident.firstWindowStart(),
              result.windowEnd(),
              latest(ids),
              incident.breachCount() + 1);
      IncidentEvent.Type type =
          escalate ? IncidentEvent.Type.ESCALATED : IncidentEvent.Type.UPDATED;
      events.add(event(type, policy, incident, result, incident.checkIds(), 0));
    } else if (okRun >= policy.resolveAfter()) {
      List<String> ids = new ArrayList<>(incident.checkIds());
      ids.add(result.checkId());
      events.add(event(IncidentEvent.Type.RESOLVED, policy, incident, result, ids, okRun));
      incident = null;
      cooldownUntil =
          policy.cooldown().isZero()
              ? SeriesState.NONE
              : saturatedAdd(result.windowEnd(), policy.cooldown().toMillis());
    }
    SeriesState next =
        new SeriesState(recent, breachIds, result.windowStart(), okRun, incident, cooldownUntil);
    return new Step(next, events, Outcome.APPLIED);
  }

  /**
   * Whether {@code state} is quiet: no open incident, no pending cooldown and no breach among its
   * recent statuses (see the class doc: it then acts as {@link SeriesState#INITIAL} for every later
   * window). {@code INITIAL} is quiet.
   */
  public static boolean isQuiet(SeriesState state) {
    return state.incident() == null
        && state.cooldownUntil() == SeriesState.NONE
        && state.recentBreachIds().isEmpty();
  }

  /**
   * Checks the invariants of a state returned for {@code policy} (see the class doc; those of
   * {@link SeriesState} hold by construction).
   *
   * @throws IllegalStateException naming the first invariant broken
   */
  public static void checkInvariants(AlertPolicy policy, SeriesState state) {
    if (state.recent().size() > policy.window()) {
      throw new IllegalStateException(
          "invariant 1: recent holds "
              + state.recent().size()
              + " statuses, more than the policy's window "
              + policy.window());
    }
    OpenIncident incident = state.incident();
    if (incident != null && state.okRun() >= policy.resolveAfter()) {
      throw new IllegalStateException(
          "invariant 2: an incident is open after "
              + state.okRun()
              + " ok windows, resolveAfter is "
              + policy.resolveAfter());
    }
    if (incident != null
        && !state.recentBreachIds().isEmpty()
        && !incident
            .checkIds()
            .get(incident.checkIds().size() - 1)
            .equals(state.recentBreachIds().get(state.recentBreachIds().size() - 1))) {
      throw new IllegalStateException(
          "invariant 3: the incident's latest check id is not the latest breaching window's");
    }
  }

  /** Breaches (or criticals only) among the last {@code of} entries. */
  private static int count(List<CheckStatus> recent, int of, boolean anyBreach) {
    int c = 0;
    for (int i = Math.max(0, recent.size() - of); i < recent.size(); i++) {
      CheckStatus s = recent.get(i);
      if (s == CheckStatus.CRITICAL || (anyBreach && s == CheckStatus.WARNING)) {
        c++;
      }
    }
    return c;
  }

  private static List<String> latest(List<String> ids) {
    int from = Math.max(0, ids.size() - IncidentEvent.MAX_CHECK_IDS);
    return List.copyOf(ids.subList(from, ids.size()));
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  private static IncidentEvent event(
      IncidentEvent.Type type,
      AlertPolicy policy,
      OpenIncident incident,
      CheckResult r,
      List<String> checkIds,
      int okWindows) {
    return new IncidentEvent(
        type,
        incident.incidentId(),
        incident.dedupKey(),
        r.modelId(),
        r.modelVersion(),
        r.metric(),
        r.feature(),
        r.attribute(),
        r.group(),
        incident.severity(),
        r.status().code(),
        incident.firstWindowStart(),
        incident.lastWindowEnd(),
        r.windowStart(),
        r.windowEnd(),
        r.value(),
        r.pValue(),
        r.threshold(),
        r.n(),
        incident.breachCount(),
        IncidentSummary.of(type, r, okWindows),
        policy.runbookUrl(),
        latest(checkIds),
        r.version(),
        null,
        List.of());
  }
}
