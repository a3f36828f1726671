package io.aimon.alerting.incident;

import java.util.List;
import java.util.Objects;

/**
 * One change of an incident: opened, escalated, updated or resolved, caused by the check result of
 * one window. Serialized as a CloudEvents 1.0 JSON event by {@link CloudEvents}.
 *
 * @param type what happened
 * @param incidentId the incident, a version 5 UUID derived from the dedup key ({@link IncidentIds})
 * @param dedupKey the deduplication key of the episode, 32 hex characters, the same for every event
 *     of one incident and after a restart
 * @param modelId the model
 * @param modelVersion the model version of the triggering window, or null
 * @param metric the metric id
 * @param feature the feature, or null
 * @param attribute the fairness attribute, or null
 * @param group the fairness group, or null
 * @param severity the incident's severity after this event (for {@code resolved}: the highest it
 *     reached)
 * @param windowStatus the status of the triggering window: {@code warning} or {@code critical}, or
 *     {@code ok} for {@code resolved}
 * @param firstWindowStart start (inclusive, epoch ms) of the window that opened the incident
 * @param lastWindowEnd end (exclusive, epoch ms) of the latest breaching window of the incident
 * @param windowStart start (inclusive, epoch ms) of the triggering window
 * @param eventTime end (exclusive, epoch ms) of the triggering window: the event's time
 * @param value the metric value of the triggering window, or null when it could not be computed
 * @param pValue the p-value of the triggering window (ks, chi_square), or null
 * @param threshold the threshold the triggering window was judged against, or null
 * @param n the sample size of the triggering window, &gt;= 0
 * @param breachCount breaching windows in the incident so far (from the opening one on), &gt;= 1
 * @param summary one line a person can act on (see {@link IncidentSummary})
 * @param runbookUrl the runbook from the configuration, or null
 * @param checkIds ids of the check results the incident rests on, oldest first (copied): the
 *     breaching windows (at most {@link #MAX_CHECK_IDS}, the latest), and for {@code resolved} also
 *     the resolving window
 * @param version the model version of a series of that version's events alone ({@link
 *     SeriesKey#version}), or null for a series of the model's whole window
 * @param groupKey for a grouped incident ({@code alerting.group_by} feature or model), the group's
 *     key ({@link SeriesKey#groupKey}, e.g. {@code credit-risk/feature=income}); null for an
 *     incident of one series
 * @param members for a grouped incident, every series that breached in it, in the order of their
 *     {@link SeriesKey#asString()} (copied); the fields above from {@code metric} to {@code n} are
 *     those of the lead member, the one that opened the incident, at its latest window; empty for
 *     an incident of one series
 */
public record IncidentEvent(
    Type type,
    String incidentId,
    String dedupKey,
    String modelId,
    String modelVersion,
    String metric,
    String feature,
    String attribute,
    String group,
    Severity severity,
    String windowStatus,
    long firstWindowStart,
    long lastWindowEnd,
    long windowStart,
    long eventTime,
    Double value,
    Double pValue,
    Double threshold,
    long n,
    int breachCount,
    String summary,
    String runbookUrl,
    List<String> checkIds,
    String version,
    String groupKey,
    List<IncidentMember> members) {

  /** The most check ids an incident keeps (the latest ones). */
  public static final int MAX_CHECK_IDS = 20;

  /** What happened to the incident, with its CloudEvents {@code type}. */
  public enum Type {
    OPENED("io.aimon.incident.opened"),
    ESCALATED("io.aimon.incident.escalated"),
    UPDATED("io.aimon.incident.updated"),
    RESOLVED("io.aimon.incident.resolved");

    private final String cloudEventsType;

    Type(String cloudEventsType) {
      this.cloudEventsType = cloudEventsType;
    }

    /** The CloudEvents {@code type} attribute, e.g. {@code io.aimon.incident.opened}. */
    public String cloudEventsType() {
      return cloudEventsType;
    }

    /** The type with this CloudEvents {@code type} attribute. */
    public static Type ofCloudEventsType(String text) {
      for (Type t : values()) {
        if (t.cloudEventsType.equals(text)) {
          return t;
        }
      }
      throw new IllegalArgumentException(
          "expected an io.aimon.incident.* type, found '" + text + "'");
    }
  }

  public IncidentEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(dedupKey, "dedupKey");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(windowStatus, "windowStatus");
    Objects.requireNonNull(summary, "summary");
    if (firstWindowStart >= lastWindowEnd) {
      throw new IllegalArgumentException(
          "firstWindowStart must be < lastWindowEnd, was "
              + firstWindowStart
              + " >= "
              + lastWindowEnd);
    }
    if (windowStart >= eventTime) {
      throw new IllegalArgumentException(
          "windowStart must be < eventTime, was " + windowStart + " >= " + eventTime);
    }
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, was " + n);
    }
    if (breachCount < 1) {
      throw new IllegalArgumentException("breachCount must be >= 1, was " + breachCount);
    }
    checkIds = List.copyOf(checkIds);
    members = List.copyOf(members);
    if ((groupKey == null) != members.isEmpty()) {
      throw new IllegalArgumentException(
          "a grouped incident needs a group key and members, an incident of one series neither");
    }
  }

  /** The series of this incident (of its lead member when grouped). */
  public SeriesKey seriesKey() {
    return new SeriesKey(modelId, metric, feature, attribute, group, version);
  }

  /**
   * What the incident is about, stable for all its events: the group key of a grouped incident,
   * else the series ({@link SeriesKey#asString()}). The CloudEvents {@code subject}.
   */
  public String subject() {
    return groupKey != null ? groupKey : seriesKey().asString();
  }

  /** Whether this is an event of a grouped incident. */
  public boolean grouped() {
    return groupKey != null;
  }

  /**
   * The CloudEvents {@code id}: deterministic per episode, type and window ({@link IncidentIds}).
   */
  public String eventId() {
    return IncidentIds.eventId(dedupKey, type, eventTime);
  }
}
