package io.aimon.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The 1-based line of every key and list item of a loaded configuration file, by full key in the
 * loader's form ({@code models[0].features.numeric[1]}), so that checks made after loading (against
 * the reference, see {@link ReferenceCheck}) report problems where they are, like the loader does.
 *
 * @param lines line by full key (copied, unmodifiable); a repeated key keeps its first line
 */
public record KeyLines(Map<String, Integer> lines) {

  private static final KeyLines NONE = new KeyLines(Map.of());

  public KeyLines {
    lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
  }

  /** No lines known (a configuration built in code): every {@link #of} is 0. */
  public static KeyLines none() {
    return NONE;
  }

  /** The line of {@code key}, or 0 when it is unknown (as {@link ConfigProblem} takes it). */
  public int of(String key) {
    return lines.getOrDefault(key, 0);
  }

  /** The lines of every map key and list item under {@code root}. */
  static KeyLines of(Node root) {
    Map<String, Integer> out = new LinkedHashMap<>();
    walk(root, "", out);
    return new KeyLines(out);
  }

  private static void walk(Node node, String path, Map<String, Integer> out) {
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          String child = path.isEmpty() ? k.getValue() : path + "." + k.getValue();
          out.putIfAbsent(child, ValueTypes.lineOf(k));
          walk(t.getValueNode(), child, out);
        }
      }
    } else if (node instanceof SequenceNode s) {
      for (int i = 0; i < s.getValue().size(); i++) {
        Node item = s.getValue().get(i);
        String child = path + "[" + i + "]";
        out.putIfAbsent(child, ValueTypes.lineOf(item));
        walk(item, child, out);
      }
    }
  }
}
