package io.aimon.jobs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.cli.AimonCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code aimon demo} end to end at a short duration (a drift phase of 15 s): embedded broker,
 * generator, monitor job; the injected drift is detected, the malformed records are dead-lettered,
 * and it exits 0.
 */
class DemoIntegrationTest {

  @Test
  void demoDetectsTheInjectedDriftAndExitsCleanly(@TempDir Path out) throws Exception {
    StringWriter console = new StringWriter();
    int code =
        new CommandLine(new AimonCommand())
            .setOut(new PrintWriter(console))
            .execute("demo", "--duration", "45s", "--out", out.toString());
    assertEquals(0, code, console.toString());
    String text = console.toString();
    assertTrue(text.contains("phase drift"), text);
    assertTrue(text.contains("aimon demo: done."), text);

    List<JsonNode> metrics = AdultFixtures.readJsonLines(out.resolve("metrics.jsonl"));
    assertTrue(
        metrics.stream()
            .anyMatch(
                m ->
                    m.path("model_id").asText().equals("credit-risk")
                        && m.path("metric").asText().equals("ks")
                        && m.path("feature").asText().equals("income")
                        && m.path("status").asText().equals("critical")),
        "the income shift is detected");
    assertTrue(
        metrics.stream()
            .anyMatch(
                m ->
                    m.path("metric").asText().equals("demographic_parity_ratio")
                        && m.path("attribute").asText().equals("gender")
                        && !m.path("status").asText().equals("ok")),
        "the fall of gender=F's selection rate is detected");
    assertTrue(
        metrics.stream()
            .filter(m -> m.path("feature").asText().equals("channel"))
            .filter(m -> m.path("window_end").asText().compareTo(firstBreachEnd(metrics)) <= 0)
            .noneMatch(m -> m.path("status").asText().equals("critical")),
        "features without injected drift stay quiet");
    Set<String> reasons =
        AdultFixtures.readJsonLines(out.resolve("dead-letter.jsonl")).stream()
            .map(d -> d.path("reason").asText())
            .collect(Collectors.toSet());
    assertTrue(
        Set.of("malformed_json", "unknown_model", "bad_timestamp", "wrong_type")
            .containsAll(reasons),
        reasons.toString());
    assertTrue(!reasons.isEmpty(), "the malformed records are dead-lettered");
    assertTrue(text.lines().anyMatch(l -> l.contains("CRITICAL ks[income]")), text);
    // churn's canary (version 8) drifts from the stable version 7: only it breaches the
    // champion/challenger comparison, and it was deployed without a gate
    assertTrue(
        metrics.stream()
            .anyMatch(
                m ->
                    m.path("metric").asText().equals("challenger_psi")
                        && m.path("version").asText().equals("8")
                        && m.path("feature").asText().equals("tenure_months")
                        && m.path("status").asText().equals("critical")),
        "the canary's tenure drifts from the champion's");
    assertTrue(
        metrics.stream()
            .filter(m -> m.path("metric").asText().equals("challenger_psi"))
            .allMatch(m -> m.path("version").asText().equals("8")),
        "the champion is never compared");
    assertTrue(text.lines().anyMatch(l -> l.contains("challenger_psi[tenure_months]@v8")), text);
    List<JsonNode> incidents = AdultFixtures.readJsonLines(out.resolve("incidents.jsonl"));
    assertTrue(
        incidents.stream()
            .anyMatch(
                e ->
                    e.path("type").asText().equals("io.aimon.incident.opened")
                        && e.path("subject").asText().equals("credit-risk/feature=income")),
        "the drift opens an incident for income: " + incidents.size() + " incident events");
    assertOneIncidentPerFeatureWithEveryBreachingMetric(metrics, incidents);
    assertTrue(text.contains("INCIDENT OPENED"), text);
    // the alert job delivered the incident to the demo's stand-in Alertmanager over HTTP
    assertTrue(
        text.lines()
            .anyMatch(
                l ->
                    l.startsWith("ALERTMANAGER firing    aimon_")
                        && l.contains("model_id=credit-risk")
                        && l.contains("feature=income severity=critical")),
        text);
    // when the drift ends the demo's operator acts on an open critical incident per model, and
    // the monitor job records it as corrective-action evidence
    assertTrue(
        text.lines().filter(l -> l.startsWith("OPERATOR ack + action applied")).count() >= 1, text);
    assertTrue(
        text.lines()
            .anyMatch(
                l ->
                    l.startsWith("CORRECTIVE action_recorded")
                        && l.contains("action_applied by demo-operator: verifying effectiveness")),
        text);
    List<JsonNode> deliveries = AdultFixtures.readJsonLines(out.resolve("alert-deliveries.jsonl"));
    assertTrue(
        deliveries.stream()
            .anyMatch(
                d ->
                    d.path("notifier").asText().equals("alertmanager")
                        && d.path("outcome").asText().equals("delivered")
                        && d.path("event")
                            .path("subject")
                            .asText()
                            .equals("credit-risk/feature=income")),
        "deliveries recorded: " + deliveries.size());
    // the monitor job read the deliveries back: the incident's communication is evidence
    List<JsonNode> evidence = new java.util.ArrayList<>();
    try (java.util.stream.Stream<java.nio.file.Path> files =
        java.nio.file.Files.walk(out.resolve("evidence"))) {
      for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        evidence.addAll(AdultFixtures.readJsonLines(f));
      }
    }
    List<JsonNode> notified =
        evidence.stream()
            .filter(r -> r.path("kind").asText().equals("notification"))
            .map(r -> r.path("data"))
            .filter(d -> d.path("series").asText().equals("credit-risk/feature=income"))
            .filter(d -> d.path("event_type").asText().equals("io.aimon.incident.opened"))
            .toList();
    assertEquals(1, notified.size(), "one first delivery of the opened event: " + notified);
    assertEquals("alertmanager", notified.get(0).path("notifier").asText());
    assertEquals("delivered", notified.get(0).path("outcome").asText());
    assertEquals(
        "opened delivered to alertmanager after 1 attempt",
        notified.get(0).path("summary").asText());
    // the evidence archive the demo committed verifies against its public key
    StringWriter verifyOut = new StringWriter();
    int verified =
        new CommandLine(new AimonCommand())
            .setOut(new PrintWriter(verifyOut, true))
            .execute(
                "evidence",
                "verify",
                out.resolve("evidence").toString(),
                "--public-key",
                out.resolve("aimon-evidence.pub").toString(),
                "--tsa-cert",
                out.resolve("aimon-demo-tsa.pem").toString(),
                "--require-timestamps");
    assertEquals(0, verified, verifyOut.toString());
    assertTrue(verifyOut.toString().contains("evidence verified: 2 models"), verifyOut.toString());
    // every manifest carries a time stamp of the demo's stand-in TSA
    assertTrue(
        verifyOut.toString().contains("manifests stamped by CN=aimon demo TSA"),
        verifyOut.toString());
    // the canary's first window is a deployment without a gate; version 7's has the demo's gate
    List<JsonNode> deployments =
        evidence.stream()
            .filter(r -> r.path("kind").asText().equals("deployment"))
            .filter(r -> r.path("model_id").asText().equals("churn"))
            .map(r -> r.path("data"))
            .toList();
    assertEquals(
        Set.of("7", "8"),
        deployments.stream().map(d -> d.path("version").asText()).collect(Collectors.toSet()),
        deployments.toString());
    for (JsonNode d : deployments) {
      assertEquals(d.path("version").asText().equals("7"), d.hasNonNull("gate"), d.toString());
    }
    // and every chain opens with the model's monitoring plan, naming its owner
    for (String model : List.of("credit-risk", "churn")) {
      JsonNode first =
          evidence.stream()
              .filter(l -> l.path("model_id").asText().equals(model) && l.path("seq").asLong() == 1)
              .findFirst()
              .orElseThrow();
      assertEquals("monitoring_plan", first.path("kind").asText(), model);
      assertTrue(first.at("/data/owner").asText().startsWith("demo-"), first.toString());
    }
  }

  /**
   * Each incident of a feature lists as members every metric of that feature that was critical
   * while it was open (a critical window opens or joins at once), and there are fewer incidents
   * than breaching series.
   */
  private static void assertOneIncidentPerFeatureWithEveryBreachingMetric(
      List<JsonNode> metrics, List<JsonNode> incidents) {
    java.util.Map<String, List<JsonNode>> byIncident = new java.util.TreeMap<>();
    for (JsonNode e : incidents) {
      byIncident
          .computeIfAbsent(
              e.path("data").path("incident_id").asText(), k -> new java.util.ArrayList<>())
          .add(e);
    }
    int checked = 0;
    for (List<JsonNode> events : byIncident.values()) {
      JsonNode d = events.get(0).path("data");
      if (!d.hasNonNull("feature")) {
        continue;
      }
      String model = d.path("model_id").asText();
      String feature = d.path("feature").asText();
      String version = d.hasNonNull("version") ? d.path("version").asText() : null;
      String from = d.path("first_window_start").asText();
      String to =
          events.stream()
              .map(e -> e.path("data").path("window_end").asText())
              .max(String::compareTo)
              .orElseThrow();
      Set<String> members = new java.util.TreeSet<>();
      events.forEach(
          e -> e.path("data").path("members").forEach(m -> members.add(m.path("series").asText())));
      Set<String> critical =
          metrics.stream()
              .filter(m -> m.path("model_id").asText().equals(model))
              .filter(m -> m.path("feature").asText().equals(feature))
              .filter(
                  m ->
                      version == null
                          ? !m.hasNonNull("version")
                          : version.equals(m.path("version").asText()))
              .filter(m -> m.path("status").asText().equals("critical"))
              .filter(m -> m.path("window_start").asText().compareTo(from) >= 0)
              .filter(m -> m.path("window_end").asText().compareTo(to) <= 0)
              .map(
                  m ->
                      model
                          + "/"
                          + m.path("metric").asText()
                          + (version == null ? "" : "/version=" + version)
                          + "/feature="
                          + feature)
              .collect(Collectors.toCollection(java.util.TreeSet::new));
      assertTrue(
          members.containsAll(critical),
          model + " " + feature + ": " + members + " vs " + critical);
      checked++;
    }
    long breachingSeries =
        metrics.stream()
            .filter(m -> m.path("status").asText().equals("critical"))
            .map(
                m ->
                    m.path("model_id").asText()
                        + m.path("metric").asText()
                        + m.path("feature").asText()
                        + m.path("attribute").asText()
                        + m.path("version").asText())
            .distinct()
            .count();
    long opened =
        incidents.stream()
            .filter(e -> e.path("type").asText().equals("io.aimon.incident.opened"))
            .count();
    System.out.printf(
        "demo: %d incident events, %d incidents opened (%d of features checked member by member)"
            + " for %d series with a critical window%n",
        incidents.size(), opened, checked, breachingSeries);
    assertTrue(checked >= 2, "feature incidents checked: " + checked);
    assertTrue(opened < breachingSeries, opened + " incidents for " + breachingSeries + " series");
  }

  private static String firstBreachEnd(List<JsonNode> metrics) {
    return metrics.stream()
        .filter(m -> m.path("status").asText().equals("critical"))
        .map(m -> m.path("window_end").asText())
        .min(String::compareTo)
        .orElse("");
  }
}
