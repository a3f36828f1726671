package io.aimon.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.CheckStatus;
import io.aimon.detectors.gate.GateOutcome;
import io.aimon.detectors.gate.GateVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gate records: their JSON form, signature, look-up by version, and what the verifier says. */
class GateTest {
  private static final KeyPair KEYS = Ed25519Keys.generate();
  private static final String HASH = "ab".repeat(32);

  @TempDir Path dir;

  private static Gate gate(String version, long at, GateVerdict verdict, KeyPair keys) {
    CheckResult psi =
        CheckResult.builder()
            .checkId("c1")
            .modelId("credit-risk")
            .window(0, 1000)
            .metric("psi")
            .feature("income")
            .value(verdict == GateVerdict.PASS ? 0.01 : 0.31)
            .n(996)
            .threshold(0.25)
            .status(verdict == GateVerdict.PASS ? CheckStatus.OK : CheckStatus.CRITICAL)
            .build();
    GateOutcome o =
        new GateOutcome(
            verdict,
            verdict == GateVerdict.PASS ? List.of() : List.of("1 check breached"),
            List.of(psi),
            996,
            996,
            996,
            new TreeMap<>(),
            new TreeMap<>(Map.of(version, 996L)),
            0,
            999);
    return Gate.sign(
        "credit-risk",
        version,
        at,
        o,
        Gate.Candidate.of("eval.jsonl", HASH, o),
        HASH,
        HASH,
        "test",
        keys);
  }

  @Test
  void roundTripsAndVerifiesOnlyUnchanged() {
    Gate g = gate("7", 1_700_000_000_000L, GateVerdict.FAIL, KEYS);
    Gate read = Gate.fromJson(g.toJson());
    assertEquals(g, read);
    assertEquals(g.digest(), read.digest());
    assertTrue(read.signatureValid(KEYS.getPublic()));
    assertFalse(read.signatureValid(Ed25519Keys.generate().getPublic()), "another trusted key");
    assertEquals(1, read.breaches().size());
    Gate altered =
        Gate.fromJson(g.toJson().replace("\"verdict\":\"fail\"", "\"verdict\":\"pass\""));
    assertFalse(altered.signatureValid(null), "a verdict changed after signing");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Gate.fromJson(g.toJson().replace("\"verdict\":\"fail\"", "\"verdict\":\"maybe\"")));
    assertEquals("verdict: expected pass, fail or inconclusive, found 'maybe'", e.getMessage());
  }

  @Test
  void theLatestVerifyingGateOfTheVersionIsFound() {
    Gate old = gate("7", 1000, GateVerdict.FAIL, KEYS);
    Gate latest = gate("7", 2000, GateVerdict.PASS, KEYS);
    Gate otherVersion = gate("8", 3000, GateVerdict.FAIL, KEYS);
    Gate forged = gate("7", 4000, GateVerdict.FAIL, Ed25519Keys.generate());
    List<String> lines =
        List.of(
            old.toJson(), latest.toJson(), "not json", otherVersion.toJson(), forged.toJson(), "");
    assertEquals(latest, GateLog.latest(lines, "credit-risk", "7", KEYS.getPublic()));
    assertEquals(
        forged, GateLog.latest(lines, "credit-risk", "7", null), "any signer without a key");
    assertNull(GateLog.latest(lines, "credit-risk", "9", KEYS.getPublic()));
    assertNull(GateLog.latest(lines, "other", "7", KEYS.getPublic()));
  }

  @Test
  void theVerifierReportsAGateThatDoesNotVerify() throws Exception {
    Path archive = dir.resolve("evidence");
    GateLog.append(archive, gate("7", 1000, GateVerdict.PASS, KEYS));
    Path file = GateLog.append(archive, gate("8", 2000, GateVerdict.FAIL, KEYS));
    ArchiveVerifier.Report ok = ArchiveVerifier.verify(archive, KEYS.getPublic());
    assertTrue(ok.ok(), ok.problems().toString());
    assertEquals(2, ok.gates());
    assertTrue(ok.summary().endsWith("; 2 gate records"), ok.summary());

    List<String> lines = Files.readAllLines(file);
    lines.set(1, lines.get(1).replace("\"verdict\":\"fail\"", "\"verdict\":\"pass\""));
    Files.write(file, lines);
    ArchiveVerifier.Report bad = ArchiveVerifier.verify(archive, KEYS.getPublic());
    assertFalse(bad.intact());
    assertEquals(1, bad.problems().size(), bad.problems().toString());
    ArchiveVerifier.Problem p = bad.problems().get(0);
    assertEquals(ArchiveVerifier.Kind.BAD_GATE, p.kind());
    assertEquals("model=credit-risk/_gates.jsonl", p.file());
    assertEquals(2, p.line());
    assertEquals(
        "model credit-risk (model=credit-risk/_gates.jsonl:2): gate record of version \"8\" (pass,"
            + " 1970-01-01T00:00:02Z): its signature does not verify with the trusted key",
        p.message());
  }
}
