package io.aimon.evidence;

import static io.aimon.evidence.EvidenceFixtures.OTHER_KEYS;
import static io.aimon.evidence.EvidenceFixtures.RESOURCES;
import static io.aimon.evidence.EvidenceFixtures.TEST_KEYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ed25519KeysTest {
  @TempDir Path dir;

  @Test
  void generatedKeysAreEd25519Pairs() {
    KeyPair kp = Ed25519Keys.generate();
    Ed25519Keys.requireMatching(kp);
    assertEquals("EdDSA", kp.getPublic().getAlgorithm());
  }

  @Test
  void writtenKeysReadBackAndThePrivateFileIsOwnerOnly() throws Exception {
    Path priv = dir.resolve("keys/signing.pem");
    Path pub = dir.resolve("keys/signing.pub.pem");
    Ed25519Keys.write(OTHER_KEYS, priv, pub);

    assertEquals(OTHER_KEYS.getPrivate(), Ed25519Keys.readPrivate(priv));
    assertEquals(OTHER_KEYS.getPublic(), Ed25519Keys.readPublic(pub));
    String privText = Files.readString(priv);
    assertTrue(privText.startsWith("-----BEGIN PRIVATE KEY-----\n"), privText);
    assertTrue(privText.endsWith("-----END PRIVATE KEY-----\n"));
    assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----\n"));
    assertEquals(Files.readString(pub), Ed25519Keys.publicPem(OTHER_KEYS.getPublic()));
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
    }
  }

  @Test
  void existingKeyFilesAreNotOverwritten() throws Exception {
    Path priv = dir.resolve("signing.pem");
    Path pub = dir.resolve("signing.pub.pem");
    Files.writeString(pub, "keep me");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Ed25519Keys.write(OTHER_KEYS, priv, pub));
    assertEquals(pub + ": already exists; not overwriting a key file", e.getMessage());
    assertFalse(Files.exists(priv));
    assertEquals("keep me", Files.readString(pub));
  }

  @Test
  void mismatchedPairIsNotWritten() {
    KeyPair mixed = new KeyPair(TEST_KEYS.getPublic(), OTHER_KEYS.getPrivate());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Ed25519Keys.write(mixed, dir.resolve("a.pem"), dir.resolve("b.pem")));
    assertTrue(e.getMessage().contains("does not belong to the private key"), e.getMessage());
  }

  @Test
  void readErrorsNameTheFileAndWhatIsWrongWithoutKeyMaterial() throws Exception {
    Path missing = dir.resolve("nope.pem");
    assertEquals(
        missing + ": no such private key file",
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.readPrivate(missing))
            .getMessage());

    Path pubFile = RESOURCES.resolve("keys/TEST-ONLY-ed25519.pub.pem");
    String wrongBlock =
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.readPrivate(pubFile))
            .getMessage();
    assertEquals(
        pubFile
            + ": expected a PEM 'PRIVATE KEY' block (unencrypted PKCS#8) (-----BEGIN PRIVATE"
            + " KEY-----), found a 'PUBLIC KEY' block",
        wrongBlock);

    Path encrypted = dir.resolve("enc.pem");
    Files.writeString(
        encrypted,
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.readPrivate(encrypted))
            .getMessage()
            .endsWith("found a 'ENCRYPTED PRIVATE KEY' block"));

    String body = Base64.getEncoder().encodeToString(TEST_KEYS.getPrivate().getEncoded());
    Path damaged = dir.resolve("damaged.pem");
    Files.writeString(
        damaged,
        "-----BEGIN PRIVATE KEY-----\n" + body.substring(0, 20) + "\n-----END PRIVATE KEY-----\n");
    String message =
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.readPrivate(damaged))
            .getMessage();
    assertTrue(message.startsWith(damaged + ": "), message);
    assertFalse(message.contains(body.substring(0, 20)), "no key material in " + message);

    Path notBase64 = dir.resolve("nb.pem");
    Files.writeString(notBase64, "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----\n");
    assertEquals(
        notBase64 + ": PEM 'PUBLIC KEY' block: body is not valid base64",
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.readPublic(notBase64))
            .getMessage());

    assertEquals(
        "expected a PEM 'PUBLIC KEY' block (-----BEGIN PUBLIC KEY-----), found none",
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.readPublicPem("hello"))
            .getMessage());
  }

  @Test
  void nonEd25519KeysAreRefused() throws Exception {
    KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
    assertEquals(
        "expected an Ed25519 public key, found an EC key",
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.publicPem(ec.getPublic()))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.keyId(ec.getPublic()));
  }

  @Test
  void privatePemTextWithLeadingCommentsReads() throws Exception {
    String text = Files.readString(RESOURCES.resolve("keys/TEST-ONLY-ed25519.pem"));
    assertTrue(text.startsWith("# TEST-ONLY"));
    assertEquals(TEST_KEYS.getPrivate(), Ed25519Keys.readPrivatePem(text));
  }

  @Test
  void oneTextMayHoldBothKeys() throws Exception {
    String both =
        Files.readString(RESOURCES.resolve("keys/TEST-ONLY-ed25519.pem"))
            + Ed25519Keys.publicPem(TEST_KEYS.getPublic());
    assertEquals(TEST_KEYS.getPrivate(), Ed25519Keys.readPrivatePem(both));
    assertEquals(TEST_KEYS.getPublic(), Ed25519Keys.readPublicPem(both));
  }

  @Test
  void keyIdIsTheSha256PrefixOfTheEncodedKey() {
    String id = Ed25519Keys.keyId(TEST_KEYS.getPublic());
    assertEquals(16, id.length());
    assertEquals(EvidenceJson.sha256Hex(TEST_KEYS.getPublic().getEncoded()).substring(0, 16), id);
    assertNotEquals(id, Ed25519Keys.keyId(OTHER_KEYS.getPublic()));
  }
}
