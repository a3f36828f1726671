package io.aimon.config;

import java.util.Objects;

/**
 * Seldon Core 2's Kafka topics for a model ({@code input.seldon}): requests on {@code
 * <prefix>.<namespace>.model.<model>.inputs}, responses on {@code ... .outputs}. The aimon model id
 * is the Seldon Model's name.
 *
 * <pre>{@code
 * SeldonTopics t = new SeldonTopics("seldon", "default");
 * t.inputs("adult");                        // seldon.default.model.adult.inputs
 * t.parse("seldon.default.model.adult.outputs"); // ModelTopic[model=adult, inputs=false]
 * }</pre>
 *
 * @param prefix {@code input.seldon.topic_prefix}
 * @param namespace {@code input.seldon.namespace}
 */
public record SeldonTopics(String prefix, String namespace) implements java.io.Serializable {
  private static final String INPUTS = ".inputs";
  private static final String OUTPUTS = ".outputs";

  /** A model topic: the model it belongs to and whether it holds requests ({@code inputs}). */
  public record ModelTopic(String model, boolean inputs) {}

  public SeldonTopics {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(namespace, "namespace");
  }

  /** The topic of the model's requests. */
  public String inputs(String model) {
    return modelPrefix() + model + INPUTS;
  }

  /** The topic of the model's responses. */
  public String outputs(String model) {
    return modelPrefix() + model + OUTPUTS;
  }

  /** The model and side of a model topic of this installation, or null for any other topic. */
  public ModelTopic parse(String topic) {
    String start = modelPrefix();
    if (!topic.startsWith(start)) {
      return null;
    }
    boolean inputs = topic.endsWith(INPUTS);
    if (!inputs && !topic.endsWith(OUTPUTS)) {
      return null;
    }
    int end = topic.length() - (inputs ? INPUTS : OUTPUTS).length();
    return end > start.length()
        ? new ModelTopic(topic.substring(start.length(), end), inputs)
        : null;
  }

  private String modelPrefix() {
    return prefix + "." + namespace + ".model.";
  }
}
