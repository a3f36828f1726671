package io.aimon.evidence.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A model's window coverage in the period: the windows with a coverage record, the windows
 * expected, and the gaps between them.
 *
 * <p>Expected windows are those of the model's window size (the most common span of its coverage
 * records in the archive), aligned like its first coverage window, whose end lies in the period
 * ({@code [from, to)}, as records are selected by time, the window end) and between the first and
 * the last window the archive covers for the model: windows before monitoring began or after the
 * archive ends are not expected. {@code expected == covered + missing}.
 */
final class Coverage {
  /** One covered window and what its coverage record says. */
  record Window(long start, long end, long events, long checks, long breaches) {}

  /** Consecutive expected windows without a coverage record: [start, end), {@code windows} many. */
  record Gap(long start, long end, long windows) {}

  private final List<Window> windows;
  private final long windowMillis;
  private final List<Gap> gaps;
  private final long missing;

  private Coverage(List<Window> windows, long windowMillis, List<Gap> gaps) {
    this.windows = List.copyOf(windows);
    this.windowMillis = windowMillis;
    this.gaps = List.copyOf(gaps);
    this.missing = gaps.stream().mapToLong(Gap::windows).sum();
  }

  /**
   * The coverage of {@code covered} windows (any order, duplicates allowed).
   *
   * @param windowMillis the model's window size, or 0 when the archive has no coverage record
   * @param archiveFirstEnd end of the first window the archive covers for the model
   * @param archiveLastEnd end of the last one
   * @param from the period's start (inclusive), compared with window ends
   * @param to the period's end (exclusive)
   */
  static Coverage of(
      List<Window> covered,
      long windowMillis,
      long archiveFirstEnd,
      long archiveLastEnd,
      long from,
      long to) {
    List<Window> sorted = new ArrayList<>();
    covered.stream()
        .sorted(
            (a, b) ->
                a.start != b.start ? Long.compare(a.start, b.start) : Long.compare(a.end, b.end))
        .forEach(
            w -> {
              Window prev = sorted.isEmpty() ? null : sorted.get(sorted.size() - 1);
              if (prev == null || prev.start != w.start || prev.end != w.end) {
                sorted.add(w);
              }
            });
    List<Gap> gaps = new ArrayList<>();
    if (windowMillis > 0 && archiveFirstEnd <= archiveLastEnd) {
      long lo = Math.max(from, archiveFirstEnd);
      long hi = Math.min(to - 1, archiveLastEnd);
      long firstEnd = lo + Math.floorMod(archiveFirstEnd - lo, windowMillis);
      long lastEnd = hi - Math.floorMod(hi - archiveFirstEnd, windowMillis);
      if (lo <= hi && firstEnd <= lastEnd) {
        long cursor = firstEnd - windowMillis;
        for (Window w : sorted) {
          if (w.start - cursor >= windowMillis) {
            gaps.add(new Gap(cursor, w.start, (w.start - cursor) / windowMillis));
          }
          cursor = Math.max(cursor, w.end);
        }
        if (lastEnd - cursor >= windowMillis) {
          gaps.add(new Gap(cursor, lastEnd, (lastEnd - cursor) / windowMillis));
        }
      }
    }
    return new Coverage(sorted, windowMillis, gaps);
  }

  /** The covered windows, sorted by start, without duplicates. */
  List<Window> windows() {
    return Collections.unmodifiableList(windows);
  }

  /** The model's window size, 0 when unknown. */
  long windowMillis() {
    return windowMillis;
  }

  /** The gaps, in time order. */
  List<Gap> gaps() {
    return gaps;
  }

  long covered() {
    return windows.size();
  }

  long missing() {
    return missing;
  }

  long expected() {
    return covered() + missing;
  }

  /** No expected window is missing. */
  boolean contiguous() {
    return gaps.isEmpty();
  }

  long events() {
    return windows.stream().mapToLong(Window::events).sum();
  }

  long checks() {
    return windows.stream().mapToLong(Window::checks).sum();
  }

  long breaches() {
    return windows.stream().mapToLong(Window::breaches).sum();
  }
}
