package io.aimon.detectors.change;

import java.util.ArrayList;
import java.util.List;

/**
 * ADWIN, adaptive windowing (Bifet and Gavaldà 2007): a window of the recent values, summarized in
 * exponential buckets, cut where its older and newer parts' means differ more than chance allows.
 *
 * <p>Buckets. Row r holds buckets of 2^r values, each with its total, its sum of squared deviations
 * and the event time of its oldest value; a new value is a bucket of row 0, and when a row holds
 * {@value #MAX_BUCKETS} + 1 buckets its two oldest merge into one of the next row. The window's
 * width, total and sum of squared deviations are kept exactly as values come and go.
 *
 * <p>Test. Every {@value #CLOCK} values, once the window holds more than {@value #GRACE} values,
 * each boundary between buckets splits it into an older part W0 (n0 values, mean mu0) and a newer
 * W1 (n1, mu1); with both at least {@value #MIN_LENGTH} values, 1/m = 1/(n0 - 4) + 1/(n1 - 4),
 * delta' = ln(2 ln(n) / delta) and the window's variance s^2 = (sum of squared deviations) / n, the
 * boundary is a cut when |mu0 - mu1| &gt; epsilon = sqrt(2 s^2 delta' / m) + (2/3) delta' / m. A
 * test with a cut flags a change, placed at the oldest value of W1 of the boundary that cuts with
 * the largest margin |mu0 - mu1| / epsilon, and the detector starts over, as River's {@code ADWIN}
 * does from version 0.12 (delta 0.002, the default here).
 *
 * <p>State: at most {@value #MAX_ROWS} rows of at most {@value #MAX_BUCKETS} + 1 buckets, three
 * numbers each: under 5 KB whatever the number of values; a window that would need more rows (over
 * 10^10 values without a change) drops its oldest bucket, counted in {@link #dropped()}. Not
 * thread-safe.
 */
public final class Adwin implements ChangeDetector {
  /** Buckets per row before the two oldest merge: 5. */
  public static final int MAX_BUCKETS = 5;

  /** Values between two tests: 32. */
  public static final int CLOCK = 32;

  /** Values the window holds before it is first tested: more than 10. */
  public static final int GRACE = 10;

  /** The fewest values either part of a cut holds: 5. */
  public static final int MIN_LENGTH = 5;

  /** Rows of buckets at most: 32. */
  public static final int MAX_ROWS = 32;

  private final double delta;
  private final List<Row> rows = new ArrayList<>();
  private long width;
  private double total;
  private double squares;
  private long ticks;
  private long dropped;

  /** One row of buckets of 2^r values, oldest first. */
  static final class Row {
    final double[] totals = new double[MAX_BUCKETS + 1];
    final double[] squares = new double[MAX_BUCKETS + 1];
    final long[] since = new long[MAX_BUCKETS + 1];
    int size;

    void add(double t, double s, long time) {
      totals[size] = t;
      squares[size] = s;
      since[size] = time;
      size++;
    }

    void removeOldest(int k) {
      System.arraycopy(totals, k, totals, 0, size - k);
      System.arraycopy(squares, k, squares, 0, size - k);
      System.arraycopy(since, k, since, 0, size - k);
      size -= k;
    }
  }

  /**
   * @param delta the confidence of a cut, in (0, 1): smaller flags fewer changes
   */
  public Adwin(double delta) {
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("adwin delta: expected in (0, 1), found " + delta);
    }
    this.delta = delta;
  }

  @Override
  public ChangePoint add(double x, long time) {
    if (!Double.isFinite(x)) {
      return null;
    }
    insert(x, time);
    ticks++;
    if (ticks % CLOCK != 0 || width <= GRACE) {
      return null;
    }
    ChangePoint change = cut(time);
    if (change != null) {
      rows.clear();
      width = 0;
      total = 0;
      squares = 0;
      ticks = 0;
    }
    return change;
  }

  private void insert(double x, long time) {
    if (width > 0) {
      double mean = total / width;
      squares += (double) width / (width + 1) * (x - mean) * (x - mean);
    }
    width++;
    total += x;
    if (rows.isEmpty()) {
      rows.add(new Row());
    }
    rows.get(0).add(x, 0, time);
    for (int r = 0; r < rows.size() && rows.get(r).size > MAX_BUCKETS; r++) {
      Row row = rows.get(r);
      double n = Math.pow(2, r);
      double mu1 = row.totals[0] / n;
      double mu2 = row.totals[1] / n;
      double t = row.totals[0] + row.totals[1];
      double s = row.squares[0] + row.squares[1] + n * n * (mu1 - mu2) * (mu1 - mu2) / (2 * n);
      long since = row.since[0];
      row.removeOldest(2);
      if (r + 1 == MAX_ROWS) {
        dropped += (long) (2 * n);
        dropMerged(t, s, 2 * n);
        break;
      }
      if (r + 1 == rows.size()) {
        rows.add(new Row());
      }
      rows.get(r + 1).add(t, s, since);
    }
  }

  /**
   * The boundary that cuts with the largest margin (|mu0 - mu1| / epsilon) as a change point, or
   * null when none cuts.
   */
  private ChangePoint cut(long time) {
    long n0 = 0;
    double u0 = 0;
    ChangePoint best = null;
    double bestMargin = 1;
    for (int r = rows.size() - 1; r >= 0; r--) {
      Row row = rows.get(r);
      long size = 1L << r;
      for (int k = 0; k < row.size; k++) {
        n0 += size;
        u0 += row.totals[k];
        long n1 = width - n0;
        if (n1 == 0) {
          return best;
        }
        double u1 = total - u0;
        if (n0 >= MIN_LENGTH && n1 >= MIN_LENGTH) {
          double m = 1.0 / (n0 - MIN_LENGTH + 1) + 1.0 / (n1 - MIN_LENGTH + 1);
          double dd = Math.log(2 * Math.log(width) / delta);
          double epsilon = Math.sqrt(2 * m * (squares / width) * dd) + 2.0 / 3.0 * dd * m;
          double diff = u0 / n0 - u1 / n1;
          double margin = Math.abs(diff) / epsilon;
          if (margin > bestMargin) {
            bestMargin = margin;
            best = new ChangePoint(time, newerSince(r, k), ticks, u0 / n0, u1 / n1);
          }
        }
      }
    }
    return best;
  }

  /** The event time of the oldest value after bucket k of row r. */
  private long newerSince(int r, int k) {
    Row row = rows.get(r);
    if (k + 1 < row.size) {
      return row.since[k + 1];
    }
    for (int next = r - 1; next >= 0; next--) {
      if (rows.get(next).size > 0) {
        return rows.get(next).since[0];
      }
    }
    return row.since[k];
  }

  /** Takes a bucket of n values, total t and squares s out of the window's statistics. */
  private void dropMerged(double t, double s, double n) {
    width -= (long) n;
    total -= t;
    if (width == 0) {
      squares = 0;
      total = 0;
      return;
    }
    double mu = t / n;
    double rest = total / width;
    squares -= s + n * width * (mu - rest) * (mu - rest) / (n + width);
    squares = Math.max(0, squares);
  }

  /** Values in the window. */
  public long width() {
    return width;
  }

  /** The window's mean, NaN when empty. */
  public double mean() {
    return width == 0 ? Double.NaN : total / width;
  }

  /** Buckets held, over all rows. */
  public int buckets() {
    int b = 0;
    for (Row r : rows) {
      b += r.size;
    }
    return b;
  }

  /** Values dropped because the window reached {@value #MAX_ROWS} rows. */
  public long dropped() {
    return dropped;
  }

  /** The rows, for the codec (read only). */
  List<Row> rows() {
    return rows;
  }

  double delta() {
    return delta;
  }

  double total() {
    return total;
  }

  double squares() {
    return squares;
  }

  long ticks() {
    return ticks;
  }

  /** Restores the window's statistics (the codec); the rows are added to {@link #rows()}. */
  void restore(long width, double total, double squares, long ticks, long dropped) {
    this.width = width;
    this.total = total;
    this.squares = squares;
    this.ticks = ticks;
    this.dropped = dropped;
  }
}
