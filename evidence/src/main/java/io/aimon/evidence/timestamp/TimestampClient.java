package io.aimon.evidence.timestamp;

import io.aimon.evidence.Manifest;
import io.aimon.evidence.ManifestTimestamp;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Gets RFC 3161 time stamp tokens of manifests from one TSA over HTTP ({@code POST} of an {@code
 * application/timestamp-query}, RFC 3161 section 3.4), trying up to {@link #ATTEMPTS} times with a
 * growing pause. Every token is checked against its request before it is kept.
 */
public final class TimestampClient {
  /** Attempts per manifest, the first included. */
  public static final int ATTEMPTS = 3;

  private static final SecureRandom NONCES = new SecureRandom();

  private final URI url;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param url the TSA's http(s) URL
   * @param timeout per attempt
   */
  public TimestampClient(URI url, Duration timeout) {
    this.url = Objects.requireNonNull(url, "url");
    String scheme = url.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException(
          "evidence.timestamp_url: expected an http(s) URL, found " + url);
    }
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * The time stamp of {@code m}.
   *
   * @throws TimestampException naming the last attempt's failure when no attempt got a valid token
   */
  public ManifestTimestamp stamp(Manifest m) throws TimestampException, InterruptedException {
    byte[] imprint = Rfc3161.sha256(m.stampedBytes());
    TimestampException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (attempt > 1) {
        Thread.sleep(200L << (attempt - 2));
      }
      try {
        TimeStampToken token = token(imprint);
        return ManifestTimestamp.of(
            m, url.toString(), token.getEncoded(), token.getTimeStampInfo().getGenTime().getTime());
      } catch (TimestampException e) {
        last = e;
      } catch (IOException e) {
        last = new TimestampException("TSA " + url + ": " + e, e);
      }
    }
    throw new TimestampException(
        "no time stamp after " + ATTEMPTS + " attempts: " + last.getMessage(), last);
  }

  private TimeStampToken token(byte[] imprint)
      throws IOException, InterruptedException, TimestampException {
    TimeStampRequest request = Rfc3161.request(imprint, new BigInteger(64, NONCES));
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", Rfc3161.QUERY_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new TimestampException("TSA " + url + " answered HTTP " + response.statusCode());
    }
    return Rfc3161.token(response.body(), request);
  }
}
