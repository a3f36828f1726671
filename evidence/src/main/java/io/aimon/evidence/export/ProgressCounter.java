package io.aimon.evidence.export;

import java.util.function.BiConsumer;

/** Reports (done, total) to the caller's callback; done never decreases and never passes total. */
final class ProgressCounter {
  private final BiConsumer<Long, Long> callback;
  private final long total;
  private long done;

  /**
   * @param callback receives (done, total), or null for none
   * @param total the total, >= 0
   */
  ProgressCounter(BiConsumer<Long, Long> callback, long total) {
    this.callback = callback;
    this.total = Math.max(0, total);
  }

  void advance(long n) {
    done = Math.min(total, done + Math.max(0, n));
    report();
  }

  /** Moves done up to {@code target} (never down) and reports. */
  void advanceTo(long target) {
    done = Math.min(total, Math.max(done, target));
    report();
  }

  /** Reports (total, total). */
  void finish() {
    done = total;
    report();
  }

  void report() {
    if (callback != null) {
      callback.accept(done, total);
    }
  }

  long total() {
    return total;
  }
}
