package io.aimon.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code fairness} section of a model.
 *
 * <p>Intersections are monitored like extra attributes: the intersection {@code [race, sex]} is the
 * attribute {@code race|sex} (see {@link #intersectionName}) and its groups are the events' values
 * joined in the listed order, e.g. {@code White|Male} (see {@link #compositeGroup}).
 *
 * @param attributes sensitive attributes (keys of the event's {@code groups}); no duplicates, no
 *     {@code |} in a name; empty turns fairness metrics off (copied, unmodifiable)
 * @param minGroupSize &gt;= 1: smaller groups are reported but left out of the gaps
 * @param intersections combinations of attributes monitored jointly; each has at least 2 distinct
 *     names declared in {@code attributes}, and no two have the same attributes (copied,
 *     unmodifiable)
 */
public record FairnessConfig(
    List<String> attributes, int minGroupSize, List<List<String>> intersections) {

  /** Joins the attribute names and the group values of an intersection. */
  public static final String SEPARATOR = "|";

  public FairnessConfig {
    Objects.requireNonNull(attributes, "attributes");
    attributes = List.copyOf(attributes);
    if (new HashSet<>(attributes).size() != attributes.size()) {
      throw new IllegalArgumentException("attributes must not repeat, were " + attributes);
    }
    for (String a : attributes) {
      if (a.contains(SEPARATOR)) {
        throw new IllegalArgumentException("attribute '" + a + "' must not contain '|'");
      }
    }
    if (minGroupSize < 1) {
      throw new IllegalArgumentException("minGroupSize must be >= 1, was " + minGroupSize);
    }
    Objects.requireNonNull(intersections, "intersections");
    List<List<String>> copy = new ArrayList<>();
    Set<Set<String>> seen = new HashSet<>();
    for (List<String> i : intersections) {
      List<String> names = List.copyOf(i);
      if (names.size() < 2 || new HashSet<>(names).size() != names.size()) {
        throw new IllegalArgumentException(
            "an intersection needs at least 2 distinct attributes, was " + names);
      }
      if (!attributes.containsAll(names)) {
        throw new IllegalArgumentException(
            "intersection " + names + " names an attribute not in " + attributes);
      }
      if (!seen.add(Set.copyOf(names))) {
        throw new IllegalArgumentException("intersection " + names + " is listed twice");
      }
      copy.add(names);
    }
    intersections = List.copyOf(copy);
  }

  /** No intersections. */
  public FairnessConfig(List<String> attributes, int minGroupSize) {
    this(attributes, minGroupSize, List.of());
  }

  /** No attributes, the default min_group_size (30), no intersections. */
  public static FairnessConfig none() {
    return new FairnessConfig(List.of(), ConfigKeys.MODEL_FAIRNESS_MIN_GROUP_SIZE.defaultValue());
  }

  /** The attribute name of an intersection: its names joined with {@code |}, e.g. race|sex. */
  public static String intersectionName(List<String> attributes) {
    return String.join(SEPARATOR, attributes);
  }

  /**
   * The group of an event in an intersection: its values of the intersection's attributes, in the
   * listed order, joined with {@code |} (e.g. White|Male). Values are joined verbatim.
   */
  public static String compositeGroup(List<String> values) {
    return String.join(SEPARATOR, values);
  }

  /** The names of the intersections ({@link #intersectionName}), in the configured order. */
  public List<String> intersectionNames() {
    return intersections.stream().map(FairnessConfig::intersectionName).toList();
  }
}
