package io.aimon.evidence.export;

/**
 * A monitored series of a model: a metric, and the feature, or the attribute (and group) it is
 * computed for.
 *
 * @param metric the metric id, e.g. {@code psi}
 * @param feature the feature, or null
 * @param attribute the sensitive attribute of a fairness metric, or null
 * @param group the group of a per-group rate, or null
 * @param version the model version of a series of that version's events alone, or null for the
 *     model's whole window
 */
record SeriesKey(String metric, String feature, String attribute, String group, String version) {

  /** A series of the model's whole window. */
  SeriesKey(String metric, String feature, String attribute, String group) {
    this(metric, feature, attribute, group, null);
  }

  /**
   * A short label as the demo prints it: {@code psi[income]}, {@code
   * demographic_parity_ratio[gender]}, {@code selection_rate[gender=F]}, {@code accuracy}, {@code
   * challenger_psi[income] version 8}.
   */
  String label() {
    StringBuilder b = new StringBuilder(metric);
    if (feature != null) {
      b.append('[').append(feature).append(']');
    }
    if (attribute != null || group != null) {
      b.append('[');
      if (attribute != null) {
        b.append(attribute);
      }
      if (group != null) {
        b.append(attribute != null ? "=" : "group ").append(group);
      }
      b.append(']');
    }
    if (version != null) {
      b.append(" version ").append(version);
    }
    return b.toString();
  }
}
