package io.aimon.config;

import java.util.Objects;

/**
 * One problem found in a configuration file.
 *
 * @param file the file as it was given to the loader (not made absolute)
 * @param line the 1-based line, or 0 when it is unknown or the problem concerns the whole file
 * @param key the full dotted key ({@code models[0].checks.psi.warning}), or "" for the whole file
 * @param message what was expected and what was found
 */
public record ConfigProblem(String file, int line, String key, String message) {

  public ConfigProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, was " + line);
    }
  }

  /**
   * The one-line form {@code file:line key: message}, e.g. {@code aimon.yaml:14
   * models[0].checks.psi.warning: expected a number in [0, 1], found -0.2}. The {@code :line} part
   * is left out when the line is 0, and the key when it is empty.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line);
    }
    if (!key.isEmpty()) {
      sb.append(' ').append(key);
    }
    return sb.append(": ").append(message).toString();
  }
}
