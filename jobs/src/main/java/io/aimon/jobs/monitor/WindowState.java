package io.aimon.jobs.monitor;

import io.aimon.detectors.profile.WindowAccumulator;

/**
 * Flink's accumulator for one model's window: holds the pure {@link WindowAccumulator}, created on
 * the first event (Flink creates accumulators before it knows the key).
 */
public final class WindowState {
  WindowAccumulator accumulator;

  WindowState() {}

  WindowState(WindowAccumulator accumulator) {
    this.accumulator = accumulator;
  }
}
