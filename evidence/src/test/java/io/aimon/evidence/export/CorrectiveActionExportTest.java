package io.aimon.evidence.export;

import static io.aimon.evidence.export.CorrectiveActionFixtures.INC_FAILED;
import static io.aimon.evidence.export.CorrectiveActionFixtures.INC_FIXED;
import static io.aimon.evidence.export.CorrectiveActionFixtures.INC_OVERRIDE;
import static io.aimon.evidence.export.CorrectiveActionFixtures.INC_PENDING;
import static io.aimon.evidence.export.CorrectiveActionFixtures.INC_UNGRADED;
import static io.aimon.evidence.export.CorrectiveActionFixtures.OVERRIDE_REASON;
import static io.aimon.evidence.export.CorrectiveActionFixtures.ROOT_CAUSE;
import static io.aimon.evidence.export.CorrectiveActionFixtures.at;
import static io.aimon.evidence.export.CorrectiveActionFixtures.iso;
import static io.aimon.evidence.export.ExportFixtures.ALL;
import static io.aimon.evidence.export.ExportFixtures.CHURN;
import static io.aimon.evidence.export.ExportFixtures.CREDIT;
import static io.aimon.evidence.export.ExportFixtures.TEST_KEYS;
import static io.aimon.evidence.export.HtmlReportTest.section;
import static io.aimon.evidence.export.HtmlReportTest.text;
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
 * Corrective actions (ISO/IEC 42001 clause 10.2) in the export of {@link CorrectiveActionFixtures}:
 * the executive summary's figures, each incident's status and timeline in report.html, the CSV
 * rows, and the OSCAL risks linked from the findings.
 */
class CorrectiveActionExportTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path tmp;
  private Path archive;

  @BeforeEach
  void writeArchive() {
    archive = CorrectiveActionFixtures.archive(tmp.resolve("evidence"));
  }

  private Path export(AuditExport.Selection selection) {
    Path out = tmp.resolve("bundle-" + selection.from());
    ExportSummary s = AuditExport.export(archive, selection, out, TEST_KEYS.getPublic(), null);
    assertTrue(s.verified(), "the fixture archive verifies");
    return out;
  }

  private static String report(Path bundle) throws IOException {
    return Files.readString(bundle.resolve("report.html"), StandardCharsets.UTF_8);
  }

  /** The text of the cell of {@code cssClass} in the corrective-action row of {@code incident}. */
  private static String status(String html, String incident, String cssClass) {
    String row = row(html, "<tr class=\"corrective\" data-incident=\"" + incident + "\">");
    Matcher m =
        Pattern.compile("<td class=\"" + cssClass + "\">(.*?)</td>", Pattern.DOTALL).matcher(row);
    assertTrue(m.find(), cssClass + " in " + row);
    return m.group(1).replaceAll("<[^>]+>", "");
  }

  private static String row(String html, String start) {
    int at = html.indexOf(start);
    assertTrue(at >= 0, start);
    return html.substring(at, html.indexOf("</tr>", at));
  }

  @Test
  void executiveSummaryCountsGradesOpenOverdueAndEffectiveness() throws IOException {
    String html = report(export(ALL));
    // the existing figures stay
    assertEquals("5", text(html, "kpi-incidents"));
    assertEquals("4", text(html, "kpi-incidents-open"));
    assertEquals("1", text(html, "kpi-incidents-resolved"));
    assertEquals("0", text(html, "kpi-incidents-notified"), "no notification record");
    assertEquals("5", text(html, "kpi-incidents-not-notified"));

    assertEquals("1", text(html, "kpi-grade-major"));
    assertEquals("2", text(html, "kpi-grade-minor"), "one by the rule, one by an override");
    assertEquals("1", text(html, "kpi-grade-observation"));
    assertEquals("1", text(html, "kpi-grade-ungraded"));
    assertTrue(
        text(html, "summary-grades")
            .startsWith(
                "1 major, 2 minor, 1 observation, 1 ungraded (of 5 incidents with an event or"
                    + " corrective action in the period"),
        text(html, "summary-grades"));

    assertEquals("4", text(html, "kpi-corrective-open"));
    assertEquals("1", text(html, "kpi-corrective-overdue"));
    assertEquals("1", text(html, "kpi-corrective-closed"));
    assertEquals(
        "4 open (not closed), 1 overdue (open, grade major): credit-risk accuracy (critical):"
            + " accuracy is 0.7 (critical) in window 5 [inc-accuracy], 1 closed",
        text(html, "summary-corrective"));

    assertEquals("1", text(html, "kpi-effectiveness-verified"));
    assertEquals("1", text(html, "kpi-effectiveness-ineffective"));
    assertEquals("1", text(html, "kpi-effectiveness-pending"));
    assertEquals("2", text(html, "kpi-effectiveness-none"));
  }

  @Test
  void eachIncidentShowsWhereItsCorrectiveActionStands() throws IOException {
    String html = report(export(ALL));
    String credit = section(html, CREDIT);

    assertEquals("minor (rule)", status(credit, INC_FIXED, "ca-grade"));
    assertEquals("by alice at 2026-01-01T13:00:00Z", status(credit, INC_FIXED, "ca-ack"));
    assertEquals(
        ROOT_CAUSE + " (by carol at 2026-01-01T14:00:00Z)",
        status(credit, INC_FIXED, "ca-root-cause"));
    assertEquals("verified_effective", status(credit, INC_FIXED, "ca-effectiveness"));
    assertEquals("closed by alice at 2026-01-02T07:00:00Z", status(credit, INC_FIXED, "ca-state"));

    assertEquals("major (rule)", status(credit, INC_FAILED, "ca-grade"));
    assertEquals("by bob at 2026-01-01T16:00:00Z", status(credit, INC_FAILED, "ca-ack"));
    assertEquals("not recorded", status(credit, INC_FAILED, "ca-root-cause"));
    assertEquals("ineffective", status(credit, INC_FAILED, "ca-effectiveness"));
    assertEquals("overdue (open, major)", status(credit, INC_FAILED, "ca-state"));

    // the override wins over the rule, and says who set it and why
    assertEquals(
        "minor (set by dave at 2026-01-01T20:00:00Z: " + OVERRIDE_REASON + "; rule: observation)",
        status(credit, INC_OVERRIDE, "ca-grade"));
    assertEquals("not acknowledged", status(credit, INC_OVERRIDE, "ca-ack"));
    assertEquals("none", status(credit, INC_OVERRIDE, "ca-effectiveness"));
    assertEquals("open", status(credit, INC_OVERRIDE, "ca-state"));

    String churn = section(html, CHURN);
    assertEquals("observation (rule)", status(churn, INC_PENDING, "ca-grade"));
    assertEquals("pending", status(churn, INC_PENDING, "ca-effectiveness"));
    assertEquals("open", status(churn, INC_PENDING, "ca-state"));
    assertEquals("ungraded", status(churn, INC_UNGRADED, "ca-grade"));
    assertEquals("none", status(churn, INC_UNGRADED, "ca-effectiveness"));
    assertTrue(
        status(churn, INC_UNGRADED, "ca-grade").equals("ungraded")
            && churn.contains("<span class=\"status ungraded\">ungraded</span>"));
  }

  @Test
  void eachIncidentHasItsCorrectiveActionTimeline() throws IOException {
    String credit = section(report(export(ALL)), CREDIT);
    int start = credit.indexOf("<details class=\"lifecycle\" data-incident=\"" + INC_FIXED + "\">");
    assertTrue(start >= 0);
    String details = credit.substring(start, credit.indexOf("</details>", start));
    assertTrue(
        details.contains(
            "Lifecycle of incident "
                + INC_FIXED
                + " psi[income] (2 events, 6 corrective-action records)"),
        details);
    List<String> rows = new ArrayList<>();
    Matcher m =
        Pattern.compile("<table class=\"corrective-timeline\">.*?</table>", Pattern.DOTALL)
            .matcher(details);
    assertTrue(m.find());
    Matcher r = Pattern.compile("<tr>(<td.*?)</tr>").matcher(m.group());
    while (r.find()) {
      rows.add(r.group(1).replaceAll("</td><td[^>]*>", " | ").replaceAll("<[^>]+>", ""));
    }
    assertEquals(
        List.of(
            iso(12) + " | aimon (automatic) | grade_changed |  |  | graded minor: reached critical",
            iso(13) + " | alice | action_recorded | ack |  | ack by alice",
            iso(14)
                + " | carol | action_recorded | root_cause | "
                + ROOT_CAUSE
                + " | root_cause by carol",
            iso(15)
                + " | alice | action_recorded | action_applied | reference profile rebuilt with"
                + " yearly income | action_applied by alice: verifying effectiveness",
            iso(30)
                + " | aimon (automatic) | effectiveness_verified |  |  | action applied at "
                + iso(15)
                + " effective: 3 clean windows up to "
                + iso(30),
            iso(31)
                + " | alice | action_recorded | close |  | close by alice: closed with verified"
                + " effectiveness"),
        rows.stream().map(s -> s.substring(0, s.lastIndexOf(" | "))).toList());
    // the grade override shows its grade and reason as the operator's text
    assertTrue(
        credit.contains(
            "<td>dave</td><td>grade_overridden</td><td>grade</td><td>minor: "
                + OVERRIDE_REASON
                + "</td>"),
        credit);
  }

  @Test
  void csvRowsCarryTheCorrectiveActionColumns() throws IOException {
    List<CSVRecord> rows;
    try (Reader r =
            Files.newBufferedReader(export(ALL).resolve("records.csv"), StandardCharsets.UTF_8);
        CSVParser p =
            CSVParser.parse(
                r, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      assertEquals(RecordsCsv.COLUMNS, p.getHeaderNames());
      rows = p.getRecords();
    }
    // the columns before the corrective-action ones keep their positions
    assertEquals(
        List.of("summary", "hash", "action_type", "actor", "grade", "effectiveness", "text"),
        RecordsCsv.COLUMNS.subList(19, 26));
    List<CSVRecord> actions =
        rows.stream().filter(r -> r.get("kind").equals("corrective_action")).toList();
    assertEquals(18, actions.size(), "15 of credit-risk, 3 of churn");

    CSVRecord failed = only(actions, INC_FAILED, "effectiveness_failed");
    assertEquals(CREDIT, failed.get("model_id"));
    assertEquals(iso(18), failed.get("time"));
    assertEquals("", failed.get("actor"));
    assertEquals("", failed.get("action_type"));
    assertEquals("ineffective", failed.get("effectiveness"));
    assertEquals(
        "action applied at "
            + iso(17)
            + " ineffective: the incident was updated (critical) at "
            + iso(18),
        failed.get("summary"));
    assertEquals("10.2", failed.get("clauses"));
    assertEquals("", failed.get("window_start"));

    CSVRecord override = only(actions, INC_OVERRIDE, "grade_overridden");
    assertEquals("dave", override.get("actor"));
    assertEquals("grade", override.get("action_type"));
    assertEquals("minor", override.get("grade"));
    assertEquals(OVERRIDE_REASON, override.get("reason"));
    assertEquals("act-" + INC_OVERRIDE + "-" + at(20), override.get("action_id"));

    List<CSVRecord> rootCauses =
        actions.stream().filter(r -> r.get("action_type").equals("root_cause")).toList();
    assertEquals(1, rootCauses.size());
    assertEquals(INC_FIXED, rootCauses.get(0).get("incident_id"));
    assertEquals("action_recorded", rootCauses.get(0).get("event_type"));
    assertEquals("carol", rootCauses.get(0).get("actor"));
    assertEquals(ROOT_CAUSE, rootCauses.get(0).get("text"));

    CSVRecord grade = only(actions, INC_FAILED, "grade_changed", "major");
    assertEquals(iso(36), grade.get("time"));
    assertEquals("", grade.get("effectiveness"));
  }

  private static CSVRecord only(List<CSVRecord> rows, String incident, String event) {
    return only(rows, incident, event, null);
  }

  private static CSVRecord only(List<CSVRecord> rows, String incident, String event, String grade) {
    List<CSVRecord> found =
        rows.stream()
            .filter(r -> r.get("incident_id").equals(incident))
            .filter(r -> r.get("event_type").equals(event))
            .filter(r -> grade == null || r.get("grade").equals(grade))
            .toList();
    assertEquals(1, found.size(), incident + " " + event);
    return found.get(0);
  }

  @Test
  void oscalHasARiskPerIncidentLinkedFromItsFindingAndStillValidates() throws IOException {
    Path file = export(ALL).resolve("oscal-assessment-results.json");
    assertEquals(List.of(), OscalAssessmentResultsTest.validate(file));
    JsonNode ar = MAPPER.readTree(file.toFile()).get("assessment-results");
    JsonNode result = ar.at("/results/0");

    Map<String, JsonNode> risks = new HashMap<>();
    for (JsonNode risk : result.get("risks")) {
      risks.put(prop(risk, "incident-id"), risk);
    }
    assertEquals(5, risks.size());
    assertEquals("closed", risks.get(INC_FIXED).get("status").asText());
    assertEquals("remediating", risks.get(INC_FAILED).get("status").asText());
    assertEquals("open", risks.get(INC_OVERRIDE).get("status").asText());
    assertEquals("remediating", risks.get(INC_PENDING).get("status").asText());
    assertEquals("open", risks.get(INC_UNGRADED).get("status").asText());

    JsonNode failed = risks.get(INC_FAILED);
    assertEquals("major", prop(failed, "grade"));
    assertEquals("rule", prop(failed, "grade-source"));
    assertEquals("true", prop(failed, "overdue"));
    assertEquals("open", prop(failed, "corrective-action"));
    assertEquals("ineffective", prop(failed, "effectiveness"));
    assertEquals("bob", prop(failed, "acknowledged-by"));
    assertTrue(
        failed.get("statement").asText().endsWith("Open at the end of the period; overdue: major."),
        failed.get("statement").asText());
    assertEquals("ineffective", prop(failed.at("/remediations/0"), "effectiveness"));
    assertEquals("completed", failed.at("/remediations/0/lifecycle").asText());

    JsonNode override = risks.get(INC_OVERRIDE);
    assertEquals("minor", prop(override, "grade"));
    assertEquals("override", prop(override, "grade-source"));
    assertEquals("observation", prop(override, "rule-grade"));
    assertEquals("dave", prop(override, "grade-set-by"));
    assertEquals(OVERRIDE_REASON, prop(override, "grade-reason"));
    assertEquals("false", prop(override, "overdue"));
    assertFalse(override.has("remediations"), "a grade is no remediation");

    assertEquals("ungraded", prop(risks.get(INC_UNGRADED), "grade"));
    assertFalse(risks.get(INC_UNGRADED).has("risk-log"), "no record, no log");

    // the fixed incident: one remediation, verified effective, and a log of every record
    JsonNode fixed = risks.get(INC_FIXED);
    assertEquals("closed", prop(fixed, "corrective-action"));
    assertEquals(iso(31), prop(fixed, "closed-at"));
    assertEquals(ROOT_CAUSE, prop(fixed, "root-cause"));
    assertEquals(1, fixed.get("remediations").size());
    JsonNode remediation = fixed.at("/remediations/0");
    assertEquals(
        "reference profile rebuilt with yearly income", remediation.get("description").asText());
    assertEquals("verified_effective", prop(remediation, "effectiveness"));
    JsonNode entries = fixed.at("/risk-log/entries");
    assertEquals(6, entries.size());
    List<String> changes = new ArrayList<>();
    for (JsonNode e : entries) {
      changes.add(e.get("start").asText() + " " + e.path("status-change").asText("-"));
    }
    assertEquals(
        List.of(
            iso(12) + " -",
            iso(13) + " investigating",
            iso(14) + " -",
            iso(15) + " remediating",
            iso(30) + " -",
            iso(31) + " closed"),
        changes);
    assertEquals(
        remediation.get("uuid").asText(),
        entries.get(3).at("/related-responses/0/response-uuid").asText());

    // operators are the metadata's parties; log entries name them
    Map<String, String> parties = new HashMap<>();
    for (JsonNode p : ar.at("/metadata/parties")) {
      parties.put(p.get("uuid").asText(), p.get("name").asText());
    }
    assertEquals(
        List.of("alice", "bob", "carol", "dave", "erin"),
        parties.values().stream().sorted().toList());
    assertEquals("alice", parties.get(entries.get(1).at("/logged-by/0/party-uuid").asText()));
    assertFalse(entries.get(0).has("logged-by"), "the machine's grade is logged by no party");

    // each finding names the risk of its incident
    int incidents = 0;
    for (JsonNode f : result.get("findings")) {
      if (prop(f, "incident-id") == null) {
        assertNotNull(prop(f, "control-id"), "a control's finding: " + f);
        continue;
      }
      incidents++;
      JsonNode risk = risks.get(prop(f, "incident-id"));
      assertNotNull(risk, f.toString());
      assertEquals(risk.get("uuid").asText(), f.at("/related-risks/0/risk-uuid").asText());
    }
    assertEquals(5, incidents);
  }

  @Test
  void anIncidentWithOnlyCorrectiveActionsInThePeriodIsListedAndValid() throws IOException {
    // from 30 h: the fixed incident's lifecycle lies before, its verification and close inside
    Path out = export(new AuditExport.Selection(at(30), ALL.to(), null));
    String html = report(out);
    String credit = section(html, CREDIT);
    String incidentRow = row(credit, "<tr class=\"incident\" data-incident=\"" + INC_FIXED + "\">");
    assertTrue(incidentRow.contains("no event in the period"), incidentRow);
    // nothing of it was there to communicate in the period: neither notified nor not
    assertTrue(incidentRow.endsWith("<td class=\"communication\"></td>"), incidentRow);
    assertTrue(incidentRow.contains("<td>" + CREDIT + "/psi/feature=income</td>"), incidentRow);
    assertEquals("ungraded", status(credit, INC_FIXED, "ca-grade"));
    assertEquals("verified_effective", status(credit, INC_FIXED, "ca-effectiveness"));
    assertEquals("closed by alice at 2026-01-02T07:00:00Z", status(credit, INC_FIXED, "ca-state"));
    // in the period: the fixed incident (closed), the failed one (updated and graded major at
    // 36 h) and churn's ungraded one (opened at 42 h); the others have no record from 30 h on
    assertEquals("2", text(html, "kpi-incidents"), "incidents with lifecycle events");
    assertEquals("1", text(html, "kpi-grade-major"));
    assertEquals("2", text(html, "kpi-grade-ungraded"));
    assertEquals("2", text(html, "kpi-corrective-open"));
    assertEquals("1", text(html, "kpi-corrective-closed"));
    assertEquals("1", text(html, "kpi-corrective-overdue"));
    assertEquals("1", text(html, "kpi-effectiveness-verified"));

    Path file = out.resolve("oscal-assessment-results.json");
    assertEquals(List.of(), OscalAssessmentResultsTest.validate(file));
    JsonNode result = MAPPER.readTree(file.toFile()).at("/assessment-results/results/0");
    for (JsonNode f : result.get("findings")) {
      if (INC_FIXED.equals(prop(f, "incident-id"))) {
        assertEquals("satisfied", f.at("/target/status/state").asText());
        assertEquals("closed", prop(f, "corrective-action"));
        return;
      }
    }
    throw new AssertionError("no finding of " + INC_FIXED);
  }
}
