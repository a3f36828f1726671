package io.aimon.evidence.export;

import static io.aimon.evidence.export.ExportFixtures.CHURN;
import static io.aimon.evidence.export.ExportFixtures.TEST_KEYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.alerting.remediation.ActionType;
import io.aimon.alerting.remediation.RemediationEvent;
import io.aimon.alerting.remediation.SeriousCategory;
import io.aimon.evidence.EvidenceKind;
import io.aimon.evidence.payload.CorrectiveActionEvidence;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serious incidents (EU AI Act Art. 73) in the report: each declaration with its deadline, the
 * report if any, and what is overdue at the end of the period, in the model's section and the
 * executive summary.
 */
class SeriousIncidentExportTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long T0 = ExportFixtures.T0.toEpochMilli();
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  @TempDir Path tmp;

  private static RemediationEvent declared(
      String incident, long at, SeriousCategory category, Duration within) {
    return new RemediationEvent(
        RemediationEvent.ACTION_RECORDED,
        incident,
        CHURN,
        CHURN + "/psi/feature=tenure",
        at,
        "alice",
        "act-" + incident,
        ActionType.SERIOUS,
        "customers refused service",
        null,
        null,
        null,
        "serious by alice",
        category,
        at + within.toMillis());
  }

  private static RemediationEvent reported(String incident, long at) {
    return new RemediationEvent(
        RemediationEvent.ACTION_RECORDED,
        incident,
        CHURN,
        CHURN + "/psi/feature=tenure",
        at,
        "alice",
        "act-r-" + incident,
        ActionType.SERIOUS_REPORTED,
        "to the market surveillance authority, ref " + incident,
        null,
        null,
        null,
        "serious_reported by alice");
  }

  private Path archive() {
    Map<Path, List<String>> files = new LinkedHashMap<>();
    ExportFixtures.Chain c = new ExportFixtures.Chain(CHURN);
    long start = ExportFixtures.windowStart(0);
    long end = ExportFixtures.windowEnd(0);
    ObjectNode cov = MAPPER.createObjectNode();
    cov.put("window_start", Instant.ofEpochMilli(start).toString());
    cov.put("window_end", Instant.ofEpochMilli(end).toString());
    cov.put("events", 1000);
    cov.put("checks", 0);
    cov.put("breaches", 0);
    c.add(EvidenceKind.COVERAGE, end, start, end, cov);
    List<RemediationEvent> events =
        List.of(
            declared("inc-overdue", T0 + HOUR, SeriousCategory.OTHER, Duration.ofDays(15)),
            declared(
                "inc-reported",
                T0 + 2 * HOUR,
                SeriousCategory.CRITICAL_INFRASTRUCTURE,
                Duration.ofDays(2)),
            declared("inc-late", T0 + 3 * HOUR, SeriousCategory.DEATH, Duration.ofDays(10)),
            reported("inc-reported", T0 + 20 * HOUR),
            reported("inc-late", T0 + 12 * DAY),
            declared("inc-due", T0 + 20 * DAY, SeriousCategory.OTHER, Duration.ofDays(15)));
    for (RemediationEvent e : events) {
      c.add(e.time(), null, null, new CorrectiveActionEvidence(e));
    }
    c.seal(files, start, end);
    Path dir = tmp.resolve("evidence");
    ExportFixtures.write(dir, files);
    return dir;
  }

  @Test
  void overdueReportsAreNamedInTheSummaryAndEachDeclarationIsListed() throws Exception {
    Path bundle = tmp.resolve("bundle");
    AuditExport.Selection period = new AuditExport.Selection(T0, T0 + 30 * DAY, null);
    AuditExport.export(archive(), period, bundle, TEST_KEYS.getPublic(), null);
    String html = Files.readString(bundle.resolve("report.html"), StandardCharsets.UTF_8);
    assertEquals(
        "4 declared: 1 reported in time, 1 reported late, 1 overdue (churn churn/psi/feature=tenure"
            + " (unknown) ["
            + "inc-overdue], due 2026-01-16T01:00:00Z), 1 not yet due",
        HtmlReportTest.text(html, "summary-serious"));
    String section = HtmlReportTest.section(html, CHURN);
    assertTrue(
        section.contains(
            "<caption>Serious incidents (EU AI Act Art. 73), as of 2026-01-31T00:00:00Z</caption>"),
        section);
    assertTrue(
        section.contains(
            "<td>death</td><td>2026-01-01T03:00:00Z by alice</td><td>customers refused"
                + " service</td><td>2026-01-11T03:00:00Z</td><td>2026-01-13T00:00:00Z: to the"
                + " market surveillance authority, ref inc-late</td><td>reported late</td>"),
        section);
    assertTrue(section.contains("<td>not reported</td><td>overdue</td>"), section);
    assertTrue(section.contains("<td>not reported</td><td>due</td>"), section);
  }
}
