package io.aimon.alerting.notify;

import io.aimon.alerting.incident.IncidentEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Chooses the notifiers of an incident event from a list of {@link Route}s.
 *
 * <pre>{@code
 * Router router = new Router(
 *     List.of(
 *         new Route(Set.of(), Set.of(Severity.CRITICAL), Set.of(), List.of("pagerduty")),
 *         Route.all(List.of("slack"))),
 *     List.of(pagerDuty, slack));
 * router.route(criticalEvent); // [pagerduty, slack]
 * router.route(warningEvent);  // [slack]
 * }</pre>
 *
 * <p><b>Every matching route applies</b> (not only the first): the result is the union of the
 * notifiers of all routes that match, each notifier once, in the order of first mention. An event
 * no route matches goes nowhere (an empty list). Adding a route therefore never takes an event away
 * from another route's notifiers.
 */
public final class Router {

  private final List<Route> routes;
  private final Map<String, Notifier> notifiers;

  /**
   * A router.
   *
   * @param routes the rules (copied)
   * @param notifiers the notifiers routes name (copied)
   * @throws IllegalArgumentException when two notifiers share a name or a route names an unknown
   *     notifier, in the form {@code routes[1].notifiers: expected one of [..], found 'x'}
   */
  public Router(List<Route> routes, Collection<? extends Notifier> notifiers) {
    this.routes = List.copyOf(Objects.requireNonNull(routes, "routes"));
    Map<String, Notifier> byName = new LinkedHashMap<>();
    for (Notifier n : notifiers) {
      if (byName.put(n.name(), n) != null) {
        throw new IllegalArgumentException(
            "notifiers: expected distinct names, found '" + n.name() + "' twice");
      }
    }
    for (int i = 0; i < this.routes.size(); i++) {
      for (String name : this.routes.get(i).notifiers()) {
        if (!byName.containsKey(name)) {
          throw new IllegalArgumentException(
              "routes["
                  + i
                  + "].notifiers: expected one of "
                  + byName.keySet()
                  + ", found '"
                  + name
                  + "'");
        }
      }
    }
    this.notifiers = Map.copyOf(byName);
  }

  /** The routes, in order. */
  public List<Route> routes() {
    return routes;
  }

  /** The notifiers {@code e} goes to: see the class doc. */
  public List<Notifier> route(IncidentEvent e) {
    Set<String> names = new LinkedHashSet<>();
    for (Route r : routes) {
      if (r.matches(e)) {
        names.addAll(r.notifiers());
      }
    }
    List<Notifier> out = new ArrayList<>(names.size());
    names.forEach(name -> out.add(notifiers.get(name)));
    return out;
  }
}
