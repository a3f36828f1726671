package io.aimon.detectors.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

  /**
   * The same message naming another model and version (an envelope's names win over the body's).
   */
  public InferenceTensors named(String model, String version) {
    return new InferenceTensors(id, model, version, tensors);
  }

  /**
   * The same message with only the tensors named in {@code names} (and the first one too when
   * {@code keepFirst}), in their order: what a half waiting for its other half needs to keep.
   */
  public InferenceTensors keep(Set<String> names, boolean keepFirst) {
    List<Tensor> kept = new ArrayList<>(Math.min(tensors.size(), names.size() + 1));
    for (int i = 0; i < tensors.size(); i++) {
      if ((keepFirst && i == 0) || names.contains(tensors.get(i).name())) {
        kept.add(tensors.get(i));
      }
    }
    return kept.size() == tensors.size()
        ? this
        : new InferenceTensors(id, modelName, modelVersion, kept);
  }
}
