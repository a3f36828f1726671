package io.aimon.detectors.change;

import io.aimon.config.ChangeDetectionConfig;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.model.EpochWindows;
import io.aimon.detectors.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One model's online change detectors, one per configured series ({@code score} or a numeric
 * feature), fed in event-time order, and what each window of the model has seen of them.
 *
 * <p>Invariants: (1) values are fed in non-decreasing event time; a value older than the latest one
 * fed is not, and is counted as {@code late} in its window; (2) a window records per series the
 * values fed and the first change flagged in it, nothing else; (3) the open windows are those not
 * yet {@link #close closed}, a few at a time in practice since windows close in order.
 */
public final class ChangeWatch {
  private final long windowMillis;
  private final String[] names;
  private final int[] columns;
  final ChangeDetector[] detectors;
  final TreeMap<Long, Tally> windows;
  long progress;

  /** What one window has seen: per series the values fed and the first change, and late values. */
  public static final class Tally {
    final long[] values;
    final ChangePoint[] first;
    long late;

    Tally(int series) {
      values = new long[series];
      first = new ChangePoint[series];
    }

    /** Values fed to the series' detector in the window. */
    public long values(int series) {
      return values[series];
    }

    /** The first change flagged in the window, or null. */
    public ChangePoint first(int series) {
      return first[series];
    }

    /** Values of the window not fed because they came after later ones. */
    public long late() {
      return late;
    }
  }

  /** A change flagged, the first of its series in its window. */
  public record Flag(int series, long windowStart, ChangePoint change, long valuesSoFar) {}

  ChangeWatch(
      long windowMillis,
      String[] names,
      int[] columns,
      ChangeDetector[] detectors,
      TreeMap<Long, Tally> windows,
      long progress) {
    this.windowMillis = windowMillis;
    this.names = names;
    this.columns = columns;
    this.detectors = detectors;
    this.windows = windows;
    this.progress = progress;
  }

  /** The detectors of the model's configured series, none fed yet. */
  public static ChangeWatch create(ModelSpec spec) {
    ChangeDetectionConfig c = spec.changeDetection();
    int s = c.series().size();
    String[] names = c.series().toArray(new String[0]);
    int[] columns = new int[s];
    ChangeDetector[] detectors = new ChangeDetector[s];
    for (int i = 0; i < s; i++) {
      columns[i] =
          names[i].equals(ChangeDetectionConfig.SCORE)
              ? -1
              : spec.numericFeatures().indexOf(names[i]);
      detectors[i] = detector(c);
    }
    return new ChangeWatch(spec.windowMillis(), names, columns, detectors, new TreeMap<>(), 0);
  }

  /** A fresh detector of the configured method and parameters. */
  public static ChangeDetector detector(ChangeDetectionConfig c) {
    if (c.method() == ChangeDetectionConfig.Method.ADWIN) {
      return new Adwin(c.adwinDelta());
    }
    return new PageHinkley(
        c.phMinInstances(),
        c.phDelta(),
        c.phThreshold(),
        c.phAlpha(),
        PageHinkley.Direction.valueOf(c.phDirection().toUpperCase(java.util.Locale.ROOT)));
  }

  /** The series' names, in config order. */
  public List<String> series() {
    return List.of(names);
  }

  /** An event's values of the watched series (NaN where it has none). */
  public double[] row(InferenceEvent e) {
    double[] row = new double[columns.length];
    for (int i = 0; i < row.length; i++) {
      row[i] = columns[i] < 0 ? e.score() : e.numeric()[columns[i]];
    }
    return row;
  }

  /**
   * Feeds one event's values observed at {@code time} to the detectors.
   *
   * @return the changes flagged that are the first of their series in the window
   */
  public List<Flag> feed(long time, double[] row) {
    long start = EpochWindows.start(time, windowMillis);
    Tally tally = windows.computeIfAbsent(start, k -> new Tally(names.length));
    if (time < progress) {
      tally.late++;
      return List.of();
    }
    progress = time;
    List<Flag> out = new ArrayList<>();
    for (int i = 0; i < row.length; i++) {
      if (!Double.isFinite(row[i])) {
        continue;
      }
      tally.values[i]++;
      ChangePoint c = detectors[i].add(row[i], time);
      if (c != null && tally.first[i] == null) {
        tally.first[i] = c;
        out.add(new Flag(i, start, c, tally.values[i]));
      }
    }
    return out;
  }

  /** Counts a value observed at {@code time} as late in its window, not fed. */
  public void skip(long time) {
    windows.computeIfAbsent(EpochWindows.start(time, windowMillis), k -> new Tally(names.length))
        .late++;
  }

  /** Removes and returns what the window that starts at {@code start} has seen, or null. */
  public Tally close(long start) {
    return windows.remove(start);
  }

  /** The windows not yet closed, oldest first (read only). */
  public Map<Long, Tally> open() {
    return java.util.Collections.unmodifiableMap(windows);
  }

  long windowMillis() {
    return windowMillis;
  }

  String[] names() {
    return names;
  }

  int[] columns() {
    return columns;
  }
}
