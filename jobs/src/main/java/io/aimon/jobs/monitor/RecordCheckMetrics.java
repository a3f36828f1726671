package io.aimon.jobs.monitor;

import io.aimon.config.MetricIds;
import io.aimon.detectors.check.CheckResult;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Publishes check results as metrics for Prometheus: results by model and status ({@code
 * aimon.model.<m>.status.<s>.checks}); and the latest window's values an operator watches: the
 * largest drift over features per drift metric ({@code drift_max}), fairness gaps per attribute
 * ({@code fairness_gap}) and performance ({@code performance}, final results only). Results of one
 * model version alone count by status but set no gauge of the model's, except {@code
 * challenger_psi}, whose largest value over versions and features is its own {@code drift_max}.
 * Labels come from the configured models, metrics and attributes (never versions), so their number
 * is bounded.
 */
final class RecordCheckMetrics extends RichMapFunction<CheckResult, CheckResult> {
  private static final long serialVersionUID = 1L;

  private transient MetricGroup aimon;
  private transient Map<String, Counter> checks;
  private transient Map<String, Latest> gauges;

  @Override
  public void open(OpenContext context) {
    aimon = getRuntimeContext().getMetricGroup().addGroup("aimon");
    checks = new HashMap<>();
    gauges = new HashMap<>();
  }

  @Override
  public CheckResult map(CheckResult r) {
    checks
        .computeIfAbsent(
            r.modelId() + "/" + r.status().code(),
            k ->
                aimon
                    .addGroup("model", r.modelId())
                    .addGroup("status", r.status().code())
                    .counter("checks"))
        .inc();
    if (r.value() == null || Boolean.TRUE.equals(r.partial())) {
      return r;
    }
    String metric = r.metric();
    if (r.version() != null) {
      if (metric.equals(MetricIds.CHALLENGER_PSI)) {
        latest(r.modelId(), null, metric, "drift_max").maxInWindow(r.windowStart(), r.value());
      }
      return r;
    }
    if (MetricIds.DRIFT.contains(metric)) {
      latest(r.modelId(), null, metric, "drift_max").maxInWindow(r.windowStart(), r.value());
    } else if (MetricIds.FAIRNESS.contains(metric) && r.attribute() != null && r.group() == null) {
      latest(r.modelId(), r.attribute(), metric, "fairness_gap").set(r.windowStart(), r.value());
    } else if (MetricIds.PERFORMANCE_BINARY.contains(metric)
        || MetricIds.PERFORMANCE_ESTIMATED.contains(metric)
        || MetricIds.PERFORMANCE_REGRESSION.contains(metric)) {
      latest(r.modelId(), null, metric, "performance").set(r.windowStart(), r.value());
    }
    return r;
  }

  private Latest latest(String model, String attribute, String metric, String name) {
    return gauges.computeIfAbsent(
        model + "/" + attribute + "/" + metric + "/" + name,
        k -> {
          Latest g = new Latest();
          MetricGroup group = aimon.addGroup("model", model);
          if (attribute != null) {
            group = group.addGroup("attribute", attribute);
          }
          group.addGroup("metric", metric).gauge(name, g);
          return g;
        });
  }

  /** The value of the latest window seen; a result of an older window changes nothing. */
  static final class Latest implements Gauge<Double> {
    private long windowStart = Long.MIN_VALUE;
    private volatile double value = Double.NaN;

    void set(long start, double v) {
      if (start >= windowStart) {
        windowStart = start;
        value = v;
      }
    }

    void maxInWindow(long start, double v) {
      if (start > windowStart) {
        windowStart = start;
        value = v;
      } else if (start == windowStart && v > value) {
        value = v;
      }
    }

    @Override
    public Double getValue() {
      return value;
    }
  }
}
