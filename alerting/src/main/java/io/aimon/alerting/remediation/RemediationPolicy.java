package io.aimon.alerting.remediation;

import io.aimon.alerting.incident.Severity;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How corrective actions are judged: the clean windows that verify an applied action, and when a
 * critical incident becomes a major nonconformity.
 *
 * <p>The grade rule ({@link #grade}): an incident that reached critical and was still unresolved
 * {@code majorAfter} (event time) after it opened is {@link NonconformityGrade#MAJOR}; one that
 * reached critical otherwise {@link NonconformityGrade#MINOR}; a warning-only incident {@link
 * NonconformityGrade#OBSERVATION}.
 *
 * @param verifyWindows consecutive ok windows after an applied action that verify it as effective,
 *     in [1, {@link #MAX_VERIFY_WINDOWS}]; default 3
 * @param majorAfter how long (event time) a critical incident may stay unresolved before it is
 *     major, &gt; 0; default 24h
 * @param seriousDeadlines per category, how soon after its declaration a serious incident must be
 *     reported, each &gt; 0; default {@link SeriousCategory#article73Deadlines()}
 */
public record RemediationPolicy(
    int verifyWindows, Duration majorAfter, Map<SeriousCategory, Duration> seriousDeadlines) {

  /** The most clean windows {@link #verifyWindows} may ask for. */
  public static final int MAX_VERIFY_WINDOWS = 100;

  /** The default of {@link #verifyWindows}. */
  public static final int DEFAULT_VERIFY_WINDOWS = 3;

  /** The default of {@link #majorAfter}. */
  public static final Duration DEFAULT_MAJOR_AFTER = Duration.ofHours(24);

  /** A policy with the Art. 73 reporting deadlines. */
  public RemediationPolicy(int verifyWindows, Duration majorAfter) {
    this(verifyWindows, majorAfter, SeriousCategory.article73Deadlines());
  }

  public RemediationPolicy {
    if (verifyWindows < 1 || verifyWindows > MAX_VERIFY_WINDOWS) {
      throw new IllegalArgumentException(
          "verifyWindows: expected an integer in [1, "
              + MAX_VERIFY_WINDOWS
              + "], found "
              + verifyWindows);
    }
    if (majorAfter == null || majorAfter.isNegative() || majorAfter.isZero()) {
      throw new IllegalArgumentException(
          "majorAfter: expected a duration > 0, found " + majorAfter);
    }
    Map<SeriousCategory, Duration> deadlines = new EnumMap<>(SeriousCategory.class);
    for (SeriousCategory c : SeriousCategory.values()) {
      Duration d = seriousDeadlines == null ? null : seriousDeadlines.get(c);
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(
            "seriousDeadlines: expected a duration > 0 for " + c.code() + ", found " + d);
      }
      deadlines.put(c, d);
    }
    seriousDeadlines = Collections.unmodifiableMap(deadlines);
  }

  /** The defaults: 3 verify windows, major after 24h. */
  public static RemediationPolicy defaults() {
    return new RemediationPolicy(DEFAULT_VERIFY_WINDOWS, DEFAULT_MAJOR_AFTER);
  }

  /**
   * The grade by the rule (see the class doc) of an incident at event time {@code at}.
   *
   * @param severity the highest severity the incident reached
   * @param openedAt when it opened, epoch ms
   * @param resolvedAt when it resolved, epoch ms, or null while unresolved
   * @param at the event time of the judgement, epoch ms
   */
  public NonconformityGrade grade(Severity severity, long openedAt, Long resolvedAt, long at) {
    Objects.requireNonNull(severity, "severity");
    if (severity == Severity.WARNING) {
      return NonconformityGrade.OBSERVATION;
    }
    long unresolvedUntil = resolvedAt == null ? at : Math.min(at, resolvedAt);
    long unresolvedFor = unresolvedUntil - openedAt;
    return unresolvedFor >= 0 && Duration.ofMillis(unresolvedFor).compareTo(majorAfter) >= 0
        ? NonconformityGrade.MAJOR
        : NonconformityGrade.MINOR;
  }
}
