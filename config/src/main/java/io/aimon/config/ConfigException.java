package io.aimon.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a configuration file cannot be read or is invalid; carries every problem found, in
 * file order where lines are known.
 */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<ConfigProblem> problems;

  /**
   * @param problems at least one problem
   */
  public ConfigException(List<ConfigProblem> problems) {
    super(render(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems must not be empty");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, never empty. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String render(List<ConfigProblem> problems) {
    return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
  }
}
