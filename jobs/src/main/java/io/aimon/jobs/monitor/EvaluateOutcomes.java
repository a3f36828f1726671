package io.aimon.jobs.monitor;

import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.OutcomeChecks;
import io.aimon.detectors.check.VersionChecks;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.outcome.OutcomeAccumulator;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.detectors.version.VersionSplit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by model: merges the shards' parts of an outcome window ({@link OutcomePartial}) and
 * evaluates the window's performance and label-based fairness once all are in. A part is emitted
 * when the watermark reaches its time, before the watermark moves on, so when this operator's
 * watermark reaches that time every shard's part has come. When several model versions served the
 * window, each version is also evaluated alone and each challenger against the champion ({@link
 * VersionChecks#outcomes}). Parts an earlier build kept whole ({@code outcome-parts}) are read as
 * pooled.
 */
final class EvaluateOutcomes extends KeyedProcessFunction<String, OutcomePartial, CheckResult> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(EvaluateOutcomes.class);
  private final MonitorPlan plan;
  private transient MapState<String, VersionSplit<OutcomeAccumulator>> parts;
  private transient MapState<String, OutcomeAccumulator> earlierBuild;

  EvaluateOutcomes(MonitorPlan plan) {
    this.plan = plan;
  }

  @Override
  public void open(OpenContext context) {
    parts =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "outcome-version-parts", Types.STRING, OutcomeSplitSerializer.TYPE_INFO));
    earlierBuild =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "outcome-parts", Types.STRING, OutcomeSerializer.TYPE_INFO));
  }

  @Override
  public void processElement(OutcomePartial p, Context ctx, Collector<CheckResult> out)
      throws Exception {
    long due = ctx.timestamp();
    String key = p.windowStart() + "/" + due;
    VersionSplit<OutcomeAccumulator> merged = parts.get(key);
    if (merged == null) {
      merged = EarlierOutcomeState.take(key, earlierBuild);
    }
    if (merged == null) {
      parts.put(key, p.outcomes());
      ctx.timerService().registerEventTimeTimer(due);
    } else {
      // (a part restored from an earlier build has its timer already)
      merged.merge(p.outcomes());
      parts.put(key, merged);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CheckResult> out)
      throws Exception {
    ModelSpec spec = plan.spec(ctx.getCurrentKey());
    long size = spec.windowMillis();
    List<String> done = new ArrayList<>();
    EarlierOutcomeState.moveAll(earlierBuild, parts);
    ReferenceProfile reference = plan.reference(spec.id());
    for (Map.Entry<String, VersionSplit<OutcomeAccumulator>> e : parts.entries()) {
      int slash = e.getKey().indexOf('/');
      long start = Long.parseLong(e.getKey().substring(0, slash));
      if (Long.parseLong(e.getKey().substring(slash + 1)) != timestamp) {
        continue;
      }
      long end = start + size;
      boolean early = timestamp != end + spec.labelMaxDelayMillis() - 1;
      VersionSplit<OutcomeAccumulator> split = e.getValue();
      List<CheckResult> results =
          new ArrayList<>(
              OutcomeChecks.evaluate(
                  spec,
                  reference,
                  start,
                  end,
                  split.whole(() -> OutcomeAccumulator.create(spec, reference.estimation())),
                  early));
      SortedMap<String, OutcomeAccumulator> versions = new TreeMap<>(split.tracked());
      versions.remove(VersionSplit.NO_VERSION);
      results.addAll(
          VersionChecks.outcomes(
              spec, reference, start, end, versions, split.onlyNamedVersions(), early));
      results.forEach(out::collect);
      LOG.info(
          "model {} window {}: {} outcome checks{}",
          spec.id(),
          Instant.ofEpochMilli(start),
          results.size(),
          early ? " (partial)" : "");
      done.add(e.getKey());
    }
    for (String key : done) {
      parts.remove(key);
    }
  }
}
