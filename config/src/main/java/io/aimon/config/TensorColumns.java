package io.aimon.config;

import java.util.List;
import java.util.Objects;

/**
 * An input tensor's columns by name ({@code models[].tensors.inputs[]}): an {@code [N, F]} tensor
 * is N events, and its column {@code i} is the feature (or fairness attribute) {@code
 * columns.get(i)}; {@link #SKIP} leaves a column unread. A tensor of more than two dimensions is
 * read with its trailing dimensions flattened row-major.
 *
 * @param tensor the tensor's name ({@code instances} for a V1 body of arrays)
 * @param columns one name per column, in column order (copied, unmodifiable)
 */
public record TensorColumns(String tensor, List<String> columns) implements java.io.Serializable {
  /** The column name that leaves a column unread. */
  public static final String SKIP = "_";

  public TensorColumns {
    Objects.requireNonNull(tensor, "tensor");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("columns must not be empty");
    }
  }
}
