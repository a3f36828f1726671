package io.aimon.jobs.evidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * Elements of a keyed function waiting, in keyed state, until the watermark passes their time, then
 * released in a fixed order: by time, and elements of one time by a given order. Whatever the
 * interleaving of the function's input streams, and whichever watermarks happen to come (a run that
 * read its input at another pace, or resumed after a crash, sees other ones), the same elements
 * come out in the same order: what makes hash chains and corrective-action verdicts deterministic.
 * (Sorting all elements released by one watermark by the given order alone would not be: whether
 * two elements of different times are released together depends on the watermarks.)
 *
 * <pre>{@code
 * buffer.add(time, element, ctx.timerService());        // processElement
 * for (T e : buffer.takeUpTo(timestamp, ORDER)) { ... } // onTimer
 * }</pre>
 */
public final class EventTimeBuffer<T> {
  private final MapState<Long, List<T>> waiting;

  private EventTimeBuffer(MapState<Long, List<T>> waiting) {
    this.waiting = waiting;
  }

  /** The buffer of the current key, in keyed state named {@code name}; call from {@code open}. */
  public static <T> EventTimeBuffer<T> create(
      RuntimeContext context, String name, TypeInformation<T> type) {
    return new EventTimeBuffer<>(
        context.getMapState(new MapStateDescriptor<>(name, Types.LONG, Types.LIST(type))));
  }

  /** Keeps {@code element} until the watermark passes {@code at} (a timer fires then). */
  public void add(long at, T element, TimerService timers) throws Exception {
    List<T> list = waiting.get(at);
    List<T> next = list == null ? new ArrayList<>() : new ArrayList<>(list);
    next.add(element);
    waiting.put(at, next);
    timers.registerEventTimeTimer(at);
  }

  /**
   * Removes and returns the elements with a time up to {@code timestamp}, by time, and those of one
   * time sorted by order.
   */
  public List<T> takeUpTo(long timestamp, Comparator<T> order) throws Exception {
    List<T> due = new ArrayList<>();
    takeGroupsUpTo(timestamp, order).forEach(due::addAll);
    return due;
  }

  /**
   * As {@link #takeUpTo}, one list per time (ascending), each sorted by order: for a consumer that
   * sorts what it is given itself. A key whose buffer this empties holds no state any more: entries
   * are removed through {@link MapState#remove}, which drops an emptied map, not through the
   * iterator, which on the heap state backend would leave an empty map per key behind (one per
   * series ever seen, for a buffer keyed by series).
   */
  public List<List<T>> takeGroupsUpTo(long timestamp, Comparator<T> order) throws Exception {
    TreeMap<Long, List<T>> due = new TreeMap<>();
    for (Map.Entry<Long, List<T>> e : waiting.entries()) {
      if (e.getKey() <= timestamp) {
        List<T> group = new ArrayList<>(e.getValue());
        group.sort(order);
        due.put(e.getKey(), group);
      }
    }
    for (Long at : due.keySet()) {
      waiting.remove(at);
    }
    return new ArrayList<>(due.values());
  }
}
