package io.aimon.alerting.notify;

import static io.aimon.alerting.notify.NotifyFixtures.event;
import static io.aimon.alerting.notify.NotifyFixtures.fairnessWarning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.alerting.incident.IncidentEvent.Type;
import io.aimon.alerting.incident.Severity;
import io.aimon.config.NotifierConfig;
import io.aimon.config.NotifyConfig;
import io.aimon.config.RouteConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationsTest {

  private static final String UNSET = "env:AIMON_TEST_VARIABLE_THAT_IS_NEVER_SET";

  private static NotifyConfig config(List<NotifierConfig> notifiers, List<RouteConfig> routes) {
    return new NotifyConfig(
        Duration.ofMinutes(2),
        Duration.ofSeconds(3),
        4,
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        notifiers,
        routes);
  }

  private static List<NotifierConfig> fourTypes(String pagerDutyUrl, String routingKey) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", UNSET);
    headers.put("X-Tenant", "env:AIMON_TENANT");
    return List.of(
        NotifierConfig.alertmanager("am", "http://alertmanager:9093/"),
        NotifierConfig.pagerDuty("pd", pagerDutyUrl, routingKey),
        NotifierConfig.slack("chat", UNSET),
        NotifierConfig.webhook("audit", "https://ops.example.com/aimon", headers));
  }

  @Test
  void notifiersAreBuiltInOrderWithTheirTypesNamesAndUrlsWithoutReadingSecrets() {
    List<Notifier> ns = Notifications.notifiers(config(fourTypes(null, UNSET), List.of()));

    assertEquals(List.of("am", "pd", "chat", "audit"), ns.stream().map(Notifier::name).toList());
    AlertmanagerNotifier am = assertInstanceOf(AlertmanagerNotifier.class, ns.get(0));
    assertEquals(URI.create("http://alertmanager:9093/api/v2/alerts"), am.alertsUrl());
    assertTrue(am.needsResend());
    assertInstanceOf(PagerDutyNotifier.class, ns.get(1));
    assertEquals("PagerDutyNotifier[pd, Secret[" + UNSET + "]]", ns.get(1).toString());
    assertInstanceOf(SlackNotifier.class, ns.get(2));
    assertEquals("SlackNotifier[chat, Secret[" + UNSET + "]]", ns.get(2).toString());
    WebhookNotifier hook = assertInstanceOf(WebhookNotifier.class, ns.get(3));
    assertEquals(URI.create("https://ops.example.com/aimon"), hook.url());
    // WebhookNotifier keeps its headers unordered
    assertTrue(
        Set.of(
                "WebhookNotifier[audit, headers=[Authorization, X-Tenant]]",
                "WebhookNotifier[audit, headers=[X-Tenant, Authorization]]")
            .contains(hook.toString()),
        hook.toString());
  }

  @Test
  void pagerDutyUsesTheDefaultEventsUrlUnlessOneIsConfigured(@TempDir Path dir) throws Exception {
    Path key = Files.writeString(dir.resolve("routing-key"), "k3y\n");
    String ref = "file:" + key;

    Notifier byDefault = Notifications.notifiers(config(fourTypes(null, ref), List.of())).get(1);
    Notifier configured =
        Notifications.notifiers(
                config(fourTypes("https://events.eu.pagerduty.com/v2/enqueue", ref), List.of()))
            .get(1);

    assertEquals(PagerDutyNotifier.DEFAULT_EVENTS_URL, byDefault.request(event(Type.OPENED)).uri());
    assertEquals(
        URI.create(NotifierConfig.PAGERDUTY_EVENTS_URL), PagerDutyNotifier.DEFAULT_EVENTS_URL);
    assertEquals(
        URI.create("https://events.eu.pagerduty.com/v2/enqueue"),
        configured.request(event(Type.OPENED)).uri());
  }

  @Test
  void withoutRoutesEveryEventGoesToEveryNotifier() {
    Router router = Notifications.router(config(fourTypes(null, UNSET), List.of()));

    assertEquals(List.of(Route.all(List.of("am", "pd", "chat", "audit"))), router.routes());
    assertEquals(
        List.of("am", "pd", "chat", "audit"),
        router.route(fairnessWarning()).stream().map(Notifier::name).toList());
  }

  @Test
  void withoutNotifiersTheRouterRoutesNothing() {
    Router router = Notifications.router(NotifyConfig.defaults());

    assertEquals(List.of(), router.routes());
    assertEquals(List.of(), router.route(event(Type.OPENED)));
  }

  @Test
  void configuredRoutesApplyAsTheyAreWithSeveritiesMapped() {
    List<RouteConfig> routes =
        List.of(
            new RouteConfig(Set.of(), Set.of("critical"), Set.of(), List.of("pd", "am")),
            new RouteConfig(
                Set.of("credit-risk"),
                Set.of("warning", "critical"),
                Set.of("psi"),
                List.of("chat")),
            new RouteConfig(Set.of("loan-approval"), Set.of(), Set.of(), List.of("audit")));
    Router router = Notifications.router(config(fourTypes(null, UNSET), routes));

    assertEquals(
        List.of(
            new Route(Set.of(), Set.of(Severity.CRITICAL), Set.of(), List.of("pd", "am")),
            new Route(
                Set.of("credit-risk"),
                Set.of(Severity.WARNING, Severity.CRITICAL),
                Set.of("psi"),
                List.of("chat")),
            new Route(Set.of("loan-approval"), Set.of(), Set.of(), List.of("audit"))),
        router.routes());
    // critical psi incident of credit-risk: routes 1 and 2 (union, in order of first mention)
    assertEquals(
        List.of("pd", "am", "chat"),
        router.route(event(Type.OPENED)).stream().map(Notifier::name).toList());
    // warning fairness incident of loan-approval: route 3 only
    assertEquals(
        List.of("audit"), router.route(fairnessWarning()).stream().map(Notifier::name).toList());
  }

  @Test
  void deliveryPolicyTakesTheTimingsAndKeepsTheOtherDefaults() {
    DeliveryPolicy p = Notifications.deliveryPolicy(config(List.of(), List.of()));

    assertEquals(Duration.ofSeconds(3), p.timeout());
    assertEquals(4, p.maxAttempts());
    assertEquals(Duration.ofSeconds(1), p.initialBackoff());
    assertEquals(Duration.ofSeconds(10), p.maxBackoff());
    assertEquals(DeliveryPolicy.DEFAULT_MULTIPLIER, p.multiplier());
    assertEquals(DeliveryPolicy.DEFAULT_JITTER, p.jitter());
  }

  @Test
  void theConfigDefaultsAreTheDeliveryPolicyDefaults() {
    DeliveryPolicy fromConfig = Notifications.deliveryPolicy(NotifyConfig.defaults());
    DeliveryPolicy defaults = DeliveryPolicy.defaults();

    assertEquals(defaults.timeout(), fromConfig.timeout());
    assertEquals(defaults.maxAttempts(), fromConfig.maxAttempts());
    assertEquals(defaults.initialBackoff(), fromConfig.initialBackoff());
    assertEquals(defaults.maxBackoff(), fromConfig.maxBackoff());
  }
}
