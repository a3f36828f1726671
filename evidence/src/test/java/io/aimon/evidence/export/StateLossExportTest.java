package io.aimon.evidence.export;

import static io.aimon.evidence.export.ExportFixtures.ALL;
import static io.aimon.evidence.export.ExportFixtures.CREDIT;
import static io.aimon.evidence.export.ExportFixtures.TEST_KEYS;
import static io.aimon.evidence.export.ExportFixtures.WINDOW;
import static io.aimon.evidence.export.ExportFixtures.windowEnd;
import static io.aimon.evidence.export.ExportFixtures.windowStart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.evidence.ChainState;
import io.aimon.evidence.ChainTail;
import io.aimon.evidence.ChainWriter;
import io.aimon.evidence.EvidenceItem;
import io.aimon.evidence.payload.CoverageEvidence;
import io.aimon.evidence.payload.StateLossEvidence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive whose chain was continued after a lost state: the audit bundle shows the break in the
 * model's section of the report, counts it under 9.1 and 10.2, and lists it in records.csv.
 */
class StateLossExportTest {
  @TempDir Path tmp;

  @Test
  void theBreakIsShownInTheReportAndTheRecords() throws IOException {
    ChainWriter writer = new ChainWriter(CREDIT, WINDOW, TEST_KEYS);
    List<String> lines = new ArrayList<>();
    ChainState earlier = new ChainState();
    writer.append(earlier, List.of(coverage(0))).forEach(l -> lines.add(l.toJson()));
    ChainTail.Reader reader = new ChainTail.Reader(CREDIT);
    lines.forEach(reader::line);
    ChainTail tail = reader.tail();
    ChainState continued = ChainState.continuing(tail);
    StateLossEvidence loss =
        StateLossEvidence.of(1, 0, "no checkpoint", List.of("trace"), "2026-01-01T07:00:00Z");
    writer
        .append(continued, List.of(new EvidenceItem(CREDIT, tail.time(), null, null, "l", loss)))
        .forEach(l -> lines.add(l.toJson()));
    writer.append(continued, List.of(coverage(1))).forEach(l -> lines.add(l.toJson()));
    Path archive = Files.createDirectories(tmp.resolve("evidence"));
    Files.write(archive.resolve("evidence-0.jsonl"), lines);

    Path out = tmp.resolve("bundle");
    AuditExport.export(archive, ALL, out, TEST_KEYS.getPublic(), null);
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    String section = HtmlReportTest.section(html, CREDIT);
    assertTrue(section.contains("<h3>Breaks in the monitoring</h3>"), section);
    assertTrue(section.contains("seq 2: " + loss.summary()), section);
    assertTrue(section.contains("coverage 2, "), section);
    assertTrue(section.contains("state_loss 1, monitoring_plan 0, deployment 0)"), section);
    List<String> csv = Files.readAllLines(out.resolve("records.csv"));
    assertEquals(1, csv.stream().filter(l -> l.contains("state_loss")).count(), csv.toString());
  }

  private static EvidenceItem coverage(int w) {
    return new EvidenceItem(
        CREDIT,
        windowEnd(w),
        windowStart(w),
        windowEnd(w),
        "coverage",
        CoverageEvidence.of(windowStart(w), windowEnd(w), 10, 0, 0, List.of()));
  }
}
