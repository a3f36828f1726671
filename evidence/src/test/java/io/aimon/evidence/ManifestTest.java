package io.aimon.evidence;

import static io.aimon.evidence.EvidenceFixtures.CHURN;
import static io.aimon.evidence.EvidenceFixtures.CREDIT;
import static io.aimon.evidence.EvidenceFixtures.OTHER_KEYS;
import static io.aimon.evidence.EvidenceFixtures.TEST_KEYS;
import static io.aimon.evidence.EvidenceFixtures.chain;
import static io.aimon.evidence.EvidenceFixtures.json;
import static io.aimon.evidence.EvidenceFixtures.windowEnd;
import static io.aimon.evidence.EvidenceFixtures.windowStart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ManifestTest {
  private static final List<EvidenceRecord> CHAIN = chain(CREDIT, 6);
  private static final Manifest SIGNED =
      Manifest.sign(CREDIT, windowStart(2), windowEnd(2), CHAIN.subList(2, 6), TEST_KEYS);

  @Test
  void signedManifestListsTheRecordsAndVerifies() {
    assertEquals(3, SIGNED.firstSeq());
    assertEquals(6, SIGNED.lastSeq());
    assertEquals(CHAIN.subList(2, 6).stream().map(EvidenceRecord::hash).toList(), SIGNED.hashes());
    assertEquals(CHAIN.get(5).hash(), SIGNED.head());
    assertEquals(Ed25519Keys.keyId(TEST_KEYS.getPublic()), SIGNED.keyId());
    assertEquals(
        Base64.getEncoder().encodeToString(TEST_KEYS.getPublic().getEncoded()), SIGNED.publicKey());
    assertTrue(SIGNED.signatureValid());
    assertTrue(SIGNED.signatureValid(TEST_KEYS.getPublic()));
    assertFalse(SIGNED.signatureValid(OTHER_KEYS.getPublic()));
  }

  @Test
  void signingIsDeterministic() {
    Manifest again =
        Manifest.sign(
            CREDIT, windowStart(2), windowEnd(2), chain(CREDIT, 6).subList(2, 6), TEST_KEYS);
    assertEquals(SIGNED.toJson(), again.toJson());
  }

  @Test
  void jsonRoundTripKeepsTheSignature() {
    String line = SIGNED.toJson();
    assertTrue(
        line.startsWith(
            "{\"v\":1,\"kind\":\"manifest\",\"model_id\":\"credit-risk\","
                + "\"window_start\":\"2026-01-01T12:00:00Z\",\"window_end\":\"2026-01-01T18:00:00Z\","
                + "\"first_seq\":3,\"last_seq\":6,\"hashes\":[\""),
        line);
    Manifest read = Manifest.fromJson(line);
    assertEquals(SIGNED, read);
    assertEquals(line, read.toJson());
    assertTrue(read.signatureValid(TEST_KEYS.getPublic()));
  }

  @Test
  void anyChangedFieldBreaksTheSignature() {
    List<String> changed =
        List.of(
            "{\"model_id\":\"churn\"}",
            "{\"window_start\":\"2026-01-01T11:00:00Z\"}",
            "{\"window_end\":\"2026-01-01T19:00:00Z\"}",
            "{\"key_id\":\"0123456789abcdef\"}");
    for (String change : changed) {
      ObjectNode o = json(SIGNED.toJson());
      o.setAll(json(change));
      assertFalse(Manifest.fromJson(o.toString()).signatureValid(), change);
    }
    // a different key embedded: internally inconsistent with the signature
    ObjectNode o = json(SIGNED.toJson());
    o.put("public_key", Base64.getEncoder().encodeToString(OTHER_KEYS.getPublic().getEncoded()));
    o.put("key_id", Ed25519Keys.keyId(OTHER_KEYS.getPublic()));
    assertFalse(Manifest.fromJson(o.toString()).signatureValid());
  }

  @Test
  void manifestOfRecordsWithoutWindowMayHaveAnEmptySpan() {
    EvidenceRecord incident =
        LayoutV1.append(
            HashChain.after(CHAIN.get(5)),
            CREDIT,
            EvidenceKind.INCIDENT,
            windowEnd(6),
            null,
            null,
            json("{\"type\":\"io.aimon.incident.resolved\"}"));
    Manifest m = Manifest.sign(CREDIT, windowEnd(6), windowEnd(6), List.of(incident), TEST_KEYS);
    assertTrue(Manifest.fromJson(m.toJson()).signatureValid(TEST_KEYS.getPublic()));
    assertMessage(
        "window_end: expected at or after window_start 2026-01-01T06:00:00Z, found"
            + " 2026-01-01T00:00:00Z",
        () -> Manifest.sign(CREDIT, windowEnd(0), windowStart(0), List.of(incident), TEST_KEYS));
  }

  @Test
  void signRefusesRecordsThatAreNotOneStretchOfTheChain() {
    assertMessage(
        "records: expected at least one record, found none",
        () -> Manifest.sign(CREDIT, 0, 1, List.of(), TEST_KEYS));
    assertMessage(
        "records[0] (seq 1): expected model_id churn, found credit-risk",
        () -> Manifest.sign(CHURN, 0, 1, CHAIN.subList(0, 2), TEST_KEYS));
    assertMessage(
        "records[1] (seq 3): expected seq 2 (consecutive), found 3",
        () -> Manifest.sign(CREDIT, 0, 1, List.of(CHAIN.get(0), CHAIN.get(2)), TEST_KEYS));
    List<EvidenceRecord> otherChain = chain(CREDIT, 3);
    EvidenceRecord unlinked =
        LayoutV1.append(
            new HashChain.State(1, "a".repeat(64)),
            CREDIT,
            EvidenceKind.CHECK,
            0,
            null,
            null,
            json("{}"));
    assertMessage(
        "records[1] (seq 2): prev does not link to the hash of seq 1",
        () -> Manifest.sign(CREDIT, 0, 1, List.of(otherChain.get(0), unlinked), TEST_KEYS));
    EvidenceRecord tampered = CHAIN.get(0).withHash("b".repeat(64));
    assertMessage(
        "records[0] (seq 1): hash does not match the record's content",
        () -> Manifest.sign(CREDIT, 0, 1, List.of(tampered), TEST_KEYS));
    KeyPair mixed = new KeyPair(OTHER_KEYS.getPublic(), TEST_KEYS.getPrivate());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> Manifest.sign(CREDIT, 0, 1, CHAIN.subList(0, 1), mixed))
            .getMessage()
            .contains("does not belong to the private key"));
  }

  @Test
  void constructorChecksTheLayout() {
    assertMessage(
        "hashes: expected 4 (last_seq - first_seq + 1), found 3",
        () ->
            copy(
                SIGNED.firstSeq(),
                SIGNED.hashes().subList(0, 3),
                SIGNED.head(),
                SIGNED.signature()));
    assertMessage(
        "head: expected the last of hashes " + SIGNED.head() + ", found " + SIGNED.hashes().get(0),
        () -> copy(SIGNED.firstSeq(), SIGNED.hashes(), SIGNED.hashes().get(0), SIGNED.signature()));
    assertMessage(
        "signature: expected base64 of 64 bytes (Ed25519), found 3 bytes",
        () -> copy(SIGNED.firstSeq(), SIGNED.hashes(), SIGNED.head(), "AAAA"));
    assertMessage(
        "first_seq: expected an integer in [1, 2^53 - 1], found 0",
        () -> copy(0, SIGNED.hashes(), SIGNED.head(), SIGNED.signature()));
    assertMessage(
        "\"extra\": unexpected field; allowed fields are",
        () -> Manifest.fromJson(SIGNED.toJson().replace("{\"v\":1,", "{\"v\":1,\"extra\":1,")),
        true);
    assertMessage(
        "kind: expected \"manifest\", found \"check\"",
        () -> Manifest.fromJson(SIGNED.toJson().replace("\"manifest\"", "\"check\"")));
  }

  private static Manifest copy(long first, List<String> hashes, String head, String signature) {
    return new Manifest(
        1,
        SIGNED.modelId(),
        SIGNED.windowStart(),
        SIGNED.windowEnd(),
        first,
        first + 3,
        new ArrayList<>(hashes),
        head,
        SIGNED.publicKey(),
        SIGNED.keyId(),
        signature);
  }

  private static void assertMessage(String expected, Executable e) {
    assertMessage(expected, e, false);
  }

  private static void assertMessage(String expected, Executable e, boolean prefix) {
    String message = assertThrows(IllegalArgumentException.class, e).getMessage();
    if (prefix) {
      assertTrue(message.startsWith(expected), message);
    } else {
      assertEquals(expected, message);
    }
  }
}
