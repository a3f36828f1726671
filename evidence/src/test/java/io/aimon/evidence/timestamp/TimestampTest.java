package io.aimon.evidence.timestamp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.evidence.Ed25519Keys;
import io.aimon.evidence.Manifest;
import io.aimon.evidence.ManifestTimestamp;
import io.aimon.evidence.timestamp.TimestampCheck.Outcome;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 3161 stamps of manifests from an in-process TSA: a valid token verifies; a manifest re-signed
 * after stamping, a token for other bytes and a token of an untrusted TSA fail with their reasons;
 * a TSA that fails is retried, then given up on with the reason.
 */
class TimestampTest {
  private static final long T = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  private static final KeyPair KEYS = Ed25519Keys.generate();
  private static LocalTimestampAuthority tsa;
  private static LocalTimestampAuthority other;

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

  private static Manifest manifest(String head, KeyPair keys) {
    return Manifest.sign("credit-risk", T, T + 3_600_000L, 1, List.of(head, head), keys);
  }

  private static TimestampClient client(LocalTimestampAuthority t) {
    return new TimestampClient(t.url(), Duration.ofSeconds(5));
  }

  @Test
  void aTokenOfTheTrustedTsaVerifiesForItsManifest() throws Exception {
    Manifest m = manifest("a".repeat(64), KEYS);
    int before = tsa.requests();
    ManifestTimestamp t = client(tsa).stamp(m);
    assertEquals(before + 1, tsa.requests());
    assertEquals(Rfc3161.QUERY_TYPE, tsa.lastContentType());
    assertEquals(m.firstSeq(), t.firstSeq());
    assertEquals(tsa.url().toString(), t.tsa());
    assertTrue(Math.abs(t.genTime() - System.currentTimeMillis()) < 60_000, "stamped now");
    TimestampCheck.Result r = TimestampCheck.check(t, m, tsa.certificate());
    assertEquals(Outcome.VALID, r.outcome(), r.message());
    assertTrue(r.tsa().contains("CN=aimon test TSA"), r.tsa());
    // without a trusted certificate: the one the token carries, the TSA unproven
    assertEquals(Outcome.VALID_TSA_UNPROVEN, TimestampCheck.check(t, m, null).outcome());
    // the line round-trips
    assertEquals(t, ManifestTimestamp.fromJson(t.toJson()));
  }

  @Test
  void aManifestReSignedAfterStampingFails() throws Exception {
    Manifest m = manifest("b".repeat(64), KEYS);
    ManifestTimestamp t = client(tsa).stamp(m);
    // the same records signed again, by another key: another manifest than the one stamped
    Manifest resigned = manifest("b".repeat(64), Ed25519Keys.generate());
    TimestampCheck.Result r = TimestampCheck.check(t, resigned, tsa.certificate());
    assertEquals(Outcome.MANIFEST_CHANGED, r.outcome());
    assertTrue(r.message().contains("re-signed or altered after it was stamped"), r.message());
  }

  @Test
  void aTokenForOtherBytesFails() throws Exception {
    Manifest m = manifest("c".repeat(64), KEYS);
    Manifest n = manifest("d".repeat(64), KEYS);
    ManifestTimestamp tm = client(tsa).stamp(m);
    ManifestTimestamp tn = client(tsa).stamp(n);
    // m's line, carrying n's token
    ManifestTimestamp swapped =
        new ManifestTimestamp(
            tm.version(),
            tm.modelId(),
            tm.firstSeq(),
            tm.lastSeq(),
            tm.windowEnd(),
            tm.manifestSha256(),
            tm.tsa(),
            tm.genTime(),
            tn.token());
    TimestampCheck.Result r = TimestampCheck.check(swapped, m, tsa.certificate());
    assertEquals(Outcome.TOKEN_MISMATCH, r.outcome());
    assertTrue(r.message().startsWith("the token stamps other bytes"), r.message());
    // and a token that is no token at all
    ManifestTimestamp garbage =
        new ManifestTimestamp(
            tm.version(),
            tm.modelId(),
            tm.firstSeq(),
            tm.lastSeq(),
            tm.windowEnd(),
            tm.manifestSha256(),
            tm.tsa(),
            tm.genTime(),
            "AAAA");
    assertEquals(Outcome.BAD_TOKEN, TimestampCheck.check(garbage, m, tsa.certificate()).outcome());
  }

  @Test
  void aTokenOfAnUntrustedTsaFails() throws Exception {
    Manifest m = manifest("e".repeat(64), KEYS);
    ManifestTimestamp t = client(other).stamp(m);
    TimestampCheck.Result r = TimestampCheck.check(t, m, tsa.certificate());
    assertEquals(Outcome.UNTRUSTED_TSA, r.outcome());
    assertTrue(r.message().contains("signed by another TSA than the trusted"), r.message());
    assertEquals(Outcome.VALID, TimestampCheck.check(t, m, other.certificate()).outcome());
  }

  @Test
  void aFailingTsaIsRetriedThenGivenUpOnWithTheReason() throws Exception {
    Manifest m = manifest("f".repeat(64), KEYS);
    tsa.failNext(TimestampClient.ATTEMPTS - 1);
    int before = tsa.requests();
    ManifestTimestamp t = client(tsa).stamp(m);
    assertEquals(before + TimestampClient.ATTEMPTS, tsa.requests(), "two 503s, then a token");
    assertEquals(Outcome.VALID, TimestampCheck.check(t, m, tsa.certificate()).outcome());
    tsa.failNext(TimestampClient.ATTEMPTS);
    TimestampException e = assertThrows(TimestampException.class, () -> client(tsa).stamp(m));
    assertEquals(
        "no time stamp after 3 attempts: TSA " + tsa.url() + " answered HTTP 503", e.getMessage());
  }
}
