package io.aimon.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a model's {@code tensors} section into a {@link TensorMapping}: tensor names unique, every
 * column name a declared feature or fairness attribute (or {@code _}), and each name read from one
 * place only; {@code prediction} and {@code score} of the form {@code tensor} or {@code
 * tensor[column]}. Package-private helper of {@link ModelParser}.
 */
final class TensorParser {
  private final Problems problems;

  TensorParser(Problems problems) {
    this.problems = problems;
  }

  /**
   * The mapping of the model {@code m}; the defaults (after a problem) when it is invalid.
   *
   * @param names the model's features and fairness attributes; null when they are invalid (the
   *     names are then not checked)
   */
  TensorMapping parse(MapReader m, Set<String> names) {
    int before = problems.size();
    MapReader t = m.section(ConfigKeys.MODEL_TENSORS);
    List<TensorColumns> inputs = new ArrayList<>();
    Map<String, String> readFrom = new HashMap<>();
    Set<String> tensors = new LinkedHashSet<>();
    for (MapReader item : items(t)) {
      String tensor = item.get(ConfigKeys.MODEL_TENSOR_INPUT_NAME);
      List<String> columns = item.get(ConfigKeys.MODEL_TENSOR_INPUT_COLUMNS);
      if (tensor != null && !tensors.add(tensor)) {
        problems.add(
            item.line("name"), item.child("name"), "tensor '" + tensor + "' is listed twice");
      }
      if (tensor == null || columns == null) {
        continue;
      }
      if (columns.isEmpty()) {
        problems.add(
            item.line("columns"),
            item.child("columns"),
            "expected at least one column name, found an empty list");
        continue;
      }
      for (int i = 0; i < columns.size(); i++) {
        String name = columns.get(i);
        String at = item.child("columns") + "[" + i + "]";
        if (name.equals(TensorColumns.SKIP)) {
          continue;
        }
        if (names != null && !names.contains(name)) {
          problems.add(
              item.line("columns"),
              at,
              "'"
                  + name
                  + "' is not a feature or fairness attribute of the model"
                  + Suggestions.didYouMean(name, names)
                  + "; use _ to skip a column");
          continue;
        }
        String first = readFrom.putIfAbsent(name, tensor + "[" + i + "]");
        if (first != null) {
          problems.add(
              item.line("columns"),
              at,
              "'" + name + "' is already read from " + first + "; each name has one column");
        }
      }
      inputs.add(new TensorColumns(tensor, columns));
    }
    TensorRef prediction = ref(t, ConfigKeys.MODEL_TENSOR_PREDICTION);
    TensorRef score = ref(t, ConfigKeys.MODEL_TENSOR_SCORE);
    if (problems.size() != before) {
      return TensorMapping.defaults();
    }
    return new TensorMapping(inputs, prediction, score);
  }

  private TensorRef ref(MapReader t, ConfigKey<String> key) {
    String text = t.get(key);
    if (text == null) {
      return null;
    }
    TensorRef ref = TensorRef.parse(text);
    if (ref == null) {
      problems.add(
          t.line(key.name()),
          t.child(key.name()),
          "expected a tensor name, or name[column] with a column number, found '" + text + "'");
    }
    return ref;
  }

  private List<MapReader> items(MapReader t) {
    List<MapReader> out = new ArrayList<>();
    if (!(t.get(ConfigKeys.MODEL_TENSOR_INPUTS) instanceof SequenceNode seq)) {
      return out;
    }
    String name = ConfigKeys.MODEL_TENSOR_INPUTS.name();
    for (int i = 0; i < seq.getValue().size(); i++) {
      Node item = seq.getValue().get(i);
      String path = t.child(name) + "[" + i + "]";
      if (!(item instanceof MappingNode)) {
        problems.add(
            ValueTypes.lineOf(item),
            path,
            "expected a map with name and columns, found " + ValueTypes.found(item));
        continue;
      }
      out.add(
          new MapReader(
              item,
              path,
              ValueTypes.lineOf(item),
              ConfigKeys.childrenOf(ConfigKeys.MODEL_TENSOR_INPUTS.path() + "[]"),
              problems));
    }
    return out;
  }
}
