package io.aimon.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The top-level {@code notify} section: where incident events are delivered and how hard delivery
 * tries. The {@code alerting} module builds its notifiers, router and delivery policy from it
 * ({@code io.aimon.alerting.notify.Notifications}); see docs/configuration.md, section
 * Notifications.
 *
 * <p>Routing: when notifiers are declared and there are no routes, every event goes to every
 * notifier; otherwise an event goes to the union of the notifiers of every route that matches it
 * (none when no route matches).
 *
 * @param resendInterval {@code notify.resend_interval}, &gt; 0: how often the latest event of an
 *     open incident is re-sent to receivers that forget alerts (Alertmanager)
 * @param timeout {@code notify.timeout}: per HTTP attempt, in (0, {@link #MAX_TIMEOUT}]
 * @param maxAttempts {@code notify.max_attempts}: attempts per event and notifier, including the
 *     first, in [1, {@link #MAX_ATTEMPTS}]
 * @param initialBackoff {@code notify.initial_backoff}: the wait after the first failed attempt, in
 *     (0, maxBackoff]
 * @param maxBackoff {@code notify.max_backoff}: the longest wait between attempts, in
 *     [initialBackoff, {@link #MAX_BACKOFF}]
 * @param notifiers {@code notify.notifiers}, unique names, in file order (copied, unmodifiable)
 * @param routes {@code notify.routes}, in file order (copied, unmodifiable); each names declared
 *     notifiers only
 */
public record NotifyConfig(
    Duration resendInterval,
    Duration timeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    List<NotifierConfig> notifiers,
    List<RouteConfig> routes)
    implements Serializable {

  /** The longest {@link #timeout()}: 10 minutes. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  /** The largest {@link #maxAttempts()}. */
  public static final int MAX_ATTEMPTS = 100;

  /** The longest {@link #maxBackoff()}: 1 hour. */
  public static final Duration MAX_BACKOFF = Duration.ofHours(1);

  public NotifyConfig {
    requirePositive("resendInterval", resendInterval, null);
    requirePositive("timeout", timeout, MAX_TIMEOUT);
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
      throw new IllegalArgumentException(
          "maxAttempts must be in [1, " + MAX_ATTEMPTS + "], was " + maxAttempts);
    }
    requirePositive("initialBackoff", initialBackoff, null);
    requirePositive("maxBackoff", maxBackoff, MAX_BACKOFF);
    if (initialBackoff.compareTo(maxBackoff) > 0) {
      throw new IllegalArgumentException(
          "initialBackoff must be <= maxBackoff = "
              + Durations.format(maxBackoff)
              + ", was "
              + Durations.format(initialBackoff));
    }
    notifiers = List.copyOf(Objects.requireNonNull(notifiers, "notifiers"));
    routes = List.copyOf(Objects.requireNonNull(routes, "routes"));
    Set<String> names = new LinkedHashSet<>();
    for (NotifierConfig n : notifiers) {
      if (!names.add(n.name())) {
        throw new IllegalArgumentException(
            "notifier names must be unique, '" + n.name() + "' repeats");
      }
    }
    for (int i = 0; i < routes.size(); i++) {
      Set<String> unknown = new HashSet<>(routes.get(i).notifiers());
      unknown.removeAll(names);
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException(
            "routes["
                + i
                + "] names notifiers that are not declared: "
                + routes.get(i).notifiers().stream().filter(unknown::contains).toList()
                + "; declared: "
                + names);
      }
    }
  }

  /** The registry defaults: no notifiers, no routes, resend every 1m, 5s timeout, 6 attempts. */
  public static NotifyConfig defaults() {
    return new NotifyConfig(
        ConfigKeys.NOTIFY_RESEND_INTERVAL.defaultValue(),
        ConfigKeys.NOTIFY_TIMEOUT.defaultValue(),
        ConfigKeys.NOTIFY_MAX_ATTEMPTS.defaultValue(),
        ConfigKeys.NOTIFY_INITIAL_BACKOFF.defaultValue(),
        ConfigKeys.NOTIFY_MAX_BACKOFF.defaultValue(),
        List.of(),
        List.of());
  }

  /**
   * This section with {@code notifiers} instead of its notifiers; timings and routes are kept (so
   * with no routes every event goes to every one of {@code notifiers}).
   *
   * @throws IllegalArgumentException when names repeat or a route names a notifier not in {@code
   *     notifiers}
   */
  public NotifyConfig withNotifiers(List<NotifierConfig> notifiers) {
    return new NotifyConfig(
        resendInterval, timeout, maxAttempts, initialBackoff, maxBackoff, notifiers, routes);
  }

  /** The names of the notifiers, in order. */
  public List<String> notifierNames() {
    return notifiers.stream().map(NotifierConfig::name).toList();
  }

  private static void requirePositive(String what, Duration d, Duration max) {
    if (d == null || d.isNegative() || d.isZero() || (max != null && d.compareTo(max) > 0)) {
      throw new IllegalArgumentException(
          what
              + " must be "
              + (max == null ? "> 0" : "in (0, " + Durations.format(max) + "]")
              + ", was "
              + (d == null ? null : Durations.format(d)));
    }
  }
}
