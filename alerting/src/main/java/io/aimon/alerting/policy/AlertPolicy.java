package io.aimon.alerting.policy;

import io.aimon.config.AlertingConfig;
import io.aimon.config.IncidentGrouping;
import java.time.Duration;
import java.util.Objects;

/**
 * When the check results of one series open, escalate and resolve an incident: the settings of
 * {@link AlertStateMachine}. Immutable; validated on construction.
 *
 * <pre>{@code
 * AlertPolicy policy = AlertPolicy.from(modelConfig.alerting());
 * AlertPolicy strict = AlertPolicy.builder().warning(3, 3).cooldown(Duration.ofHours(1)).build();
 * }</pre>
 *
 * @param warningFor an incident opens when at least this many of the last {@code warningOf}
 *     evaluated windows breach (warning or critical); in [1, warningOf]
 * @param warningOf in [1, {@link #MAX_WINDOWS}]
 * @param criticalFor the critical rule holds when at least this many of the last {@code criticalOf}
 *     evaluated windows are critical; in [1, criticalOf]
 * @param criticalOf in [1, {@link #MAX_WINDOWS}]
 * @param resolveAfter consecutive ok windows that resolve an open incident; in [1, {@link
 *     #MAX_WINDOWS}]
 * @param cooldown &gt;= 0, event time: after an incident resolves, the series cannot open a new one
 *     until a window starts at or after the resolving window's end plus this; zero means none
 * @param runbookUrl an absolute http or https URL carried by every event, or null
 * @param groupBy which breaching series share one incident ({@link IncidentGrouper})
 */
public record AlertPolicy(
    int warningFor,
    int warningOf,
    int criticalFor,
    int criticalOf,
    int resolveAfter,
    Duration cooldown,
    String runbookUrl,
    IncidentGrouping groupBy)
    implements java.io.Serializable {

  /** The largest {@code of} and {@code resolveAfter}; the state keeps at most this many windows. */
  public static final int MAX_WINDOWS = AlertingConfig.MAX_WINDOWS;

  /**
   * Warning 2 of 3, critical 1 of 1, resolve after 2 ok windows, no cooldown, no runbook, one
   * incident per feature.
   */
  public static final AlertPolicy DEFAULT =
      new AlertPolicy(2, 3, 1, 1, 2, Duration.ZERO, null, IncidentGrouping.FEATURE);

  public AlertPolicy {
    requireRule("warning", warningFor, warningOf);
    requireRule("critical", criticalFor, criticalOf);
    if (resolveAfter < 1 || resolveAfter > MAX_WINDOWS) {
      throw new IllegalArgumentException(
          "resolveAfter must be in [1, " + MAX_WINDOWS + "], was " + resolveAfter);
    }
    Objects.requireNonNull(cooldown, "cooldown");
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown must be >= 0, was " + cooldown);
    }
    if (runbookUrl != null && !AlertingConfig.isHttpUrl(runbookUrl)) {
      throw new IllegalArgumentException(
          "runbookUrl must be an absolute http or https URL, was '" + runbookUrl + "'");
    }
    Objects.requireNonNull(groupBy, "groupBy");
  }

  /** The policy of a model's {@code alerting} configuration. */
  public static AlertPolicy from(AlertingConfig c) {
    return new AlertPolicy(
        c.warningFor(),
        c.warningOf(),
        c.criticalFor(),
        c.criticalOf(),
        c.resolveAfter(),
        c.cooldown(),
        c.runbookUrl(),
        c.groupBy());
  }

  /** A builder starting from {@link #DEFAULT}. */
  public static Builder builder() {
    return new Builder();
  }

  /** How many of the latest evaluated windows the rules look at: max(warningOf, criticalOf). */
  public int window() {
    return Math.max(warningOf, criticalOf);
  }

  private static void requireRule(String name, int forCount, int of) {
    if (of < 1 || of > MAX_WINDOWS) {
      throw new IllegalArgumentException(
          name + "Of must be in [1, " + MAX_WINDOWS + "], was " + of);
    }
    if (forCount < 1 || forCount > of) {
      throw new IllegalArgumentException(
          name + "For must be in [1, " + name + "Of = " + of + "], was " + forCount);
    }
  }

  /** Builds an {@link AlertPolicy}; every setter's default is that of {@link #DEFAULT}. */
  public static final class Builder {
    private int warningFor = DEFAULT.warningFor;
    private int warningOf = DEFAULT.warningOf;
    private int criticalFor = DEFAULT.criticalFor;
    private int criticalOf = DEFAULT.criticalOf;
    private int resolveAfter = DEFAULT.resolveAfter;
    private Duration cooldown = DEFAULT.cooldown;
    private String runbookUrl = DEFAULT.runbookUrl;
    private IncidentGrouping groupBy = DEFAULT.groupBy;

    private Builder() {}

    /** The warning rule, {@code forCount} of the last {@code of}; default 2 of 3. */
    public Builder warning(int forCount, int of) {
      this.warningFor = forCount;
      this.warningOf = of;
      return this;
    }

    /** The critical rule, {@code forCount} of the last {@code of}; default 1 of 1. */
    public Builder critical(int forCount, int of) {
      this.criticalFor = forCount;
      this.criticalOf = of;
      return this;
    }

    /** Consecutive ok windows that resolve, in [1, 100]; default 2. */
    public Builder resolveAfter(int v) {
      this.resolveAfter = v;
      return this;
    }

    /** Cooldown after a resolution, &gt;= 0 (event time); default 0 (none). */
    public Builder cooldown(Duration v) {
      this.cooldown = v;
      return this;
    }

    /** Runbook URL, absolute http(s), or null; default null. */
    public Builder runbookUrl(String v) {
      this.runbookUrl = v;
      return this;
    }

    /** Which breaching series share one incident; default {@code FEATURE}. */
    public Builder groupBy(IncidentGrouping v) {
      this.groupBy = v;
      return this;
    }

    /**
     * @throws IllegalArgumentException if a value is out of range
     */
    public AlertPolicy build() {
      return new AlertPolicy(
          warningFor,
          warningOf,
          criticalFor,
          criticalOf,
          resolveAfter,
          cooldown,
          runbookUrl,
          groupBy);
    }
  }
}
