package io.aimon.detectors.event;

import java.util.Arrays;

/**
 * The members of one JSON object (the {@code features} or {@code groups} of a record), in document
 * order, as names and {@link TokenValue}s. The storage is reused from record to record and only
 * grows, so reading an object allocates nothing beyond its strings. Names are unique: the parser
 * rejects duplicate keys.
 *
 * <p>Not thread-safe.
 */
final class ObjectEntries {
  private String[] names = new String[16];
  private TokenValue[] values = new TokenValue[16];
  private int size;

  /** Forgets the entries of the previous record (their storage is reused). */
  void clear() {
    size = 0;
  }

  /** Appends an entry named {@code name}; returns its value for the caller to fill. */
  TokenValue add(String name) {
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    if (values[size] == null) {
      values[size] = new TokenValue();
    }
    names[size] = name;
    return values[size++];
  }

  int size() {
    return size;
  }

  String name(int i) {
    return names[i];
  }

  TokenValue value(int i) {
    return values[i];
  }
}
