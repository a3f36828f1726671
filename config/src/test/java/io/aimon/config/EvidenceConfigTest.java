package io.aimon.config;

import static io.aimon.config.ConfigFixtures.absolute;
import static io.aimon.config.ConfigFixtures.file;
import static io.aimon.config.ConfigFixtures.load;
import static io.aimon.config.ConfigFixtures.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The top-level {@code evidence} section and the evidence topic. */
class EvidenceConfigTest {

  @Test
  void pathsResolveAgainstTheConfigFilesDirectory() throws Exception {
    AimonConfig c = load("evidence.yaml");
    assertEquals("file:" + absolute("keys/aimon-evidence.key"), c.evidence().signingKey());
    assertEquals(absolute("archive/evidence").toString(), c.evidence().dir());
    assertEquals("prod.evidence", c.kafka().evidenceTopic());
    assertTrue(c.evidence().signingKeyOwnerOnly());
    assertEquals("https://tsa.example.com/tsr", c.evidence().timestampUrl());
    assertEquals(java.time.Duration.ofDays(400), c.evidence().retention());
  }

  @Test
  void aTimestampUrlMustBeHttp() {
    ConfigProblem p = onlyProblem("evidence-timestamp-not-http.yaml");
    assertTrue(
        p.toString()
            .startsWith(file("evidence-timestamp-not-http.yaml") + ":2 evidence.timestamp_url: "),
        p.toString());
    assertTrue(p.toString().contains("http"), p.toString());
  }

  @Test
  void environmentKeysAndFilesystemUrisStayAsWritten() throws Exception {
    AimonConfig c = load("evidence-uri-and-env.yaml");
    assertEquals("env:AIMON_EVIDENCE_KEY", c.evidence().signingKey());
    assertEquals("s3://audit-bucket/aimon/evidence", c.evidence().dir());
    assertEquals("aimon.evidence", c.kafka().evidenceTopic());
  }

  @Test
  void noSectionGivesNoKeyAndNoArchive() throws Exception {
    AimonConfig c = load("notify-notifiers-only.yaml");
    assertNull(c.evidence().signingKey());
    assertNull(c.evidence().dir());
    assertFalse(c.evidence().signingKeyOwnerOnly(), "warn, not refuse, by default");
    assertNull(c.evidence().timestampUrl(), "no time stamps by default");
    assertNull(c.evidence().retention(), "everything kept by default");
  }

  @Test
  void aPastedKeyIsRefusedWithoutRepeatingIt() {
    ConfigProblem p = onlyProblem("evidence-pasted-key.yaml");
    assertEquals(
        file("evidence-pasted-key.yaml")
            + ":2 evidence.signing_key: expected a secret reference env:NAME or file:PATH, found a"
            + " value with neither prefix (not shown: it may be a secret)",
        p.toString());
    assertFalse(p.toString().contains("MC4CAQ"));
  }

  @Test
  void ownerOnlyMustBeABoolean() {
    ConfigProblem p = onlyProblem("evidence-owner-only-not-bool.yaml");
    assertEquals(
        file("evidence-owner-only-not-bool.yaml")
            + ":3 evidence.signing_key_owner_only: expected true or false, found 'strict'",
        p.toString());
  }
}
