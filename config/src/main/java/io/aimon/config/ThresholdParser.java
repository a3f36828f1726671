package io.aimon.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code checks} maps (metric id to threshold) and single thresholds, merging partial
 * overrides with a base threshold. Package-private helper of the loader.
 */
final class ThresholdParser {

  private static final ValueType<Double> NON_NEGATIVE =
      ValueTypes.number(0, Double.POSITIVE_INFINITY);
  private static final ValueType<Double> UNIT = ValueTypes.number(0, 1);
  private static final List<String> VALUE_KEYS =
      List.of(ConfigKeys.CHECK_WARNING.name(), ConfigKeys.CHECK_CRITICAL.name());
  private static final List<String> P_VALUE_KEYS =
      List.of(
          ConfigKeys.CHECK_P_WARNING.name(),
          ConfigKeys.CHECK_P_CRITICAL.name(),
          ConfigKeys.CHECK_MIN_STATISTIC.name());
  static final String KNOWN_METRICS = String.join(", ", new TreeSet<>(MetricIds.CHECKABLE));

  private final Problems problems;

  ThresholdParser(Problems problems) {
    this.problems = problems;
  }

  /**
   * Reads the map {@code checks} (already checked for duplicate keys).
   *
   * @param base the threshold a partial override merges with, by metric (may return null)
   * @param applicable the metrics allowed here, or null for all checkable metrics
   * @param what describes where the metrics apply, for the not-applicable message
   * @return the thresholds of the valid entries
   */
  Map<String, CheckThreshold> parseChecks(
      MapReader checks,
      Function<String, CheckThreshold> base,
      Set<String> applicable,
      String what) {
    Map<String, CheckThreshold> out = new LinkedHashMap<>();
    for (String metric : checks.names()) {
      int line = checks.line(metric);
      String key = checks.child(metric);
      if (!MetricIds.CHECKABLE.contains(metric)) {
        problems.add(
            line,
            key,
            "unknown metric id '"
                + metric
                + "'"
                + Suggestions.didYouMean(metric, MetricIds.CHECKABLE)
                + "; known metric ids: "
                + KNOWN_METRICS);
        continue;
      }
      if (applicable != null && !applicable.contains(metric)) {
        problems.add(
            line,
            key,
            "metric '"
                + metric
                + "' does not apply to "
                + what
                + "; applicable metric ids: "
                + String.join(", ", new TreeSet<>(applicable)));
        continue;
      }
      CheckThreshold t =
          parseThreshold(checks.value(metric), key, line, metric, base.apply(metric));
      if (t != null) {
        out.put(metric, t);
      }
    }
    return out;
  }

  /** One threshold map of {@code metric}; null (after problems) when invalid. */
  CheckThreshold parseThreshold(
      Node node, String key, int line, String metric, CheckThreshold base) {
    boolean pValue = MetricIds.P_VALUE_THRESHOLD_METRICS.contains(metric);
    if (ValueTypes.MAP.read(node, line, key, problems) == null && !ValueTypes.isNull(node)) {
      return null;
    }
    MapReader r = new MapReader(node, key, line, pValue ? P_VALUE_KEYS : VALUE_KEYS, problems);
    int before = problems.size();
    if (pValue) {
      PValueThreshold b = (PValueThreshold) base;
      Double pw =
          value(r, ConfigKeys.CHECK_P_WARNING, UNIT, b == null ? null : b.pWarning(), metric);
      Double pc =
          value(r, ConfigKeys.CHECK_P_CRITICAL, UNIT, b == null ? null : b.pCritical(), metric);
      Double ms =
          value(
              r, ConfigKeys.CHECK_MIN_STATISTIC, UNIT, b == null ? null : b.minStatistic(), metric);
      if (pw == null || pc == null || ms == null) {
        return null;
      }
      if (pc > pw) {
        problems.add(
            line,
            key,
            "expected p_critical <= p_warning, found p_critical "
                + ValueTypes.fmt(pc)
                + inherited(r, "p_critical")
                + " > p_warning "
                + ValueTypes.fmt(pw)
                + inherited(r, "p_warning"));
        return null;
      }
      return problems.size() == before ? new PValueThreshold(pw, pc, ms) : null;
    }
    ValueThreshold b = (ValueThreshold) base;
    ValueType<Double> range =
        metric.equals(MetricIds.PSI) || metric.equals(MetricIds.WASSERSTEIN) ? NON_NEGATIVE : UNIT;
    Double w = value(r, ConfigKeys.CHECK_WARNING, range, b == null ? null : b.warning(), metric);
    Double c = value(r, ConfigKeys.CHECK_CRITICAL, range, b == null ? null : b.critical(), metric);
    if (w == null || c == null) {
      return null;
    }
    if (w > c) {
      problems.add(
          line,
          key,
          "expected warning <= critical, found warning "
              + ValueTypes.fmt(w)
              + inherited(r, "warning")
              + " > critical "
              + ValueTypes.fmt(c)
              + inherited(r, "critical"));
      return null;
    }
    return problems.size() == before ? new ValueThreshold(w, c) : null;
  }

  private Double value(
      MapReader r, ConfigKey<Double> k, ValueType<Double> range, Double base, String metric) {
    if (!r.has(k.name())) {
      if (base == null) {
        problems.add(
            r.line(),
            r.child(k.name()),
            "missing required key '" + k.name() + "' (" + metric + " has no default threshold)");
      }
      return base;
    }
    return range.read(r.value(k.name()), r.line(k.name()), r.child(k.name()), problems);
  }

  private static String inherited(MapReader r, String name) {
    return r.has(name) ? "" : " (inherited)";
  }
}
