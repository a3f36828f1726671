package io.aimon.jobs.monitor;

import io.aimon.detectors.profile.WindowAccumulator;
import io.aimon.detectors.version.VersionSplit;

/**
 * Flink's accumulator for one model's window: its {@link WindowAccumulator}s split by model version
 * ({@link VersionSplit}; the model's window is their merge), and where the window's events were
 * read ({@link SourceRanges}, for coverage evidence).
 */
public final class WindowState {
  VersionSplit<WindowAccumulator> windows = VersionSplit.empty();
  SourceRanges sources = new SourceRanges();

  WindowState() {}

  WindowState(VersionSplit<WindowAccumulator> windows, SourceRanges sources) {
    this.windows = windows;
    this.sources = sources;
  }

  /** Whether no event was added yet. */
  boolean isEmpty() {
    return windows.isEmpty();
  }

  /** The model of the window's events; a state is created by its first event. */
  String modelId() {
    return windows.any().modelId();
  }
}
