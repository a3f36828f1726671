package io.aimon.evidence;

import static io.aimon.evidence.EvidenceFixtures.CREDIT;
import static io.aimon.evidence.EvidenceFixtures.TEST_KEYS;
import static io.aimon.evidence.EvidenceFixtures.coverageData;
import static io.aimon.evidence.EvidenceFixtures.json;
import static io.aimon.evidence.EvidenceFixtures.windowEnd;
import static io.aimon.evidence.EvidenceFixtures.windowStart;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.evidence.payload.EvidenceCodec;
import io.aimon.evidence.payload.EvidencePayload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checked-in samples of evidence layout versions 1 ({@code formats/evidence-v1.jsonl}, data any
 * JSON object, written here by {@link LayoutV1}) and 2 ({@code formats-v2/evidence-v2.jsonl}, typed
 * data of all five kinds): one record of each kind and a manifest signed with the TEST-ONLY key.
 * Today's code must read them, verify them and write the same bytes, so a layout change cannot slip
 * in without a new version and a reader for the old one.
 *
 * <p>To create a sample for a new version, run with {@code -Daimon.writeFormatSamples=true}.
 */
class FormatSamplesTest {
  private static final Path DIR = EvidenceFixtures.RESOURCES.resolve("formats");
  private static final Path V2_DIR = EvidenceFixtures.RESOURCES.resolve("formats-v2");

  @Test
  void evidenceV1SampleReadsVerifiesAndIsWrittenIdentically() throws IOException {
    List<String> lines = sampleLines();
    byte[] written = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    Path sample = sample(DIR.resolve("evidence-v1.jsonl"), written);

    List<String> stored = Files.readAllLines(sample, StandardCharsets.UTF_8);
    assertEquals(5, stored.size());
    for (int i = 0; i < 4; i++) {
      EvidenceRecord r = EvidenceRecord.fromJson(stored.get(i));
      assertEquals(1, r.version());
      assertEquals(i + 1, r.seq());
      assertTrue(r.hashValid(), "record " + (i + 1));
      assertEquals(stored.get(i), r.toJson());
    }
    Manifest m = Manifest.fromJson(stored.get(4));
    assertTrue(
        m.signatureValid(
            Ed25519Keys.readPublic(
                EvidenceFixtures.RESOURCES.resolve("keys/TEST-ONLY-ed25519.pub.pem"))));
    assertEquals(stored.get(4), m.toJson());

    ArchiveVerifier.Report report = ArchiveVerifier.verify(DIR, TEST_KEYS.getPublic());
    assertEquals(List.of(), report.problems());
    assertEquals(
        new ArchiveVerifier.ModelSummary(4, 1, 1, 4, m.head(), 1, List.of(m.keyId())),
        report.models().get(CREDIT));
    assertArrayEquals(Files.readAllBytes(sample), written, "layout v1 unchanged");
  }

  @Test
  void evidenceV2SampleReadsVerifiesDecodesAndIsWrittenIdentically() throws IOException {
    List<String> lines = sampleLinesV2();
    byte[] written = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    Path sample = sample(V2_DIR.resolve("evidence-v2.jsonl"), written);

    List<String> stored = Files.readAllLines(sample, StandardCharsets.UTF_8);
    assertEquals(6, stored.size());
    List<EvidencePayload> payloads = payloadsV2();
    for (int i = 0; i < 5; i++) {
      EvidenceRecord r = EvidenceRecord.fromJson(stored.get(i));
      assertEquals(2, r.version());
      assertTrue(r.hashValid(), "record " + (i + 1));
      assertEquals(payloads.get(i), EvidenceCodec.decode(r), "record " + (i + 1));
      assertEquals(stored.get(i), r.toJson());
    }
    ArchiveVerifier.Report report = ArchiveVerifier.verify(V2_DIR, TEST_KEYS.getPublic());
    assertEquals(List.of(), report.problems());
    assertArrayEquals(Files.readAllBytes(sample), written, "layout v2 unchanged");
  }

  /** One payload of each kind, in chain order. */
  private static List<EvidencePayload> payloadsV2() {
    long start = windowStart(0);
    long end = windowEnd(0);
    return List.of(
        Payloads.check(CREDIT, start, end, "psi", "income", 0.3689, "critical"),
        Payloads.incident(CREDIT, start, end),
        Payloads.notification(CREDIT),
        Payloads.actionApplied(CREDIT, end),
        Payloads.coverage(start, end, 996));
  }

  /** The typed records of {@link #payloadsV2}, then the manifest of the window. */
  private static List<String> sampleLinesV2() {
    long start = windowStart(0);
    long end = windowEnd(0);
    List<EvidenceRecord> records = new ArrayList<>();
    HashChain.State s = HashChain.State.INITIAL;
    for (EvidencePayload p : payloadsV2()) {
      boolean windowed =
          p.kind() == EvidenceKind.CHECK
              || p.kind() == EvidenceKind.COVERAGE
              || p.kind() == EvidenceKind.INCIDENT;
      EvidenceRecord r =
          HashChain.append(s, CREDIT, end, windowed ? start : null, windowed ? end : null, p);
      records.add(r);
      s = HashChain.after(r);
    }
    List<String> lines = new ArrayList<>();
    records.forEach(r -> lines.add(r.toJson()));
    lines.add(Manifest.sign(CREDIT, start, end, records, TEST_KEYS).toJson());
    return lines;
  }

  /** One record of each kind, then the manifest of the window. */
  private static List<String> sampleLines() {
    List<EvidenceRecord> records = new ArrayList<>();
    HashChain.State s = HashChain.State.INITIAL;
    long start = windowStart(0);
    long end = windowEnd(0);
    records.add(
        LayoutV1.append(
            s,
            CREDIT,
            EvidenceKind.CHECK,
            end,
            start,
            end,
            json(
                "{\"check_id\":\"3f1c9a\",\"metric\":\"psi\",\"feature\":\"income\",\"value\":0.3689,"
                    + "\"threshold\":0.25,\"status\":\"critical\",\"n\":996,\"n_reference\":16280,"
                    + "\"reference_digest\":\"7ebb1eb2\",\"config_digest\":\"c0ffee\"}")));
    s = HashChain.after(records.get(0));
    records.add(
        LayoutV1.append(
            s, CREDIT, EvidenceKind.COVERAGE, end, start, end, coverageData(start, end, 996)));
    s = HashChain.after(records.get(1));
    records.add(
        LayoutV1.append(
            s,
            CREDIT,
            EvidenceKind.INCIDENT,
            end,
            null,
            null,
            json(
                "{\"type\":\"io.aimon.incident.opened\",\"incident_id\":\"inc-7\","
                    + "\"severity\":\"critical\",\"summary\":\"credit-risk: psi of income is 0.3689\"}")));
    s = HashChain.after(records.get(2));
    records.add(
        LayoutV1.append(
            s,
            CREDIT,
            EvidenceKind.CORRECTIVE_ACTION,
            end + 1,
            null,
            null,
            json(
                "{\"event\":\"action_recorded\",\"incident_id\":\"inc-7\","
                    + "\"model_id\":\"credit-risk\",\"series\":\"credit-risk/psi/feature=income\","
                    + "\"time\":\"2026-01-01T06:00:00.001Z\",\"actor\":\"alice\","
                    + "\"action_id\":\"act-1\",\"action_type\":\"action_applied\","
                    + "\"text\":\"reference refreshed\",\"effectiveness\":\"pending\","
                    + "\"summary\":\"action_applied by alice: verifying effectiveness\"}")));
    List<String> lines = new ArrayList<>();
    records.forEach(r -> lines.add(r.toJson()));
    lines.add(Manifest.sign(CREDIT, start, end, records, TEST_KEYS).toJson());
    return lines;
  }

  private static Path sample(Path file, byte[] current) throws IOException {
    if (Boolean.getBoolean("aimon.writeFormatSamples")) {
      Files.createDirectories(file.getParent());
      Files.write(file, current);
    }
    assertTrue(
        Files.exists(file),
        "missing sample " + file + "; create it with -Daimon.writeFormatSamples=true");
    return file;
  }
}
