package io.aimon.detectors.check;

/**
 * What a check result is about: the model as a whole, a feature (or {@code score}, {@code label}),
 * or a fairness attribute with one of its groups (no group: the gaps across groups).
 *
 * @param feature the feature, or null
 * @param attribute the fairness attribute, or null; never set together with {@code feature}
 * @param group the attribute's group, or null; only with an attribute
 */
public record Subject(String feature, String attribute, String group) {
  /** The model as a whole. */
  public static final Subject MODEL = new Subject(null, null, null);

  public Subject {
    if (feature != null && attribute != null) {
      throw new IllegalArgumentException(
          "subject: expected a feature or an attribute, found both " + feature + ", " + attribute);
    }
    if (group != null && attribute == null) {
      throw new IllegalArgumentException("subject: expected an attribute for group " + group);
    }
  }

  /** A feature, or the model when {@code name} is null. */
  public static Subject feature(String name) {
    return name == null ? MODEL : new Subject(name, null, null);
  }

  /** A fairness attribute's group, or the attribute's gaps when {@code group} is null. */
  public static Subject group(String attribute, String group) {
    return new Subject(null, attribute, group);
  }
}
