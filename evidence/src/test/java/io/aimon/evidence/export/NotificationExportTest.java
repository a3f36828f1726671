package io.aimon.evidence.export;

import static io.aimon.evidence.export.ExportFixtures.ALL;
import static io.aimon.evidence.export.ExportFixtures.CHURN;
import static io.aimon.evidence.export.ExportFixtures.CREDIT;
import static io.aimon.evidence.export.ExportFixtures.TEST_KEYS;
import static io.aimon.evidence.export.HtmlReportTest.section;
import static io.aimon.evidence.export.HtmlReportTest.text;
import static io.aimon.evidence.export.NotificationFixtures.ALERTMANAGER;
import static io.aimon.evidence.export.NotificationFixtures.INC_FAILED;
import static io.aimon.evidence.export.NotificationFixtures.INC_NOTIFIED;
import static io.aimon.evidence.export.NotificationFixtures.INC_SILENT;
import static io.aimon.evidence.export.NotificationFixtures.NOTIFICATIONS;
import static io.aimon.evidence.export.NotificationFixtures.WEBHOOK;
import static io.aimon.evidence.export.NotificationFixtures.WEBHOOK_ERROR;
import static io.aimon.evidence.export.OscalAssessmentResultsTest.prop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications (ISO/IEC 42001 A.8.4, communication of incidents) in the export of {@link
 * NotificationFixtures}: the executive summary's row, each incident's communication and delivery
 * timeline in report.html, the clause mapping, the CSV rows, and the OSCAL observations linked from
 * the findings.
 */
class NotificationExportTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path tmp;
  private Path bundle;

  @BeforeEach
  void export() {
    Path archive = NotificationFixtures.archive(tmp.resolve("evidence"));
    bundle = tmp.resolve("bundle");
    ExportSummary s = AuditExport.export(archive, ALL, bundle, TEST_KEYS.getPublic(), null);
    assertTrue(s.verified(), "the fixture archive verifies");
    assertEquals(45 + 24, s.records());
  }

  private String report() throws IOException {
    return Files.readString(bundle.resolve("report.html"), StandardCharsets.UTF_8);
  }

  /** The text of the communication cell of {@code incident}'s row in the incidents table. */
  private static String communicated(String html, String incident) {
    int at = html.indexOf("<tr class=\"incident\" data-incident=\"" + incident + "\">");
    assertTrue(at >= 0, incident);
    String row = html.substring(at, html.indexOf("</tr>", at));
    Matcher m = Pattern.compile("<td class=\"communication\">(.*?)</td>").matcher(row);
    assertTrue(m.find(), row);
    return m.group(1).replaceAll("<[^>]+>", "");
  }

  /** The rows of the delivery table in {@code incident}'s lifecycle, cells joined with " | ". */
  private static List<String> deliveries(String html, String incident) {
    int at = html.indexOf("<details class=\"lifecycle\" data-incident=\"" + incident + "\">");
    assertTrue(at >= 0, incident);
    String details = html.substring(at, html.indexOf("</details>", at));
    List<String> rows = new ArrayList<>();
    Matcher t =
        Pattern.compile("<table class=\"notifications\">.*?</table>", Pattern.DOTALL)
            .matcher(details);
    if (!t.find()) {
      return rows;
    }
    Matcher r = Pattern.compile("<tr class=\"(\\w+)\">(<td.*?)</tr>").matcher(t.group());
    while (r.find()) {
      rows.add(
          r.group(1)
              + ": "
              + r.group(2).replaceAll("</td><td[^>]*>", " | ").replaceAll("<[^>]+>", ""));
    }
    return rows;
  }

  @Test
  void executiveSummaryCountsIncidentsNotifiedAndNamesTheFailedDelivery() throws IOException {
    String html = report();
    assertEquals("3", text(html, "kpi-incidents"));
    assertEquals("2", text(html, "kpi-incidents-notified"));
    assertEquals("1", text(html, "kpi-incidents-not-notified"));
    assertEquals("7", text(html, "kpi-deliveries-delivered"));
    assertEquals("1", text(html, "kpi-deliveries-failed"));
    assertEquals(
        "2 notified, 1 not notified (1 without a notification record in the period: the alert job"
            + " may not run, or notification evidence may not be configured); deliveries to"
            + " notifiers: 7 delivered, 1 failed: credit-risk accuracy (critical): accuracy is 0.7"
            + " (critical) in window 4 [inc-accuracy] to webhook"
            + " (failed_exhausted)",
        text(html, "summary-communication"));
    assertTrue(
        html.contains(
            "<tr><th>Incident communication (A.8.4)</th><td id=\"summary-communication\">"));
  }

  @Test
  void eachIncidentSaysHowItWasCommunicated() throws IOException {
    String credit = section(report(), CREDIT);
    assertEquals(
        "notified: oncall-alertmanager, slack (all delivered)", communicated(credit, INC_NOTIFIED));
    assertEquals(
        "notified: oncall-alertmanager, webhook; 1 delivery failed (webhook: failed_exhausted after"
            + " 8 attempts)",
        communicated(credit, INC_FAILED));
    assertEquals(
        "not notified (no notification record in the period)", communicated(credit, INC_SILENT));
    assertTrue(
        credit.contains(
            "<p class=\"note communication-note\">Not notified: the period holds records of the"
                + " incident but no notification record; the alert job may not run, or"
                + " notification evidence may not be configured.</p>"),
        credit);
    // the silent incident is said neutrally (grey), a failure is marked
    assertTrue(
        credit.contains(
            "<td class=\"communication\"><span class=\"muted\">not notified (no notification"));
    assertTrue(credit.contains("<td class=\"communication\"><span class=\"failed\">notified:"));
  }

  @Test
  void eachIncidentsLifecycleListsItsDeliveriesWithFailuresMarked() throws IOException {
    String credit = section(report(), CREDIT);
    assertTrue(
        credit.contains(
            "Lifecycle of incident " + INC_FAILED + " accuracy (2 events, 4 notifications)"));
    assertEquals(
        List.of(
            "delivered: 2026-01-01T18:00:00Z | opened | oncall-alertmanager | delivered | 1 |"
                + " HTTP 200 | 16",
            "failed: 2026-01-01T18:00:00Z | opened | webhook | &#10007; failed_exhausted | 8 |"
                + " HTTP 503: "
                + WEBHOOK_ERROR
                + " | 17",
            "delivered: 2026-01-02T06:00:00Z | escalated | oncall-alertmanager | delivered | 1 |"
                + " HTTP 200 | 30",
            "delivered: 2026-01-02T06:00:00Z | escalated | webhook | delivered | 1 | HTTP 204 |"
                + " 31"),
        deliveries(credit, INC_FAILED));
    assertTrue(
        credit.contains("<span class=\"status failed-exhausted\">failed_exhausted</span>"),
        "the failed outcome is colored");
    assertEquals(
        List.of(
            "delivered: 2026-01-01T12:00:00Z | opened | oncall-alertmanager | delivered | 1 |"
                + " HTTP 200 | 9",
            "delivered: 2026-01-01T12:00:00Z | opened | slack | delivered | 2 | HTTP 200 | 10",
            "delivered: 2026-01-02T00:00:00Z | resolved | oncall-alertmanager | delivered | 1 |"
                + " HTTP 200 | 23",
            "delivered: 2026-01-02T00:00:00Z | resolved | slack | delivered | 1 | HTTP 200 | 24"),
        deliveries(credit, INC_NOTIFIED));
    assertEquals(List.of(), deliveries(credit, INC_SILENT));
    assertTrue(
        credit.contains(
            "Lifecycle of incident " + INC_SILENT + " demographic_parity_ratio (1 event)"));
  }

  @Test
  void clauseMappingCountsNotificationsUnderA84() throws IOException {
    String html = report();
    String credit = section(html, CREDIT);
    assertTrue(
        credit.contains(
            "45 records in the period (check 24, coverage 8, incident 5, notification 8,"
                + " corrective_action 0, state_loss 0, monitoring_plan 0, deployment 0), seqs 1..45."),
        credit);
    // records serve A.8.4, but one incident was never notified: a gap, with its reason
    String a84 = clauseRow(credit, "A.8.4");
    assertTrue(
        a84.startsWith(
            "<td>A.8.4</td><td>Communication of incidents</td><td class=\"num\">13</td>"
                + "<td>incident 5, notification 8</td>"
                + "<td class=\"status-cell\"><span class=\"status gap\">GAP</span></td>"),
        a84);
    assertTrue(
        a84.contains(
            "<li data-reason=\"incident_not_communicated\"><code>incident_not_communicated</code>"
                + " 1 incident never communicated (no notification delivered):"
                + " demographic_parity_ratio (warning)"),
        a84);
    assertTrue(clauseRow(credit, "10.2").contains("<td>incident 5, notification 8</td>"));
    // churn has no incident: A.8.4 is not exercised (nothing to communicate), not a gap
    assertEquals(
        "<td>A.8.4</td><td>Communication of incidents</td><td class=\"num\">0</td><td></td>"
            + "<td class=\"status-cell\"><span class=\"status not-exercised\">not"
            + " exercised</span></td><td class=\"gap-reasons\"></td>",
        clauseRow(section(html, CHURN), "A.8.4"));
    assertTrue(
        text(html, "summary-clauses")
            .startsWith(
                "4 of 8 clauses and controls met, 2 not exercised (no incident or deployment); 2 with a GAP: 9.1 (no_monitoring_plan: 40"
                    + " checks); A.8.4 (incident_not_communicated: 1 incident)"),
        text(html, "summary-clauses"));
  }

  private static String clauseRow(String html, String id) {
    int at = html.indexOf("data-id=\"" + id + "\"");
    assertTrue(at >= 0, id);
    return html.substring(html.indexOf('>', at) + 1, html.indexOf("</tr>", at));
  }

  @Test
  void csvRowsCarryNotifierOutcomeAndAttemptsInTheLastColumns() throws IOException {
    List<CSVRecord> rows;
    try (Reader r = Files.newBufferedReader(bundle.resolve("records.csv"), StandardCharsets.UTF_8);
        CSVParser p =
            CSVParser.parse(
                r, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      assertEquals(RecordsCsv.COLUMNS, p.getHeaderNames());
      rows = p.getRecords();
    }
    // appended after the corrective-action columns: every earlier column keeps its position
    assertEquals(34, RecordsCsv.COLUMNS.size());
    assertEquals(
        List.of("incident_id", "event_type", "severity", "summary", "hash"),
        RecordsCsv.COLUMNS.subList(16, 21));
    assertEquals(
        List.of("action_id", "notifier", "outcome", "attempts"),
        RecordsCsv.COLUMNS.subList(27, 31));
    assertEquals(List.of("eu_ai_act", "nist_ai_rmf"), RecordsCsv.COLUMNS.subList(31, 33));

    List<CSVRecord> notifications =
        rows.stream().filter(r -> r.get("kind").equals("notification")).toList();
    assertEquals(NOTIFICATIONS, notifications.size());
    List<CSVRecord> failed =
        notifications.stream().filter(r -> !r.get("outcome").equals("delivered")).toList();
    assertEquals(1, failed.size());
    CSVRecord f = failed.get(0);
    assertEquals(CREDIT, f.get("model_id"));
    assertEquals("17", f.get("seq"));
    assertEquals("2026-01-01T18:00:00Z", f.get("time"));
    assertEquals("", f.get("window_start"));
    assertEquals("", f.get("window_end"));
    assertEquals("10.2", f.get("clauses"));
    assertEquals("A.8.4", f.get("controls"));
    assertEquals(INC_FAILED, f.get("incident_id"));
    assertEquals("io.aimon.incident.opened", f.get("event_type"));
    assertEquals("warning", f.get("severity"));
    assertEquals("opened failed_exhausted to webhook after 8 attempts", f.get("summary"));
    assertEquals(WEBHOOK, f.get("notifier"));
    assertEquals("failed_exhausted", f.get("outcome"));
    assertEquals("8", f.get("attempts"));
    assertEquals("", f.get("metric"));
    assertEquals("", f.get("status"));

    CSVRecord slack =
        notifications.stream()
            .filter(r -> r.get("notifier").equals("slack") && r.get("attempts").equals("2"))
            .findFirst()
            .orElseThrow();
    assertEquals(INC_NOTIFIED, slack.get("incident_id"));
    assertEquals("delivered", slack.get("outcome"));
    assertEquals("opened delivered to slack after 2 attempts", slack.get("summary"));

    // other kinds leave the new columns empty
    for (CSVRecord r : rows) {
      if (!r.get("kind").equals("notification")) {
        assertEquals("", r.get("notifier") + r.get("outcome") + r.get("attempts"), r.toString());
      }
    }
  }

  @Test
  void oscalObservesEachIncidentsCommunicationAndStillValidates() throws IOException {
    Path file = bundle.resolve("oscal-assessment-results.json");
    assertEquals(List.of(), OscalAssessmentResultsTest.validate(file));
    JsonNode result = MAPPER.readTree(file.toFile()).at("/assessment-results/results/0");

    Map<String, JsonNode> communication = new HashMap<>();
    Map<String, JsonNode> byUuid = new HashMap<>();
    for (JsonNode o : result.get("observations")) {
      byUuid.put(o.get("uuid").asText(), o);
      if (prop(o, "communication") != null) {
        communication.put(prop(o, "incident-id"), o);
      }
    }
    assertEquals(2, communication.size(), "one per incident with notification records");
    assertFalse(communication.containsKey(INC_SILENT));

    JsonNode failed = communication.get(INC_FAILED);
    assertEquals(
        "Communication of incident inc-accuracy (accuracy) of model credit-risk",
        failed.get("title").asText());
    assertEquals("EXAMINE", failed.at("/methods/0").asText());
    assertEquals("finding", failed.at("/types/0").asText(), "a delivery failed");
    assertEquals("notified", prop(failed, "communication"));
    assertEquals("4", prop(failed, "deliveries"));
    assertEquals("3", prop(failed, "deliveries-delivered"));
    assertEquals("1", prop(failed, "deliveries-failed"));
    assertEquals("2026-01-02T06:00:00Z", failed.get("collected").asText());
    assertEquals("records.jsonl", failed.at("/relevant-evidence/0/href").asText());
    assertTrue(
        failed
            .at("/relevant-evidence/0/description")
            .asText()
            .contains("(kind notification, seqs 16..31)"));
    assertEquals(
        "2026-01-01T18:00:00Z opened to oncall-alertmanager: delivered after 1 attempt\n"
            + "2026-01-01T18:00:00Z opened to webhook: failed_exhausted after 8 attempts (HTTP 503: "
            + WEBHOOK_ERROR
            + ")\n"
            + "2026-01-02T06:00:00Z escalated to oncall-alertmanager: delivered after 1 attempt\n"
            + "2026-01-02T06:00:00Z escalated to webhook: delivered after 1 attempt",
        failed.get("remarks").asText());
    assertTrue(
        failed
            .get("description")
            .asText()
            .endsWith(
                "notified: oncall-alertmanager, webhook; 1 delivery failed (webhook:"
                    + " failed_exhausted after 8 attempts)."));

    JsonNode notified = communication.get(INC_NOTIFIED);
    assertEquals("control-objective", notified.at("/types/0").asText());
    List<String> notifiers = new ArrayList<>();
    for (JsonNode p : notified.get("props")) {
      if (p.get("name").asText().equals("notified")) {
        notifiers.add(p.get("value").asText());
      }
    }
    assertEquals(List.of(ALERTMANAGER, "slack"), notifiers);

    // each finding names the observation of its communication, when there is one
    Map<String, JsonNode> findings = new HashMap<>();
    for (JsonNode f : result.get("findings")) {
      if (prop(f, "incident-id") != null) {
        findings.put(prop(f, "incident-id"), f);
      }
    }
    assertEquals(3, findings.size());
    JsonNode failedFinding = findings.get(INC_FAILED);
    List<String> related = new ArrayList<>();
    for (JsonNode r : failedFinding.get("related-observations")) {
      JsonNode o = byUuid.get(r.get("observation-uuid").asText());
      assertNotNull(o, r.toString());
      related.add(o.get("title").asText());
    }
    assertEquals(
        List.of(
            "accuracy of model credit-risk",
            "Communication of incident inc-accuracy (accuracy) of model credit-risk"),
        related);
    assertEquals("notified", prop(failedFinding, "communication"));
    assertEquals("1", prop(failedFinding, "deliveries-failed"));
    assertTrue(
        failedFinding
            .get("remarks")
            .asText()
            .contains(
                "\n2026-01-01T18:00:00Z opened to webhook: failed_exhausted after 8 attempts"),
        failedFinding.get("remarks").asText());

    JsonNode silent = findings.get(INC_SILENT);
    assertEquals("not notified", prop(silent, "communication"));
    assertEquals("0", prop(silent, "deliveries-failed"));
    assertEquals(1, silent.get("related-observations").size(), "its metric's observation only");
    assertTrue(
        silent
            .get("remarks")
            .asText()
            .endsWith(
                "\nNot notified: no notification record in the period; the alert job may not"
                    + " run, or notification evidence may not be configured."),
        silent.get("remarks").asText());
  }
}
