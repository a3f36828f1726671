package io.aimon.evidence;

import static io.aimon.evidence.EvidenceFixtures.OTHER_KEYS;
import static io.aimon.evidence.EvidenceFixtures.TEST_KEYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.evidence.ArchiveVerifier.Kind;
import io.aimon.evidence.ArchiveVerifier.Problem;
import io.aimon.evidence.timestamp.LocalTimestampAuthority;
import io.aimon.evidence.timestamp.TimestampClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} on an archive whose manifests carry RFC 3161 time stamps from an in-process TSA:
 * valid stamps verify; a missing one is listed as unstamped; a token of an untrusted TSA, a token
 * for other bytes and a manifest re-signed after stamping fail with their reasons.
 */
class ArchiveTimestampTest {
  private static LocalTimestampAuthority tsa;
  private static LocalTimestampAuthority other;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    tsa = LocalTimestampAuthority.start("aimon test TSA");
    other = LocalTimestampAuthority.start("another TSA");
  }

  @AfterAll
  static void stop() {
    tsa.close();
    other.close();
  }

  /** The fixture archive with a stamp line after every manifest; the archive's files. */
  private List<Path> stampedArchive() throws Exception {
    EvidenceFixtures.archive(dir, Set.of());
    TimestampClient client = new TimestampClient(tsa.url(), Duration.ofSeconds(5));
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    for (Path f : files) {
      List<String> out = new ArrayList<>();
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        out.add(line);
        if (line.contains("\"kind\":\"manifest\"")) {
          out.add(client.stamp(Manifest.fromJson(line)).toJson());
        }
      }
      Files.write(f, out, StandardCharsets.UTF_8);
    }
    return files;
  }

  private static List<Problem> of(ArchiveVerifier.Report r, Kind kind) {
    return r.problems().stream().filter(p -> p.kind() == kind).toList();
  }

  /** Rewrites the line of {@code f} at {@code index} (0-based). */
  private static void replace(Path f, int index, String line) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
    lines.set(index, line);
    Files.write(f, lines, StandardCharsets.UTF_8);
  }

  private static int indexOf(Path f, String kind, int n) throws IOException {
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    int seen = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"kind\":\"" + kind + "\"") && seen++ == n) {
        return i;
      }
    }
    throw new AssertionError("no " + kind + " " + n + " in " + f);
  }

  @Test
  void everyManifestStampedByTheTrustedTsaVerifies() throws Exception {
    stampedArchive();
    ArchiveVerifier.Report r =
        ArchiveVerifier.verify(dir, TEST_KEYS.getPublic(), tsa.certificate());
    assertTrue(r.ok(), r.problems().toString());
    assertEquals(16, r.stamps().manifests());
    assertEquals(16, r.stamps().stamped());
    assertTrue(r.stamps().trusted());
    assertEquals(List.of("CN=aimon test TSA,O=aimon local"), r.stamps().tsas());
    assertTrue(
        r.summary().endsWith("intact; 16 of 16 manifests time-stamped by the trusted TSA"),
        r.summary());
  }

  @Test
  void aManifestWithoutItsStampIsListedAsUnstampedNotAsTampering() throws Exception {
    Path f = stampedArchive().get(0);
    List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
    lines.remove(indexOf(f, "timestamp", 0));
    Files.write(f, lines, StandardCharsets.UTF_8);
    ArchiveVerifier.Report r =
        ArchiveVerifier.verify(dir, TEST_KEYS.getPublic(), tsa.certificate());
    assertTrue(r.intact(), r.problems().toString());
    assertEquals(1, r.unstamped().size());
    assertTrue(
        r.unstamped().get(0).message().contains("has no time stamp"), r.unstamped().toString());
    assertEquals(List.of(), r.coverageGaps(), "not a coverage gap either");
    assertEquals(15, r.stamps().stamped());
  }

  @Test
  void aTokenOfAnUntrustedTsaFails() throws Exception {
    stampedArchive();
    ArchiveVerifier.Report r =
        ArchiveVerifier.verify(dir, TEST_KEYS.getPublic(), other.certificate());
    assertFalse(r.intact());
    List<Problem> bad = of(r, Kind.BAD_TIMESTAMP);
    assertEquals(16, bad.size());
    assertTrue(bad.get(0).message().contains("UNTRUSTED_TSA"), bad.get(0).message());
    assertEquals(List.of(), r.unstamped(), "bad stamps are problems, not unstamped manifests");
  }

  @Test
  void aTokenForOtherBytesFails() throws Exception {
    Path f = stampedArchive().get(0);
    // the first stamp line carries the second one's token
    int first = indexOf(f, "timestamp", 0);
    int second = indexOf(f, "timestamp", 1);
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    ManifestTimestamp a = ManifestTimestamp.fromJson(lines.get(first));
    ManifestTimestamp b = ManifestTimestamp.fromJson(lines.get(second));
    replace(
        f,
        first,
        new ManifestTimestamp(
                a.version(),
                a.modelId(),
                a.firstSeq(),
                a.lastSeq(),
                a.windowEnd(),
                a.manifestSha256(),
                a.tsa(),
                a.genTime(),
                b.token())
            .toJson());
    ArchiveVerifier.Report r =
        ArchiveVerifier.verify(dir, TEST_KEYS.getPublic(), tsa.certificate());
    List<Problem> bad = of(r, Kind.BAD_TIMESTAMP);
    assertEquals(1, bad.size(), r.problems().toString());
    assertTrue(bad.get(0).message().contains("TOKEN_MISMATCH, the token stamps other bytes"));
    assertEquals(first + 1, bad.get(0).line(), "at the stamp's line");
  }

  @Test
  void aManifestReSignedAfterStampingFails() throws Exception {
    Path f = stampedArchive().get(0);
    int at = indexOf(f, "manifest", 0);
    Manifest m = Manifest.fromJson(Files.readAllLines(f, StandardCharsets.UTF_8).get(at));
    Manifest resigned =
        Manifest.sign(
            m.modelId(), m.windowStart(), m.windowEnd(), m.firstSeq(), m.hashes(), OTHER_KEYS);
    replace(f, at, resigned.toJson());
    // without a trusted key the new signature holds: only the stamp shows the manifest changed
    ArchiveVerifier.Report r = ArchiveVerifier.verify(dir, null, tsa.certificate());
    List<Problem> bad = of(r, Kind.BAD_TIMESTAMP);
    assertEquals(1, bad.size(), r.problems().toString());
    assertTrue(
        bad.get(0).message().contains("MANIFEST_CHANGED, the manifest is not the one stamped at"),
        bad.get(0).message());
    assertTrue(bad.get(0).message().contains("re-signed or altered after it was stamped"));
  }
}
