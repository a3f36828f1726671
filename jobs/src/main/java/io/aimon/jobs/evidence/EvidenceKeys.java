package io.aimon.jobs.evidence;

import io.aimon.alerting.notify.Secret;
import io.aimon.evidence.Ed25519Keys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;

/**
 * The evidence signing key file: the Ed25519 private key ({@code PRIVATE KEY}, PKCS#8) followed by
 * its public key ({@code PUBLIC KEY}, X.509), both PEM. The JDK cannot derive an Ed25519 public key
 * from the private one, and manifests embed the public key, so the file carries both.
 */
public final class EvidenceKeys {
  /** The key file {@code aimon evidence keygen} writes (owner-only permissions). */
  public static final String KEY_FILE = "aimon-evidence.key";

  /** The public key file for auditors. */
  public static final String PUBLIC_KEY_FILE = "aimon-evidence.pub";

  private EvidenceKeys() {}

  /**
   * Writes {@code keyFile} (private then public PEM) and {@code publicKeyFile}; never overwrites.
   */
  public static void write(KeyPair keys, Path keyFile, Path publicKeyFile) {
    Ed25519Keys.write(keys, keyFile, publicKeyFile);
    try {
      Files.writeString(
          keyFile,
          Ed25519Keys.publicPem(keys.getPublic()),
          StandardCharsets.US_ASCII,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + keyFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * The key pair in the key file a secret reference names ({@code file:PATH}, or {@code env:NAME}
   * holding the file's text).
   *
   * @throws IllegalArgumentException naming the reference and what is wrong, never key material
   */
  public static KeyPair read(Secret keyFile) {
    String text;
    try {
      text = keyFile.value();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("evidence.signing_key: " + e.getMessage(), e);
    }
    try {
      return new KeyPair(Ed25519Keys.readPublicPem(text), Ed25519Keys.readPrivatePem(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "evidence.signing_key "
              + keyFile.reference()
              + ": "
              + e.getMessage()
              + " (expected the file written by `aimon evidence keygen`)",
          e);
    }
  }
}
