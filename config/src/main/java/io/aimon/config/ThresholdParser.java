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
 * overrides with a base threshold of the same shape. Package-private helper of the loader.
 */
final class ThresholdParser {

  /** Decides whether a metric may appear in a checks map: null when it may, else the message. */
  interface Scope {
    String problem(String metric);
  }

  private static final ValueType<Double> NON_NEGATIVE =
      ValueTypes.number(0, Double.POSITIVE_INFINITY);
  private static final ValueType<Double> UNIT = ValueTypes.number(0, 1);
  private static final ValueType<Double> AT_MOST_ONE =
      ValueTypes.number(Double.NEGATIVE_INFINITY, 1);

  /** Metrics whose {@code warning}/{@code critical} are any number &gt;= 0 (else in [0, 1]). */
  private static final Set<String> NON_NEGATIVE_METRICS =
      Set.of(
          MetricIds.PSI,
          MetricIds.WASSERSTEIN,
          MetricIds.LOG_LOSS,
          MetricIds.BRIER,
          MetricIds.MAE,
          MetricIds.RMSE,
          MetricIds.MAPE,
          MetricIds.LATENCY_P50,
          MetricIds.LATENCY_P95,
          MetricIds.LATENCY_P99,
          MetricIds.COST);

  private static final String WARNING = ConfigKeys.CHECK_WARNING.name();
  private static final String CRITICAL = ConfigKeys.CHECK_CRITICAL.name();
  private static final String WARNING_DROP = ConfigKeys.CHECK_WARNING_DROP.name();
  private static final String CRITICAL_DROP = ConfigKeys.CHECK_CRITICAL_DROP.name();
  private static final List<String> VALUE_KEYS = List.of(WARNING, CRITICAL);
  private static final List<String> DROP_KEYS =
      List.of(WARNING_DROP, CRITICAL_DROP, WARNING, CRITICAL);
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
   * The range of the absolute {@code warning}/{@code critical} levels of {@code metric}: &gt;= 0
   * for unbounded distances, errors and latencies, &lt;= 1 for r2, else [0, 1].
   */
  static ValueType<Double> levelRange(String metric) {
    if (NON_NEGATIVE_METRICS.contains(metric)) {
      return NON_NEGATIVE;
    }
    return metric.equals(MetricIds.R2) ? AT_MOST_ONE : UNIT;
  }

  /** The range of {@code warning_drop}/{@code critical_drop}: &gt;= 0 for r2, else [0, 1]. */
  static ValueType<Double> dropRange(String metric) {
    return metric.equals(MetricIds.R2) ? NON_NEGATIVE : UNIT;
  }

  /**
   * Reads the map {@code checks} (already checked for duplicate keys).
   *
   * @param base the threshold a partial override merges with, by metric (may return null)
   * @param scope rejects the metrics not allowed here
   * @return the thresholds of the valid entries
   */
  Map<String, CheckThreshold> parseChecks(
      MapReader checks, Function<String, CheckThreshold> base, Scope scope) {
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
      String problem = scope.problem(metric);
      if (problem != null) {
        problems.add(line, key, problem);
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
    if (ValueTypes.MAP.read(node, line, key, problems) == null && !ValueTypes.isNull(node)) {
      return null;
    }
    if (MetricIds.P_VALUE_THRESHOLD_METRICS.contains(metric)) {
      return parsePValue(new MapReader(node, key, line, P_VALUE_KEYS, problems), metric, base);
    }
    if (MetricIds.DROP_THRESHOLD_METRICS.contains(metric)) {
      int before = problems.size();
      MapReader r = new MapReader(node, key, line, DROP_KEYS, problems);
      return parseDropOrLowerBound(r, metric, base, problems.size() != before);
    }
    MapReader r = new MapReader(node, key, line, VALUE_KEYS, problems);
    if (MetricIds.LOWER_BOUND_THRESHOLD_METRICS.contains(metric)) {
      return parseLowerBound(r, metric, base, "");
    }
    return parseValue(r, metric, base);
  }

  private CheckThreshold parsePValue(MapReader r, String metric, CheckThreshold base) {
    int before = problems.size();
    PValueThreshold b = (PValueThreshold) base;
    Double pw =
        value(r, ConfigKeys.CHECK_P_WARNING, UNIT, b == null ? null : b.pWarning(), metric, "");
    Double pc =
        value(r, ConfigKeys.CHECK_P_CRITICAL, UNIT, b == null ? null : b.pCritical(), metric, "");
    Double ms =
        value(
            r,
            ConfigKeys.CHECK_MIN_STATISTIC,
            UNIT,
            b == null ? null : b.minStatistic(),
            metric,
            "");
    if (pw == null || pc == null || ms == null) {
      return null;
    }
    if (pc > pw) {
      orderProblem(r, "p_critical", pc, "<=", "p_warning", pw);
      return null;
    }
    return problems.size() == before ? new PValueThreshold(pw, pc, ms) : null;
  }

  private CheckThreshold parseValue(MapReader r, String metric, CheckThreshold base) {
    int before = problems.size();
    ValueThreshold b = (ValueThreshold) base;
    ValueType<Double> range = levelRange(metric);
    Double w =
        value(r, ConfigKeys.CHECK_WARNING, range, b == null ? null : b.warning(), metric, "");
    Double c =
        value(r, ConfigKeys.CHECK_CRITICAL, range, b == null ? null : b.critical(), metric, "");
    if (w == null || c == null) {
      return null;
    }
    if (w > c) {
      orderProblem(r, WARNING, w, "<=", CRITICAL, c);
      return null;
    }
    return problems.size() == before ? new ValueThreshold(w, c) : null;
  }

  /**
   * {@code warning}/{@code critical} with lower being worse; {@code base} merges only when it is a
   * {@link LowerBoundThreshold}. {@code what} qualifies "default threshold" in the missing-key
   * message ("" or "absolute ").
   */
  private CheckThreshold parseLowerBound(
      MapReader r, String metric, CheckThreshold base, String what) {
    int before = problems.size();
    LowerBoundThreshold b = base instanceof LowerBoundThreshold l ? l : null;
    ValueType<Double> range = levelRange(metric);
    Double w =
        value(r, ConfigKeys.CHECK_WARNING, range, b == null ? null : b.warning(), metric, what);
    Double c =
        value(r, ConfigKeys.CHECK_CRITICAL, range, b == null ? null : b.critical(), metric, what);
    if (w == null || c == null) {
      return null;
    }
    if (c > w) {
      orderProblem(r, CRITICAL, c, "<=", WARNING, w);
      return null;
    }
    return problems.size() == before ? new LowerBoundThreshold(w, c) : null;
  }

  /**
   * Exactly one of {warning_drop, critical_drop} and {warning, critical}; {@code badKeys} tells
   * whether the map had keys already reported (unknown or repeated).
   */
  private CheckThreshold parseDropOrLowerBound(
      MapReader r, String metric, CheckThreshold base, boolean badKeys) {
    boolean absolute = r.has(WARNING) || r.has(CRITICAL);
    boolean drop = r.has(WARNING_DROP) || r.has(CRITICAL_DROP);
    if (absolute && drop) {
      problems.add(
          r.line(),
          r.path(),
          "expected either {warning_drop, critical_drop} or {warning, critical}, found both ("
              + String.join(", ", r.names())
              + ")");
      return null;
    }
    if (absolute) {
      return parseLowerBound(r, metric, base, "absolute ");
    }
    if (!drop && (base != null || badKeys)) {
      return base; // an empty override keeps the default; bad keys are reported already
    }
    if (!drop) {
      problems.add(
          r.line(),
          r.path(),
          "expected either {warning_drop, critical_drop} or {warning, critical}, found neither ("
              + metric
              + " has no default threshold)");
      return null;
    }
    int before = problems.size();
    DropThreshold b = base instanceof DropThreshold d ? d : null;
    ValueType<Double> range = dropRange(metric);
    Double w =
        value(
            r,
            ConfigKeys.CHECK_WARNING_DROP,
            range,
            b == null ? null : b.warningDrop(),
            metric,
            "");
    Double c =
        value(
            r,
            ConfigKeys.CHECK_CRITICAL_DROP,
            range,
            b == null ? null : b.criticalDrop(),
            metric,
            "");
    if (w == null || c == null) {
      return null;
    }
    if (w > c) {
      orderProblem(r, WARNING_DROP, w, "<=", CRITICAL_DROP, c);
      return null;
    }
    return problems.size() == before ? new DropThreshold(w, c) : null;
  }

  /** "expected a <= b, found a 0.3 > b 0.2", with "(inherited)" after inherited values. */
  private void orderProblem(MapReader r, String a, double av, String op, String b, double bv) {
    problems.add(
        r.line(),
        r.path(),
        "expected "
            + a
            + " "
            + op
            + " "
            + b
            + ", found "
            + a
            + " "
            + ValueTypes.fmt(av)
            + inherited(r, a)
            + " > "
            + b
            + " "
            + ValueTypes.fmt(bv)
            + inherited(r, b));
  }

  private Double value(
      MapReader r,
      ConfigKey<Double> k,
      ValueType<Double> range,
      Double base,
      String metric,
      String what) {
    if (!r.has(k.name())) {
      if (base == null) {
        problems.add(
            r.line(),
            r.child(k.name()),
            "missing required key '"
                + k.name()
                + "' ("
                + metric
                + " has no default "
                + what
                + "threshold)");
      }
      return base;
    }
    return range.read(r.value(k.name()), r.line(k.name()), r.child(k.name()), problems);
  }

  private static String inherited(MapReader r, String name) {
    return r.has(name) ? "" : " (inherited)";
  }
}
