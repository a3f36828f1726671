package io.aimon.evidence.timestamp;

import io.aimon.evidence.Manifest;
import io.aimon.evidence.ManifestTimestamp;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Checks one {@link ManifestTimestamp} against the manifest it names: the token must be an RFC 3161
 * token over SHA-256, its imprint the {@code manifest_sha256} stored with it, that the SHA-256 of
 * the manifest as archived, and its signature that of the trusted TSA (or, with none given, of the
 * certificate the token carries: intact, but the TSA unproven).
 */
public final class TimestampCheck {
  /** What a check found; all but the two valid ones are integrity problems. */
  public enum Outcome {
    /** Signed by the trusted TSA over the manifest's bytes. */
    VALID,
    /** Signed over the manifest's bytes by the certificate the token carries; no TSA trusted. */
    VALID_TSA_UNPROVEN,
    /** Not a token, not over SHA-256, without a TSA certificate, or its signature fails. */
    BAD_TOKEN,
    /** The token stamps other bytes than the {@code manifest_sha256} stored with it. */
    TOKEN_MISMATCH,
    /** The manifest is not the one stamped: re-signed or altered after it was stamped. */
    MANIFEST_CHANGED,
    /** Signed by another TSA than the trusted one. */
    UNTRUSTED_TSA;

    /** Whether the stamp holds. */
    public boolean valid() {
      return this == VALID || this == VALID_TSA_UNPROVEN;
    }
  }

  /**
   * The result.
   *
   * @param outcome what was found
   * @param message the reason, for a report
   * @param genTime epoch ms the token gives, or 0 when it could not be read
   * @param tsa the TSA certificate's subject, or null when none was found
   */
  public record Result(Outcome outcome, String message, long genTime, String tsa) {}

  private TimestampCheck() {}

  /**
   * Checks {@code t} against {@code m}, the manifest of its model and seqs.
   *
   * @param trustedTsa the certificate of the TSA trusted to stamp, or null
   */
  public static Result check(ManifestTimestamp t, Manifest m, X509Certificate trustedTsa) {
    TimeStampToken token;
    try {
      token = Rfc3161.parseToken(t.tokenBytes());
    } catch (TimestampException e) {
      return new Result(Outcome.BAD_TOKEN, e.getMessage(), 0, null);
    }
    long genTime = token.getTimeStampInfo().getGenTime().getTime();
    if (!TSPAlgorithms.SHA256.equals(token.getTimeStampInfo().getMessageImprintAlgOID())) {
      return new Result(
          Outcome.BAD_TOKEN,
          "the token's imprint is not SHA-256 but "
              + token.getTimeStampInfo().getMessageImprintAlgOID(),
          genTime,
          null);
    }
    String imprint = HexFormat.of().formatHex(token.getTimeStampInfo().getMessageImprintDigest());
    if (!imprint.equals(t.manifestSha256())) {
      return new Result(
          Outcome.TOKEN_MISMATCH,
          "the token stamps other bytes (SHA-256 "
              + imprint.substring(0, 16)
              + "...) than the manifest_sha256 stored with it ("
              + t.manifestSha256().substring(0, 16)
              + "...)",
          genTime,
          null);
    }
    byte[] actual = Rfc3161.sha256(m.stampedBytes());
    if (!Arrays.equals(actual, HexFormat.of().parseHex(t.manifestSha256()))) {
      return new Result(
          Outcome.MANIFEST_CHANGED,
          "the manifest is not the one stamped at "
              + token.getTimeStampInfo().getGenTime().toInstant()
              + ": it was re-signed or altered after it was stamped",
          genTime,
          null);
    }
    X509CertificateHolder signer;
    if (trustedTsa != null) {
      try {
        signer = new X509CertificateHolder(trustedTsa.getEncoded());
      } catch (java.io.IOException | CertificateEncodingException e) {
        throw new IllegalArgumentException("the trusted TSA certificate: " + e.getMessage(), e);
      }
    } else {
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> carried =
          token.getCertificates().getMatches(token.getSID());
      if (carried.isEmpty()) {
        return new Result(
            Outcome.BAD_TOKEN,
            "the token carries no TSA certificate and no trusted TSA certificate was given",
            genTime,
            null);
      }
      signer = carried.iterator().next();
    }
    String subject = signer.getSubject().toString();
    if (trustedTsa != null && !token.getSID().match(signer)) {
      return new Result(
          Outcome.UNTRUSTED_TSA,
          "signed by another TSA than the trusted " + subject,
          genTime,
          subject);
    }
    try {
      SignerInformationVerifier v = new JcaSimpleSignerInfoVerifierBuilder().build(signer);
      token.validate(v);
    } catch (TSPException
        | OperatorCreationException
        | java.security.cert.CertificateException
        | IllegalArgumentException e) {
      return new Result(
          Outcome.BAD_TOKEN,
          "the token's signature does not verify against " + subject + ": " + e.getMessage(),
          genTime,
          subject);
    }
    return trustedTsa != null
        ? new Result(Outcome.VALID, "stamped by " + subject, genTime, subject)
        : new Result(
            Outcome.VALID_TSA_UNPROVEN,
            "stamped by " + subject + ", unproven: no trusted TSA certificate given",
            genTime,
            subject);
  }
}
