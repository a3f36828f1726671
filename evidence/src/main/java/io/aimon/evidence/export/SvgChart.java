package io.aimon.evidence.export;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * An inline SVG line chart of one series' values over its windows, with its threshold(s) drawn as
 * lines: {@code <svg class="chart">} holding a {@code <polyline class="series">} and one {@code
 * <line class="threshold">} per distinct threshold (the warning and critical levels a status was
 * judged against), or a stepped {@code <polyline class="threshold">} when the threshold took more
 * than {@value #MAX_THRESHOLD_LINES} values. Breaching windows are marked with circles.
 *
 * <p>Size is bounded: more than {@value #MAX_POINTS} values are reduced to the minimum and maximum
 * of each of {@value #BUCKETS} consecutive runs, so a spike still shows.
 */
final class SvgChart {
  static final int MAX_POINTS = 400;
  static final int BUCKETS = 200;
  static final int MAX_THRESHOLD_LINES = 4;
  private static final int WIDTH = 720;
  private static final int HEIGHT = 180;
  private static final int LEFT = 64;
  private static final int RIGHT = 96;
  private static final int TOP = 12;
  private static final int BOTTOM = 30;

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
    TreeSet<Double> thresholds = new TreeSet<>();
    for (Series.Point p : series.points()) {
      if (p.value() != null) {
        values.add(p);
      }
      if (p.threshold() != null) {
        thresholds.add(p.threshold());
      }
    }
    List<Series.Point> shown = values.size() > MAX_POINTS ? reduce(values) : values;
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
    if (lo == hi) {
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
      lo -= pad;
      hi += pad;
    } else {
      double pad = (hi - lo) * 0.05;
      lo -= pad;
      hi += pad;
    }
    Scale s = new Scale(xFrom, xTo, lo, hi);
    String label = series.key().label();
    StringBuilder b = new StringBuilder(4096);
    b.append("<svg class=\"chart\" id=\"")
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
        .append(Html.esc(label + " over the period, with its threshold"))
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
    if (thresholds.size() <= MAX_THRESHOLD_LINES) {
      for (double t : thresholds) {
        String y = Fmt.coord(s.y(t));
        b.append("<line class=\"threshold\" x1=\"")
            .append(LEFT)
            .append("\" x2=\"")
            .append(WIDTH - RIGHT)
            .append("\" y1=\"")
            .append(y)
            .append("\" y2=\"")
            .append(y)
            .append("\"/>\n<text class=\"threshold-label\" x=\"")
            .append(WIDTH - RIGHT + 4)
            .append("\" y=\"")
            .append(Fmt.coord(s.y(t) + 4))
            .append("\">threshold ")
            .append(Html.esc(Fmt.number(t)))
            .append("</text>\n");
      }
    } else {
      b.append("<polyline class=\"threshold\" points=\"");
      String prevY = null;
      for (Series.Point p : series.points()) {
        if (p.threshold() == null) {
          continue;
        }
        String x = Fmt.coord(s.x(p.time()));
        String y = Fmt.coord(s.y(p.threshold()));
        if (prevY != null) {
          b.append(x).append(',').append(prevY).append(' ');
        }
        b.append(x).append(',').append(y).append(' ');
        prevY = y;
      }
      b.setLength(b.length() - 1);
      b.append("\"/>\n<text class=\"threshold-label\" x=\"")
          .append(WIDTH - RIGHT + 4)
          .append("\" y=\"")
          .append(TOP + 10)
          .append("\">threshold varies</text>\n");
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
    for (Series.Point p : shown) {
      if (all || p.breach()) {
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
    b.append("</svg>");
    return b.toString();
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
    b.append("<text class=\"axis\" x=\"")
        .append(LEFT - 4)
        .append("\" y=\"")
        .append(TOP + 8)
        .append("\" text-anchor=\"end\">")
        .append(Html.esc(Fmt.number(s.yHi)))
        .append("</text>\n<text class=\"axis\" x=\"")
        .append(LEFT - 4)
        .append("\" y=\"")
        .append(HEIGHT - BOTTOM)
        .append("\" text-anchor=\"end\">")
        .append(Html.esc(Fmt.number(s.yLo)))
        .append("</text>\n<text class=\"axis\" x=\"")
        .append(LEFT)
        .append("\" y=\"")
        .append(HEIGHT - 10)
        .append("\">")
        .append(Html.esc(Fmt.iso(xFrom)))
        .append("</text>\n<text class=\"axis\" x=\"")
        .append(WIDTH - RIGHT)
        .append("\" y=\"")
        .append(HEIGHT - 10)
        .append("\" text-anchor=\"end\">")
        .append(Html.esc(Fmt.iso(xTo)))
        .append("</text>\n");
  }

  /** Maps times and values to pixels inside the plot area. */
  private record Scale(long xFrom, long xTo, double yLo, double yHi) {
    double x(long t) {
      double w = WIDTH - LEFT - RIGHT;
      if (xTo == xFrom) {
        return LEFT + w / 2;
      }
      return LEFT + w * ((double) (t - xFrom) / (double) (xTo - xFrom));
    }

    double y(double v) {
      double h = HEIGHT - TOP - BOTTOM;
      return TOP + h * (1 - (v - yLo) / (yHi - yLo));
    }
  }
}
