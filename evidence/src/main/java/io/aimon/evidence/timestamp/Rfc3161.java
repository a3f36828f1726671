package io.aimon.evidence.timestamp;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * The RFC 3161 messages aimon exchanges with a time stamping authority, through Bouncy Castle's TSP
 * classes: a request for the SHA-256 imprint of some bytes (with a nonce, asking for the TSA's
 * certificate in the token), and the token a granted response carries, checked against the request.
 */
public final class Rfc3161 {
  /** The media type of a request body. */
  public static final String QUERY_TYPE = "application/timestamp-query";

  /** The media type of a response body. */
  public static final String REPLY_TYPE = "application/timestamp-reply";

  private Rfc3161() {}

  /** SHA-256 of {@code bytes}. */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /**
   * A request to stamp the SHA-256 imprint {@code sha256}, with {@code nonce}, certificate wanted.
   */
  public static TimeStampRequest request(byte[] sha256, BigInteger nonce) {
    TimeStampRequestGenerator g = new TimeStampRequestGenerator();
    g.setCertReq(true);
    return g.generate(TSPAlgorithms.SHA256, sha256, nonce);
  }

  /**
   * The token of a TSA's response to {@code request}.
   *
   * @throws TimestampException when the response is not DER, not granted (with the TSA's status
   *     text), or does not answer the request (another imprint, nonce or policy)
   */
  public static TimeStampToken token(byte[] response, TimeStampRequest request)
      throws TimestampException {
    TimeStampResponse r;
    try {
      r = new TimeStampResponse(response);
    } catch (TSPException | IOException | RuntimeException e) {
      throw new TimestampException("not an RFC 3161 time stamp response: " + e.getMessage(), e);
    }
    if (r.getStatus() != PKIStatus.GRANTED && r.getStatus() != PKIStatus.GRANTED_WITH_MODS) {
      throw new TimestampException(
          "the TSA refused the request: status "
              + r.getStatus()
              + (r.getStatusString() == null ? "" : " (" + r.getStatusString() + ")"));
    }
    try {
      r.validate(request);
    } catch (TSPException e) {
      throw new TimestampException(
          "the response does not answer the request: " + e.getMessage(), e);
    }
    return r.getTimeStampToken();
  }

  /**
   * The token in {@code der}, a DER-encoded CMS SignedData.
   *
   * @throws TimestampException when it is not one
   */
  public static TimeStampToken parseToken(byte[] der) throws TimestampException {
    try {
      return new TimeStampToken(new CMSSignedData(der));
    } catch (CMSException | TSPException | IOException | RuntimeException e) {
      throw new TimestampException("not an RFC 3161 time stamp token: " + e.getMessage(), e);
    }
  }
}
