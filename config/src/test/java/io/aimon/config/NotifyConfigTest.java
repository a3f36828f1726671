package io.aimon.config;

import static io.aimon.config.ConfigFixtures.absolute;
import static io.aimon.config.ConfigFixtures.file;
import static io.aimon.config.ConfigFixtures.load;
import static io.aimon.config.ConfigFixtures.onlyProblem;
import static io.aimon.config.ConfigFixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The top-level {@code notify} section: loading, records, and one test per kind of problem. */
class NotifyConfigTest {

  private static final String NOT_A_REFERENCE =
      "expected a secret reference env:NAME or file:PATH, found a value with neither prefix "
          + "(not shown: it may be a secret)";

  private static void assertProblem(String fixture, int line, String key, String message) {
    assertEquals(new ConfigProblem(file(fixture), line, key, message), onlyProblem(fixture));
  }

  // --- loading --------------------------------------------------------------------------------

  @Test
  void urlsMayBeSecretReferencesWithFilePathsMadeAbsolute() throws Exception {
    List<NotifierConfig> n = load("notify-url-secret.yaml").notifyConfig().notifiers();

    assertEquals("env:AIMON_ALERTMANAGER_URL", n.get(0).url());
    assertEquals("file:/run/secrets/pd-events-url", n.get(1).url());
    assertEquals("file:" + absolute("secrets/audit-webhook-url"), n.get(2).url());
    NotifierConfig webhook = NotifierConfig.webhook("hook", "env:AIMON_HOOK_URL", Map.of());
    assertEquals("env:AIMON_HOOK_URL", webhook.url());
  }

  @Test
  void aUrlThatIsNeitherIsReportedWithoutShowingIt() {
    String neither =
        "expected an absolute http or https URL, or a secret reference env:NAME or file:PATH,"
            + " found a value that is neither (not shown: a URL may hold a token)";
    String f = file("notify-url-neither.yaml");
    List<String> p = problems("notify-url-neither.yaml");
    assertEquals(
        List.of(
            f + ":5 notify.notifiers[0].url: " + neither,
            f + ":8 notify.notifiers[1].url: " + neither,
            f
                + ":11 notify.notifiers[2].url: expected a secret reference env:NAME or"
                + " file:PATH, found 'env:' with nothing after it"),
        p);
    p.forEach(line -> assertFalse(line.contains("T0K3N"), line));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> NotifierConfig.webhook("hook", "hooks.example.com/T0K3N", Map.of()));
    assertEquals(
        "notifier hook: url must be an absolute http or https URL or a secret reference"
            + " env:NAME or file:PATH, was neither (not shown)",
        e.getMessage());
  }

  @Test
  void fullSectionLoadsIntoTheRecords() throws Exception {
    NotifyConfig n = load("notify.yaml").notifyConfig();

    Map<String, String> auditHeaders = new LinkedHashMap<>();
    auditHeaders.put("Authorization", "file:" + absolute("secrets/audit-auth"));
    auditHeaders.put("X-Tenant", "env:AIMON_TENANT");
    NotifyConfig expected =
        new NotifyConfig(
            Duration.ofMinutes(2),
            Duration.ofSeconds(3),
            4,
            Duration.ofSeconds(1),
            Duration.ofSeconds(10),
            List.of(
                new NotifierConfig(
                    "am", "alertmanager", "http://alertmanager:9093", null, Map.of()),
                new NotifierConfig(
                    "pagerduty-oncall",
                    "pagerduty",
                    null,
                    "env:AIMON_PAGERDUTY_ROUTING_KEY",
                    Map.of()),
                new NotifierConfig(
                    "pd-eu",
                    "pagerduty",
                    "https://events.eu.pagerduty.com/v2/enqueue",
                    "file:/run/secrets/pd-eu",
                    Map.of()),
                new NotifierConfig(
                    "slack-ml",
                    "slack",
                    null,
                    "file:" + absolute("secrets/slack-webhook"),
                    Map.of()),
                new NotifierConfig(
                    "audit", "webhook", "https://ops.example.com/aimon", null, auditHeaders)),
            List.of(
                new RouteConfig(
                    Set.of(), Set.of("critical"), Set.of(), List.of("pagerduty-oncall", "am")),
                new RouteConfig(
                    Set.of("credit-risk"),
                    Set.of("warning", "critical"),
                    Set.of("psi", "accuracy"),
                    List.of("slack-ml")),
                new RouteConfig(
                    Set.of("churn", "credit-risk"),
                    Set.of(),
                    Set.of(),
                    List.of("audit", "pd-eu"))));
    assertEquals(expected, n);
    assertEquals(
        List.of("am", "pagerduty-oncall", "pd-eu", "slack-ml", "audit"), n.notifierNames());
  }

  @Test
  void setsAndHeadersKeepTheFileOrderSoToStringIsStable() throws Exception {
    NotifyConfig n = load("notify.yaml").notifyConfig();

    assertEquals(List.of("warning", "critical"), List.copyOf(n.routes().get(1).severities()));
    assertEquals(List.of("psi", "accuracy"), List.copyOf(n.routes().get(1).metrics()));
    assertEquals(List.of("churn", "credit-risk"), List.copyOf(n.routes().get(2).models()));
    assertEquals(
        List.of("Authorization", "X-Tenant"), List.copyOf(n.notifiers().get(4).headers().keySet()));
    assertEquals(
        "RouteConfig[models=[credit-risk], severities=[warning, critical], metrics=[psi, "
            + "accuracy], notifiers=[slack-ml]]",
        n.routes().get(1).toString());
    assertEquals(n.toString(), load("notify.yaml").notifyConfig().toString());
  }

  @Test
  void relativeSecretFilesResolveAgainstTheConfigFilesDirectory() throws Exception {
    NotifyConfig n = load("notify.yaml").notifyConfig();

    assertEquals("file:" + absolute("secrets/slack-webhook"), n.notifiers().get(3).secret());
    assertEquals(
        "file:" + absolute("secrets/audit-auth"),
        n.notifiers().get(4).headers().get("Authorization"));
    assertEquals("file:/run/secrets/pd-eu", n.notifiers().get(2).secret());
  }

  @Test
  void noSectionGivesTheDefaults() throws Exception {
    AimonConfig config = load("minimal.yaml");

    assertEquals(NotifyConfig.defaults(), config.notifyConfig());
    assertEquals(
        new NotifyConfig(
            Duration.ofSeconds(60),
            Duration.ofSeconds(5),
            6,
            Duration.ofMillis(500),
            Duration.ofSeconds(30),
            List.of(),
            List.of()),
        NotifyConfig.defaults());
  }

  @Test
  void notifiersWithoutRoutesKeepTheDefaultTimings() throws Exception {
    NotifyConfig n = load("notify-notifiers-only.yaml").notifyConfig();

    assertEquals(
        NotifyConfig.defaults()
            .withNotifiers(List.of(NotifierConfig.alertmanager("am", "http://alertmanager:9093/"))),
        n);
    assertEquals(List.of(), n.routes());
  }

  @Test
  void loadedCollectionsAreUnmodifiable() throws Exception {
    NotifyConfig n = load("notify.yaml").notifyConfig();

    assertThrows(UnsupportedOperationException.class, () -> n.notifiers().clear());
    assertThrows(UnsupportedOperationException.class, () -> n.routes().clear());
    assertThrows(UnsupportedOperationException.class, () -> n.routes().get(0).models().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> n.routes().get(1).severities().clear());
    assertThrows(UnsupportedOperationException.class, () -> n.routes().get(1).metrics().clear());
    assertThrows(UnsupportedOperationException.class, () -> n.routes().get(0).notifiers().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> n.notifiers().get(4).headers().clear());
  }

  @Test
  void theSectionIsSerializable() throws Exception {
    NotifyConfig n = load("notify.yaml").notifyConfig();

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(n);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      NotifyConfig copy = (NotifyConfig) in.readObject();
      assertEquals(n, copy);
      assertEquals(n.toString(), copy.toString());
    }
  }

  @Test
  void theExampleOfTheDocsLoads() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
    String section = doc.substring(doc.indexOf("## Notifications"));
    String yaml = section.substring(section.indexOf("```yaml\n") + 8, section.indexOf("```\n", 10));
    Path file = Files.createDirectories(Path.of("target", "docs-example")).resolve("aimon.yaml");
    Files.writeString(
        file,
        yaml
            + "models:\n"
            + "  - id: credit-risk\n"
            + "    reference:\n"
            + "      events: "
            + absolute("reference.jsonl.gz")
            + "\n"
            + "    features:\n"
            + "      numeric: [age]\n");

    NotifyConfig n = ConfigLoader.load(file).notifyConfig();

    assertEquals(
        List.of("alertmanager", "pagerduty-oncall", "slack-ml", "audit"), n.notifierNames());
    assertEquals(2, n.routes().size());
    assertEquals(
        "file:" + file.toAbsolutePath().getParent().resolve("secrets/slack-webhook"),
        n.notifiers().get(2).secret());
  }

  // --- records --------------------------------------------------------------------------------

  @Test
  void withNotifiersKeepsTimingsAndRoutes() {
    NotifyConfig base =
        new NotifyConfig(
            Duration.ofMinutes(2),
            Duration.ofSeconds(3),
            4,
            Duration.ofSeconds(1),
            Duration.ofSeconds(10),
            List.of(NotifierConfig.slack("chat", "env:SLACK")),
            List.of(RouteConfig.all(List.of("chat"))));
    NotifierConfig demo = NotifierConfig.webhook("demo", "http://localhost:8080/x", Map.of());

    NotifyConfig more = base.withNotifiers(List.of(base.notifiers().get(0), demo));

    assertEquals(List.of("chat", "demo"), more.notifierNames());
    assertEquals(base.routes(), more.routes());
    assertEquals(base.resendInterval(), more.resendInterval());
    assertEquals(base.maxBackoff(), more.maxBackoff());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> base.withNotifiers(List.of(demo)));
    assertEquals(
        "routes[0] names notifiers that are not declared: [chat]; declared: [demo]",
        e.getMessage());
  }

  @Test
  void recordsRejectWhatTheLoaderReports() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new NotifierConfig("chat", "slack", "https://hooks.slack.com/x", "env:X", Map.of()));
    assertThrows(IllegalArgumentException.class, () -> NotifierConfig.alertmanager("am", null));
    assertThrows(IllegalArgumentException.class, () -> NotifierConfig.pagerDuty("pd", null, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> NotifierConfig.webhook("h", "http://h/x", Map.of("Host", "env:H")));
    assertThrows(IllegalArgumentException.class, () -> NotifierConfig.slack("my chat", "env:X"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RouteConfig(Set.of(), Set.of("major"), Set.of(), List.of("a")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RouteConfig(Set.of(), Set.of(), Set.of("pssi"), List.of("a")));
    assertThrows(IllegalArgumentException.class, () -> RouteConfig.all(List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new NotifyConfig(
                Duration.ofMinutes(1),
                Duration.ofSeconds(5),
                6,
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                List.of(),
                List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            NotifyConfig.defaults()
                .withNotifiers(
                    List.of(
                        NotifierConfig.slack("chat", "env:A"),
                        NotifierConfig.slack("chat", "env:B"))));
  }

  @Test
  void aSecretValueNeverAppearsInTheRecordsMessage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> NotifierConfig.pagerDuty("pd", null, "R0ut1ngK3yS3cr3t"));
    assertFalse(e.getMessage().contains("R0ut1ngK3yS3cr3t"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                NotifierConfig.webhook(
                    "h", "http://h/x", Map.of("Authorization", "Bearer t0k3nS3cr3t")));
    assertFalse(e.getMessage().contains("t0k3nS3cr3t"), e.getMessage());
  }

  @Test
  void routesMayNameConfiguredModelsOnly() throws Exception {
    AimonConfig c = load("minimal.yaml");
    NotifyConfig routed =
        NotifyConfig.defaults().withNotifiers(List.of(NotifierConfig.slack("chat", "env:X")));
    NotifyConfig withRoute =
        new NotifyConfig(
            routed.resendInterval(),
            routed.timeout(),
            routed.maxAttempts(),
            routed.initialBackoff(),
            routed.maxBackoff(),
            routed.notifiers(),
            List.of(new RouteConfig(Set.of("nope"), Set.of(), Set.of(), List.of("chat"))));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new AimonConfig(
                    c.source(),
                    c.digest(),
                    c.kafka(),
                    c.job(),
                    c.models(),
                    withRoute,
                    c.evidence(),
                    c.correctiveActions(),
                    c.input(),
                    c.lines()));
    assertEquals("notify routes must name configured models, 'nope' is not one", e.getMessage());
    assertEquals(NotifyConfig.defaults(), load("minimal.yaml").notifyConfig());
  }

  // --- problems -------------------------------------------------------------------------------

  @Test
  void unknownNotifierTypeIsReportedWithASuggestion() {
    assertProblem(
        "notify-unknown-type.yaml",
        4,
        "notify.notifiers[0].type",
        "expected one of alertmanager, pagerduty, slack, webhook, found 'slak' "
            + "(did you mean 'slack'?)");
  }

  @Test
  void eachTypeReportsTheUrlOrSecretItNeeds() {
    String f = file("notify-missing-keys.yaml");
    assertEquals(
        List.of(
            f + ":3 notify.notifiers[0].url: missing required key 'url' (type alertmanager)",
            f
                + ":5 notify.notifiers[1].routing_key: missing required key 'routing_key' "
                + "(type pagerduty)",
            f
                + ":7 notify.notifiers[2].webhook_url: missing required key 'webhook_url' "
                + "(type slack)",
            f + ":9 notify.notifiers[3].url: missing required key 'url' (type webhook)"),
        problems("notify-missing-keys.yaml"));
  }

  @Test
  void secretsWithoutAPrefixAreReportedWithoutTheirValue() {
    String f = file("notify-secrets-not-references.yaml");
    List<String> problems = problems("notify-secrets-not-references.yaml");

    assertEquals(
        List.of(
            f + ":5 notify.notifiers[0].routing_key: " + NOT_A_REFERENCE,
            f + ":8 notify.notifiers[1].webhook_url: " + NOT_A_REFERENCE,
            f + ":13 notify.notifiers[2].headers.Authorization: " + NOT_A_REFERENCE,
            f
                + ":17 notify.notifiers[3].headers: expected a map of header names to secret "
                + "references, found a single value (not shown: it may be a secret)"),
        problems);
    for (String p : problems) {
      assertFalse(p.contains("S3cr3t") || p.contains("SECRET") || p.contains("Bearer"), p);
    }
  }

  @Test
  void slackWithAUrlIsReportedWithoutTheUrl() {
    ConfigProblem p = onlyProblem("notify-slack-with-url.yaml");

    assertEquals(
        new ConfigProblem(
            file("notify-slack-with-url.yaml"),
            5,
            "notify.notifiers[0].url",
            "key 'url' does not apply to type slack; keys of type slack: name, type, webhook_url "
                + "(the webhook URL is a secret: give it as webhook_url: env:NAME or file:PATH)"),
        p);
    assertFalse(p.toString().contains("hooks.slack.com"), p.toString());
  }

  @Test
  void keyOfAnotherTypeIsReportedWithTheTypesKeys() {
    assertProblem(
        "notify-key-not-for-type.yaml",
        6,
        "notify.notifiers[0].routing_key",
        "key 'routing_key' does not apply to type webhook; keys of type webhook: name, type, url, "
            + "headers");
  }

  @Test
  void duplicateNotifierNameIsReportedWithTheFirstUse() {
    assertProblem(
        "notify-duplicate-name.yaml",
        6,
        "notify.notifiers[1].name",
        "duplicate notifier name 'chat' (first used by notify.notifiers[0] at line 3)");
  }

  @Test
  void notifierNameOutsideTheAllowedCharactersIsReported() {
    assertProblem(
        "notify-bad-name.yaml",
        3,
        "notify.notifiers[0].name",
        "expected a name matching [A-Za-z0-9_.-]+, found 'my chat'");
  }

  @Test
  void restrictedWebhookHeaderIsReported() {
    assertProblem(
        "notify-restricted-header.yaml",
        7,
        "notify.notifiers[0].headers.Host",
        "expected a header name the HTTP client allows, found 'Host' (restricted or not a valid "
            + "name)");
  }

  @Test
  void routeNamingAnUndeclaredNotifierListsTheDeclaredOnes() {
    assertProblem(
        "notify-route-unknown-notifier.yaml",
        11,
        "notify.routes[0].notifiers[1]",
        "unknown notifier 'pagerduty-oncal' (did you mean 'pagerduty-oncall'?); declared "
            + "notifiers: am, pagerduty-oncall");
  }

  @Test
  void routeNamingAnUnknownModelListsTheConfiguredOnes() {
    assertProblem(
        "notify-route-unknown-model.yaml",
        7,
        "notify.routes[0].models[0]",
        "unknown model id 'credit-rsk' (did you mean 'credit-risk'?); configured model ids: "
            + "credit-risk");
  }

  @Test
  void routeNamingAnUnknownMetricListsTheKnownOnes() {
    assertProblem(
        "notify-route-unknown-metric.yaml",
        7,
        "notify.routes[0].metrics[1]",
        "unknown metric id 'pssi' (did you mean 'psi'?); known metric ids: "
            + ThresholdParser.KNOWN_METRICS);
  }

  @Test
  void routeWithAnUnknownSeverityIsReported() {
    assertProblem(
        "notify-route-unknown-severity.yaml",
        7,
        "notify.routes[0].severities[0]",
        "expected one of warning, critical, found 'criticl' (did you mean 'critical'?)");
  }

  @Test
  void routeWithoutNotifiersIsReported() {
    String f = file("notify-route-no-notifiers.yaml");
    assertEquals(
        List.of(
            f
                + ":8 notify.routes[0].notifiers: expected at least one notifier name, found an "
                + "empty list",
            f + ":9 notify.routes[1].notifiers: missing required key 'notifiers'"),
        problems("notify-route-no-notifiers.yaml"));
  }

  @Test
  void routeNamingANotifierTwiceIsReported() {
    assertProblem(
        "notify-route-duplicate-notifier.yaml",
        7,
        "notify.routes[0].notifiers[1]",
        "duplicate notifier 'am' (already at notify.routes[0].notifiers[0])");
  }

  @Test
  void maxBackoffBelowInitialBackoffIsReported() {
    assertProblem(
        "notify-max-backoff-below-initial.yaml",
        3,
        "notify.max_backoff",
        "expected max_backoff >= initial_backoff, found max_backoff 1s < initial_backoff 2s");
  }

  @Test
  void initialBackoffAboveTheDefaultMaxBackoffIsReportedAtInitialBackoff() {
    assertProblem(
        "notify-initial-backoff-above-default-max.yaml",
        2,
        "notify.initial_backoff",
        "expected max_backoff >= initial_backoff, found max_backoff 30s (default) < "
            + "initial_backoff 1m");
  }

  @Test
  void timeoutAboveTenMinutesIsReported() {
    assertProblem(
        "notify-timeout-too-long.yaml",
        2,
        "notify.timeout",
        "expected a duration in (0s, 10m], found '11m'");
  }
}
