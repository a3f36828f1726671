package io.aimon.evidence.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aimon.alerting.remediation.ActionType;
import io.aimon.alerting.remediation.RemediationEvent;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.HashChain;
import io.aimon.evidence.Payloads;
import io.aimon.evidence.payload.CorrectiveActionEvidence;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** {@code records.csv} never hands a spreadsheet a formula, and keeps numbers as archived. */
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
}
