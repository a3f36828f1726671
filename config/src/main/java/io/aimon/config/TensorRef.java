package io.aimon.config;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One column of a named tensor, written {@code name} (column 0) or {@code name[column]} in the
 * config, e.g. {@code predict_proba[1]}: the second column of an {@code [N, 2]} tensor.
 *
 * @param tensor the tensor's name
 * @param column the 0-based column (the index in the tensor's second and later dimensions,
 *     flattened row-major)
 */
public record TensorRef(String tensor, int column) implements java.io.Serializable {
  private static final Pattern FORM = Pattern.compile("([^\\[\\]]+)(?:\\[(\\d{1,9})])?");

  public TensorRef {
    Objects.requireNonNull(tensor, "tensor");
    if (tensor.isBlank()) {
      throw new IllegalArgumentException("tensor must not be blank");
    }
    if (column < 0) {
      throw new IllegalArgumentException("column must be >= 0, was " + column);
    }
  }

  /** Parses {@code name} or {@code name[column]}; null when the text has neither form. */
  public static TensorRef parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (text.isBlank() || !m.matches()) {
      return null;
    }
    return new TensorRef(m.group(1), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
  }

  @Override
  public String toString() {
    return column == 0 ? tensor : tensor + "[" + column + "]";
  }
}
