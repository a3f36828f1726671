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
 * feature, fed in event-time order; or, in a watch of its own, the per-event {@code error}, fed in
 * the order labels are joined), and what each window of the model has seen of them.
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

  /**
   * The detectors of the model's configured series read from its inference events ({@code score}
   * and numeric features), none fed yet.
   */
  public static ChangeWatch create(ModelSpec spec) {
    ChangeDetectionConfig c = spec.changeDetection();
    String[] names = c.eventSeries().toArray(new String[0]);
    ChangeDetector[] detectors = new ChangeDetector[names.length];
    for (int i = 0; i < names.length; i++) {
      detectors[i] = detector(c);
    }
    return new ChangeWatch(
        spec.windowMillis(), names, columns(spec), detectors, new TreeMap<>(), 0);
  }

  /**
   * Where each series of {@link #create} is read from an event: {@link #SCORE_COLUMN} or the index
   * of its numeric feature, in the order of {@link ChangeDetectionConfig#eventSeries()}.
   */
  public static int[] columns(ModelSpec spec) {
    List<String> series = spec.changeDetection().eventSeries();
    int[] columns = new int[series.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] =
          series.get(i).equals(ChangeDetectionConfig.SCORE)
              ? SCORE_COLUMN
              : spec.numericFeatures().indexOf(series.get(i));
    }
    return columns;
  }

  /**
   * The detector of the model's per-event error ({@code error}), fed its labelled predictions'
   * errors ({@link PredictionError}) in the order their labels are joined; none fed yet.
   */
  public static ChangeWatch createForErrors(ModelSpec spec) {
    return new ChangeWatch(
        spec.windowMillis(),
        new String[] {ChangeDetectionConfig.ERROR},
        new int[] {ERROR_COLUMN},
        new ChangeDetector[] {detector(spec.changeDetection())},
        new TreeMap<>(),
        0);
  }

  /** The column code of the score. */
  static final int SCORE_COLUMN = -1;

  /** The column code of the per-event error, fed by {@link #errorRow}, never read from an event. */
  static final int ERROR_COLUMN = -2;

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
    return row(columns, e);
  }

  /** An event's values of the series read from {@code columns} ({@link #columns}). */
  public static double[] row(int[] columns, InferenceEvent e) {
    double[] row = new double[columns.length];
    for (int i = 0; i < row.length; i++) {
      row[i] =
          columns[i] == ERROR_COLUMN
              ? Double.NaN
              : columns[i] == SCORE_COLUMN ? e.score() : e.numeric()[columns[i]];
    }
    return row;
  }

  /** The row of one labelled prediction's error for a {@link #createForErrors} watch. */
  public static double[] errorRow(double error) {
    return new double[] {error};
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
