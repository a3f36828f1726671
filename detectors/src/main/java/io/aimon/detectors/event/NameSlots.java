package io.aimon.detectors.event;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's configured names (its numeric then categorical features, or its fairness attributes) by
 * name, so that the members of an event's object, read in document order, can be put in the model's
 * order. Needed because {@code model_id} may come after {@code features} in a record: the members
 * are collected first and placed once the model is known. Built once per model.
 *
 * <p>A name configured twice (in two lists) has two slots, as two lookups of the tree would find
 * the same member twice.
 *
 * <p>Not thread-safe.
 */
final class NameSlots {
  private final Map<String, int[]> slots = new HashMap<>();
  private final int size;
  private final int[] located; // the result of locate, reused (one thread at a time)

  /** The slots of {@code first}'s names, then {@code second}'s, numbered from 0 in that order. */
  NameSlots(List<String> first, List<String> second) {
    int slot = 0;
    for (List<String> names : List.of(first, second)) {
      for (String name : names) {
        int[] s = slots.getOrDefault(name, new int[0]);
        s = Arrays.copyOf(s, s.length + 1);
        s[s.length - 1] = slot++;
        slots.put(name, s);
      }
    }
    size = slot;
    located = new int[size];
  }

  /**
   * Per slot, the index in {@code entries} of the member of that name, or -1 when there is none (or
   * {@code entries} is null). The array is reused: valid until the next call.
   */
  int[] locate(ObjectEntries entries) {
    Arrays.fill(located, -1);
    if (entries != null) {
      for (int e = 0; e < entries.size(); e++) {
        int[] s = slots.get(entries.name(e));
        if (s != null) {
          for (int slot : s) {
            located[slot] = e;
          }
        }
      }
    }
    return located;
  }
}
