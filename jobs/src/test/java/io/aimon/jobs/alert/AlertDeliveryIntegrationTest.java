package io.aimon.jobs.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aimon.alerting.incident.CloudEvents;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.Severity;
import io.aimon.config.AimonConfig;
import io.aimon.config.ConfigLoader;
import io.aimon.config.KafkaSettings;
import io.aimon.config.NotifierConfig;
import io.aimon.config.NotifyConfig;
import io.aimon.config.RouteConfig;
import io.aimon.jobs.FailOnceAfterCheckpoint;
import io.aimon.jobs.KafkaTestClients;
import io.aimon.jobs.alert.RecordingReceiver.Behaviour;
import io.aimon.jobs.alert.RecordingReceiver.Request;
import io.aimon.jobs.kafka.EmbeddedKafka;
import io.aimon.jobs.monitor.MonitorPlan;
import io.aimon.jobs.monitor.MonitorRunner;
import io.aimon.jobs.reference.ReferenceProfiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor job and the alert job over the embedded broker, delivering to real in-process HTTP
 * receivers playing Alertmanager, PagerDuty, Slack and a webhook. The input (from the demo's
 * generator, in event time) opens, escalates, updates and resolves incidents and leaves some open.
 */
class AlertDeliveryIntegrationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String PAGERDUTY_KEY = "R0UTINGKEY0123456789abcdef012345";
  private static final String SLACK_PATH = "/services/T0AIMON/B0AIMON/s3cr3tS1ackT0ken";

  private static EmbeddedKafka kafka;
  private static AimonConfig config;
  private static MonitorPlan plan;

  /** The committed output of a monitor run with no alert job beside it. */
  private static List<String> metricsA;

  private static List<String> incidentsA;

  @TempDir static Path dir;

  @BeforeAll
  static void runMonitorJob() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(List.of("inference"), 1);
    config = ConfigLoader.load(IncidentScenario.writeConfig(dir, kafka.bootstrapServers()));
    plan = MonitorPlan.of(config, ReferenceProfiles.loadAll(config, false));
    KafkaTestClients.produce(kafka.bootstrapServers(), "inference", IncidentScenario.events());
    createTopics("a");
    runMonitor("a", null);
    metricsA = KafkaTestClients.readCommitted(kafka.bootstrapServers(), "metrics-a", 1);
    incidentsA = KafkaTestClients.readCommitted(kafka.bootstrapServers(), "incidents-a", 1);
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void deliversEveryIncidentEventFieldByFieldWithResendsAndEndsAt() throws Exception {
    List<IncidentEvent> events = incidentsA.stream().map(CloudEvents::fromJson).toList();
    assertTrue(events.size() > 100, "the scenario raises incidents: " + events.size());
    for (IncidentEvent.Type t : IncidentEvent.Type.values()) {
      assertTrue(events.stream().anyMatch(e -> e.type() == t), "the scenario has " + t);
    }
    Map<String, IncidentEvent> last = latestByIncident(events);
    assertTrue(last.values().stream().anyMatch(e -> e.type() != IncidentEvent.Type.RESOLVED));

    try (RecordingReceiver am = RecordingReceiver.start(200);
        RecordingReceiver pd = RecordingReceiver.start(202);
        RecordingReceiver slack = RecordingReceiver.start(200)) {
      NotifyConfig notify = notifyConfig(am, pd, slack, null, 5);
      List<IncidentEvent> critical =
          events.stream().filter(e -> e.severity() == Severity.CRITICAL).toList();
      JobClient alert = startAlertJob(notify, "a");
      try {
        await(
            () ->
                am.accepted().size() >= events.size()
                    && pd.accepted().size() >= critical.size()
                    && slack.accepted().size() >= events.size(),
            "every event delivered");
        // every open incident is re-sent at least twice (resend_interval 1 s)
        await(
            () -> {
              Map<String, Integer> posts = countByDedupKey(am.accepted());
              return last.values().stream()
                  .filter(e -> e.type() != IncidentEvent.Type.RESOLVED)
                  .allMatch(e -> posts.get(e.dedupKey()) >= eventsOf(events, e) + 2);
            },
            "re-sends of open incidents");
      } finally {
        cancel(alert);
      }

      // Alertmanager: labels, annotations, startsAt, endsAt on resolve, in order per incident
      List<JsonNode> amAlerts = alerts(am.accepted());
      List<JsonNode> expectedAlerts = new ArrayList<>();
      for (IncidentEvent e : events) {
        expectedAlerts.add(expectedAlert(e));
      }
      for (JsonNode expected : expectedAlerts) {
        assertTrue(amAlerts.contains(expected), "Alertmanager received " + expected);
      }
      for (Request r : am.accepted()) {
        assertEquals("/api/v2/alerts", r.path());
        assertEquals("POST", r.method());
      }
      for (IncidentEvent e : last.values()) {
        List<JsonNode> ofIncident =
            amAlerts.stream()
                .filter(a -> a.path("labels").path("dedup_key").asText().equals(e.dedupKey()))
                .toList();
        JsonNode lastPost = ofIncident.get(ofIncident.size() - 1);
        assertEquals(expectedAlert(e), lastPost, "the last post of an incident is its last event");
        if (e.type() == IncidentEvent.Type.RESOLVED) {
          assertEquals(
              1,
              ofIncident.stream().filter(a -> a.has("endsAt")).count(),
              "a resolved incident is never re-sent: " + e.dedupKey());
        } else {
          long resends = ofIncident.stream().filter(a -> a.equals(expectedAlert(e))).count() - 1;
          assertTrue(resends >= 2, "re-sent while open: " + e.dedupKey());
        }
      }

      // PagerDuty: critical only (route), trigger/resolve with the stable dedup_key
      List<JsonNode> pdEvents = bodies(pd.accepted());
      assertEquals(critical.size(), pdEvents.size(), "no re-sends to PagerDuty");
      for (int i = 0; i < critical.size(); i++) {
        IncidentEvent e = critical.get(i);
        JsonNode body =
            find(
                pdEvents,
                b ->
                    b.path("dedup_key").asText().equals(e.dedupKey())
                        && b.path("event_action")
                            .asText()
                            .equals(e.type() == IncidentEvent.Type.RESOLVED ? "resolve" : "trigger")
                        && (e.type() == IncidentEvent.Type.RESOLVED
                            || b.path("payload").path("summary").asText().equals(e.summary())));
        assertEquals(PAGERDUTY_KEY, body.path("routing_key").asText());
        if (e.type() != IncidentEvent.Type.RESOLVED) {
          JsonNode p = body.path("payload");
          assertEquals("critical", p.path("severity").asText());
          assertEquals("aimon/" + e.modelId(), p.path("source").asText());
          assertEquals(e.metric(), p.path("component").asText());
          assertEquals(e.incidentId(), p.path("custom_details").path("incident_id").asText());
          assertEquals(e.n(), p.path("custom_details").path("n").asLong());
          assertEquals(IncidentScenario.RUNBOOK, body.path("links").path(0).path("href").asText());
        }
      }
      for (Request r : pd.accepted()) {
        assertEquals("/v2/enqueue", r.path());
      }

      // Slack: one readable message per event, to the secret webhook path
      List<String> texts =
          bodies(slack.accepted()).stream().map(b -> b.path("text").asText()).toList();
      assertEquals(events.size(), texts.size(), "one message per event, no re-sends");
      for (IncidentEvent e : events) {
        String prefix =
            e.type() == IncidentEvent.Type.RESOLVED
                ? ":white_check_mark: *RESOLVED*"
                : e.severity() == Severity.CRITICAL
                    ? ":rotating_light: *CRITICAL*"
                    : ":warning: *WARNING*";
        assertTrue(
            texts.stream()
                .anyMatch(
                    t ->
                        t.startsWith(prefix)
                            && t.contains(e.modelId() + " " + e.metric())
                            && t.contains(slackEscaped(e.summary()))
                            && t.endsWith("<" + IncidentScenario.RUNBOOK + "|runbook>")),
            "Slack message for " + e.summary());
      }
      for (Request r : slack.accepted()) {
        assertEquals(SLACK_PATH, r.path());
      }

      // every delivery recorded, all delivered, no dead letter; no secret in any record
      List<String> deliveries =
          KafkaTestClients.readCommitted(kafka.bootstrapServers(), "deliveries-a", 1);
      List<JsonNode> first =
          deliveries.stream()
              .map(AlertDeliveryIntegrationTest::parse)
              .filter(d -> !d.path("resend").asBoolean())
              .toList();
      assertEquals(2 * events.size() + critical.size(), first.size());
      assertTrue(first.stream().allMatch(d -> d.path("outcome").asText().equals("delivered")));
      for (String d : deliveries) {
        assertFalse(d.contains(PAGERDUTY_KEY) || d.contains("s3cr3tS1ackT0ken"), d);
      }
      assertEquals(List.of(), KafkaTestClients.readCommitted(kafka.bootstrapServers(), "adl-a", 0));
    }
  }

  @Test
  void receiversThatRefuseFailOrHangLoseNoIncidentAndDoNotAffectTheMonitorJob() throws Exception {
    List<IncidentEvent> events = incidentsA.stream().map(CloudEvents::fromJson).toList();
    List<IncidentEvent> critical =
        events.stream().filter(e -> e.severity() == Severity.CRITICAL).toList();
    List<IncidentEvent> toWebhook =
        events.stream()
            .filter(e -> e.modelId().equals("churn") && e.metric().equals("psi"))
            .toList();
    assertFalse(toWebhook.isEmpty());
    try (RecordingReceiver am = RecordingReceiver.startLater(200);
        RecordingReceiver pd =
            RecordingReceiver.start(202, n -> n <= 2 ? new Behaviour(202, 2500) : Behaviour.OK);
        RecordingReceiver slack =
            RecordingReceiver.start(200, n -> n <= 3 ? new Behaviour(500, 0) : Behaviour.OK);
        RecordingReceiver deadWebhook = RecordingReceiver.startLater(200)) {
      NotifyConfig notify = notifyConfig(am, pd, slack, deadWebhook, 8);
      createTopics("b");
      JobClient alert = startAlertJob(notify, "b");
      Thread opener =
          new Thread(
              () -> {
                try {
                  while (slack.requests() == 0) {
                    Thread.sleep(20);
                  }
                  Thread.sleep(1000); // Alertmanager refuses connections meanwhile
                  am.listen();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      opener.start();
      Scrape scrape = new Scrape();
      List<String> deadLetters;
      try {
        runMonitor("b", scrape);
        await(
            () ->
                am.accepted().size() >= events.size()
                    && slack.accepted().size() >= events.size()
                    && pd.accepted().size() > critical.size(),
            "every event delivered despite the faults");
        deadLetters =
            KafkaTestClients.readCommitted(kafka.bootstrapServers(), "adl-b", toWebhook.size());
      } finally {
        opener.join(10_000);
        cancel(alert);
      }

      // the monitor job's results are those of the run without an alert job
      List<String> metricsB =
          KafkaTestClients.readCommitted(kafka.bootstrapServers(), "metrics-b", metricsA.size());
      List<String> incidentsB =
          KafkaTestClients.readCommitted(
              kafka.bootstrapServers(), "incidents-b", incidentsA.size());
      assertEquals(sorted(metricsA), sorted(metricsB));
      assertEquals(sorted(incidentsA), sorted(incidentsB));

      // Alertmanager (refused at first): every event, re-sends aside
      List<JsonNode> amAlerts = alerts(am.accepted());
      for (IncidentEvent e : events) {
        assertTrue(amAlerts.contains(expectedAlert(e)), "Alertmanager got " + e.summary());
      }
      // Slack (500 at first): exactly once each, the 500s were not accepted
      List<String> texts =
          bodies(slack.accepted()).stream().map(b -> b.path("text").asText()).toList();
      assertEquals(events.size(), texts.size(), "Slack got each event exactly once");
      assertEquals(events.size() + 3, slack.requests());
      // PagerDuty (slower than the timeout at first): every event; the duplicates that the slow
      // answers caused carry the same dedup_key and action, which PagerDuty deduplicates
      Map<String, Long> pdByEvent =
          bodies(pd.accepted()).stream()
              .collect(
                  Collectors.groupingBy(
                      AlertDeliveryIntegrationTest::pagerDutyIdentity, Collectors.counting()));
      Map<String, Long> expectedPd =
          critical.stream()
              .collect(
                  Collectors.groupingBy(
                      AlertDeliveryIntegrationTest::pagerDutyIdentity, Collectors.counting()));
      assertEquals(expectedPd.keySet(), pdByEvent.keySet(), "every PagerDuty event, nothing else");
      long duplicates =
          pdByEvent.entrySet().stream()
              .filter(x -> x.getValue() > expectedPd.get(x.getKey()))
              .count();
      assertTrue(duplicates >= 1, "the slow answers caused duplicates: " + pdByEvent);

      // the dead webhook: every event to it dead-lettered after 8 attempts, with the event
      List<JsonNode> dead = deadLetters.stream().map(AlertDeliveryIntegrationTest::parse).toList();
      assertEquals(toWebhook.size(), dead.size(), "only the dead webhook's deliveries failed");
      for (JsonNode d : dead) {
        assertEquals("delivery_exhausted", d.path("reason").asText());
        assertEquals("webhook", d.path("notifier").asText());
        assertEquals(8, d.path("attempts").asInt());
        assertTrue(d.path("last_error").asText().contains("ConnectException"), d.toString());
        assertEquals(d.path("event_id").asText(), d.path("event").path("id").asText());
      }
      assertEquals(
          toWebhook.stream().map(IncidentEvent::eventId).sorted().toList(),
          dead.stream().map(d -> d.path("event_id").asText()).sorted().toList());

      // Prometheus, scraped while the monitor job ran: per-model series for configured models only
      String text = scrape.last.get();
      assertNotNull(text, "scraped the monitor job's /metrics");
      assertTrue(text.contains("flink_taskmanager_job_task_operator_aimon_model_events{"), text);
      Set<String> models = labelValues(text, "model");
      assertEquals(Set.of("credit-risk", "churn"), models);
      assertTrue(text.contains("flink_taskmanager_job_task_operator_aimon_reason_dead_letters{"));
      assertTrue(
          text.contains(
              "flink_taskmanager_job_task_operator_aimon_model_severity_open_incidents{"));
    }
  }

  @Test
  void aFailureOfTheAlertJobLosesNoIncidentAndRecordsEachDeliveryOnce() throws Exception {
    List<IncidentEvent> events = incidentsA.stream().map(CloudEvents::fromJson).toList();
    List<IncidentEvent> critical =
        events.stream().filter(e -> e.severity() == Severity.CRITICAL).toList();
    try (RecordingReceiver am = RecordingReceiver.start(200);
        RecordingReceiver pd = RecordingReceiver.start(202);
        RecordingReceiver slack = RecordingReceiver.start(200)) {
      NotifyConfig notify = notifyConfig(am, pd, slack, null, 5);
      createTopics("c");
      FailOnceAfterCheckpoint.reset();
      StreamExecutionEnvironment env = MonitorRunner.environment(1, Duration.ofMillis(300), true);
      // the alert job reads what the monitor job committed in run "a"
      KafkaSettings settings =
          settings("a").toBuilder()
              .alertGroupId("alert-group-c")
              .alertDeliveriesTopic("deliveries-c")
              .alertDeadLetterTopic("adl-c")
              .build();
      AlertJob.kafkaJob(notify, settings, 1 << 20, "alert-c")
          .build(
              env,
              s ->
                  s.map(new FailOnceAfterCheckpoint(40, 80, 20))
                      .uid("test.fail-once")
                      .name("fail-once"));
      JobClient alert = env.executeAsync("alert-c");
      List<String> deliveries;
      try {
        await(
            () ->
                FailOnceAfterCheckpoint.FAILED.get()
                    && am.accepted().size() >= events.size()
                    && pd.accepted().size() >= critical.size()
                    && slack.accepted().size() >= events.size(),
            "every event delivered after the restart");
        deliveries =
            KafkaTestClients.readCommitted(
                kafka.bootstrapServers(), "deliveries-c", 2 * events.size() + critical.size());
      } finally {
        cancel(alert);
      }
      List<JsonNode> amAlerts = alerts(am.accepted());
      for (IncidentEvent e : events) {
        assertTrue(amAlerts.contains(expectedAlert(e)), "Alertmanager got " + e.summary());
      }
      Map<String, Long> recorded =
          deliveries.stream()
              .map(AlertDeliveryIntegrationTest::parse)
              .filter(d -> !d.path("resend").asBoolean())
              .collect(
                  Collectors.groupingBy(
                      d -> d.path("event_id").asText() + "|" + d.path("notifier").asText(),
                      Collectors.counting()));
      assertEquals(2 * events.size() + critical.size(), recorded.size());
      assertTrue(
          recorded.values().stream().allMatch(n -> n == 1),
          "each delivery recorded exactly once despite the restart");
      long resent = slack.accepted().size() - events.size();
      System.out.printf(
          "alert job restart: %d events, Slack received %d (%d sent again after the restart)%n",
          events.size(), slack.accepted().size(), resent);
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static NotifyConfig notifyConfig(
      RecordingReceiver am,
      RecordingReceiver pd,
      RecordingReceiver slack,
      RecordingReceiver webhook,
      int maxAttempts)
      throws IOException {
    Path key = dir.resolve("pagerduty-key-" + maxAttempts);
    Files.writeString(key, PAGERDUTY_KEY + "\n");
    Path slackUrl = dir.resolve("slack-url-" + maxAttempts);
    Files.writeString(slackUrl, slack.url() + SLACK_PATH);
    List<NotifierConfig> notifiers = new ArrayList<>();
    notifiers.add(NotifierConfig.alertmanager("alertmanager", am.url().toString()));
    notifiers.add(NotifierConfig.pagerDuty("pagerduty", pd.url() + "/v2/enqueue", "file:" + key));
    notifiers.add(NotifierConfig.slack("slack", "file:" + slackUrl));
    List<RouteConfig> routes = new ArrayList<>();
    routes.add(RouteConfig.all(List.of("alertmanager", "slack")));
    routes.add(new RouteConfig(Set.of(), Set.of("critical"), Set.of(), List.of("pagerduty")));
    if (webhook != null) {
      notifiers.add(NotifierConfig.webhook("webhook", webhook.url() + "/hook", Map.of()));
      routes.add(new RouteConfig(Set.of("churn"), Set.of(), Set.of("psi"), List.of("webhook")));
    }
    return new NotifyConfig(
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        maxAttempts,
        Duration.ofMillis(50),
        Duration.ofMillis(400),
        notifiers,
        routes);
  }

  private static KafkaSettings settings(String name) {
    return KafkaSettings.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .groupId("group-" + name)
        .inferenceTopic("inference")
        .labelsTopic("labels-absent")
        .metricsTopic("metrics-" + name)
        .deadLetterTopic("dead-" + name)
        .properties(Map.of())
        .incidentsTopic("incidents-" + name)
        .alertGroupId("alert-group-" + name)
        .alertDeliveriesTopic("deliveries-" + name)
        .alertDeadLetterTopic("adl-" + name)
        .evidenceTopic("evidence-" + name)
        .build();
  }

  private static void createTopics(String name) throws Exception {
    kafka.createTopics(
        List.of(
            "metrics-" + name,
            "dead-" + name,
            "incidents-" + name,
            "deliveries-" + name,
            "adl-" + name,
            "evidence-" + name),
        1);
  }

  private static void runMonitor(String name, Scrape scrape) throws Exception {
    StreamExecutionEnvironment env =
        MonitorRunner.environment(
            plan.parallelism(),
            plan.checkpointInterval(),
            false,
            scrape == null ? null : "9249-9299");
    MonitorRunner.kafkaJob(plan, settings(name), true, "monitor-" + name).build(env);
    if (scrape == null) {
      env.execute("monitor-" + name);
      return;
    }
    JobClient job = env.executeAsync("monitor-" + name);
    var result = job.getJobExecutionResult();
    while (!result.isDone()) {
      scrape.once();
      Thread.sleep(100);
    }
    job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
  }

  /** Cancels a running job; a job that already failed reports its failure instead. */
  private static void cancel(JobClient job) throws Exception {
    var result = job.getJobExecutionResult();
    if (result.isDone()) {
      result.get(); // throws the job's failure
      return;
    }
    job.cancel().get(60, TimeUnit.SECONDS);
  }

  private static JobClient startAlertJob(NotifyConfig notify, String name) throws Exception {
    StreamExecutionEnvironment env = MonitorRunner.environment(1, Duration.ofMillis(300), false);
    AlertJob.kafkaJob(notify, settings(name), 1 << 20, "alert-" + name).build(env);
    return env.executeAsync("alert-" + name);
  }

  /** The Alertmanager alert an event must produce, as a JSON tree. */
  private static JsonNode expectedAlert(IncidentEvent e) {
    var alert = MAPPER.createObjectNode();
    var labels = alert.putObject("labels");
    labels.put("alertname", "aimon_" + e.metric());
    labels.put("model_id", e.modelId());
    labels.put("metric", e.metric());
    labels.put("severity", e.severity().code());
    if (e.feature() != null) {
      labels.put("feature", e.feature());
    }
    if (e.attribute() != null) {
      labels.put("attribute", e.attribute());
    }
    if (e.group() != null) {
      labels.put("group", e.group());
    }
    labels.put("dedup_key", e.dedupKey());
    var annotations = alert.putObject("annotations");
    annotations.put("summary", e.summary());
    annotations.put("description", description(e));
    annotations.put("incident_id", e.incidentId());
    annotations.put("runbook_url", IncidentScenario.RUNBOOK);
    alert.put("startsAt", Instant.ofEpochMilli(e.firstWindowStart()).toString());
    if (e.type() == IncidentEvent.Type.RESOLVED) {
      alert.put("endsAt", Instant.ofEpochMilli(e.lastWindowEnd()).toString());
    }
    return alert;
  }

  /** The description as an operator reads it (written out here to pin the format). */
  private static String description(IncidentEvent e) {
    return e.summary()
        + " Value "
        + number(e.value())
        + " vs threshold "
        + number(e.threshold())
        + " (n="
        + e.n()
        + ") in window "
        + Instant.ofEpochMilli(e.windowStart())
        + " to "
        + Instant.ofEpochMilli(e.eventTime())
        + "; open since "
        + Instant.ofEpochMilli(e.firstWindowStart())
        + ". Checks: "
        + String.join(", ", e.checkIds())
        + ".";
  }

  /** Four significant digits, plain notation. */
  private static String number(Double v) {
    return v == null
        ? "n/a"
        : new java.math.BigDecimal(v)
            .round(new java.math.MathContext(4))
            .stripTrailingZeros()
            .toPlainString();
  }

  private static String slackEscaped(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String pagerDutyIdentity(JsonNode b) {
    return b.path("dedup_key").asText()
        + "|"
        + b.path("event_action").asText()
        + "|"
        + b.path("payload").path("summary").asText();
  }

  private static String pagerDutyIdentity(IncidentEvent e) {
    boolean resolve = e.type() == IncidentEvent.Type.RESOLVED;
    return e.dedupKey()
        + "|"
        + (resolve ? "resolve" : "trigger")
        + "|"
        + (resolve ? "" : e.summary());
  }

  private static Map<String, IncidentEvent> latestByIncident(List<IncidentEvent> events) {
    Map<String, IncidentEvent> last = new LinkedHashMap<>();
    events.forEach(e -> last.put(e.incidentId(), e));
    return last;
  }

  private static int eventsOf(List<IncidentEvent> events, IncidentEvent e) {
    return (int) events.stream().filter(x -> x.incidentId().equals(e.incidentId())).count();
  }

  private static Map<String, Integer> countByDedupKey(List<Request> posts) {
    Map<String, Integer> counts = new HashMap<>();
    for (JsonNode a : alerts(posts)) {
      counts.merge(a.path("labels").path("dedup_key").asText(), 1, Integer::sum);
    }
    return counts;
  }

  private static List<JsonNode> alerts(List<Request> posts) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode body : bodies(posts)) {
      assertEquals(1, body.size(), "one alert per post");
      out.add(body.get(0));
    }
    return out;
  }

  private static List<JsonNode> bodies(List<Request> requests) {
    return requests.stream().map(r -> parse(r.body())).toList();
  }

  private static JsonNode find(List<JsonNode> nodes, java.util.function.Predicate<JsonNode> p) {
    return nodes.stream().filter(p).findFirst().orElseThrow(() -> new AssertionError("not found"));
  }

  private static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(json, e);
    }
  }

  private static List<String> sorted(List<String> lines) {
    return lines.stream().sorted().toList();
  }

  private static Set<String> labelValues(String exposition, String label) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("[{,]" + label + "=\"([^\"]*)\"").matcher(exposition);
    Set<String> values = new java.util.TreeSet<>();
    while (m.find()) {
      values.add(m.group(1));
    }
    return values;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(100);
    }
  }

  /** Scrapes the local Prometheus endpoints 9249-9299, keeping the last text with aimon metrics. */
  private static final class Scrape {
    final AtomicReference<String> last = new AtomicReference<>();
    final HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    void once() {
      for (int port = 9249; port <= 9299; port++) {
        try {
          HttpResponse<String> r =
              client.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200
              && r.body().contains("job_name=\"monitor-b\"")
              && r.body().contains("aimon_model_events{")
              && r.body().contains("aimon_model_severity_open_incidents{")
              // a bounded job's tasks finish one by one, unregistering their metrics: keep the
              // last text that still has every task's series
              && r.body().contains("aimon_reason_dead_letters{")) {
            last.set(r.body());
            return;
          }
        } catch (IOException e) {
          // nothing on this port
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
