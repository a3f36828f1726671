package io.aimon.jobs.evidence;

import io.aimon.alerting.notify.Secret;
import io.aimon.evidence.Ed25519Keys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence signing key file: the Ed25519 private key ({@code PRIVATE KEY}, PKCS#8) followed by
 * its public key ({@code PUBLIC KEY}, X.509), both PEM. The JDK cannot derive an Ed25519 public key
 * from the private one, and manifests embed the public key, so the file carries both.
 *
 * <p>Whoever can read the file can sign evidence as its owner, so {@link #checkPermissions} looks
 * at a {@code file:} key's POSIX permissions before the job uses it: a key its group or others can
 * read is a warning naming the file and the fix ({@code chmod 600 FILE}), or, with {@code
 * evidence.signing_key_owner_only}, refused. {@code keygen} writes the file owner-only.
 */
public final class EvidenceKeys {
  /** The key file {@code aimon evidence keygen} writes (owner-only permissions). */
  public static final String KEY_FILE = "aimon-evidence.key";

  /** The public key file for auditors. */
  public static final String PUBLIC_KEY_FILE = "aimon-evidence.pub";

  private static final Logger LOG = LoggerFactory.getLogger(EvidenceKeys.class);

  private EvidenceKeys() {}

  /**
   * What is wrong with the permissions of the key file {@code keyFile} names, or null when nothing
   * is: the reference is not {@code file:}, the file is not there (it is read, and its absence
   * reported, later), the file system has no POSIX permissions, or only the owner can read it.
   *
   * @return e.g. {@code evidence.signing_key file:/keys/aimon-evidence.key: the private key file is
   *     readable by group and others (rw-r--r--)}
   */
  public static String exposure(Secret keyFile) {
    String ref = keyFile.reference();
    if (!ref.startsWith("file:")) {
      return null;
    }
    Path file = Path.of(ref.substring("file:".length()));
    Set<PosixFilePermission> mode;
    try {
      if (!Files.isRegularFile(file)
          || !Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
        return null;
      }
      mode = Files.getPosixFilePermissions(file);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null; // nothing to say about permissions; reading the key reports what is wrong
    }
    boolean group = mode.contains(PosixFilePermission.GROUP_READ);
    boolean others = mode.contains(PosixFilePermission.OTHERS_READ);
    if (!group && !others) {
      return null;
    }
    return "evidence.signing_key "
        + ref
        + ": the private key file is readable by "
        + (group && others ? "group and others" : group ? "group" : "others")
        + " ("
        + PosixFilePermissions.toString(mode)
        + ")";
  }

  /**
   * Checks the permissions of the key file {@code keyFile} names ({@link #exposure}), where the job
   * is built, so that a refusal is one line before anything runs: a key its group or others can
   * read is logged as a warning, or refused when {@code ownerOnly}.
   *
   * @param ownerOnly {@code evidence.signing_key_owner_only}
   * @throws IllegalArgumentException when {@code ownerOnly} and the key is readable by others: one
   *     line naming the file, its mode and the fix
   */
  public static void checkPermissions(Secret keyFile, boolean ownerOnly) {
    String exposure = exposure(keyFile);
    if (exposure == null) {
      return;
    }
    String fix = "run chmod 600 " + keyFile.reference().substring("file:".length());
    if (ownerOnly) {
      throw new IllegalArgumentException(
          exposure
              + ", refused (evidence.signing_key_owner_only is true): "
              + fix
              + " and start again");
    }
    LOG.warn(
        "{}: anyone who can read it can sign evidence as you; {} (set"
            + " evidence.signing_key_owner_only: true to refuse such a key)",
        exposure,
        fix);
  }

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
