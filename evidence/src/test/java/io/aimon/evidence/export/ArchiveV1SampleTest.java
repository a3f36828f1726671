package io.aimon.evidence.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.evidence.ArchiveVerifier;
import io.aimon.evidence.Ed25519Keys;
import io.aimon.evidence.EvidenceKind;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.HashChain;
import io.aimon.evidence.Manifest;
import io.aimon.evidence.payload.EvidenceCodec;
import io.aimon.evidence.payload.EvidencePayload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in archive written by an earlier aimon ({@code archive-v1/}, see its README): today's
 * verifier and exporter read it exactly as the code that wrote it did, and the same evidence in
 * today's layout version 2 exports the same rows.
 */
class ArchiveV1SampleTest {
  private static final Path ARCHIVE = Path.of("src/test/resources/archive-v1");

  @Test
  void archiveOfLayoutV1StillVerifies() {
    ArchiveVerifier.Report report = ArchiveVerifier.verify(ARCHIVE, publicKey());
    assertEquals(List.of(), report.problems());
    ArchiveVerifier.ModelSummary churn = report.models().get("churn");
    assertEquals(328, churn.records());
    assertEquals(6, churn.manifests());
  }

  @Test
  void archiveOfLayoutV1ExportsToTheSameRecords(@TempDir Path out) throws Exception {
    ExportSummary s =
        AuditExport.export(
            ARCHIVE,
            new AuditExport.Selection(Long.MIN_VALUE, Long.MAX_VALUE, null),
            out,
            publicKey(),
            null);
    assertEquals(328, s.records());
    // byte for byte in every column the export had then; the crosswalk and version columns came
    // after
    assertEquals(
        Files.readString(ARCHIVE.resolve("export-records.csv"), StandardCharsets.UTF_8),
        withoutLaterColumns(
            Files.readString(out.resolve(AuditExport.RECORDS_CSV), StandardCharsets.UTF_8)));
    List<String> archived = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ARCHIVE.resolve("model=churn"))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (!line.contains("\"kind\":\"manifest\"")) {
            archived.add(line);
          }
        }
      }
    }
    List<String> exported = Files.readAllLines(out.resolve(AuditExport.RECORDS_JSONL));
    assertEquals(archived.size(), exported.size());
    assertTrue(
        exported.containsAll(archived), "records.jsonl holds the archived lines as they are");
  }

  /**
   * The same evidence written in layout version 2: every record's data, as the earlier aimon wrote
   * it, fits the typed layout, and the export shows the same rows (but for the hashes).
   */
  @Test
  void theSameEvidenceInLayoutV2ExportsTheSameRows(@TempDir Path dir) throws Exception {
    List<EvidenceRecord> v1 = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ARCHIVE.resolve("model=churn"))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (!line.contains("\"kind\":\"manifest\"")) {
            v1.add(EvidenceRecord.fromJson(line));
          }
        }
      }
    }
    v1.sort(java.util.Comparator.comparingLong(EvidenceRecord::seq));
    KeyPair keys = Ed25519Keys.generate();
    List<String> lines = new ArrayList<>();
    List<EvidenceRecord> window = new ArrayList<>();
    HashChain.State state = HashChain.State.INITIAL;
    for (EvidenceRecord old : v1) {
      EvidencePayload payload =
          EvidenceCodec.decode(EvidenceRecord.VERSION, old.kind(), old.data());
      EvidenceRecord r =
          HashChain.append(
              state, old.modelId(), old.time(), old.windowStart(), old.windowEnd(), payload);
      assertEquals(old.data(), r.data(), "seq " + old.seq() + ": the same data");
      state = HashChain.after(r);
      lines.add(r.toJson());
      window.add(r);
      if (r.kind() == EvidenceKind.COVERAGE) {
        lines.add(
            Manifest.sign(r.modelId(), r.windowStart(), r.windowEnd(), window, keys).toJson());
        window.clear();
      }
    }
    Path archive = dir.resolve("archive/model=churn/date=2026-12-01");
    Files.createDirectories(archive);
    Files.write(archive.resolve("evidence-0.jsonl"), lines);
    Path out = dir.resolve("out");
    AuditExport.export(
        dir.resolve("archive"),
        new AuditExport.Selection(Long.MIN_VALUE, Long.MAX_VALUE, null),
        out,
        keys.getPublic(),
        null);
    assertEquals(
        withoutHashes(Files.readAllLines(ARCHIVE.resolve("export-records.csv"))),
        withoutHashes(
            withoutLaterColumns(Files.readString(out.resolve(AuditExport.RECORDS_CSV)))
                .lines()
                .toList()));
  }

  /**
   * The CSV without its last three columns, {@code eu_ai_act}, {@code nist_ai_rmf} and {@code
   * version}, appended after this archive was exported: plain cells (no comma, no quote) at the end
   * of each row.
   */
  private static String withoutLaterColumns(String csv) {
    StringBuilder b = new StringBuilder();
    for (String row : csv.split("\r\n", -1)) {
      if (!row.isEmpty()) {
        b.append(row.replaceFirst(",[^,\"]*,[^,\"]*,[^,\"]*$", "")).append("\r\n");
      }
    }
    return b.toString();
  }

  /** CSV rows without the {@code hash} column (simple rows: the hash is a plain hex cell). */
  private static List<String> withoutHashes(List<String> csv) {
    return csv.stream().map(l -> l.replaceAll(",[0-9a-f]{64},", ",,")).toList();
  }

  private static PublicKey publicKey() {
    return Ed25519Keys.readPublic(ARCHIVE.resolve("aimon-evidence.pub"));
  }
}
