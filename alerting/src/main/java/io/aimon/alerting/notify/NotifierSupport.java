package io.aimon.alerting.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/** Helpers the notifiers share: name and URL checks, JSON, ISO times. Not a public API. */
final class NotifierSupport {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private NotifierSupport() {}

  /** {@code name} if it is a valid notifier name, else throws naming it. */
  static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "notifier name: expected letters, digits, '_', '.' or '-', found '" + name + "'");
    }
    return name;
  }

  /** {@code url} if it is an absolute http(s) URL, else throws naming {@code what}. */
  static URI checkHttpUrl(String what, URI url) {
    Objects.requireNonNull(url, what);
    String scheme = url.getScheme();
    if (!url.isAbsolute()
        || url.getHost() == null
        || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
      throw new IllegalArgumentException(
          what + ": expected an absolute http(s) URL, found '" + url + "'");
    }
    return url;
  }

  /** The ISO-8601 UTC form of epoch milliseconds, e.g. {@code 2026-11-22T18:26:00Z}. */
  static String iso(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  static void putIfNotNull(ObjectNode o, String name, String value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  static void putIfNotNull(ObjectNode o, String name, Double value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  /** A POST of {@code json} to {@code uri} with {@code Content-Type: contentType}. */
  static HttpRequest.Builder post(URI uri, String contentType, Object json) {
    String body;
    try {
      body = json instanceof String s ? s : MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  /** A number as people read it: up to 4 significant decimals, or "n/a" for null. */
  static String number(Double v) {
    if (v == null) {
      return "n/a";
    }
    if (v.isNaN() || v.isInfinite()) {
      return v.toString();
    }
    return new java.math.BigDecimal(v)
        .round(new java.math.MathContext(4))
        .stripTrailingZeros()
        .toPlainString();
  }
}
