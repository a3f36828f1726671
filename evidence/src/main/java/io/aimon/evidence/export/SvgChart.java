package io.aimon.evidence.export;

import io.aimon.config.MetricDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An inline SVG line chart of one series' values over its windows, with its thresholds drawn as
 * lines: {@code <svg class="chart">} holding a {@code <polyline class="series">} and one {@code
 * <line class="threshold warning|critical">} per distinct threshold (a status of critical was
 * judged against the critical level, ok and warning against the warning level), or a stepped {@code
 * <polyline>} per level when the thresholds took more than {@value #MAX_THRESHOLD_LINES} values.
 * Breaching windows are marked with circles in their status' colour, and a legend names the value,
 * each level drawn and the breach marks.
 *
 * <p>The value axis stays within the metric's domain ({@link MetricDomain}: a PSI axis never runs
 * below zero, a ratio's never above one). P-values (tests judged by them: ks, chi_square) are drawn
 * on a log axis up to 1, with a tick per few decades, so breaches of 1e-80 and thresholds of 0.05
 * and 0.01 are all apart; a p-value below {@value #P_FLOOR} (or 0) sits on the axis' floor.
 *
 * <p>Size is bounded: more than {@value #MAX_POINTS} values are reduced to the minimum and maximum
 * of each of {@value #BUCKETS} consecutive runs, so a spike still shows.
 */
final class SvgChart {
  static final int MAX_POINTS = 400;
  static final int BUCKETS = 200;
  static final int MAX_THRESHOLD_LINES = 4;

  /** The smallest p-value the log axis shows; smaller ones are drawn on its floor. */
  static final double P_FLOOR = 1e-300;

  private static final int WIDTH = 720;
  private static final int HEIGHT = 200;
  private static final int LEFT = 64;
  private static final int RIGHT = 110;
  private static final int TOP = 12;
  private static final int BOTTOM = 46;

  /** Vertical pixels between two threshold labels at least, so they never overprint. */
  private static final double LABEL_GAP = 12;

  private static final int MAX_LOG_TICKS = 5;

  private SvgChart() {}

  /**
   * The chart.
   *
   * @param id the svg element's id, unique in the page
   * @param series the series; needs a value and a threshold ({@link Series#chartable()})
   * @param xFrom the time at the left edge, epoch ms
   * @param xTo the time at the right edge, >= {@code xFrom}
   */
  static String render(String id, Series series, long xFrom, long xTo) {
    List<Series.Point> values = new ArrayList<>();
    // threshold value -> the levels it was judged at ("warning", "critical")
    TreeMap<Double, Set<String>> thresholds = new TreeMap<>();
    for (Series.Point p : series.points()) {
      if (p.value() != null) {
        values.add(p);
      }
      if (p.threshold() != null) {
        thresholds.computeIfAbsent(p.threshold(), t -> new TreeSet<>()).add(level(p));
      }
    }
    List<Series.Point> shown = values.size() > MAX_POINTS ? reduce(values) : values;
    Scale s =
        series.pValues()
            ? Scale.log(xFrom, xTo, values, thresholds.keySet())
            : Scale.linear(
                xFrom, xTo, values, thresholds.keySet(), MetricDomain.of(series.key().metric()));
    String label = series.key().label();
    StringBuilder b = new StringBuilder(4096);
    b.append("<svg class=\"chart")
        .append(s.log ? " log" : "")
        .append("\" id=\"")
        .append(Html.esc(id))
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(
            Html.esc(
                label
                    + (series.pValues() ? " p-value" : "")
                    + " over the period, with its thresholds"
                    + (s.log ? " (log axis)" : "")))
        .append("\">\n<title>")
        .append(Html.esc(label))
        .append("</title>\n");
    b.append("<rect class=\"frame\" x=\"")
        .append(LEFT)
        .append("\" y=\"")
        .append(TOP)
        .append("\" width=\"")
        .append(WIDTH - LEFT - RIGHT)
        .append("\" height=\"")
        .append(HEIGHT - TOP - BOTTOM)
        .append("\"/>\n");
    axisLabels(b, s, xFrom, xTo);
    Set<String> levelsDrawn = new TreeSet<>();
    if (thresholds.size() <= MAX_THRESHOLD_LINES) {
      List<double[]> labels = new ArrayList<>(); // [y, threshold]
      for (Map.Entry<Double, Set<String>> t : thresholds.entrySet()) {
        String css = t.getValue().contains("critical") ? "critical" : "warning";
        levelsDrawn.addAll(t.getValue());
        String y = Fmt.coord(s.y(t.getKey()));
        b.append("<line class=\"threshold ")
            .append(css)
            .append("\" x1=\"")
            .append(LEFT)
            .append("\" x2=\"")
            .append(WIDTH - RIGHT)
            .append("\" y1=\"")
            .append(y)
            .append("\" y2=\"")
            .append(y)
            .append("\"/>\n");
        labels.add(new double[] {s.y(t.getKey()), t.getKey()});
      }
      // labels top to bottom, pushed apart so that none overprints another
      labels.sort((a, c) -> Double.compare(a[0], c[0]));
      double last = Double.NEGATIVE_INFINITY;
      for (double[] l : labels) {
        double y = Math.max(l[0] + 4, last + LABEL_GAP);
        last = y;
        Set<String> levels = thresholds.get(l[1]);
        b.append("<text class=\"threshold-label ")
            .append(levels.contains("critical") ? "critical" : "warning")
            .append("\" x=\"")
            .append(WIDTH - RIGHT + 4)
            .append("\" y=\"")
            .append(Fmt.coord(y))
            .append("\">")
            .append(Html.esc(String.join("/", levels) + " " + Fmt.number(l[1])))
            .append("</text>\n");
      }
    } else {
      double labelY = TOP + 10;
      for (String level : List.of("warning", "critical")) {
        StringBuilder line = new StringBuilder();
        String prevY = null;
        for (Series.Point p : series.points()) {
          if (p.threshold() == null || !level.equals(level(p))) {
            continue;
          }
          String x = Fmt.coord(s.x(p.time()));
          String y = Fmt.coord(s.y(p.threshold()));
          if (prevY != null) {
            line.append(x).append(',').append(prevY).append(' ');
          }
          line.append(x).append(',').append(y).append(' ');
          prevY = y;
        }
        if (line.length() == 0) {
          continue;
        }
        levelsDrawn.add(level);
        line.setLength(line.length() - 1);
        b.append("<polyline class=\"threshold ")
            .append(level)
            .append("\" points=\"")
            .append(line)
            .append("\"/>\n<text class=\"threshold-label ")
            .append(level)
            .append("\" x=\"")
            .append(WIDTH - RIGHT + 4)
            .append("\" y=\"")
            .append(Fmt.coord(labelY))
            .append("\">")
            .append(level)
            .append(" varies</text>\n");
        labelY += LABEL_GAP;
      }
    }
    b.append("<polyline class=\"series\" points=\"");
    for (int i = 0; i < shown.size(); i++) {
      Series.Point p = shown.get(i);
      if (i > 0) {
        b.append(' ');
      }
      b.append(Fmt.coord(s.x(p.time()))).append(',').append(Fmt.coord(s.y(p.value())));
    }
    b.append("\"/>\n");
    boolean all = shown.size() <= 60;
    Set<String> marks = new TreeSet<>();
    for (Series.Point p : shown) {
      if (all || p.breach()) {
        if (p.breach()) {
          marks.add(Html.cssClass(p.status()));
        }
        b.append("<circle class=\"point")
            .append(p.breach() ? " breach " + Html.cssClass(p.status()) : "")
            .append("\" cx=\"")
            .append(Fmt.coord(s.x(p.time())))
            .append("\" cy=\"")
            .append(Fmt.coord(s.y(p.value())))
            .append("\" r=\"")
            .append(p.breach() ? "3.5" : "2")
            .append("\"/>\n");
      }
    }
    legend(b, series.pValues() ? "p-value" : "value", levelsDrawn, marks);
    b.append("</svg>");
    return b.toString();
  }

  /**
   * A legend entry: a short line of {@code css} classes at ({@code x}, {@code y}), then its text.
   */
  private static void lineKey(StringBuilder b, String css, int x, int y, String text) {
    b.append("<line class=\"key ")
        .append(css)
        .append("\" x1=\"")
        .append(x)
        .append("\" x2=\"")
        .append(x + 18)
        .append("\" y1=\"")
        .append(y - 4)
        .append("\" y2=\"")
        .append(y - 4)
        .append("\"/><text class=\"axis\" x=\"")
        .append(x + 22)
        .append("\" y=\"")
        .append(y)
        .append("\">")
        .append(text)
        .append("</text>\n");
  }

  /** The level a point's threshold is: critical when it was judged critical, else warning. */
  private static String level(Series.Point p) {
    return "critical".equals(p.status()) ? "critical" : "warning";
  }

  /**
   * One row under the axis ({@code <g class="legend">}, its marks of class {@code key}): the
   * value's line, each threshold level drawn, the breach marks shown.
   */
  private static void legend(
      StringBuilder b, String valueName, Set<String> levels, Set<String> marks) {
    int y = HEIGHT - 8;
    int x = LEFT;
    b.append("<g class=\"legend\">\n");
    lineKey(b, "series", x, y, valueName);
    x += 90;
    for (String level : List.of("warning", "critical")) {
      if (levels.contains(level)) {
        lineKey(b, "threshold " + level, x, y, level + " threshold");
        x += 140;
      }
    }
    for (String mark : List.of("warning", "critical")) {
      if (!marks.contains(mark)) {
        continue;
      }
      b.append("<circle class=\"key point breach ")
          .append(mark)
          .append("\" cx=\"")
          .append(x + 6)
          .append("\" cy=\"")
          .append(y - 4)
          .append("\" r=\"3.5\"/><text class=\"axis\" x=\"")
          .append(x + 14)
          .append("\" y=\"")
          .append(y)
          .append("\">")
          .append(mark)
          .append(" window</text>\n");
      x += 120;
    }
    b.append("</g>\n");
  }

  /** Whether the chart of {@code series} shows fewer points than it has values. */
  static boolean reduced(Series series) {
    return series.points().stream().filter(p -> p.value() != null).count() > MAX_POINTS;
  }

  /** The minimum and maximum (in time order) of each of {@link #BUCKETS} consecutive runs. */
  private static List<Series.Point> reduce(List<Series.Point> values) {
    List<Series.Point> out = new ArrayList<>(2 * BUCKETS);
    int n = values.size();
    for (int k = 0; k < BUCKETS; k++) {
      int from = (int) ((long) k * n / BUCKETS);
      int to = (int) ((long) (k + 1) * n / BUCKETS);
      if (from >= to) {
        continue;
      }
      int min = from;
      int max = from;
      for (int i = from + 1; i < to; i++) {
        if (values.get(i).value() < values.get(min).value()) {
          min = i;
        }
        if (values.get(i).value() > values.get(max).value()) {
          max = i;
        }
        // keep a breach visible even when it is neither extreme of its run
        if (values.get(i).breach() && !values.get(max).breach() && !values.get(min).breach()) {
          max = i;
        }
      }
      out.add(values.get(Math.min(min, max)));
      if (min != max) {
        out.add(values.get(Math.max(min, max)));
      }
    }
    return out;
  }

  private static void axisLabels(StringBuilder b, Scale s, long xFrom, long xTo) {
    List<Double> ticks = new ArrayList<>();
    if (s.log) {
      int decades = (int) Math.round(s.yHi - s.yLo);
      int step = Math.max(1, (int) Math.ceil(decades / (double) (MAX_LOG_TICKS - 1)));
      // a tick every few decades from the top (1), then the floor; none too close above it
      for (int e = (int) Math.round(s.yHi); e > s.yLo + step / 2.0; e -= step) {
        ticks.add(Math.pow(10, e));
      }
      ticks.add(Math.pow(10, s.yLo));
    } else {
      ticks.add(s.yHi);
      ticks.add(s.yLo);
    }
    for (double t : ticks) {
      double y = s.y(t);
      if (s.log) {
        b.append("<line class=\"tick\" x1=\"")
            .append(LEFT)
            .append("\" x2=\"")
            .append(WIDTH - RIGHT)
            .append("\" y1=\"")
            .append(Fmt.coord(y))
            .append("\" y2=\"")
            .append(Fmt.coord(y))
            .append("\"/>\n");
      }
      b.append("<text class=\"axis\" x=\"")
          .append(LEFT - 4)
          .append("\" y=\"")
          .append(Fmt.coord(Math.min(HEIGHT - BOTTOM, Math.max(TOP + 8, y + 4))))
          .append("\" text-anchor=\"end\">")
          .append(Html.esc(Fmt.number(t)))
          .append("</text>\n");
    }
    b.append("<text class=\"axis\" x=\"")
        .append(LEFT)
        .append("\" y=\"")
        .append(HEIGHT - BOTTOM + 16)
        .append("\">")
        .append(Html.esc(Fmt.iso(xFrom)))
        .append("</text>\n<text class=\"axis\" x=\"")
        .append(WIDTH - RIGHT)
        .append("\" y=\"")
        .append(HEIGHT - BOTTOM + 16)
        .append("\" text-anchor=\"end\">")
        .append(Html.esc(Fmt.iso(xTo)))
        .append("</text>\n");
  }

  /**
   * Maps times and values to pixels inside the plot area. On a log axis {@code yLo} and {@code yHi}
   * are decimal exponents and values below {@code 10^yLo} sit on the floor.
   */
  record Scale(long xFrom, long xTo, double yLo, double yHi, boolean log) {
    /** A linear axis over the values and thresholds, padded by 5% but never past the domain. */
    static Scale linear(
        long xFrom,
        long xTo,
        List<Series.Point> values,
        Set<Double> thresholds,
        MetricDomain domain) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (Series.Point p : values) {
        lo = Math.min(lo, p.value());
        hi = Math.max(hi, p.value());
      }
      for (double t : thresholds) {
        lo = Math.min(lo, t);
        hi = Math.max(hi, t);
      }
      double pad = lo == hi ? (lo == 0 ? 1 : Math.abs(lo) * 0.1) : (hi - lo) * 0.05;
      double yLo = Math.max(domain.min(), lo - pad);
      double yHi = Math.min(domain.max(), hi + pad);
      if (yHi <= yLo) {
        // a value on the domain's edge with no room to pad on that side: pad the other
        yLo = Math.max(domain.min(), lo - 2 * pad);
        yHi = Math.min(domain.max(), hi + 2 * pad);
      }
      return new Scale(xFrom, xTo, yLo, yHi, false);
    }

    /**
     * A log axis of p-values: from 1 down to one decade below the decade of the smallest positive
     * value or threshold (2.4e-82: 1e-83), the smallest {@link #P_FLOOR} / 10.
     */
    static Scale log(long xFrom, long xTo, List<Series.Point> values, Set<Double> thresholds) {
      double min = 1;
      for (Series.Point p : values) {
        if (p.value() > 0) {
          min = Math.min(min, p.value());
        }
      }
      for (double t : thresholds) {
        if (t > 0) {
          min = Math.min(min, t);
        }
      }
      // a decade below the smallest positive value's, so it stands above the zeros on the floor
      double lo = Math.floor(Math.log10(Math.max(min, P_FLOOR))) - 1;
      return new Scale(xFrom, xTo, lo, 0, true);
    }

    double x(long t) {
      double w = WIDTH - LEFT - RIGHT;
      if (xTo == xFrom) {
        return LEFT + w / 2;
      }
      return LEFT + w * ((double) (t - xFrom) / (double) (xTo - xFrom));
    }

    double y(double v) {
      double h = HEIGHT - TOP - BOTTOM;
      double u = log ? Math.log10(Math.max(v, Math.pow(10, yLo))) : v;
      u = Math.max(yLo, Math.min(yHi, u));
      return TOP + h * (1 - (u - yLo) / (yHi - yLo));
    }
  }
}
