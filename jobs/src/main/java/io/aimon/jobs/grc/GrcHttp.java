package io.aimon.jobs.grc;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Sends a GRC platform's requests: up to {@link #ATTEMPTS} tries when the connection fails or the
 * platform answers 429 or 5xx, waiting its {@code Retry-After} (at most {@link #MAX_WAIT}) or 1 s,
 * then 2 s. Any other status other than 2xx fails at once. Messages name the method, the URL and
 * the status, never a header: the credentials stay out of them.
 */
final class GrcHttp {
  static final int ATTEMPTS = 3;
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  static final Duration MAX_WAIT = Duration.ofSeconds(60);

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Duration timeout;
  private int retries;

  GrcHttp(Duration timeout) {
    this.timeout = timeout;
  }

  /** Retries made so far (attempts after a first one). */
  int retries() {
    return retries;
  }

  /**
   * The response of {@code request} with a 2xx status.
   *
   * @throws GrcException after the last attempt, or at once for a status that is no reason to retry
   */
  HttpResponse<String> send(HttpRequest.Builder request) {
    HttpRequest r = request.timeout(timeout).build();
    String what = r.method() + " " + r.uri();
    for (int attempt = 1; ; attempt++) {
      String failure;
      Duration wait = Duration.ofSeconds(attempt);
      try {
        HttpResponse<String> response = client.send(r, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return response;
        }
        failure = what + ": HTTP " + status + body(response.body());
        if (status != 429 && status < 500) {
          throw new GrcException(failure);
        }
        OptionalLong after =
            response.headers().firstValue("Retry-After").stream()
                .filter(v -> v.matches("\\d{1,6}"))
                .mapToLong(Long::parseLong)
                .findFirst();
        if (after.isPresent()) {
          wait = Duration.ofSeconds(Math.min(after.getAsLong(), MAX_WAIT.toSeconds()));
        }
      } catch (IOException e) {
        failure = what + ": " + e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GrcException(what + ": interrupted");
      }
      if (attempt == ATTEMPTS) {
        throw new GrcException(failure + " (after " + ATTEMPTS + " attempts)");
      }
      retries++;
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GrcException(what + ": interrupted");
      }
    }
  }

  /**
   * A response body as JSON.
   *
   * @throws GrcException when it is not JSON
   */
  static com.fasterxml.jackson.databind.JsonNode json(String body, String url) {
    try {
      return JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new GrcException(url + ": expected a JSON response, found invalid JSON");
    }
  }

  /** {@code url} as text without a trailing slash, to append paths to. */
  static String withoutTrailingSlash(java.net.URI url) {
    String b = url.toString();
    return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
  }

  private static String body(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String s = body.strip().replaceAll("\\s+", " ");
    return ": " + (s.length() > 300 ? s.substring(0, 300) + "..." : s);
  }
}
