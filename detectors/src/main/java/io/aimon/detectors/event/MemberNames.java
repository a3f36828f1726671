package io.aimon.detectors.event;

import java.util.HashSet;

/**
 * The member names of one JSON object as it is read, to find a name given twice. Reused from object
 * to object, so reading one allocates nothing: an object's first {@value #SCANNED} names are
 * compared by their (cached) hash codes, the names after those go to a hash set, whose treeified
 * bins bound the cost of names chosen to share a hash code.
 *
 * <p>Not thread-safe.
 */
final class MemberNames {
  static final int SCANNED = 16;

  /**
   * A set that grew beyond this many names is dropped rather than cleared (clear costs its size).
   */
  private static final int KEEP = 1024;

  private final String[] names = new String[SCANNED];
  private final int[] hashes = new int[SCANNED];
  private HashSet<String> more = new HashSet<>();
  private int size;

  /** Starts the next object. */
  void clear() {
    if (size > SCANNED) {
      if (more.size() > KEEP) {
        more = new HashSet<>();
      } else {
        more.clear();
      }
    }
    size = 0;
  }

  /** Adds {@code name}; returns false when the object has it already. */
  boolean add(String name) {
    if (size < SCANNED) {
      int h = name.hashCode();
      for (int i = 0; i < size; i++) {
        if (hashes[i] == h && names[i].equals(name)) {
          return false;
        }
      }
      names[size] = name;
      hashes[size] = h;
      size++;
      return true;
    }
    if (size == SCANNED) {
      for (String n : names) {
        more.add(n);
      }
    }
    if (!more.add(name)) {
      return false;
    }
    size++;
    return true;
  }
}
