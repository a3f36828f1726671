package io.aimon.alerting.notify;

import static io.aimon.alerting.notify.NotifyFixtures.event;
import static io.aimon.alerting.notify.NotifyFixtures.fairnessWarning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aimon.alerting.incident.IncidentEvent.Type;
import io.aimon.alerting.incident.Severity;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {

  private static final Notifier PD = new PagerDutyNotifier(Secret.literal("k"));
  private static final Notifier SLACK = new SlackNotifier(Secret.literal("http://s/x"));
  private static final Notifier AM = new AlertmanagerNotifier(URI.create("http://am:9093"));
  private static final Notifier HOOK = new WebhookNotifier(URI.create("http://h/x"), Map.of());

  private static final Router ROUTER =
      new Router(
          List.of(
              new Route(
                  Set.of(), Set.of(Severity.CRITICAL), Set.of(), List.of("pagerduty", "slack")),
              new Route(
                  Set.of("loan-approval"), Set.of(), Set.of("tpr_difference"), List.of("webhook")),
              Route.all(List.of("slack", "alertmanager"))),
          List.of(PD, SLACK, AM, HOOK));

  @Test
  void everyMatchingRouteAppliesEachNotifierOnceInOrderOfFirstMention() {
    assertEquals(List.of(PD, SLACK, AM), ROUTER.route(event(Type.OPENED)));
    assertEquals(List.of(HOOK, SLACK, AM), ROUTER.route(fairnessWarning()));
  }

  @Test
  void resolvedEventsFollowTheHighestSeverity() {
    assertEquals(List.of(PD, SLACK, AM), ROUTER.route(event(Type.RESOLVED)));
  }

  @Test
  void anEventNoRouteMatchesGoesNowhere() {
    Router onlyCritical =
        new Router(
            List.of(new Route(Set.of(), Set.of(Severity.CRITICAL), Set.of(), List.of("pagerduty"))),
            List.of(PD));
    assertEquals(List.of(), onlyCritical.route(fairnessWarning()));
  }

  @Test
  void rejectsUnknownAndDuplicateNotifierNames() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Router(
                    List.of(Route.all(List.of("slack")), Route.all(List.of("pd"))),
                    List.of(SLACK)));
    assertEquals("routes[1].notifiers: expected one of [slack], found 'pd'", unknown.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new Router(List.of(), List.of(SLACK, SLACK)));
    assertThrows(IllegalArgumentException.class, () -> Route.all(List.of()));
    assertThrows(IllegalArgumentException.class, () -> Route.all(List.of("a", "a")));
  }
}
