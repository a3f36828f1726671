package io.aimon.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * Ed25519 signing keys for evidence manifests, with the JDK's own Ed25519 (no extra provider): key
 * generation, PEM files, key ids.
 *
 * <pre>{@code
 * KeyPair keys = Ed25519Keys.generate();
 * Ed25519Keys.write(keys, Path.of("evidence-signing.pem"), Path.of("evidence-signing.pub.pem"));
 * PrivateKey loaded = Ed25519Keys.readPrivate(Path.of("evidence-signing.pem"));
 * PublicKey published = Ed25519Keys.readPublic(Path.of("evidence-signing.pub.pem"));
 * }</pre>
 *
 * <p>Files are PEM: {@code PRIVATE KEY} (unencrypted PKCS#8, RFC 5208/8410) and {@code PUBLIC KEY}
 * (X.509 SubjectPublicKeyInfo), the same as {@code openssl genpkey -algorithm ed25519}; text before
 * the {@code BEGIN} line is ignored. Errors name the file and what is wrong and never contain key
 * material. I/O failures are {@link UncheckedIOException}s, bad content {@link
 * IllegalArgumentException}s.
 */
public final class Ed25519Keys {
  /** The JCA name of the algorithm, for {@link KeyPairGenerator}, {@link Signature}, etc. */
  public static final String ALGORITHM = "Ed25519";

  private static final String PRIVATE_LABEL = "PRIVATE KEY";
  private static final String PUBLIC_LABEL = "PUBLIC KEY";
  private static final byte[] CHECK_MESSAGE =
      "aimon evidence key check".getBytes(StandardCharsets.US_ASCII);

  private Ed25519Keys() {}

  /** A new key pair from the JDK's default {@link java.security.SecureRandom}. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is required of every JDK 15+", e);
    }
  }

  /**
   * Writes {@code kp} as two PEM files. The private key file is created readable and writable by
   * its owner only where the file system supports POSIX permissions. Existing files are never
   * overwritten; missing parent directories are created.
   *
   * @throws IllegalArgumentException when either file exists, or {@code kp} is not a matching
   *     Ed25519 pair
   * @throws UncheckedIOException when writing fails
   */
  public static void write(KeyPair kp, Path privateKeyPem, Path publicKeyPem) {
    requireMatching(kp);
    for (Path p : new Path[] {privateKeyPem, publicKeyPem}) {
      if (Files.exists(p)) {
        throw new IllegalArgumentException(p + ": already exists; not overwriting a key file");
      }
    }
    try {
      createParent(privateKeyPem);
      createParent(publicKeyPem);
      Path dir = privateKeyPem.toAbsolutePath().getParent();
      if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
        Set<PosixFilePermission> ownerOnly =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        Files.createFile(privateKeyPem, PosixFilePermissions.asFileAttribute(ownerOnly));
        // the umask cannot widen the mode; set it again in case the file system ignored it
        Files.setPosixFilePermissions(privateKeyPem, ownerOnly);
      } else {
        Files.createFile(privateKeyPem);
      }
      Files.writeString(
          privateKeyPem,
          pem(PRIVATE_LABEL, kp.getPrivate().getEncoded()),
          StandardCharsets.US_ASCII,
          StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      Files.writeString(
          publicKeyPem,
          publicPem(kp.getPublic()),
          StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException(
          e.getFile() + ": already exists; not overwriting a key file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write key files: " + e, e);
    }
  }

  /**
   * Reads an Ed25519 private key from a PEM file ({@code PRIVATE KEY}, unencrypted PKCS#8).
   *
   * @throws IllegalArgumentException "{@code <file>: <what is wrong>}" for a missing file or bad
   *     content
   */
  public static PrivateKey readPrivate(Path file) {
    String text = readText(file, "private key");
    try {
      return readPrivatePem(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }

  /**
   * Reads an Ed25519 private key from PEM text ({@code PRIVATE KEY}, unencrypted PKCS#8), e.g. a
   * secret handed over in an environment variable.
   *
   * @throws IllegalArgumentException saying what is wrong, without key material
   */
  public static PrivateKey readPrivatePem(String pem) {
    byte[] der = pemBody(pem, PRIVATE_LABEL);
    try {
      PrivateKey key =
          KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
      requireEd25519(key);
      return key;
    } catch (InvalidKeySpecException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "expected an Ed25519 private key in the PEM 'PRIVATE KEY' block, found another key or"
              + " damaged PKCS#8 data");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is required of every JDK 15+", e);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /**
   * Reads an Ed25519 public key from a PEM file ({@code PUBLIC KEY}, X.509).
   *
   * @throws IllegalArgumentException "{@code <file>: <what is wrong>}"
   */
  public static PublicKey readPublic(Path file) {
    String text = readText(file, "public key");
    try {
      return readPublicPem(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }

  /**
   * Reads an Ed25519 public key from PEM text ({@code PUBLIC KEY}, X.509).
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static PublicKey readPublicPem(String pem) {
    byte[] der = pemBody(pem, PUBLIC_LABEL);
    try {
      return decodePublic(der);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "expected an Ed25519 public key in the PEM 'PUBLIC KEY' block, found another key or"
              + " damaged X.509 data");
    }
  }

  /** The PEM text of {@code key} ({@code PUBLIC KEY}, X.509), ending with a line break. */
  public static String publicPem(PublicKey key) {
    requireEd25519(key);
    return pem(PUBLIC_LABEL, key.getEncoded());
  }

  /**
   * A short, stable id of a public key for messages and manifests: the first 16 hex digits of the
   * SHA-256 of its X.509 encoding.
   */
  public static String keyId(PublicKey key) {
    requireEd25519(key);
    return EvidenceJson.sha256Hex(key.getEncoded()).substring(0, 16);
  }

  /** The public key with this X.509 encoding; IllegalArgumentException when it is not Ed25519. */
  static PublicKey decodePublic(byte[] x509) {
    try {
      PublicKey key =
          KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
      requireEd25519(key);
      return key;
    } catch (InvalidKeySpecException e) {
      throw new IllegalArgumentException("not an X.509-encoded Ed25519 public key", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is required of every JDK 15+", e);
    }
  }

  /** Throws unless {@code kp} holds an Ed25519 private key and its own public key. */
  static void requireMatching(KeyPair kp) {
    if (kp == null || kp.getPrivate() == null || kp.getPublic() == null) {
      throw new IllegalArgumentException("keys: expected an Ed25519 key pair, found null");
    }
    requireEd25519(kp.getPrivate());
    requireEd25519(kp.getPublic());
    if (!matches(kp.getPrivate(), kp.getPublic())) {
      throw new IllegalArgumentException(
          "keys: the public key (key id "
              + keyId(kp.getPublic())
              + ") does not belong to the private key");
    }
  }

  /** Base64 of the Ed25519 signature of {@code message} with {@code keys}' private key. */
  static String sign(KeyPair keys, byte[] message) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(keys.getPrivate());
      s.update(message);
      return java.util.Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
    }
  }

  /**
   * Whether a signed line's signature holds: {@code base64Key} (X.509, embedded in the line) is an
   * Ed25519 key with id {@code keyId}, {@code trusted} when one is given, and {@code
   * base64Signature} is its signature of {@code message}. Without {@code trusted} this proves the
   * line intact, not who signed it.
   */
  static boolean embeddedSignatureValid(
      String base64Key, String keyId, byte[] message, String base64Signature, PublicKey trusted) {
    byte[] embedded;
    PublicKey pub;
    try {
      embedded = java.util.Base64.getDecoder().decode(base64Key);
      pub = decodePublic(embedded);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return (trusted == null || java.util.Arrays.equals(trusted.getEncoded(), embedded))
        && keyId(pub).equals(keyId)
        && verifies(pub, message, base64Signature);
  }

  /** Whether {@code base64Signature} is {@code key}'s Ed25519 signature of {@code message}. */
  static boolean verifies(PublicKey key, byte[] message, String base64Signature) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(message);
      return s.verify(java.util.Base64.getDecoder().decode(base64Signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean matches(PrivateKey priv, PublicKey pub) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(priv);
      s.update(CHECK_MESSAGE);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(ALGORITHM);
      v.initVerify(pub);
      v.update(CHECK_MESSAGE);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static EdECPrivateKey requireEd25519(PrivateKey key) {
    if (key instanceof EdECPrivateKey ed && isEd25519(ed.getParams())) {
      return ed;
    }
    throw new IllegalArgumentException(
        "expected an Ed25519 private key, found "
            + (key == null ? "null" : "an " + key.getAlgorithm() + " key"));
  }

  private static EdECPublicKey requireEd25519(PublicKey key) {
    if (key instanceof EdECPublicKey ed && isEd25519(ed.getParams())) {
      return ed;
    }
    throw new IllegalArgumentException(
        "expected an Ed25519 public key, found "
            + (key == null ? "null" : "an " + key.getAlgorithm() + " key"));
  }

  private static boolean isEd25519(NamedParameterSpec params) {
    return params != null && ALGORITHM.equalsIgnoreCase(params.getName());
  }

  private static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /**
   * The DER bytes of the PEM block with this label; other blocks and text around them are ignored,
   * so one file may hold a private and a public key.
   */
  private static byte[] pemBody(String pem, String label) {
    if (pem == null) {
      throw new IllegalArgumentException("expected a PEM '" + label + "' block, found null");
    }
    String beginLine = "-----BEGIN " + label + "-----";
    int begin = pem.indexOf(beginLine);
    if (begin < 0) {
      int other = pem.indexOf("-----BEGIN ");
      int otherEnd = other < 0 ? -1 : pem.indexOf("-----", other + "-----BEGIN ".length());
      String found =
          otherEnd < 0
              ? "none"
              : "a '"
                  + EvidenceJson.shorten(pem.substring(other + "-----BEGIN ".length(), otherEnd))
                  + "' block";
      throw new IllegalArgumentException(
          "expected a PEM '"
              + label
              + "' block"
              + (label.equals(PRIVATE_LABEL) ? " (unencrypted PKCS#8)" : "")
              + " (-----BEGIN "
              + label
              + "-----), found "
              + found);
    }
    String endLine = "-----END " + label + "-----";
    int end = pem.indexOf(endLine, begin);
    if (end < 0) {
      throw new IllegalArgumentException("PEM '" + label + "' block has no END line");
    }
    String body = pem.substring(begin + beginLine.length(), end).replaceAll("\\s+", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("PEM '" + label + "' block: body is not valid base64");
    }
  }

  private static String readText(Path file, String what) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such " + what + " file");
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read " + what + " file: " + e, e);
    }
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
