package io.aimon.jobs.cli;

import io.aimon.evidence.Ed25519Keys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import picocli.CommandLine.Option;

/**
 * The shared {@code --public-key} and {@code --tsa-cert} options of the commands that read an
 * archive ({@code verify}, {@code export}, {@code push}): whom to trust for the signatures and the
 * time stamps; without them each is checked against the key or certificate it carries.
 */
final class TrustOptions {
  @Option(
      names = "--public-key",
      paramLabel = "FILE",
      description = "The public key (PEM) the manifests must be signed with.")
  Path publicKey;

  @Option(
      names = "--tsa-cert",
      paramLabel = "FILE",
      description = "The certificate (PEM or DER) of the TSA trusted to time-stamp manifests.")
  Path tsaCert;

  /** The trusted signing key, or null. */
  PublicKey key() {
    return publicKey == null ? null : Ed25519Keys.readPublic(publicKey);
  }

  /**
   * The trusted TSA's certificate, or null.
   *
   * @throws IllegalArgumentException naming the file when it is no X.509 certificate
   */
  X509Certificate tsa() {
    if (tsaCert == null) {
      return null;
    }
    try {
      return readCertificate(tsaCert);
    } catch (IOException | CertificateException e) {
      throw new IllegalArgumentException(
          "--tsa-cert " + tsaCert + ": not an X.509 certificate (" + e.getMessage() + ")", e);
    }
  }

  static X509Certificate readCertificate(Path file) throws IOException, CertificateException {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
