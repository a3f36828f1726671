package io.aimon.evidence.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.evidence.ArchiveVerifier;
import io.aimon.evidence.Ed25519Keys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in archive written by an earlier aimon ({@code archive-v1/}, see its README): today's
 * verifier and exporter read it exactly as the code that wrote it did.
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
    assertEquals(
        Files.readString(ARCHIVE.resolve("export-records.csv"), StandardCharsets.UTF_8),
        Files.readString(out.resolve(AuditExport.RECORDS_CSV), StandardCharsets.UTF_8));
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
    assertTrue(exported.containsAll(archived), "records.jsonl holds the archived lines as they are");
  }

  private static PublicKey publicKey() {
    return Ed25519Keys.readPublic(ARCHIVE.resolve("aimon-evidence.pub"));
  }
}
