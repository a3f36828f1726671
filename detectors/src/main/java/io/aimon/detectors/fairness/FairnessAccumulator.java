package io.aimon.detectors.fairness;

import io.aimon.detectors.common.BoundedText;
import io.aimon.detectors.common.CapCounts;
import io.aimon.detectors.common.CodePointOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The mutable, mergeable, bounded state behind a window's fairness metrics: per sensitive attribute
 * (and per configured intersection of attributes), per group, a {@link GroupCounts}.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * FairnessAccumulator acc = FairnessAccumulator.builder()
 *     .attributes(List.of("race", "sex"))
 *     .intersection(List.of(0, 1))          // adds attribute "race|sex", groups "White|Male", ...
 *     .build();
 * acc.add(new String[] {"White", "Male"}, prediction == 1, label == null ? null : label == 1);
 * Map<String, FairnessResult> results = acc.evaluate(30);   // min_group_size
 * }</pre>
 *
 * <p><b>Attributes.</b> The base attributes are given by name; {@link #add} takes their values in
 * the same order, with {@value #MISSING} (or null) for a missing value. An intersection is a list
 * of at least two distinct base-attribute indexes; it forms the composite attribute whose name is
 * the attribute names joined by {@code |} in the listed order (e.g. {@code "race|sex"}) and whose
 * groups are the values joined the same way (e.g. {@code "Black|Female"}), as in the shared
 * vectors. Names and values are not escaped, so a {@code |} inside a value can make two value
 * combinations share a group name; attribute names (base and composite) must all differ.
 *
 * <p><b>Bounded groups.</b> Each attribute holds at most {@code maxGroups} named groups (default
 * {@value #DEFAULT_MAX_GROUPS}). An event whose value would create one more group is counted in the
 * pooled group {@value #OTHER} instead (which does not count towards the bound), so no count is
 * lost; a value that literally equals {@value #OTHER} lands in that pool too. Which values get a
 * group of their own depends on arrival (and merge) order once the bound is reached; below the
 * bound the state depends only on the multiset of events. {@value #OTHER} is not a group: {@link
 * FairnessCalculator} reports its rates but leaves it out of every gap.
 *
 * <p><b>Bounded names.</b> Every group name is at most {@value BoundedText#MAX_BYTES} UTF-8 bytes:
 * a longer value is kept as {@link BoundedText#of} truncates it, and an intersection's group name
 * is joined from the truncated values and then bounded the same way. Per attribute {@link
 * #caps(String)} counts the events pooled because of the bound ({@code capped}) and those whose
 * group name was truncated ({@code truncated}); both are exact under merging.
 *
 * <p><b>Invariants</b> (checked by {@code FairnessAccumulatorTest}):
 *
 * <ol>
 *   <li>For every attribute, the groups' counts sum to {@link #n()}, the number of events added
 *       (including merged ones); likewise selected and labelled events.
 *   <li>Every attribute holds at most {@code maxGroups + 1} groups (the named ones plus {@value
 *       #OTHER}), each name at most {@value BoundedText#MAX_BYTES} UTF-8 bytes; the state is
 *       bounded by {@code attributes x (maxGroups + 1)} counters and names and never holds events.
 *   <li>Below the bound, merging equals a single pass over both accumulators' events.
 *   <li>For every attribute, {@code capped <= count of }{@value #OTHER} and {@code truncated <=
 *       n()}.
 * </ol>
 *
 * <p>Not thread-safe.
 */
public final class FairnessAccumulator {
  /** The value standing for a missing attribute value. */
  public static final String MISSING = "__MISSING__";

  /** The pooled group of values beyond the group bound. */
  public static final String OTHER = "__OTHER__";

  /** Default maximum of named groups per attribute: 1000. */
  public static final int DEFAULT_MAX_GROUPS = 1000;

  /** The separator of composite attribute names and group names. */
  public static final String SEPARATOR = "|";

  private final List<String> attributes;
  private final List<List<Integer>> intersections;
  private final List<String> names;
  private final int maxGroups;
  private final List<Map<String, GroupCounts>> groups;
  private final long[] capped;
  private final long[] truncated;
  private long n;

  /**
   * An empty accumulator.
   *
   * @param attributes the base attribute names: non-empty strings, no duplicates (copied); may be
   *     empty (then only {@link #n()} counts)
   * @param intersections each a list of at least two distinct indexes into {@code attributes}
   *     (copied)
   * @param maxGroups named groups kept per attribute before values are pooled in {@value #OTHER};
   *     at least 1
   * @throws IllegalArgumentException if an argument breaks these rules, or two attributes (base or
   *     composite) have the same name
   */
  public FairnessAccumulator(
      List<String> attributes, List<List<Integer>> intersections, int maxGroups) {
    if (attributes == null) {
      throw new IllegalArgumentException("attributes: expected a list, found null");
    }
    if (intersections == null) {
      throw new IllegalArgumentException("intersections: expected a list, found null");
    }
    if (maxGroups < 1) {
      throw new IllegalArgumentException("maxGroups: expected an integer >= 1, found " + maxGroups);
    }
    List<String> allNames = new ArrayList<>();
    for (int i = 0; i < attributes.size(); i++) {
      String a = attributes.get(i);
      if (a == null || a.isEmpty()) {
        throw new IllegalArgumentException(
            "attributes[" + i + "]: expected a non-empty name, found " + quote(a));
      }
      allNames.add(a);
    }
    List<List<Integer>> copies = new ArrayList<>();
    for (int k = 0; k < intersections.size(); k++) {
      List<Integer> ix = intersections.get(k);
      if (ix == null || ix.size() < 2 || new HashSet<>(ix).size() != ix.size()) {
        throw new IllegalArgumentException(
            "intersections["
                + k
                + "]: expected at least two distinct attribute indexes, found "
                + ix);
      }
      List<String> parts = new ArrayList<>();
      for (Integer i : ix) {
        if (i == null || i < 0 || i >= attributes.size()) {
          throw new IllegalArgumentException(
              "intersections["
                  + k
                  + "]: expected indexes in [0, "
                  + (attributes.size() - 1)
                  + "], found "
                  + ix);
        }
        parts.add(attributes.get(i));
      }
      copies.add(List.copyOf(ix));
      allNames.add(String.join(SEPARATOR, parts));
    }
    Set<String> seen = new HashSet<>();
    for (String name : allNames) {
      if (!seen.add(name)) {
        throw new IllegalArgumentException(
            "attributes: expected distinct names (base and intersections), found "
                + quote(name)
                + " twice");
      }
    }
    this.attributes = List.copyOf(attributes);
    this.intersections = List.copyOf(copies);
    this.names = List.copyOf(allNames);
    this.maxGroups = maxGroups;
    this.groups = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      groups.add(new HashMap<>());
    }
    this.capped = new long[names.size()];
    this.truncated = new long[names.size()];
  }

  /** A builder; see {@link Builder} for the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Counts one event in every attribute and intersection.
   *
   * @param groupValues the event's value of each base attribute, in the constructor's order;
   *     {@value #MISSING} or null when missing (null is counted as {@value #MISSING})
   * @param predictedPositive whether the model selected the event
   * @param actualPositive whether its label is positive; null when it is not labelled
   * @throws IllegalArgumentException if {@code groupValues} is null or its length is not the number
   *     of attributes (the state is not changed)
   */
  public void add(String[] groupValues, boolean predictedPositive, Boolean actualPositive) {
    if (groupValues == null || groupValues.length != attributes.size()) {
      throw new IllegalArgumentException(
          "groupValues: expected "
              + attributes.size()
              + " values "
              + attributes
              + ", found "
              + (groupValues == null ? "null" : groupValues.length));
    }
    String[] values = new String[attributes.size()];
    boolean[] cut = new boolean[attributes.size()];
    for (int i = 0; i < attributes.size(); i++) {
      String raw = groupValues[i];
      values[i] = raw == null ? MISSING : BoundedText.of(raw);
      cut[i] = raw != null && values[i] != raw;
      if (cut[i]) {
        truncated[i]++;
      }
      group(i, values[i], 1).add(predictedPositive, actualPositive);
    }
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < intersections.size(); k++) {
      sb.setLength(0);
      boolean anyCut = false;
      List<Integer> ix = intersections.get(k);
      for (int p = 0; p < ix.size(); p++) {
        if (p > 0) {
          sb.append(SEPARATOR);
        }
        sb.append(values[ix.get(p)]);
        anyCut |= cut[ix.get(p)];
      }
      String joined = sb.toString();
      String name = BoundedText.of(joined);
      int a = attributes.size() + k;
      if (anyCut || name != joined) {
        truncated[a]++;
      }
      group(a, name, 1).add(predictedPositive, actualPositive);
    }
    n++;
  }

  /**
   * Adds everything {@code other} holds; {@code other} is not changed. Groups beyond this
   * accumulator's bound are pooled in {@value #OTHER}.
   *
   * @throws IllegalArgumentException if {@code other} has different attributes or intersections
   */
  public void merge(FairnessAccumulator other) {
    if (!other.attributes.equals(attributes) || !other.intersections.equals(intersections)) {
      throw new IllegalArgumentException(
          "other: expected attributes " + names + ", found " + other.names);
    }
    if (other == this) {
      FairnessAccumulator copy = new FairnessAccumulator(attributes, intersections, maxGroups);
      copy.merge(this);
      other = copy;
    }
    for (int a = 0; a < names.size(); a++) {
      TreeMap<String, GroupCounts> sorted = new TreeMap<>(CodePointOrder.COMPARATOR);
      sorted.putAll(other.groups.get(a));
      for (Map.Entry<String, GroupCounts> e : sorted.entrySet()) {
        group(a, e.getKey(), e.getValue().count()).merge(e.getValue());
      }
      capped[a] += other.capped[a];
      truncated[a] += other.truncated[a];
    }
    n += other.n;
  }

  /**
   * Evaluates every attribute and intersection with {@link FairnessCalculator#evaluate}.
   *
   * @param minGroupSize groups with fewer events are left out of the gaps; &gt;= 0
   * @return results keyed by attribute name, base attributes first, then intersections, in
   *     constructor order
   */
  public Map<String, FairnessResult> evaluate(int minGroupSize) {
    Map<String, FairnessResult> out = new LinkedHashMap<>();
    for (int a = 0; a < names.size(); a++) {
      out.put(
          names.get(a),
          FairnessCalculator.evaluate(names.get(a), groups.get(a), minGroupSize, caps(a)));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Copies of one attribute's group counts, in code-point order of the group names.
   *
   * @param attribute a base attribute or intersection name from {@link #attributeNames()}
   * @throws IllegalArgumentException if the name is unknown
   */
  public Map<String, GroupCounts> groups(String attribute) {
    int a = index(attribute);
    Map<String, GroupCounts> out = new TreeMap<>(CodePointOrder.COMPARATOR);
    groups.get(a).forEach((k, v) -> out.put(k, v.copy()));
    return Collections.unmodifiableMap(out);
  }

  /**
   * What the bounds did to one attribute's events: pooled into {@value #OTHER} because {@code
   * maxGroups} named groups were held ({@code capped}), and group names cut to {@value
   * BoundedText#MAX_BYTES} bytes ({@code truncated}).
   *
   * @param attribute a base attribute or intersection name from {@link #attributeNames()}
   * @throws IllegalArgumentException if the name is unknown
   */
  public CapCounts caps(String attribute) {
    return caps(index(attribute));
  }

  private CapCounts caps(int a) {
    return new CapCounts(capped[a], truncated[a]);
  }

  /** Restores one attribute's groups from a checkpoint (see {@link FairnessAccumulatorCodec}). */
  void restore(String attribute, Map<String, GroupCounts> counts, CapCounts caps) {
    int a = names.indexOf(attribute);
    Map<String, GroupCounts> target = groups.get(a);
    counts.forEach((k, v) -> target.put(k, v.copy()));
    capped[a] = caps.capped();
    truncated[a] = caps.truncated();
  }

  /** Restores the event count from a checkpoint. */
  void restoreCount(long count) {
    n = count;
  }

  /** The base attribute names followed by the intersections' composite names. */
  public List<String> attributeNames() {
    return names;
  }

  /** The base attribute names, in the order {@link #add} expects their values. */
  public List<String> attributes() {
    return attributes;
  }

  /** The intersections as lists of base-attribute indexes. */
  public List<List<Integer>> intersections() {
    return intersections;
  }

  /** The most named groups kept per attribute. */
  public int maxGroups() {
    return maxGroups;
  }

  /** Events added, including merged ones. */
  public long n() {
    return n;
  }

  /**
   * Groups held over all attributes (at most {@code attributeNames().size() * (maxGroups + 1)}).
   */
  public int groupCount() {
    int total = 0;
    for (Map<String, GroupCounts> m : groups) {
      total += m.size();
    }
    return total;
  }

  private int index(String attribute) {
    int a = names.indexOf(attribute);
    if (a < 0) {
      throw new IllegalArgumentException(
          "attribute: expected one of " + names + ", found " + quote(attribute));
    }
    return a;
  }

  /**
   * The group of {@code name} (already bounded), or {@value #OTHER} when the attribute holds its
   * maximum of named groups; then {@code events} more were capped.
   */
  private GroupCounts group(int attribute, String name, long events) {
    Map<String, GroupCounts> m = groups.get(attribute);
    GroupCounts g = m.get(name);
    if (g != null) {
      return g;
    }
    if (OTHER.equals(name)) {
      return m.computeIfAbsent(OTHER, k -> new GroupCounts());
    }
    int named = m.containsKey(OTHER) ? m.size() - 1 : m.size();
    if (named >= maxGroups) {
      capped[attribute] += events;
      return m.computeIfAbsent(OTHER, k -> new GroupCounts());
    }
    return m.computeIfAbsent(name, k -> new GroupCounts());
  }

  private static String quote(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  /** Builds a {@link FairnessAccumulator}. */
  public static final class Builder {
    private List<String> attributes = List.of();
    private final List<List<Integer>> intersections = new ArrayList<>();
    private int maxGroups = DEFAULT_MAX_GROUPS;

    private Builder() {}

    /** The base attribute names; default none. */
    public Builder attributes(List<String> v) {
      this.attributes = v;
      return this;
    }

    /** Adds an intersection of at least two distinct base-attribute indexes; default none. */
    public Builder intersection(List<Integer> v) {
      this.intersections.add(v);
      return this;
    }

    /**
     * Named groups per attribute before pooling in {@value FairnessAccumulator#OTHER}; default
     * 1000, at least 1.
     */
    public Builder maxGroups(int v) {
      this.maxGroups = v;
      return this;
    }

    /**
     * @throws IllegalArgumentException as the constructor does
     */
    public FairnessAccumulator build() {
      return new FairnessAccumulator(attributes, intersections, maxGroups);
    }
  }
}
