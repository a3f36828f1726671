package io.aimon.alerting.notify;

import io.aimon.alerting.incident.Severity;
import io.aimon.config.NotifierConfig;
import io.aimon.config.NotifyConfig;
import io.aimon.config.RouteConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the notifiers, the router and the delivery policy of the configuration's {@code notify}
 * section ({@link NotifyConfig}).
 *
 * <pre>{@code
 * NotifyConfig c = config.notifyConfig();
 * Router router = Notifications.router(c);
 * try (DeliveryService service =
 *     DeliveryService.builder().policy(Notifications.deliveryPolicy(c)).build()) {
 *   for (Notifier n : router.route(event)) {
 *     service.send(n, event);
 *   }
 * }
 * }</pre>
 *
 * <p>Secrets are wrapped with {@link Secret#of}, so nothing is read here: a notifier reads its
 * secret when it builds a request. A {@code url} given as a secret reference ({@code env:NAME} or
 * {@code file:PATH}) becomes a secret {@link Endpoint}, read on every request too.
 */
public final class Notifications {

  private Notifications() {}

  /**
   * The notifiers the config declares, in order: {@link AlertmanagerNotifier}, {@link
   * PagerDutyNotifier} (at {@link PagerDutyNotifier#DEFAULT_EVENTS_URL} unless a url is given),
   * {@link SlackNotifier} or {@link WebhookNotifier}, named as configured.
   */
  public static List<Notifier> notifiers(NotifyConfig c) {
    return notifiers(c, System::getenv);
  }

  /** As {@link #notifiers(NotifyConfig)}, reading {@code env:} references from {@code env}. */
  static List<Notifier> notifiers(NotifyConfig c, Function<String, String> env) {
    Objects.requireNonNull(c, "c");
    List<Notifier> out = new ArrayList<>(c.notifiers().size());
    for (NotifierConfig n : c.notifiers()) {
      out.add(notifier(n, env));
    }
    return List.copyOf(out);
  }

  /**
   * The router over {@link #notifiers(NotifyConfig)}: the configured routes in order, or, when
   * there are none and at least one notifier, one {@link Route#all} of every notifier (every event
   * goes to every notifier). No notifiers: a router that routes nothing.
   */
  public static Router router(NotifyConfig c) {
    List<Notifier> notifiers = notifiers(c);
    List<Route> routes = new ArrayList<>(c.routes().size());
    for (RouteConfig r : c.routes()) {
      routes.add(route(r));
    }
    if (routes.isEmpty() && !notifiers.isEmpty()) {
      routes.add(Route.all(notifiers.stream().map(Notifier::name).toList()));
    }
    return new Router(routes, notifiers);
  }

  /**
   * The delivery policy: timeout, max attempts, initial and max backoff from the config; the
   * multiplier ({@value DeliveryPolicy#DEFAULT_MULTIPLIER}), jitter ({@value
   * DeliveryPolicy#DEFAULT_JITTER}) and an unseeded random are the defaults.
   */
  public static DeliveryPolicy deliveryPolicy(NotifyConfig c) {
    Objects.requireNonNull(c, "c");
    return DeliveryPolicy.builder()
        .timeout(c.timeout())
        .maxAttempts(c.maxAttempts())
        .initialBackoff(c.initialBackoff())
        .maxBackoff(c.maxBackoff())
        .build();
  }

  private static Notifier notifier(NotifierConfig n, Function<String, String> env) {
    return switch (n.type()) {
      case NotifierConfig.ALERTMANAGER ->
          new AlertmanagerNotifier(n.name(), endpoint(AlertmanagerNotifier.WHAT, n.url(), env));
      case NotifierConfig.PAGERDUTY ->
          new PagerDutyNotifier(
              n.name(),
              n.url() == null
                  ? Endpoint.of(PagerDutyNotifier.WHAT, PagerDutyNotifier.DEFAULT_EVENTS_URL)
                  : endpoint(PagerDutyNotifier.WHAT, n.url(), env),
              Secret.of(n.secret(), env));
      case NotifierConfig.SLACK -> new SlackNotifier(n.name(), Secret.of(n.secret(), env));
      case NotifierConfig.WEBHOOK -> {
        Map<String, Secret> headers = new LinkedHashMap<>();
        n.headers().forEach((k, v) -> headers.put(k, Secret.of(v, env)));
        yield new WebhookNotifier(n.name(), endpoint(WebhookNotifier.WHAT, n.url(), env), headers);
      }
      default ->
          throw new IllegalArgumentException(
              "notifier " + n.name() + ": unknown type '" + n.type() + "'");
    };
  }

  /** A configured {@code url}: a secret reference, read on every request, or a plain URL. */
  private static Endpoint endpoint(String what, String url, Function<String, String> env) {
    return NotifierConfig.isSecretReference(url)
        ? Endpoint.of(what, Secret.of(url, env))
        : Endpoint.of(what, URI.create(url));
  }

  private static Route route(RouteConfig r) {
    Set<Severity> severities = new LinkedHashSet<>();
    for (String s : r.severities()) {
      severities.add(Severity.ofCode(s));
    }
    return new Route(r.models(), severities, r.metrics(), r.notifiers());
  }
}
