package io.aimon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link Digests} against published values: NIST's SHA-256 of "abc", RFC 9562's UUIDv5 example. */
class DigestsTest {
  @Test
  void sha256OfAbcIsTheNistValue() {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Digests.sha256Hex(abc));
    assertEquals("ba7816bf8f01cfea", Digests.sha256Prefix("abc", 8));
    assertEquals(32, Digests.sha256(abc).length);
  }

  @Test
  void uuidV5MatchesTheRfcExample() {
    UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    assertEquals(
        UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"),
        Digests.uuidV5(dns, "www.example.com"));
  }
}
