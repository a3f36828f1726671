package io.aimon.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a model predicts ({@code models[].task}); it decides which performance metrics apply (see
 * {@link MetricIds#appliesTo}).
 */
public enum Task {
  /**
   * {@code binary_classification} (the default): {@code prediction} and {@code label} are classes
   * compared with {@code positive_label}, {@code score} is the probability of the positive class.
   * Performance metrics: {@link MetricIds#PERFORMANCE_BINARY}; fairness metrics apply.
   */
  BINARY_CLASSIFICATION("binary_classification"),

  /**
   * {@code regression}: {@code prediction} and {@code label} are numbers. Performance metrics:
   * {@link MetricIds#PERFORMANCE_REGRESSION}; fairness metrics do not apply.
   */
  REGRESSION("regression");

  private final String yamlName;

  Task(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The name used in the configuration and in outputs, e.g. {@code binary_classification}. */
  public String yamlName() {
    return yamlName;
  }

  /** The task with this configuration name, if any (case-sensitive). */
  public static Optional<Task> fromYamlName(String name) {
    return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst();
  }

  /** The configuration names of all tasks, in declaration order. */
  public static List<String> yamlNames() {
    return Arrays.stream(values()).map(Task::yamlName).toList();
  }
}
