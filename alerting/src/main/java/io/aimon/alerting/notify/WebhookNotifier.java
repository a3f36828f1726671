package io.aimon.alerting.notify;

import io.aimon.alerting.incident.CloudEvents;
import io.aimon.alerting.incident.IncidentEvent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Posts incident events to any HTTP endpoint as CloudEvents 1.0 in structured JSON mode ({@link
 * CloudEvents#toJson}, {@code Content-Type: application/cloudevents+json}).
 *
 * <pre>{@code
 * Notifier hook = new WebhookNotifier(
 *     URI.create("https://ops.example.com/aimon"),
 *     Map.of("Authorization", Secret.of("file:/run/secrets/aimon-webhook-auth")));
 * }</pre>
 *
 * <p>Header values are secrets, read on every request. The receiver can deduplicate on the event's
 * {@code id}, which is the same when an event is retried or replayed.
 */
public final class WebhookNotifier implements Notifier {

  /** The default {@link #name()}. */
  public static final String DEFAULT_NAME = "webhook";

  /** The content type of a structured-mode CloudEvent. */
  public static final String CONTENT_TYPE = "application/cloudevents+json";

  private final String name;
  private final URI url;
  private final Map<String, Secret> headers;

  /** A notifier named {@value #DEFAULT_NAME}. */
  public WebhookNotifier(URI url, Map<String, Secret> headers) {
    this(DEFAULT_NAME, url, headers);
  }

  /**
   * A notifier.
   *
   * @param name letters, digits, {@code _ . -}
   * @param url an absolute http(s) URL; it should hold no secret (put tokens in a header), although
   *     delivery errors redact it anyway
   * @param headers extra request headers (copied); names the JDK HTTP client restricts ({@code
   *     Host}, {@code Content-Length}, ...) and {@code Content-Type} are rejected
   */
  public WebhookNotifier(String name, URI url, Map<String, Secret> headers) {
    this.name = NotifierSupport.checkName(name);
    this.url = NotifierSupport.checkHttpUrl("webhook URL", url);
    Objects.requireNonNull(headers, "headers");
    Map<String, Secret> copy = new LinkedHashMap<>();
    headers.forEach(
        (k, v) -> {
          Objects.requireNonNull(k, "header name");
          Objects.requireNonNull(v, "header " + k);
          if (k.equalsIgnoreCase("Content-Type")) {
            throw new IllegalArgumentException(
                "webhook header Content-Type: expected to be left to the notifier, found it set");
          }
          try {
            HttpRequest.newBuilder().header(k, "x");
          } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(
                "webhook header '"
                    + k
                    + "': expected a header name the HTTP client allows, found a"
                    + " restricted or invalid one");
          }
          copy.put(k, v);
        });
    this.headers = Map.copyOf(copy);
  }

  @Override
  public String name() {
    return name;
  }

  /** The endpoint. */
  public URI url() {
    return url;
  }

  @Override
  public HttpRequest request(IncidentEvent e) {
    HttpRequest.Builder b = NotifierSupport.post(url, CONTENT_TYPE, CloudEvents.toJson(e));
    headers.forEach((k, v) -> b.header(k, v.value()));
    return b.build();
  }

  /** Names the notifier and the header names, never their values. */
  @Override
  public String toString() {
    return "WebhookNotifier[" + name + ", headers=" + headers.keySet() + "]";
  }
}
