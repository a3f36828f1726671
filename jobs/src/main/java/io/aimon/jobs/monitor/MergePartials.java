package io.aimon.jobs.monitor;

import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Merges the partial window states of one model's shards into the model's window state: counters
 * add, sketches merge ({@link io.aimon.detectors.profile.WindowAccumulator#merge}), source ranges
 * widen. The order the partials come in does not change an exact result.
 */
final class MergePartials implements AggregateFunction<WindowState, WindowState, WindowState> {
  private static final long serialVersionUID = 1L;

  @Override
  public WindowState createAccumulator() {
    return new WindowState();
  }

  @Override
  public WindowState add(WindowState partial, WindowState merged) {
    return ProfileAggregate.mergeStates(merged, partial);
  }

  @Override
  public WindowState getResult(WindowState merged) {
    return merged;
  }

  @Override
  public WindowState merge(WindowState a, WindowState b) {
    return ProfileAggregate.mergeStates(a, b);
  }
}
