package io.aimon.evidence.export;

import static io.aimon.evidence.export.ExportFixtures.ALL;
import static io.aimon.evidence.export.ExportFixtures.CHURN;
import static io.aimon.evidence.export.ExportFixtures.CREDIT;
import static io.aimon.evidence.export.ExportFixtures.HOUR;
import static io.aimon.evidence.export.ExportFixtures.INC_PSI;
import static io.aimon.evidence.export.ExportFixtures.MANIFESTS;
import static io.aimon.evidence.export.ExportFixtures.RECORDS;
import static io.aimon.evidence.export.ExportFixtures.T0;
import static io.aimon.evidence.export.ExportFixtures.TEST_KEYS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aimon.evidence.Ed25519Keys;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.Manifest;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundle: its files, records as archived and as CSV, selections, zip, progress, determinism.
 */
class AuditExportTest {
  static final List<String> FILES =
      List.of(
          "records.jsonl",
          "records.csv",
          "manifests.jsonl",
          "verification.txt",
          "verification.json",
          "oscal-assessment-results.json",
          "report.html");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path tmp;

  private Path archive() {
    return ExportFixtures.archive(tmp.resolve("evidence"));
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  @Test
  void exportWritesEveryFileOfTheBundle() throws IOException {
    Path out = tmp.resolve("bundle");
    ExportSummary s = AuditExport.export(archive(), ALL, out, TEST_KEYS.getPublic(), null);

    assertEquals(FILES, s.files());
    assertEquals(RECORDS, s.records());
    assertEquals(MANIFESTS, s.manifests());
    assertEquals(2, s.models());
    assertTrue(s.verified());
    long bytes = 0;
    for (String f : FILES) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
      bytes += Files.size(out.resolve(f));
    }
    assertEquals(bytes, s.bytes());
    try (var list = Files.list(out)) {
      assertEquals(FILES.size(), list.count());
    }
  }

  @Test
  void recordsJsonlHoldsTheArchivedLinesInModelThenSeqOrder() throws IOException {
    Path dir = archive();
    Path out = tmp.resolve("bundle");
    AuditExport.export(dir, ALL, out, TEST_KEYS.getPublic(), null);

    List<String> archived =
        new ArrayList<>(
            ExportFixtures.archiveLines(dir).stream()
                .filter(l -> !l.contains("\"kind\":\"manifest\""))
                .toList());
    archived.sort(
        Comparator.comparing((String l) -> EvidenceRecord.fromJson(l).modelId())
            .thenComparingLong(l -> EvidenceRecord.fromJson(l).seq()));
    List<String> exported = lines(out.resolve("records.jsonl"));
    assertEquals(archived, exported);
    assertEquals(CHURN, EvidenceRecord.fromJson(exported.get(0)).modelId());
    assertEquals(1, EvidenceRecord.fromJson(exported.get(0)).seq());

    List<String> manifests = lines(out.resolve("manifests.jsonl"));
    assertEquals(MANIFESTS, manifests.size());
    for (String m : manifests) {
      assertTrue(Manifest.fromJson(m).signatureValid(TEST_KEYS.getPublic()));
    }
  }

  @Test
  void csvHasOneRowPerRecordAndParsesBackWithAnRfc4180Parser() throws IOException {
    Path out = tmp.resolve("bundle");
    AuditExport.export(archive(), ALL, out, TEST_KEYS.getPublic(), null);

    List<String> jsonl = lines(out.resolve("records.jsonl"));
    String csvText = Files.readString(out.resolve("records.csv"), StandardCharsets.UTF_8);
    assertTrue(csvText.contains("\r\n"), "RFC 4180 line ends");
    List<CSVRecord> rows;
    List<String> header;
    try (Reader r = Files.newBufferedReader(out.resolve("records.csv"), StandardCharsets.UTF_8);
        CSVParser p =
            CSVParser.parse(
                r, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      header = p.getHeaderNames();
      rows = p.getRecords();
    }
    assertEquals(RecordsCsv.COLUMNS, header);
    assertEquals(RECORDS, rows.size());
    assertEquals(jsonl.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      EvidenceRecord rec = EvidenceRecord.fromJson(jsonl.get(i));
      CSVRecord row = rows.get(i);
      assertEquals(rec.modelId(), row.get("model_id"));
      assertEquals(Long.toString(rec.seq()), row.get("seq"));
      assertEquals(rec.kind().code(), row.get("kind"));
      assertEquals(rec.hash(), row.get("hash"));
      assertEquals(String.join(";", rec.controls()), row.get("controls"));
    }

    Map<String, CSVRecord> bySeq = new LinkedHashMap<>();
    rows.stream()
        .filter(r -> r.get("model_id").equals(CREDIT))
        .forEach(r -> bySeq.put(r.get("seq"), r));
    // credit-risk seq 13: window 2's psi[income], critical
    CSVRecord psi = bySeq.get("13");
    assertEquals("check", psi.get("kind"));
    assertEquals("psi", psi.get("metric"));
    assertEquals("income", psi.get("feature"));
    assertEquals("0.4", psi.get("value"));
    assertEquals("0.25", psi.get("threshold"));
    assertEquals("critical", psi.get("status"));
    assertEquals("1002", psi.get("n"));
    assertEquals("2026-01-01T18:00:00Z", psi.get("time"));
    assertEquals("2026-01-01T12:00:00Z", psi.get("window_start"));
    assertEquals("9.1", psi.get("clauses"));
    assertEquals("A.6.2.6", psi.get("controls"));

    CSVRecord dpr = bySeq.get("15");
    assertEquals("demographic_parity_ratio", dpr.get("metric"));
    assertEquals("gender", dpr.get("attribute"));
    assertEquals("", dpr.get("feature"));

    CSVRecord resolved =
        rows.stream()
            .filter(r -> r.get("event_type").equals("io.aimon.incident.resolved"))
            .findFirst()
            .orElseThrow();
    assertEquals(INC_PSI, resolved.get("incident_id"));
    assertEquals("critical", resolved.get("severity"));
    assertEquals("A.8.4", resolved.get("controls"));
    // the summary holds a comma: quoted in the file, read back unchanged
    String summary = resolved.get("summary");
    assertTrue(summary.contains("(ok, warning at >= 0.1)"), summary);
    assertTrue(csvText.contains("\"" + summary + "\""));

    CSVRecord coverage =
        rows.stream().filter(r -> r.get("kind").equals("coverage")).findFirst().orElseThrow();
    assertEquals("1000", coverage.get("n"));
    assertEquals("1000 events, 2 checks, 0 breaches", coverage.get("summary"));
    assertEquals("A.6.2.8;A.7.4", coverage.get("controls"));

    CSVRecord action =
        rows.stream()
            .filter(r -> r.get("kind").equals("corrective_action"))
            .findFirst()
            .orElseThrow();
    assertEquals(INC_PSI, action.get("incident_id"));
    assertEquals("action_recorded", action.get("event_type"));
    assertEquals("action_applied", action.get("action_type"));
    assertEquals("alice", action.get("actor"));
    assertEquals("reference refreshed", action.get("text"));
    assertEquals("pending", action.get("effectiveness"));
    assertEquals("action_applied by alice: verifying effectiveness", action.get("summary"));
    assertEquals("", action.get("status"));
    assertEquals("", action.get("window_start"));
    assertEquals("10.2", action.get("clauses"));
    // rows of other kinds leave the corrective-action columns empty
    assertEquals("", psi.get("action_type"));
    assertEquals("", psi.get("effectiveness"));
  }

  @Test
  void csvFieldsAreQuotedOnlyWhenNeeded() {
    assertEquals("", Csv.field(null));
    assertEquals("plain", Csv.field("plain"));
    assertEquals("\"a,b\"", Csv.field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
    assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
    assertEquals("\"cr\r\"", Csv.field("cr\r"));
  }

  @Test
  void selectionByModelExportsOnlyThatModel() throws IOException {
    Path out = tmp.resolve("churn");
    ExportSummary s =
        AuditExport.export(
            archive(),
            new AuditExport.Selection(ALL.from(), ALL.to(), CHURN),
            out,
            TEST_KEYS.getPublic(),
            null);

    assertEquals(ExportFixtures.CHURN_RECORDS, s.records());
    assertEquals(ExportFixtures.WINDOWS, s.manifests());
    assertEquals(1, s.models());
    assertTrue(s.verified(), "verification covers the whole archive");
    for (String line : lines(out.resolve("records.jsonl"))) {
      assertEquals(CHURN, EvidenceRecord.fromJson(line).modelId());
    }
    for (String line : lines(out.resolve("manifests.jsonl"))) {
      assertEquals(CHURN, Manifest.fromJson(line).modelId());
    }
    // the verification is of the whole archive: both models
    JsonNode v = MAPPER.readTree(out.resolve("verification.json").toFile());
    assertEquals(List.of(CHURN, CREDIT), iterate(v.get("models").fieldNames()));
  }

  @Test
  void selectionByTimeKeepsRecordsWhoseTimeIsInFromInclusiveToExclusive() throws IOException {
    Path out = tmp.resolve("day");
    long from = T0.toEpochMilli() + 24 * HOUR;
    long to = T0.toEpochMilli() + 48 * HOUR;
    ExportSummary s =
        AuditExport.export(
            archive(), new AuditExport.Selection(from, to, null), out, TEST_KEYS.getPublic(), null);

    // window ends 24 h, 30 h, 36 h, 42 h: windows 3..6; credit-risk 4 x 6 + updated, resolved,
    // corrective action; churn 4 x 3
    assertEquals(27 + 12, s.records());
    assertEquals(8, s.manifests());
    for (String line : lines(out.resolve("records.jsonl"))) {
      EvidenceRecord r = EvidenceRecord.fromJson(line);
      assertTrue(r.time() >= from && r.time() < to, line);
    }
    // each exported manifest signs at least one exported record
    List<String> hashes =
        lines(out.resolve("records.jsonl")).stream()
            .map(l -> EvidenceRecord.fromJson(l).hash())
            .toList();
    for (String line : lines(out.resolve("manifests.jsonl"))) {
      assertTrue(Manifest.fromJson(line).hashes().stream().anyMatch(hashes::contains));
    }
  }

  @Test
  void emptySelectionStillWritesAValidBundle() throws IOException {
    Path out = tmp.resolve("empty");
    long from = T0.toEpochMilli() + 1000 * HOUR;
    ExportSummary s =
        AuditExport.export(
            archive(), new AuditExport.Selection(from, from + HOUR, null), out, null, null);
    assertEquals(0, s.records());
    assertEquals(0, s.manifests());
    assertEquals(0, s.models());
    assertEquals("", Files.readString(out.resolve("records.jsonl")));
    assertEquals(1, lines(out.resolve("records.csv")).size());
    assertEquals(
        List.of(),
        OscalAssessmentResultsTest.validate(out.resolve("oscal-assessment-results.json")));
  }

  @Test
  void zipOutputHoldsTheSameFiles() throws IOException {
    Path dir = archive();
    Path folder = tmp.resolve("bundle");
    Path zip = tmp.resolve("out/bundle.zip");
    AuditExport.export(dir, ALL, folder, TEST_KEYS.getPublic(), null);
    ExportSummary s = AuditExport.export(dir, ALL, zip, TEST_KEYS.getPublic(), null);

    assertEquals(FILES, s.files());
    assertEquals(Files.size(zip), s.bytes());
    List<String> names = new ArrayList<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (ZipEntry e : Collections.list(z.entries())) {
        names.add(e.getName());
        assertArrayEquals(
            Files.readAllBytes(folder.resolve(e.getName())),
            z.getInputStream(e).readAllBytes(),
            e.getName());
      }
    }
    assertEquals(FILES, names);
  }

  @Test
  void sameExportTwiceIsByteIdentical() throws IOException {
    Path dir = archive();
    AuditExport.export(dir, ALL, tmp.resolve("a"), TEST_KEYS.getPublic(), null);
    AuditExport.export(dir, ALL, tmp.resolve("b"), TEST_KEYS.getPublic(), null);
    for (String f : FILES) {
      assertArrayEquals(
          Files.readAllBytes(tmp.resolve("a").resolve(f)),
          Files.readAllBytes(tmp.resolve("b").resolve(f)),
          f);
    }
    AuditExport.export(dir, ALL, tmp.resolve("a.zip"), TEST_KEYS.getPublic(), null);
    AuditExport.export(dir, ALL, tmp.resolve("b.zip"), TEST_KEYS.getPublic(), null);
    assertArrayEquals(
        Files.readAllBytes(tmp.resolve("a.zip")), Files.readAllBytes(tmp.resolve("b.zip")));
  }

  @Test
  void progressCountsLinesReadThenWrittenUpToTotal() {
    List<long[]> calls = new ArrayList<>();
    AuditExport.export(
        archive(),
        new AuditExport.Selection(ALL.from(), ALL.to(), CHURN),
        tmp.resolve("bundle"),
        null,
        (done, total) -> calls.add(new long[] {done, total}));

    long total = 2 * (RECORDS + MANIFESTS);
    assertEquals(0, calls.get(0)[0]);
    long previous = -1;
    for (long[] c : calls) {
      assertEquals(total, c[1]);
      assertTrue(c[0] >= previous, "done never decreases");
      previous = c[0];
    }
    assertEquals(total, calls.get(calls.size() - 1)[0]);
    // one call per line read, one per line written
    assertTrue(calls.size() >= (RECORDS + MANIFESTS) + ExportFixtures.CHURN_RECORDS + 8);
  }

  @Test
  void tamperedArchiveExportsUnverifiedWithTheProblem() throws IOException {
    Path dir = archive();
    Path file = dir.resolve("model=credit-risk/date=2026-01-01/evidence-0.jsonl");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String changed = text.replaceFirst("\"value\":0.4,", "\"value\":0.1,");
    assertFalse(text.equals(changed));
    Files.writeString(file, changed, StandardCharsets.UTF_8);

    Path out = tmp.resolve("bundle");
    ExportSummary s = AuditExport.export(dir, ALL, out, TEST_KEYS.getPublic(), null);

    assertFalse(s.verified());
    assertEquals(RECORDS, s.records(), "the records are exported as archived");
    String txt = Files.readString(out.resolve("verification.txt"), StandardCharsets.UTF_8);
    assertTrue(txt.contains("NOT VERIFIED"), txt);
    assertTrue(txt.contains("MODIFIED model credit-risk seq 13"), txt);
    JsonNode json = MAPPER.readTree(out.resolve("verification.json").toFile());
    assertFalse(json.get("verified").asBoolean());
    assertEquals("MODIFIED", json.get("problems").get(0).get("kind").asText());
    assertEquals(13, json.get("problems").get(0).get("seq").asLong());
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("NOT VERIFIED"));
    assertTrue(html.contains("<li><strong>MODIFIED</strong>"));
  }

  @Test
  void coverageGapExportsVerifiedWithTheGapListedApart() throws IOException {
    Path dir = ExportFixtures.archive(tmp.resolve("evidence"), java.util.Set.of(CHURN + "/3"));
    Path out = tmp.resolve("bundle");
    ExportSummary s = AuditExport.export(dir, ALL, out, TEST_KEYS.getPublic(), null);

    assertTrue(s.verified(), "a window the job never evaluated is not an integrity problem");
    String txt = Files.readString(out.resolve("verification.txt"), StandardCharsets.UTF_8);
    assertTrue(
        txt.contains(
            "result: VERIFIED: 2 models, 76 records, 16 manifests: intact; 1 coverage gap (not an"
                + " integrity problem)"),
        txt);
    assertTrue(txt.contains("problems: 0\n"), txt);
    assertTrue(
        txt.contains("coverage gaps (windows not evaluated, not integrity problems): 1\n"), txt);
    JsonNode json = MAPPER.readTree(out.resolve("verification.json").toFile());
    assertTrue(json.get("verified").asBoolean());
    assertEquals(0, json.get("problems").size());
    assertEquals("COVERAGE_GAP", json.get("coverage_gaps").get(0).get("kind").asText());
    assertEquals(CHURN, json.get("coverage_gaps").get(0).get("model_id").asText());
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    assertFalse(html.contains("NOT VERIFIED"), "the executive summary says verified");
    assertTrue(html.contains("<ul class=\"coverage-gaps\">\n<li><strong>COVERAGE_GAP</strong>"));
    JsonNode oscal = MAPPER.readTree(out.resolve("oscal-assessment-results.json").toFile());
    Map<String, String> props = new LinkedHashMap<>();
    oscal
        .path("assessment-results")
        .path("results")
        .get(0)
        .path("props")
        .forEach(p -> props.put(p.get("name").asText(), p.get("value").asText()));
    assertEquals("true", props.get("archive-verified"), props.toString());
    assertEquals("0", props.get("archive-problems"), props.toString());
    assertEquals("1", props.get("archive-coverage-gaps"), props.toString());
  }

  @Test
  void symlinkInTheArchiveIsNotFollowedAndFailsTheExportsVerdict() throws IOException {
    Path dir = archive();
    Path outside = tmp.resolve("outside.jsonl");
    Files.writeString(outside, "TOP-SECRET-TOKEN\n", StandardCharsets.UTF_8);
    Files.createSymbolicLink(dir.resolve("model=churn/extra.jsonl"), outside);

    Path out = tmp.resolve("bundle");
    ExportSummary s = AuditExport.export(dir, ALL, out, TEST_KEYS.getPublic(), null);

    assertFalse(s.verified());
    assertEquals(RECORDS, s.records(), "the archive's own records, nothing from the link");
    for (String f : FILES) {
      String text = Files.readString(out.resolve(f), StandardCharsets.UTF_8);
      assertFalse(text.contains("TOP-SECRET-TOKEN"), f);
    }
    JsonNode json = MAPPER.readTree(out.resolve("verification.json").toFile());
    assertEquals("SKIPPED_FILE", json.get("problems").get(0).get("kind").asText());
    assertEquals("model=churn/extra.jsonl", json.get("problems").get(0).get("file").asText());
    assertTrue(json.get("problems").get(0).get("line").isNull());
  }

  @Test
  void verificationListsModelsAndKeyIds() throws IOException {
    Path out = tmp.resolve("bundle");
    AuditExport.export(archive(), ALL, out, TEST_KEYS.getPublic(), null);
    String keyId = Ed25519Keys.keyId(TEST_KEYS.getPublic());
    String txt = Files.readString(out.resolve("verification.txt"), StandardCharsets.UTF_8);
    assertTrue(txt.contains("result: VERIFIED: 2 models, 77 records, 16 manifests: intact"), txt);
    assertTrue(txt.contains("trusted key: key id " + keyId), txt);
    assertTrue(
        txt.contains("model credit-risk: 53 records (seq 1..53), 8 manifests, 8 windows covered"),
        txt);
    assertTrue(txt.contains("problems: 0"), txt);
    JsonNode json = MAPPER.readTree(out.resolve("verification.json").toFile());
    assertTrue(json.get("verified").asBoolean());
    assertEquals(keyId, json.get("trusted_key_id").asText());
    assertEquals(keyId, json.get("key_ids").get(0).asText());
    assertEquals(24, json.get("models").get(CHURN).get("records").asLong());
  }

  @Test
  void badArgumentsAreRefusedNamingWhatIsWrong() {
    Path dir = archive();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new AuditExport.Selection(5, 5, null));
    assertTrue(e.getMessage().startsWith("to: expected after from"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new AuditExport.Selection(0, 5, " "));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AuditExport.export(
                    dir,
                    new AuditExport.Selection(ALL.from(), ALL.to(), "nope"),
                    tmp.resolve("x"),
                    null,
                    null));
    assertEquals(
        "modelId: expected one of the archive's models [churn, credit-risk], found 'nope'",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AuditExport.export(dir, ALL, dir.resolve("export"), null, null));
    assertTrue(e.getMessage().contains("outside the archive"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> AuditExport.export(tmp.resolve("missing"), ALL, tmp.resolve("x"), null, null));
  }

  private static List<String> iterate(Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
