package io.aimon.jobs.monitor;

import io.aimon.detectors.profile.WindowAccumulator;

/**
 * Flink's accumulator for one model's window: holds the pure {@link WindowAccumulator}, created on
 * the first event (Flink creates accumulators before it knows the key), and where the window's
 * events were read ({@link SourceRanges}, for coverage evidence).
 */
public final class WindowState {
  WindowAccumulator accumulator;
  SourceRanges sources = new SourceRanges();

  WindowState() {}

  WindowState(WindowAccumulator accumulator, SourceRanges sources) {
    this.accumulator = accumulator;
    this.sources = sources;
  }

  /** The model of the window's events; a state is created by its first event. */
  String modelId() {
    return accumulator.modelId();
  }
}
