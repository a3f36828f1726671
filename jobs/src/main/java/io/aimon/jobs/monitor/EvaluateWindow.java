package io.aimon.jobs.monitor;

import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.DriftChecks;
import io.aimon.detectors.common.CapCounts;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.WindowProfile;
import io.aimon.evidence.EvidenceItem;
import io.aimon.evidence.payload.CoverageEvidence;
import io.aimon.jobs.evidence.EvidenceItems;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a window closes: profile it and evaluate it against the reference ({@link DriftChecks}); its
 * coverage carries what the window's bounds capped ({@link WindowProfile#capTotals}), which the
 * per-window log line repeats.
 */
final class EvaluateWindow
    extends ProcessWindowFunction<WindowState, CheckResult, String, TimeWindow> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(EvaluateWindow.class);
  private final MonitorPlan plan;
  private final OutputTag<EvidenceItem> coverage;

  /**
   * @param coverage where the window's coverage goes (evidence)
   */
  EvaluateWindow(MonitorPlan plan, OutputTag<EvidenceItem> coverage) {
    this.plan = plan;
    this.coverage = coverage;
  }

  @Override
  public void process(
      String modelId, Context context, Iterable<WindowState> states, Collector<CheckResult> out) {
    WindowState state = states.iterator().next();
    if (state.accumulator == null) {
      return;
    }
    ModelSpec spec = plan.spec(modelId);
    TimeWindow w = context.window();
    WindowProfile profile = state.accumulator.toProfile(spec, w.getStart(), w.getEnd());
    List<CheckResult> results = DriftChecks.evaluate(spec, plan.reference(modelId), profile);
    long breaches = results.stream().filter(r -> r.status().isBreach()).count();
    Map<String, CapCounts> caps = profile.capTotals();
    LOG.info(
        "model {} window {}: {} events, {} checks, {} breaches{}",
        modelId,
        Instant.ofEpochMilli(w.getStart()),
        profile.events(),
        results.size(),
        breaches,
        capsText(caps));
    results.forEach(out::collect);
    context.output(
        coverage,
        EvidenceItems.coverage(
            modelId,
            CoverageEvidence.of(
                    w.getStart(),
                    w.getEnd(),
                    profile.events(),
                    results.size(),
                    breaches,
                    state.sources.ranges(plan.inputDigests()))
                .withCaps(caps)));
  }

  /** E.g. {@code "; capped: categories 600 (1300 truncated), versions 1284"}, or "". */
  private static String capsText(Map<String, CapCounts> caps) {
    if (caps.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("; capped:");
    caps.forEach(
        (kind, c) -> {
          sb.append(' ').append(kind).append(' ').append(c.capped());
          if (c.truncated() > 0) {
            sb.append(" (").append(c.truncated()).append(" truncated)");
          }
          sb.append(',');
        });
    return sb.substring(0, sb.length() - 1);
  }
}
