package io.aimon.config;

/**
 * Which breaches share one incident ({@code alerting.group_by}). Each series (a metric of a model
 * on a feature, an attribute or the model as a whole) still decides by the alert rules when it
 * breaches; the grouping decides which of those breaching series page together.
 *
 * <ul>
 *   <li>{@link #SERIES}: every series is its own incident (a drift of one feature seen by psi, ks
 *       and jensen_shannon opens three).
 *   <li>{@link #FEATURE}: the series of one subject share an incident: every metric of one feature
 *       (drift, data quality, its change points), every metric of one fairness attribute (its
 *       parity gaps and group rates), and the model-level metrics (score drift, performance,
 *       estimated performance, multivariate drift, volume) of the model. The default.
 *   <li>{@link #MODEL}: every series of the model (or of one of its versions) shares one incident.
 * </ul>
 */
public enum IncidentGrouping {
  SERIES("series"),
  FEATURE("feature"),
  MODEL("model");

  private final String configName;

  IncidentGrouping(String configName) {
    this.configName = configName;
  }

  /** The name in the config file. */
  public String configName() {
    return configName;
  }
}
