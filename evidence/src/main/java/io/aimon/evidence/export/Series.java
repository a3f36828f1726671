package io.aimon.evidence.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The check results of one series of a model in the period, in chain order. */
final class Series {
  /**
   * One window's result.
   *
   * @param time the record's time (the window's end)
   * @param value the value, or null when it was not computed
   * @param threshold the threshold the status was judged against, or null
   * @param status ok, warning, critical or insufficient_data
   */
  record Point(long time, Double value, Double threshold, String status) {
    boolean breach() {
      return "warning".equals(status) || "critical".equals(status);
    }
  }

  private final SeriesKey key;
  private final List<Point> points = new ArrayList<>();
  private final Map<String, Long> statusCounts = new TreeMap<>();
  private long breaches;
  private boolean thresholds;
  private boolean pValues;
  private long firstSeq;
  private long lastSeq;

  Series(SeriesKey key) {
    this.key = key;
  }

  void add(ExportRecord r) {
    Point p = new Point(r.time(), r.judgedNumber(), r.thresholdNumber(), r.status());
    points.add(p);
    statusCounts.merge(r.status() == null ? "unknown" : r.status(), 1L, Long::sum);
    if (p.breach()) {
      breaches++;
    }
    if (p.threshold() != null) {
      thresholds = true;
    }
    if (r.pValue() != null) {
      pValues = true;
    }
    if (firstSeq == 0) {
      firstSeq = r.seq();
    }
    lastSeq = r.seq();
  }

  SeriesKey key() {
    return key;
  }

  /** The points in chain order. */
  List<Point> points() {
    return Collections.unmodifiableList(points);
  }

  /** Count of results per status, sorted by status. */
  Map<String, Long> statusCounts() {
    return Collections.unmodifiableMap(statusCounts);
  }

  /** Results with status warning or critical. */
  long breaches() {
    return breaches;
  }

  /** Whether the points are p-values (tests judged by their p-value: ks, chi_square). */
  boolean pValues() {
    return pValues;
  }

  /** Whether a chart can be drawn: a threshold and at least one value. */
  boolean chartable() {
    return thresholds && points.stream().anyMatch(p -> p.value() != null);
  }

  long firstSeq() {
    return firstSeq;
  }

  long lastSeq() {
    return lastSeq;
  }

  /** The latest result. */
  Point last() {
    return points.get(points.size() - 1);
  }
}
