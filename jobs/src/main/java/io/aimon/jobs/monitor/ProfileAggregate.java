package io.aimon.jobs.monitor;

import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.profile.WindowAccumulator;
import io.aimon.detectors.version.VersionSplit;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Adds each event to its version's {@link WindowAccumulator} of the window ({@link VersionSplit});
 * no computation beyond that.
 */
final class ProfileAggregate
    implements AggregateFunction<InferenceEvent, WindowState, WindowState> {
  private static final long serialVersionUID = 1L;
  private final MonitorPlan plan;

  ProfileAggregate(MonitorPlan plan) {
    this.plan = plan;
  }

  @Override
  public WindowState createAccumulator() {
    return new WindowState();
  }

  @Override
  public WindowState add(InferenceEvent event, WindowState state) {
    String model = event.modelId();
    state
        .windows
        .accumulatorFor(
            VersionSplit.versionOf(event.modelVersion(), plan.spec(model)),
            () -> WindowAccumulator.create(plan.spec(model), plan.reference(model)))
        .add(event, plan.reference(model));
    state.sources.add(event.source(), event.position());
    return state;
  }

  @Override
  public WindowState getResult(WindowState state) {
    return state;
  }

  @Override
  public WindowState merge(WindowState a, WindowState b) {
    return mergeStates(a, b);
  }

  /** {@code a} with {@code b} merged into it (or {@code b} when {@code a} is empty). */
  static WindowState mergeStates(WindowState a, WindowState b) {
    if (a.isEmpty()) {
      return b;
    }
    if (!b.isEmpty()) {
      a.windows.merge(b.windows);
      a.sources.merge(b.sources);
    }
    return a;
  }
}
