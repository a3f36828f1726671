package io.aimon.detectors.sketch;

import java.util.Arrays;

/**
 * A primitive open-addressing hash map from a finite double to a positive long count, used by
 * {@link ValueDistribution} in exact mode. Package-private.
 *
 * <p>Not a general-purpose map: keys must be finite and not {@code -0.0} (the caller normalises
 * {@code -0.0} to {@code 0.0}), so raw-bit equality is value equality and the NaN bit pattern can
 * mark empty slots. There is no removal. Linear probing, power-of-two table, load factor at most
 * 3/4; the table grows on demand, so it never holds more than {@link #tableSizeFor(int)
 * tableSizeFor(maxSize)} slots for the {@code maxSize} its callers pass. Not thread-safe.
 */
final class DoubleCountMap {
  /** Marks an empty slot: the canonical NaN bits, which no stored key can have. */
  private static final long EMPTY = Double.doubleToRawLongBits(Double.NaN);

  private static final int MIN_TABLE = 16;

  private long[] keys;
  private long[] counts;
  private int size;
  private int growAt;

  DoubleCountMap() {
    allocate(MIN_TABLE);
  }

  /**
   * The table length this map reaches when it holds {@code maxSize} keys: the smallest power of two
   * (at least 16) whose 3/4 is at least {@code maxSize}.
   */
  static int tableSizeFor(int maxSize) {
    long needed = Math.max(MIN_TABLE, ((long) maxSize * 4 + 2) / 3);
    long table = Long.highestOneBit(needed);
    return (int) (table < needed ? table << 1 : table);
  }

  /**
   * Adds {@code delta} to the count of {@code key}. A new key is inserted only if the map holds
   * fewer than {@code maxSize} keys.
   *
   * @return false (and no change) if {@code key} is absent and the map already holds {@code
   *     maxSize} keys; true otherwise
   */
  boolean add(double key, long delta, int maxSize) {
    long bits = Double.doubleToRawLongBits(key);
    int mask = keys.length - 1;
    int i = mix(bits) & mask;
    while (true) {
      long k = keys[i];
      if (k == bits) {
        counts[i] += delta;
        return true;
      }
      if (k == EMPTY) {
        if (size >= maxSize) {
          return false;
        }
        if (size >= growAt) {
          grow();
          return add(key, delta, maxSize);
        }
        keys[i] = bits;
        counts[i] = delta;
        size++;
        return true;
      }
      i = (i + 1) & mask;
    }
  }

  /** The count of {@code key}, or 0 if absent. */
  long get(double key) {
    long bits = Double.doubleToRawLongBits(key);
    int mask = keys.length - 1;
    int i = mix(bits) & mask;
    while (true) {
      long k = keys[i];
      if (k == bits) {
        return counts[i];
      }
      if (k == EMPTY) {
        return 0;
      }
      i = (i + 1) & mask;
    }
  }

  /** Number of distinct keys. */
  int size() {
    return size;
  }

  /** Current table length in slots. */
  int tableLength() {
    return keys.length;
  }

  /** Heap bytes of the two arrays (16 bytes per slot plus two array headers). */
  long arrayBytes() {
    return 16L * keys.length + 32;
  }

  /** The distinct keys, ascending. */
  double[] sortedKeys() {
    double[] out = new double[size];
    int j = 0;
    for (long k : keys) {
      if (k != EMPTY) {
        out[j++] = Double.longBitsToDouble(k);
      }
    }
    Arrays.sort(out);
    return out;
  }

  /** The counts aligned with {@code sortedKeys}, which must be this map's {@link #sortedKeys()}. */
  long[] countsOf(double[] sortedKeys) {
    long[] out = new long[sortedKeys.length];
    for (int i = 0; i < sortedKeys.length; i++) {
      out[i] = get(sortedKeys[i]);
    }
    return out;
  }

  private void allocate(int tableLength) {
    keys = new long[tableLength];
    Arrays.fill(keys, EMPTY);
    counts = new long[tableLength];
    growAt = tableLength / 4 * 3;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldCounts = counts;
    allocate(oldKeys.length << 1);
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      long bits = oldKeys[j];
      if (bits != EMPTY) {
        int i = mix(bits) & mask;
        while (keys[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        keys[i] = bits;
        counts[i] = oldCounts[j];
      }
    }
  }

  /** MurmurHash3's 64-bit finaliser, folded to an int. */
  private static int mix(long bits) {
    long h = bits;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) (h ^ (h >>> 32));
  }
}
