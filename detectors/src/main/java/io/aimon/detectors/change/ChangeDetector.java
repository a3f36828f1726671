package io.aimon.detectors.change;

/**
 * An online detector of abrupt changes in a per-event series ({@link PageHinkley}, {@link Adwin}).
 */
public interface ChangeDetector {
  /**
   * Adds one value observed at event time {@code time}; a value that is not finite is ignored.
   *
   * @return the change this value made the detector flag, or null
   */
  ChangePoint add(double x, long time);
}
