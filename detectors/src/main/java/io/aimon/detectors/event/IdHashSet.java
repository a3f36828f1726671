package io.aimon.detectors.event;

import java.util.Arrays;

/**
 * A set of 64-bit hashes of inference ids, kept exactly: an open-addressing table (linear probing)
 * that doubles when half full, so a window with few ids costs a few KiB. Two different ids share a
 * hash with probability 2^-64, so membership is exact for any practical purpose.
 *
 * <p>Invariants:
 *
 * <ol>
 *   <li>The table's length is a power of two, at least {@value #MIN_SLOTS}, more than twice {@link
 *       #size()}.
 *   <li>Slot value 0 means empty; a hash of 0 is stored as {@link #ZERO} (so one id in 2^63 shares
 *       a slot meaning with another: still exact in practice).
 *   <li>{@link #hashes()} lists every stored hash once, ascending; adding one twice keeps one.
 * </ol>
 */
final class IdHashSet {
  static final int MIN_SLOTS = 16;
  private static final long ZERO = 0x9E3779B97F4A7C15L;

  private long[] slots = new long[MIN_SLOTS];
  private int size;

  /** Whether {@code hash} is in the set. */
  boolean contains(long hash) {
    long h = hash == 0 ? ZERO : hash;
    int mask = slots.length - 1;
    for (int i = index(h, mask); ; i = (i + 1) & mask) {
      long s = slots[i];
      if (s == h) {
        return true;
      }
      if (s == 0) {
        return false;
      }
    }
  }

  /** Adds {@code hash}; returns false when it was there already. */
  boolean add(long hash) {
    long h = hash == 0 ? ZERO : hash;
    if (2 * (size + 1) > slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    for (int i = index(h, mask); ; i = (i + 1) & mask) {
      long s = slots[i];
      if (s == h) {
        return false;
      }
      if (s == 0) {
        slots[i] = h;
        size++;
        return true;
      }
    }
  }

  int size() {
    return size;
  }

  /** The bytes the table takes. */
  long sizeBytes() {
    return 8L * slots.length;
  }

  /** The stored hashes, ascending (so equal sets give equal bytes, whatever their history). */
  long[] hashes() {
    long[] out = new long[size];
    int n = 0;
    for (long s : slots) {
      if (s != 0) {
        out[n++] = s;
      }
    }
    Arrays.sort(out);
    return out;
  }

  /** A set of the given stored hashes. */
  static IdHashSet of(long[] hashes) {
    IdHashSet set = new IdHashSet();
    for (long h : hashes) {
      set.add(h);
    }
    return set;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    size = 0;
    for (long s : old) {
      if (s != 0) {
        add(s);
      }
    }
  }

  private static int index(long h, int mask) {
    // the hashes are already well mixed (XxHash64); fold the high bits in all the same
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
