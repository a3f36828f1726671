package io.aimon.evidence.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.alerting.remediation.ActionType;
import io.aimon.alerting.remediation.RemediationEvent;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.CheckStatus;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.HashChain;
import io.aimon.evidence.Manifest;
import io.aimon.evidence.Payloads;
import io.aimon.evidence.payload.CheckEvidence;
import io.aimon.evidence.payload.CorrectiveActionEvidence;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code records.csv}, through {@link Csv}, never hands a spreadsheet a formula, and keeps numbers
 * as archived.
 */
class RecordsCsvTest {
  private static final long START = 1_767_225_600_000L;
  private static final long END = START + 3_600_000L;

  private static CSVRecord row(EvidenceRecord r) throws Exception {
    StringWriter w = new StringWriter();
    RecordsCsv.writeHeader(w);
    RecordsCsv.write(w, ExportRecord.of(r, r.toJson(), 0));
    List<CSVRecord> rows =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .build()
            .parse(new java.io.StringReader(w.toString()))
            .getRecords();
    assertEquals(1, rows.size());
    return rows.get(0);
  }

  @Test
  void textAnOperatorOrProducerWroteNeverStartsAFormula() throws Exception {
    RemediationEvent e =
        new RemediationEvent(
            RemediationEvent.ACTION_RECORDED,
            "inc-7",
            "credit-risk",
            "credit-risk/psi/feature=income",
            END,
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "act-1",
            ActionType.NOTE,
            "+1 call the vendor",
            null,
            "@SUM(A1)",
            null,
            "-looks fine");
    EvidenceRecord r =
        HashChain.append(
            HashChain.State.INITIAL,
            "credit-risk",
            END,
            null,
            null,
            new CorrectiveActionEvidence(e));

    CSVRecord row = row(r);
    assertEquals("'=HYPERLINK(\"http://evil.example\",\"x\")", row.get("actor"));
    assertEquals("'+1 call the vendor", row.get("text"));
    assertEquals("'@SUM(A1)", row.get("reason"));
    assertEquals("'-looks fine", row.get("summary"));
    assertEquals("inc-7", row.get("incident_id"));
  }

  @Test
  void negativeNumbersAreWrittenAsArchived() throws Exception {
    EvidenceRecord r =
        HashChain.append(
            HashChain.State.INITIAL,
            "credit-risk",
            END,
            START,
            END,
            Payloads.check("credit-risk", START, END, "r2", null, -0.05, "ok"));

    CSVRecord row = row(r);
    assertEquals("-0.05", row.get("value"));
    assertEquals("r2", row.get("metric"));
  }

  @Test
  void anExportNeverHandsTheSpreadsheetAFormula(@TempDir Path tmp) throws Exception {
    String hyperlink = "=HYPERLINK(\"http://x\",\"y\")";
    String dde = "+cmd|' /C calc'!A0";
    String sum = "@SUM(1+1)";
    CheckEvidence fairness =
        new CheckEvidence(
            CheckResult.builder()
                .checkId("credit-risk-dpr-" + START)
                .modelId("credit-risk")
                .modelVersion("3")
                .window(START, END)
                .metric("demographic_parity_ratio")
                .group("sex", hyperlink)
                .value(0.91)
                .n(1000)
                .threshold(0.8)
                .status(CheckStatus.OK)
                .referenceDigest("7ebb1eb2")
                .build(),
            "c0ffee",
            "0.1.0");
    RemediationEvent action =
        new RemediationEvent(
            RemediationEvent.ACTION_RECORDED,
            "inc-7",
            "credit-risk",
            "credit-risk/psi/feature=income",
            END,
            dde,
            "act-1",
            ActionType.NOTE,
            sum,
            null,
            null,
            null,
            "noted");
    EvidenceRecord first =
        HashChain.append(HashChain.State.INITIAL, "credit-risk", END, START, END, fairness);
    EvidenceRecord second =
        HashChain.append(
            HashChain.after(first),
            "credit-risk",
            END,
            null,
            null,
            new CorrectiveActionEvidence(action));
    Path archive = tmp.resolve("evidence");
    Files.createDirectories(archive);
    Files.write(
        archive.resolve("part-0.jsonl"),
        List.of(
            first.toJson(),
            second.toJson(),
            Manifest.sign(
                    "credit-risk", START, END, List.of(first, second), ExportFixtures.TEST_KEYS)
                .toJson()));

    Path out = tmp.resolve("bundle");
    ExportSummary summary =
        AuditExport.export(
            archive,
            new AuditExport.Selection(START, END + 1, null),
            out,
            ExportFixtures.TEST_KEYS.getPublic(),
            null);
    assertTrue(summary.verified());
    List<CSVRecord> rows =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .build()
            .parse(Files.newBufferedReader(out.resolve("records.csv")))
            .getRecords();

    assertEquals(2, rows.size());
    assertEquals("'" + hyperlink, rows.get(0).get("group"));
    assertEquals("sex", rows.get(0).get("attribute"));
    assertEquals("0.91", rows.get(0).get("value"));
    assertEquals("'" + dde, rows.get(1).get("actor"));
    assertEquals("'" + sum, rows.get(1).get("text"));
    for (CSVRecord row : rows) {
      for (String cell : row) {
        assertFalse(
            !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0,
            "a cell a spreadsheet would run: " + cell);
      }
    }
  }

  @Test
  void aNumberColumnHoldingTextIsNeutralisedToo() throws Exception {
    StringWriter w = new StringWriter();
    Csv.row(w, java.util.Arrays.asList("=1+1", "-0.05", "-1e-3", "@A1", null), Set.of(0, 1, 2, 3));
    assertEquals("'=1+1,-0.05,-1e-3,'@A1,\r\n", w.toString());
  }
}
