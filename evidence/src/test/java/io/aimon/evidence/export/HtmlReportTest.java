package io.aimon.evidence.export;

import static io.aimon.evidence.export.ExportFixtures.ALL;
import static io.aimon.evidence.export.ExportFixtures.HOUR;
import static io.aimon.evidence.export.ExportFixtures.RUNBOOK;
import static io.aimon.evidence.export.ExportFixtures.T0;
import static io.aimon.evidence.export.ExportFixtures.TEST_KEYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html: executive summary, charts, incidents, clause gaps; self-contained and escaped. */
class HtmlReportTest {
  @TempDir Path tmp;

  private String report(Path archive, AuditExport.Selection selection) throws IOException {
    Path out = tmp.resolve("bundle-" + selection.from() + "-" + selection.to());
    AuditExport.export(archive, selection, out, TEST_KEYS.getPublic(), null);
    return Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
  }

  private String report() throws IOException {
    return report(ExportFixtures.archive(tmp.resolve("evidence")), ALL);
  }

  /** The text of the element with this id, tags removed. */
  static String text(String html, String id) {
    Matcher m =
        Pattern.compile(
                "<(\\w+)[^>]*\\sid=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</\\1>", Pattern.DOTALL)
            .matcher(html);
    assertTrue(m.find(), "no element " + id);
    return m.group(2).replaceAll("<[^>]+>", "");
  }

  /** The part of the page for {@code model}. */
  static String section(String html, String model) {
    int start = html.indexOf("data-model=\"" + model + "\"");
    assertTrue(start >= 0, model);
    return html.substring(start, html.indexOf("</section>", start));
  }

  @Test
  void opensWithTheExecutiveSummaryNumbers() throws IOException {
    String html = report();
    assertTrue(html.indexOf("id=\"executive-summary\"") < html.indexOf("class=\"model\""));
    assertEquals(
        "2026-01-01T00:00:00Z to 2026-01-03T00:00:00Z (48 h)", text(html, "summary-period"));
    assertEquals("2", text(html, "kpi-models"));
    assertEquals("2: churn, credit-risk", text(html, "summary-models"));
    assertEquals("16", text(html, "kpi-windows-covered"));
    assertEquals("16", text(html, "kpi-windows-expected"));
    assertTrue(text(html, "summary-windows").endsWith("contiguous"));
    assertEquals("56", text(html, "kpi-checks"));
    assertEquals("6", text(html, "kpi-breaching-checks"));
    assertTrue(
        text(html, "summary-checks").contains("ok 50, warning 4, critical 2, insufficient_data 0"),
        text(html, "summary-checks"));
    assertEquals("2", text(html, "kpi-incidents"));
    assertEquals("1", text(html, "kpi-incidents-open"));
    assertEquals("1", text(html, "kpi-incidents-resolved"));
    // the fixture's archive holds no notification record: both incidents read as not notified
    assertEquals(
        "0 notified, 2 not notified (2 without a notification record in the period: the alert job"
            + " may not run, or notification evidence may not be configured); deliveries to"
            + " notifiers: 0 delivered, 0 failed",
        text(html, "summary-communication"));
    assertTrue(
        html.contains(
            "<tr data-severity=\"critical\"><td><span class=\"status critical\">critical</span></td><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">1</td></tr>"));
    assertTrue(
        html.contains(
            "<tr data-severity=\"warning\"><td><span class=\"status warning\">warning</span></td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">1</td></tr>"));
    assertTrue(
        text(html, "summary-integrity")
            .startsWith("verified 2 models, 77 records, 16 manifests: intact"));
    assertEquals(
        "4 of 8 clauses and controls met, 2 not exercised (no incident or deployment); 2 with a GAP: 9.1 (no_monitoring_plan: 56 checks);"
            + " A.8.4 (incident_not_communicated: 2 incidents); see the control coverage below",
        text(html, "summary-clauses"));
    assertTrue(text(html, "summary-trend").contains("No trend"), "no evidence before T0");
    assertEquals(
        "none recorded; no plan recorded for churn, credit-risk", text(html, "summary-plans"));
    // with the plans recorded, each model's plan is named
    String planned = report(ExportFixtures.archive(tmp.resolve("planned"), Set.of(), true), ALL);
    assertEquals("churn: 1 plan, credit-risk: 1 plan in force", text(planned, "summary-plans"));
  }

  @Test
  void trendComparesWithThePreviousPeriodOfEqualLength() throws IOException {
    long from = T0.toEpochMilli() + 24 * HOUR;
    String html =
        report(
            ExportFixtures.archive(tmp.resolve("evidence")),
            new AuditExport.Selection(from, from + 24 * HOUR, null));
    // previous period: window ends 6 h, 12 h, 18 h; this one: 24 h .. 42 h
    assertTrue(html.contains("Previous period: 2026-01-01T00:00:00Z to 2026-01-02T00:00:00Z."));
    assertTrue(
        row(html, "trend-breaching-checks")
            .matches(
                ".*<td class=\"num\">1</td><td class=\"num\">4</td><td><span class=\"up\">&#9650; up 3</span>.*"),
        row(html, "trend-breaching-checks"));
    assertTrue(
        row(html, "trend-incidents-opened")
            .matches(
                ".*<td class=\"num\">1</td><td class=\"num\">0</td><td><span class=\"down\">&#9660; down 1</span>.*"));
    assertTrue(
        row(html, "trend-windows-covered")
            .contains("<td class=\"num\">6</td><td class=\"num\">8</td>"));
    assertEquals("8", text(html, "kpi-windows-expected"));
  }

  private static String row(String html, String id) {
    int start = html.indexOf("<tr id=\"" + id + "\">");
    assertTrue(start >= 0, id);
    return html.substring(start, html.indexOf("</tr>", start));
  }

  @Test
  void chartsOneSvgPerSeriesWithAThresholdLine() throws IOException {
    String html = report();
    List<String> charts = new ArrayList<>();
    Matcher m = Pattern.compile("<svg class=\"chart\".*?</svg>", Pattern.DOTALL).matcher(html);
    while (m.find()) {
      charts.add(m.group());
    }
    // credit-risk: psi[income], accuracy, demographic_parity_ratio[gender]; churn: psi, accuracy
    assertEquals(5, charts.size());
    assertEquals(5, html.split("<svg class=\"chart\"", -1).length - 1);
    for (String svg : charts) {
      assertTrue(svg.contains("<polyline class=\"series\""), svg);
      assertTrue(svg.contains("<line class=\"threshold warning\""), svg);
      assertTrue(svg.contains("<g class=\"legend\">"), svg);
    }
    String credit = section(html, "credit-risk");
    assertTrue(credit.contains("<title>psi[income]</title>"));
    assertTrue(credit.contains("<title>demographic_parity_ratio[gender]</title>"));
    assertFalse(credit.contains("<title>count</title>"), "no threshold, no chart");
    // psi[income] was judged against the warning (0.1) and the critical (0.25) level
    String psi =
        charts.stream()
            .filter(c -> c.contains("<title>psi[income]</title>"))
            .findFirst()
            .orElseThrow();
    assertEquals(1, psi.split("<line class=\"threshold warning\"", -1).length - 1);
    assertEquals(1, psi.split("<line class=\"threshold critical\"", -1).length - 1);
    assertTrue(psi.contains(">warning 0.1</text>"), psi);
    assertTrue(psi.contains(">critical 0.25</text>"), psi);
    // the legend names both levels and the critical breaches
    assertTrue(psi.contains(">warning threshold</text>"), psi);
    assertTrue(psi.contains(">critical threshold</text>"), psi);
    assertTrue(psi.contains(">critical window</text>"), psi);
    assertEquals(2, psi.split("<circle class=\"point breach critical\"", -1).length - 1);
  }

  @Test
  void chartsAreBoundedPerModelAndSayHowManyWereLeftOut() throws IOException {
    String html =
        report(
            ExportFixtures.wideArchive(tmp.resolve("wide"), 45, 3),
            new AuditExport.Selection(T0.toEpochMilli(), T0.toEpochMilli() + 24 * HOUR, null));
    assertEquals(ModelSection.MAX_CHARTS, html.split("<svg class=\"chart\"", -1).length - 1);
    // the three that breached (f42..f44) come first
    int first = html.indexOf("<svg class=\"chart\"");
    assertTrue(
        html.substring(first, html.indexOf("</svg>", first)).contains("<title>psi[f42]</title>"));
    assertTrue(html.contains("5 more series with a threshold not charted"), html);
    assertTrue(html.contains("psi[f37], psi[f38], psi[f39], psi[f40], psi[f41]"));
  }

  @Test
  void incidentsShowTheirLifecycle() throws IOException {
    String credit = section(report(), "credit-risk");
    int row = credit.indexOf("data-incident=\"inc-psi-income\"");
    String psi = credit.substring(row, credit.indexOf("</tr>", row));
    assertTrue(psi.contains("<span class=\"status resolved\">resolved</span>"), psi);
    assertTrue(psi.contains("<td>2026-01-01T18:00:00Z</td>"), "opened");
    assertTrue(psi.contains("<td>1x, last 2026-01-02T00:00:00Z</td>"), "updated");
    assertTrue(psi.contains("<td>2026-01-02T12:00:00Z</td>"), "resolved");
    assertTrue(psi.contains("<a href=\"" + RUNBOOK + "\" rel=\"noopener noreferrer\">runbook</a>"));
    assertTrue(
        credit.contains(
            "Lifecycle of incident inc-psi-income psi[income] (3 events, 1 corrective-action"
                + " record)"));
    assertTrue(
        credit.contains(
            "<tr><td>2026-01-02T12:00:00Z</td><td>alice</td><td>action_recorded</td>"
                + "<td>action_applied</td><td>reference refreshed</td>"
                + "<td>action_applied by alice: verifying effectiveness</td>"),
        credit);
    int acc = credit.indexOf("data-incident=\"inc-accuracy\"");
    assertTrue(
        credit
            .substring(acc, credit.indexOf("</tr>", acc))
            .contains("<span class=\"status open\">open</span>"));
  }

  /** The row of control {@code id} in {@code html}'s first control table. */
  private static String controlRow(String html, String id) {
    int at = html.indexOf("data-id=\"" + id + "\"");
    assertTrue(at >= 0, id);
    return html.substring(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
  }

  @Test
  void controlTableShowsEachGapWithItsReason() throws IOException {
    String html = report();
    // credit-risk's two incidents were never notified: A.8.4 has records but is a gap
    String credit = section(html, "credit-risk");
    String a84 = controlRow(credit, "A.8.4");
    assertTrue(a84.startsWith("<tr class=\"gap\" data-id=\"A.8.4\" data-status=\"gap\">"), a84);
    assertTrue(a84.contains(">GAP</span>"), a84);
    assertTrue(a84.contains("<li data-reason=\"incident_not_communicated\">"), a84);
    assertTrue(
        a84.contains("2 incidents never communicated (no notification delivered): psi[income]"),
        a84);
    assertTrue(controlRow(credit, "A.6.2.6").contains(">met</span>"));
    // churn had no incident: 10.2 and A.8.4 are not exercised, not met and not gaps
    String churn = section(html, "churn");
    for (String id : List.of("10.2", "A.8.4")) {
      String row = controlRow(churn, id);
      assertTrue(row.contains("data-status=\"not-exercised\""), row);
      assertTrue(row.contains("<td class=\"num\">0</td>"), row);
      assertFalse(row.contains("GAP"), row);
    }
    assertTrue(controlRow(churn, "A.6.2.6").contains("<td class=\"num\">16</td><td>check 16</td>"));
    // the fixture records no monitoring plan: 9.1 is churn's only gap
    assertTrue(controlRow(churn, "9.1").contains("<li data-reason=\"no_monitoring_plan\">"));
    assertEquals(1, churn.split(">GAP</span>", -1).length - 1);
    // the summary's table over all models has the gap too, its incidents named by model
    String summary = html.substring(0, html.indexOf("class=\"model\""));
    assertTrue(
        controlRow(summary, "A.8.4").contains("credit-risk psi[income] (critical)"),
        controlRow(summary, "A.8.4"));
  }

  @Test
  void theCrosswalkCountsTheRecordsOfEachArticleAndSubcategory() throws IOException {
    String html = report();
    // the fixture: 56 checks, 16 coverage records, 5 incident events, 1 corrective action
    assertTrue(
        refRow(html, "Art. 12").contains("<td class=\"num\">72</td><td>check 56, coverage 16</td>"),
        refRow(html, "Art. 12"));
    assertTrue(refRow(html, "MEASURE 2.11").contains("<td class=\"num\">56</td><td>check 56</td>"));
    assertTrue(refRow(html, "MANAGE 4.1").contains("incident "), refRow(html, "MANAGE 4.1"));
  }

  private static String refRow(String html, String ref) {
    int at = html.indexOf("<tr data-ref=\"" + ref + "\">");
    assertTrue(at >= 0, ref);
    return html.substring(at, html.indexOf("</tr>", at));
  }

  @Test
  void coverageGapIsReported() throws IOException {
    String html = report(ExportFixtures.archive(tmp.resolve("evidence"), Set.of("churn/5")), ALL);
    assertEquals("15", text(html, "kpi-windows-covered"));
    assertEquals("16", text(html, "kpi-windows-expected"));
    assertTrue(text(html, "summary-windows").contains("1 window missing"));
    assertTrue(
        section(html, "churn")
            .contains("no coverage 2026-01-02T06:00:00Z to 2026-01-02T12:00:00Z (1 window)"));
  }

  @Test
  void pageIsSelfContainedAndEscaped() throws IOException {
    String html = report();
    assertFalse(html.contains("<script"));
    assertFalse(html.contains("<link"));
    assertFalse(html.contains("<img"));
    assertFalse(html.contains("@import"));
    assertFalse(html.contains("url("));
    Matcher m = Pattern.compile("<(\\w+)[^>]*\\s(src|href)\\s*=\\s*\"(https?:)?//").matcher(html);
    while (m.find()) {
      assertEquals("a", m.group(1), "only plain links may point outside: " + m.group());
    }
    assertFalse(Pattern.compile("\\ssrc\\s*=").matcher(html).find());
    // the summary "accuracy is 0.83 (warning < 0.85)" is escaped
    assertTrue(html.contains("(warning &lt; 0.85)"));
    assertFalse(html.contains("(warning < 0.85)"));
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.endsWith("</html>\n"));
  }

  @Test
  void escapeCoversMarkupAndQuotes() {
    assertEquals("&lt;script&gt;a&amp;b&quot;c&#39;", Html.esc("<script>a&b\"c'"));
    assertEquals("javascript:alert(1)", Html.link("javascript:alert(1)", "runbook"));
  }
}
