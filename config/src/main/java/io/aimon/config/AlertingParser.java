package io.aimon.config;

import java.time.Duration;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the top-level {@code alerting} section and the {@code models[].alerting} overrides into
 * {@link AlertingConfig}s: a key left out of a model inherits the top-level value, which inherits
 * the registry default. Package-private helper of the loader.
 */
final class AlertingParser {

  private final Problems problems;

  AlertingParser(Problems problems) {
    this.problems = problems;
  }

  /**
   * The top-level section over the registry defaults; the defaults (after a problem) when it is
   * invalid, so that models are still checked against something sane.
   */
  AlertingConfig parseTop(MapReader top) {
    AlertingConfig defaults = AlertingConfig.defaults();
    AlertingConfig parsed = read(top.section(ConfigKeys.ALERTING), defaults);
    return parsed != null ? parsed : defaults;
  }

  /** The model's section over {@code inherited}; null (after a problem) when it is invalid. */
  AlertingConfig parseModel(MapReader model, AlertingConfig inherited) {
    return read(model.section(ConfigKeys.MODEL_ALERTING, "alerting"), inherited);
  }

  private AlertingConfig read(MapReader a, AlertingConfig parent) {
    int before = problems.size();
    MapReader warning = a.section(ConfigKeys.ALERTING_WARNING);
    Integer warningFor = value(warning, ConfigKeys.ALERTING_WARNING_FOR, parent.warningFor());
    Integer warningOf = value(warning, ConfigKeys.ALERTING_WARNING_OF, parent.warningOf());
    checkRule(a, warning, ConfigKeys.ALERTING_WARNING, warningFor, warningOf);
    MapReader critical = a.section(ConfigKeys.ALERTING_CRITICAL);
    Integer criticalFor = value(critical, ConfigKeys.ALERTING_CRITICAL_FOR, parent.criticalFor());
    Integer criticalOf = value(critical, ConfigKeys.ALERTING_CRITICAL_OF, parent.criticalOf());
    checkRule(a, critical, ConfigKeys.ALERTING_CRITICAL, criticalFor, criticalOf);
    Integer resolveAfter = value(a, ConfigKeys.ALERTING_RESOLVE_AFTER, parent.resolveAfter());
    Duration cooldown = value(a, ConfigKeys.ALERTING_COOLDOWN, parent.cooldown());
    String runbookUrl = value(a, ConfigKeys.ALERTING_RUNBOOK_URL, parent.runbookUrl());
    IncidentGrouping groupBy = value(a, ConfigKeys.ALERTING_GROUP_BY, parent.groupBy());
    if (problems.size() != before) {
      return null;
    }
    try {
      return new AlertingConfig(
          warningFor,
          warningOf,
          criticalFor,
          criticalOf,
          resolveAfter,
          cooldown,
          runbookUrl,
          groupBy);
    } catch (IllegalArgumentException e) {
      problems.add(a.line(), a.path(), e.getMessage()); // safety net: mirrors the checks above
      return null;
    }
  }

  /** The value of {@code key} in {@code r}; {@code inherited} when absent, null when invalid. */
  private static <T> T value(MapReader r, ConfigKey<T> key, T inherited) {
    return r.has(key.name()) ? r.get(key) : inherited;
  }

  /** Reports {@code for > of} at the rule's section, marking a value that was inherited. */
  private void checkRule(
      MapReader a, MapReader rule, ConfigKey<Node> section, Integer forCount, Integer of) {
    if (forCount == null || of == null || forCount <= of) {
      return;
    }
    String forName = ConfigKeys.ALERTING_WARNING_FOR.name();
    String ofName = ConfigKeys.ALERTING_WARNING_OF.name();
    problems.add(
        a.line(section.name()),
        a.child(section.name()),
        "expected for <= of, found for "
            + forCount
            + (rule.has(forName) ? "" : " (inherited)")
            + " > of "
            + of
            + (rule.has(ofName) ? "" : " (inherited)"));
  }
}
