package io.aimon.detectors.change;

import java.util.Objects;

/**
 * The Page-Hinkley test (Page 1954) for a shift of a series' mean, in either or both directions.
 *
 * <p>Definition. With the running mean m_t of the values x_1..x_t since the start (or the last
 * detection), the evidence of an increase is U_t = max(0, alpha U_{t-1} + (x_t - m_t - delta)) and
 * of a decrease D_t = max(0, alpha D_{t-1} + (m_t - x_t - delta)): delta is a shift too small to
 * care about, alpha in (0, 1] forgets old evidence. A change is flagged when, from the {@code
 * minInstances}-th value on, a watched sum reaches {@code threshold} (lambda); the detector then
 * starts over. The change is placed where the unclipped cumulative evidence C_t = alpha C_{t-1} +
 * e_t (e_t the value's evidence, C_0 = 0) was lowest before the detection, the classic Page-Hinkley
 * estimate of the change point: {@code before} is the running mean there, {@code after} the mean of
 * the values since. River's {@code PageHinkley} is this test watching increases with min_instances
 * 30, delta 0.005, threshold 50 and alpha 0.9999 ({@link #riverDefaults}).
 *
 * <p>State: a count and a mean, and per direction a sum, a time, a mean, a run sum and a run count,
 * whatever the number of values. Not thread-safe; {@link #state()} and {@link #restore} carry it
 * through checkpoints.
 */
public final class PageHinkley implements ChangeDetector {
  /** Which shifts of the mean are watched. */
  public enum Direction {
    UP,
    DOWN,
    BOTH
  }

  /** The numbers of {@link #state()}. */
  public static final int STATE_SIZE = 18;

  private final int minInstances;
  private final double delta;
  private final double threshold;
  private final double alpha;
  private final Direction direction;

  private long n;
  private double mean;
  private final Run up = new Run();
  private final Run down = new Run();

  /**
   * One direction's evidence: the clipped sum, the unclipped cumulative sum, where that was lowest
   * (time, running mean) and the values since.
   */
  private static final class Run {
    double sum;
    double cumulative;
    double lowest;
    long since;
    double meanBefore;
    double runSum;
    long runN;
    boolean startNext = true;

    void add(double evidence, double alpha, double x, long time, double previousMean) {
      if (startNext) {
        since = time;
        meanBefore = previousMean;
        runSum = 0;
        runN = 0;
        startNext = false;
      }
      sum = Math.max(0, alpha * sum + evidence);
      cumulative = alpha * cumulative + evidence;
      runSum += x;
      runN++;
      if (cumulative < lowest) {
        lowest = cumulative; // the change lies after this value
        startNext = true;
      }
    }

    void clear() {
      sum = 0;
      cumulative = 0;
      lowest = 0;
      startNext = true;
    }
  }

  /**
   * @throws IllegalArgumentException naming the parameter out of range
   */
  public PageHinkley(
      int minInstances, double delta, double threshold, double alpha, Direction direction) {
    if (minInstances < 1) {
      throw new IllegalArgumentException("min_instances: expected >= 1, found " + minInstances);
    }
    if (!(delta >= 0) || !(threshold > 0) || !(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException(
          "page_hinkley: expected delta >= 0, threshold > 0 and alpha in (0, 1], found "
              + delta
              + ", "
              + threshold
              + ", "
              + alpha);
    }
    this.minInstances = minInstances;
    this.delta = delta;
    this.threshold = threshold;
    this.alpha = alpha;
    this.direction = Objects.requireNonNull(direction, "direction");
  }

  /** River's defaults: 30 values, delta 0.005, threshold 50, alpha 0.9999, increases only. */
  public static PageHinkley riverDefaults() {
    return new PageHinkley(30, 0.005, 50, 0.9999, Direction.UP);
  }

  @Override
  public ChangePoint add(double x, long time) {
    if (!Double.isFinite(x)) {
      return null;
    }
    double previous = mean;
    n++;
    mean += (x - mean) / n;
    up.add(x - mean - delta, alpha, x, time, previous);
    down.add(mean - x - delta, alpha, x, time, previous);
    if (n < minInstances) {
      return null;
    }
    Run flagged =
        direction != Direction.DOWN && up.sum >= threshold
            ? up
            : direction != Direction.UP && down.sum >= threshold ? down : null;
    if (flagged == null) {
      return null;
    }
    ChangePoint c =
        new ChangePoint(
            time,
            Math.min(flagged.since, time),
            n,
            flagged.meanBefore,
            flagged.runN == 0 ? x : flagged.runSum / flagged.runN);
    n = 0;
    mean = 0;
    up.clear();
    down.clear();
    return c;
  }

  int minInstances() {
    return minInstances;
  }

  double delta() {
    return delta;
  }

  double threshold() {
    return threshold;
  }

  double alpha() {
    return alpha;
  }

  Direction direction() {
    return direction;
  }

  /** The values seen since the start or the last detection. */
  public long count() {
    return n;
  }

  /** The evidence of an increase (U_t) and of a decrease (D_t). */
  public double[] sums() {
    return new double[] {up.sum, down.sum};
  }

  /** The state for a checkpoint ({@value #STATE_SIZE} numbers). */
  public double[] state() {
    return new double[] {
      n,
      mean,
      up.sum,
      up.cumulative,
      up.lowest,
      up.since,
      up.meanBefore,
      up.runSum,
      up.runN,
      up.startNext ? 1 : 0,
      down.sum,
      down.cumulative,
      down.lowest,
      down.since,
      down.meanBefore,
      down.runSum,
      down.runN,
      down.startNext ? 1 : 0
    };
  }

  /** Restores a state written by {@link #state}. */
  public void restore(double[] s) {
    if (s.length != STATE_SIZE) {
      throw new IllegalArgumentException(
          "page_hinkley state: expected " + STATE_SIZE + " numbers, found " + s.length);
    }
    n = (long) s[0];
    mean = s[1];
    restore(up, s, 2);
    restore(down, s, 10);
  }

  private static void restore(Run r, double[] s, int at) {
    r.sum = s[at];
    r.cumulative = s[at + 1];
    r.lowest = s[at + 2];
    r.since = (long) s[at + 3];
    r.meanBefore = s[at + 4];
    r.runSum = s[at + 5];
    r.runN = (long) s[at + 6];
    r.startNext = s[at + 7] != 0;
  }
}
