package io.aimon.jobs.monitor;

import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.DriftChecks;
import io.aimon.detectors.check.VersionChecks;
import io.aimon.detectors.common.CapCounts;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.detectors.profile.WindowAccumulator;
import io.aimon.detectors.profile.WindowProfile;
import io.aimon.detectors.version.VersionSplit;
import io.aimon.evidence.EvidenceItem;
import io.aimon.evidence.payload.CoverageEvidence;
import io.aimon.evidence.payload.DeploymentEvidence;
import io.aimon.jobs.evidence.EvidenceItems;
import io.aimon.jobs.evidence.GateLookup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a window closes: profile it and evaluate it against the reference ({@link DriftChecks}), and
 * when several model versions served it, each version on its own and each challenger against the
 * champion ({@link VersionChecks}); its coverage carries what the window's bounds capped ({@link
 * WindowProfile#capTotals}, and {@value #CAPPED_VERSION_WINDOWS}: events of versions past {@link
 * VersionSplit#MAX_TRACKED}), which the per-window log line repeats. A model version the window
 * holds for the first time is a deployment: it is looked up among the gate records ({@link
 * GateLookup}) and recorded with the gate found, or none. The versions seen are keyed state, at
 * most {@link #MAX_VERSIONS_TRACKED} per model; versions past that are logged and not recorded.
 */
final class EvaluateWindow
    extends ProcessWindowFunction<WindowState, CheckResult, String, TimeWindow> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(EvaluateWindow.class);

  /** Cap kind: events of versions past the ones profiled on their own. */
  static final String CAPPED_VERSION_WINDOWS = "version_windows";

  /** Versions remembered per model, to record each one's deployment once. */
  static final int MAX_VERSIONS_TRACKED = 1000;

  private static final MapStateDescriptor<String, Boolean> SEEN =
      new MapStateDescriptor<>("versions-seen", Types.STRING, Types.BOOLEAN);
  private static final ValueStateDescriptor<Integer> TRACKED =
      new ValueStateDescriptor<>("versions-tracked", Types.INT);

  private final MonitorPlan plan;
  private final OutputTag<EvidenceItem> coverage;
  private final GateLookup gates;

  /**
   * @param coverage where the window's coverage and deployments go (evidence)
   * @param gates where deployed versions' gate records are looked up
   */
  EvaluateWindow(MonitorPlan plan, OutputTag<EvidenceItem> coverage, GateLookup gates) {
    this.plan = plan;
    this.coverage = coverage;
    this.gates = gates;
  }

  @Override
  public void process(
      String modelId, Context context, Iterable<WindowState> states, Collector<CheckResult> out)
      throws Exception {
    WindowState state = states.iterator().next();
    if (state.isEmpty()) {
      return;
    }
    ModelSpec spec = plan.spec(modelId);
    ReferenceProfile reference = plan.reference(modelId);
    TimeWindow w = context.window();
    Supplier<WindowAccumulator> empty = () -> WindowAccumulator.create(spec, reference);
    WindowAccumulator whole = state.windows.whole(empty);
    WindowProfile profile = whole.toProfile(spec, w.getStart(), w.getEnd());
    List<CheckResult> results = new ArrayList<>(DriftChecks.evaluate(spec, reference, profile));
    SortedMap<String, WindowProfile> versions = new TreeMap<>();
    state
        .windows
        .tracked()
        .forEach(
            (v, a) -> {
              if (!v.equals(VersionSplit.NO_VERSION)) {
                versions.put(v, a.toProfile(spec, w.getStart(), w.getEnd()));
              }
            });
    results.addAll(
        VersionChecks.evaluate(spec, reference, versions, state.windows.onlyNamedVersions()));
    long breaches = results.stream().filter(r -> r.status().isBreach()).count();
    Map<String, CapCounts> caps = new LinkedHashMap<>(profile.capTotals());
    if (state.windows.pooled() != null) {
      caps.put(CAPPED_VERSION_WINDOWS, new CapCounts(state.windows.pooled().count(), 0));
    }
    LOG.info(
        "model {} window {}: {} events, {} checks, {} breaches{}{}",
        modelId,
        Instant.ofEpochMilli(w.getStart()),
        profile.events(),
        results.size(),
        breaches,
        versionsText(versions),
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
    deployments(spec, whole, w, context);
  }

  /** Records each version the window holds for the first time, with its gate. */
  private void deployments(ModelSpec spec, WindowAccumulator whole, TimeWindow w, Context context)
      throws Exception {
    Map<String, Long> versions = whole.versions();
    if (versions.isEmpty() && spec.version() != null) {
      versions = Map.of(spec.version(), whole.count());
    }
    MapState<String, Boolean> seen = context.globalState().getMapState(SEEN);
    ValueState<Integer> tracked = context.globalState().getState(TRACKED);
    for (Map.Entry<String, Long> v : versions.entrySet()) {
      if (seen.contains(v.getKey())) {
        continue;
      }
      int n = tracked.value() == null ? 0 : tracked.value();
      if (n >= MAX_VERSIONS_TRACKED) {
        LOG.warn(
            "model {}: version {} first seen in window {}, not recorded as a deployment: {}"
                + " versions are tracked already",
            spec.id(),
            v.getKey(),
            Instant.ofEpochMilli(w.getStart()),
            MAX_VERSIONS_TRACKED);
        continue;
      }
      seen.put(v.getKey(), Boolean.TRUE);
      tracked.update(n + 1);
      DeploymentEvidence.GateRef gate = gates.find(spec.id(), v.getKey());
      DeploymentEvidence d =
          DeploymentEvidence.of(v.getKey(), w.getStart(), w.getEnd(), v.getValue(), gate);
      LOG.info("model {}: {}", spec.id(), d.summary());
      context.output(coverage, EvidenceItems.deployment(spec.id(), d));
    }
  }

  /** E.g. {@code "; versions 7 (900 events), 8 (100 events)"} when several served, or "". */
  private static String versionsText(SortedMap<String, WindowProfile> versions) {
    if (versions.size() < 2) {
      return "";
    }
    StringBuilder sb = new StringBuilder("; versions");
    versions.forEach(
        (v, p) -> sb.append(' ').append(v).append(" (").append(p.events()).append(" events),"));
    return sb.substring(0, sb.length() - 1);
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
