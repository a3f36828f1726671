package io.aimon.alerting.notify;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.Severity;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One routing rule: the events it matches and the notifiers they go to. Each set filters one field
 * of the event; an empty set matches any value.
 *
 * <p>The severity matched is the event's {@link IncidentEvent#severity()}, which for {@code
 * resolved} is the highest the incident reached. So a route for {@code warning} only does not see
 * the escalation or the resolution of an incident that became critical; give chat routes both
 * severities (or none) to follow incidents to the end.
 *
 * @param models model ids (copied); empty = any model
 * @param severities severities (copied); empty = any severity
 * @param metrics metric ids (copied); empty = any metric
 * @param notifiers names of the notifiers, at least one (copied, in order, no duplicates)
 */
public record Route(
    Set<String> models, Set<Severity> severities, Set<String> metrics, List<String> notifiers) {

  public Route {
    models = Set.copyOf(Objects.requireNonNull(models, "models"));
    severities = Set.copyOf(Objects.requireNonNull(severities, "severities"));
    metrics = Set.copyOf(Objects.requireNonNull(metrics, "metrics"));
    notifiers = List.copyOf(Objects.requireNonNull(notifiers, "notifiers"));
    if (notifiers.isEmpty()) {
      throw new IllegalArgumentException("route notifiers: expected at least one name, found none");
    }
    if (Set.copyOf(notifiers).size() != notifiers.size()) {
      throw new IllegalArgumentException(
          "route notifiers: expected distinct names, found " + notifiers);
    }
  }

  /** A route matching every event. */
  public static Route all(List<String> notifiers) {
    return new Route(Set.of(), Set.of(), Set.of(), notifiers);
  }

  /** Whether {@code e} passes every filter. */
  public boolean matches(IncidentEvent e) {
    return (models.isEmpty() || models.contains(e.modelId()))
        && (severities.isEmpty() || severities.contains(e.severity()))
        && (metrics.isEmpty() || metrics.contains(e.metric()));
  }
}
