package io.aimon.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * One YAML map being read: reports non-scalar, duplicate and unknown keys on construction, then
 * reads registered keys with their defaults. Package-private helper of the loader.
 */
final class MapReader {

  private final String path;
  private final int line;
  private final Problems problems;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  /**
   * @param node a MappingNode, or null / a null scalar for an empty map
   * @param path the full key of this map ("" at the top level), e.g. {@code models[0].reference}
   * @param line the line reported for problems about the map as a whole (missing keys)
   * @param allowed the allowed key names, or null to accept any name
   */
  MapReader(Node node, String path, int line, Collection<String> allowed, Problems problems) {
    this.path = path;
    this.line = line;
    this.problems = problems;
    if (!(node instanceof MappingNode m)) {
      return;
    }
    for (NodeTuple t : m.getValue()) {
      Node k = t.getKeyNode();
      int keyLine = ValueTypes.lineOf(k);
      if (!(k instanceof ScalarNode s) || ValueTypes.isNull(s)) {
        problems.add(keyLine, path, "expected a key name, found " + ValueTypes.found(k));
        continue;
      }
      String name = s.getValue();
      NodeTuple first = entries.get(name);
      if (first != null) {
        problems.add(
            keyLine,
            child(name),
            "duplicate key '"
                + name
                + "' (first defined at line "
                + ValueTypes.lineOf(first.getKeyNode())
                + ")");
      } else if (allowed != null && !allowed.contains(name)) {
        problems.add(
            keyLine,
            child(name),
            "unknown key '"
                + name
                + "'"
                + Suggestions.didYouMean(name, allowed)
                + "; allowed keys: "
                + String.join(", ", allowed));
      } else {
        entries.put(name, t);
      }
    }
  }

  /** The full key of the child {@code name}. */
  String child(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  String path() {
    return path;
  }

  /** The line of this map. */
  int line() {
    return line;
  }

  boolean has(String name) {
    return entries.containsKey(name);
  }

  /** The key names present (first occurrences of known keys), in file order. */
  Set<String> names() {
    return entries.keySet();
  }

  /** The value node of {@code name}, or null when absent. */
  Node value(String name) {
    NodeTuple t = entries.get(name);
    return t == null ? null : t.getValueNode();
  }

  /** The line of the key {@code name}, or this map's line when absent. */
  int line(String name) {
    NodeTuple t = entries.get(name);
    return t == null ? line : ValueTypes.lineOf(t.getKeyNode());
  }

  /** The value of {@code key}: its default when absent, null (after a problem) when invalid. */
  <T> T get(ConfigKey<T> key) {
    String name = key.name();
    if (!has(name)) {
      if (key.required()) {
        problems.add(line, child(name), "missing required key '" + name + "'");
      }
      return key.defaultValue();
    }
    return key.valueType().read(value(name), line(name), child(name), problems);
  }

  /**
   * A reader for the section {@code key} inside this map (an empty one when it is absent or not a
   * map), accepting the keys the registry declares inside it.
   */
  MapReader section(ConfigKey<org.yaml.snakeyaml.nodes.Node> key) {
    Node node = get(key);
    return new MapReader(
        node, child(key.name()), line(key.name()), ConfigKeys.childrenOf(key.path()), problems);
  }

  /**
   * A reader for the section {@code key} inside this map that accepts the keys the registry
   * declares inside {@code sharedPath} instead of inside {@code key} (a section that repeats the
   * keys of another one, like {@code models[].alerting} those of {@code alerting}).
   */
  MapReader section(ConfigKey<org.yaml.snakeyaml.nodes.Node> key, String sharedPath) {
    Node node = get(key);
    return new MapReader(
        node, child(key.name()), line(key.name()), ConfigKeys.childrenOf(sharedPath), problems);
  }

  /** Like {@link #get} but returns the default instead of null when the value is invalid. */
  <T> T getOrDefault(ConfigKey<T> key) {
    T v = get(key);
    return v == null ? key.defaultValue() : v;
  }
}
