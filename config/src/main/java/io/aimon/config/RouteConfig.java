package io.aimon.config;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One routing rule ({@code notify.routes[i]}): the incident events it matches and the notifiers
 * they go to. Each set filters one field of the event; an empty set matches any value. Every
 * matching route applies (the notifiers of an event are the union over the routes that match it).
 *
 * @param models model ids (copied, unmodifiable, in order); empty = any model. The loader checks
 *     they are configured models
 * @param severities {@code warning} and/or {@code critical} (copied, unmodifiable, in order); empty
 *     = any severity
 * @param metrics metric ids of {@link MetricIds#CHECKABLE} (copied, unmodifiable, in order); empty
 *     = any metric
 * @param notifiers names of declared notifiers, at least one, no repeats (copied, in order)
 */
public record RouteConfig(
    Set<String> models, Set<String> severities, Set<String> metrics, List<String> notifiers)
    implements Serializable {

  /** The severity codes of incidents, in documentation order. */
  public static final List<String> SEVERITIES = List.of("warning", "critical");

  public RouteConfig {
    models = copy("models", models);
    for (String m : models) {
      if (!ModelConfig.ID_PATTERN.matcher(m).matches()) {
        throw new IllegalArgumentException(
            "models: expected ids matching " + ModelConfig.ID_PATTERN + ", found '" + m + "'");
      }
    }
    severities = copy("severities", severities);
    for (String s : severities) {
      if (!SEVERITIES.contains(s)) {
        throw new IllegalArgumentException(
            "severities: expected " + String.join(" or ", SEVERITIES) + ", found '" + s + "'");
      }
    }
    metrics = copy("metrics", metrics);
    for (String m : metrics) {
      if (!MetricIds.CHECKABLE.contains(m)) {
        throw new IllegalArgumentException("metrics: unknown metric id '" + m + "'");
      }
    }
    notifiers = List.copyOf(Objects.requireNonNull(notifiers, "notifiers"));
    if (notifiers.isEmpty()) {
      throw new IllegalArgumentException("notifiers: expected at least one name, found none");
    }
    if (new HashSet<>(notifiers).size() != notifiers.size()) {
      throw new IllegalArgumentException("notifiers: expected distinct names, found " + notifiers);
    }
  }

  /** A route matching every event. */
  public static RouteConfig all(List<String> notifiers) {
    return new RouteConfig(Set.of(), Set.of(), Set.of(), notifiers);
  }

  private static Set<String> copy(String what, Set<String> values) {
    Objects.requireNonNull(values, what);
    Set<String> out = new LinkedHashSet<>();
    for (String v : values) {
      out.add(Objects.requireNonNull(v, what + " element"));
    }
    return Collections.unmodifiableSet(out);
  }
}
