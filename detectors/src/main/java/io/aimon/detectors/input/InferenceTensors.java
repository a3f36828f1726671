package io.aimon.detectors.input;

import java.util.List;

/**
 * The tensors of one request or response, as the Open Inference Protocol carries them (a V1 body's
 * {@code instances} or {@code predictions} read as tensors too).
 *
 * @param id the message's id, or null
 * @param modelName the model it names, or null (a REST request names it in the URL only)
 * @param modelVersion the model version it names, or null
 * @param tensors the inputs of a request or the outputs of a response, in message order (copied,
 *     unmodifiable)
 */
public record InferenceTensors(
    String id, String modelName, String modelVersion, List<Tensor> tensors) {
  public InferenceTensors {
    tensors = List.copyOf(tensors);
  }

  /** The tensor named {@code name}, or null. */
  public Tensor tensor(String name) {
    for (Tensor t : tensors) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
