package io.aimon.config;

import java.util.List;
import java.util.Objects;

/**
 * How a model's tensors ({@code models[].tensors}) map to its event fields, for the tensor formats
 * (KServe, Open Inference Protocol).
 *
 * <p>Input tensors listed in {@link #inputs()} map column by column; any other input tensor whose
 * name is a feature or fairness attribute is that one value per row (an {@code [N]} or {@code [N,
 * 1]} tensor), and the keys of a V1 instance object are read the same way. A name that is both a
 * feature and a fairness attribute fills both.
 *
 * @param inputs the input tensors mapped by column (copied, unmodifiable)
 * @param prediction the output column holding the prediction; null for column 0 of the first output
 *     tensor
 * @param score the output column holding the score, or null for none
 */
public record TensorMapping(List<TensorColumns> inputs, TensorRef prediction, TensorRef score)
    implements java.io.Serializable {
  public TensorMapping {
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(inputs, "inputs");
  }

  /** No columns mapped: tensors by name, the prediction from the first output tensor, no score. */
  public static TensorMapping defaults() {
    return new TensorMapping(List.of(), null, null);
  }
}
