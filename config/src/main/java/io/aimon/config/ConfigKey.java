package io.aimon.config;

import java.util.Objects;

/**
 * One configuration key, declared once in {@link ConfigKeys} with its type, default and
 * description. Paths are dotted; {@code []} marks a list element ({@code models[].window}) and
 * {@code <metric>} or {@code <feature>} a name chosen by the user.
 *
 * @param <T> the Java type the value is read into
 */
public final class ConfigKey<T> {

  private final String path;
  private final ValueType<T> valueType;
  private final T defaultValue;
  private final boolean required;
  private final String typeText;
  private final String defaultText;
  private final String description;

  ConfigKey(
      String path,
      ValueType<T> valueType,
      T defaultValue,
      boolean required,
      String typeText,
      String defaultText,
      String description) {
    this.path = Objects.requireNonNull(path, "path");
    this.valueType = Objects.requireNonNull(valueType, "valueType");
    this.defaultValue = defaultValue;
    this.required = required;
    this.typeText = typeText != null ? typeText : valueType.type();
    this.defaultText =
        defaultText != null
            ? defaultText
            : required
                ? "required"
                : defaultValue == null ? "none" : valueType.format(defaultValue);
    this.description = Objects.requireNonNull(description, "description");
  }

  /** The full dotted path, e.g. {@code models[].window}. */
  public String path() {
    return path;
  }

  /** The last segment of the path, e.g. {@code window}. */
  public String name() {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }

  /** The path of the enclosing map ("" at the top level), e.g. {@code models[]}. */
  public String parent() {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(0, dot);
  }

  /** The type as written in the docs, with its range, e.g. {@code duration >= 1s}. */
  public String type() {
    return typeText;
  }

  /** The default value, or null when the key is required or has no default. */
  public T defaultValue() {
    return defaultValue;
  }

  /** The default as written in the docs ({@code 1h}, {@code required}, {@code none}). */
  public String defaultText() {
    return defaultText;
  }

  /** Whether the key must be present. */
  public boolean required() {
    return required;
  }

  /** What the key means. */
  public String description() {
    return description;
  }

  ValueType<T> valueType() {
    return valueType;
  }

  @Override
  public String toString() {
    return path;
  }
}
