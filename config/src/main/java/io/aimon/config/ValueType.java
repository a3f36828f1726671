package io.aimon.config;

import org.yaml.snakeyaml.nodes.Node;

/**
 * How one kind of configuration value is read from a YAML node, described in the docs and in
 * messages. Package-private: the public face is {@link ConfigKey#type()}.
 *
 * @param <T> the Java type of the value
 */
interface ValueType<T> {

  /** The type column of the docs, e.g. {@code int >= 1}. */
  String type();

  /** What a message says was expected, e.g. {@code an integer >= 1}. */
  String expected();

  /**
   * Reads {@code node}; on a bad value, adds one problem at {@code line} and {@code key} and
   * returns null.
   */
  T read(Node node, int line, String key, Problems problems);

  /** The YAML form of a value, for the docs. */
  String format(T value);
}
