package io.aimon.config;

/**
 * How the records of the labels topic (or labels file) are encoded ({@code input.label_format}).
 *
 * <ul>
 *   <li>{@link #NATIVE}: aimon's label event v1.
 *   <li>{@link #SAGEMAKER}: SageMaker Model Monitor's ground-truth records ({@code
 *       groundTruthData}, {@code eventMetadata}), joined to the captured inference by {@code
 *       inferenceId}, else {@code eventId}.
 * </ul>
 */
public enum LabelFormat {
  NATIVE("native"),
  SAGEMAKER("sagemaker");

  private final String configName;

  LabelFormat(String configName) {
    this.configName = configName;
  }

  /** The name in the config file. */
  public String configName() {
    return configName;
  }
}
