package io.aimon.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one load so that every one is reported, not only the first. */
final class Problems {

  private final String file;
  private final List<ConfigProblem> list = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  void add(int line, String key, String message) {
    list.add(new ConfigProblem(file, line, key, message));
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  int size() {
    return list.size();
  }

  /**
   * The problems in line order (whole-file problems first); same-line problems keep their order.
   */
  List<ConfigProblem> sorted() {
    List<ConfigProblem> out = new ArrayList<>(list);
    out.sort(Comparator.comparingInt(ConfigProblem::line));
    return out;
  }

  ConfigException exception() {
    return new ConfigException(sorted());
  }
}
