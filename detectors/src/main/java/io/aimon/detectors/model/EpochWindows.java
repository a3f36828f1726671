package io.aimon.detectors.model;

/**
 * Tumbling event-time windows aligned to the UTC epoch, as every model's {@code window} is: a 1d
 * window is a UTC day. The one place their bounds are computed, so the window operator, the label
 * join, the outcome windows and the evidence chain agree on which window a time falls in.
 */
public final class EpochWindows {
  private EpochWindows() {}

  /**
   * The start of the window of {@code size} ms holding {@code time}: the largest multiple of {@code
   * size} at or before it (negative times too).
   *
   * @param size the window length in ms, > 0
   */
  public static long start(long time, long size) {
    requirePositive(size);
    return Math.floorDiv(time, size) * size;
  }

  /** The end (exclusive) of the window of {@code size} ms holding {@code time}. */
  public static long end(long time, long size) {
    return start(time, size) + size;
  }

  private static void requirePositive(long size) {
    if (size <= 0) {
      throw new IllegalArgumentException("size: expected a window length > 0 ms, found " + size);
    }
  }
}
