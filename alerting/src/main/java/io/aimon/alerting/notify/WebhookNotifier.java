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
 * <p>Header values are secrets, read on every request, and so is the URL when it is given as one (a
 * URL that carries a token). The receiver can deduplicate on the event's {@code id}, which is the
 * same when an event is retried or replayed.
 */
public final class WebhookNotifier implements Notifier {

  /** The default {@link #name()}. */
  public static final String DEFAULT_NAME = "webhook";

  /** The content type of a structured-mode CloudEvent. */
  public static final String CONTENT_TYPE = "application/cloudevents+json";

  /** What the URL is, for messages. */
  static final String WHAT = "webhook URL";

  private final String name;
  private final Endpoint url;
  private final Map<String, Secret> headers;

  /** A notifier named {@value #DEFAULT_NAME}. */
  public WebhookNotifier(URI url, Map<String, Secret> headers) {
    this(DEFAULT_NAME, url, headers);
  }

  /**
   * A notifier.
   *
   * @param name letters, digits, {@code _ . -}
   * @param url an absolute http(s) URL; one that holds a token should be a secret ({@link
   *     #WebhookNotifier(String, Endpoint, Map)}), although delivery errors redact it anyway
   * @param headers extra request headers (copied); names the JDK HTTP client restricts ({@code
   *     Host}, {@code Content-Length}, ...) and {@code Content-Type} are rejected
   */
  public WebhookNotifier(String name, URI url, Map<String, Secret> headers) {
    this(name, Endpoint.of(WHAT, url), headers);
  }

  /**
   * A notifier whose URL may be a secret read on every request ({@link Endpoint}).
   *
   * @param name letters, digits, {@code _ . -}
   * @param url the endpoint
   * @param headers as for {@link #WebhookNotifier(String, URI, Map)}
   */
  public WebhookNotifier(String name, Endpoint url, Map<String, Secret> headers) {
    this.name = NotifierSupport.checkName(name);
    this.url = Objects.requireNonNull(url, "url");
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

  /**
   * The endpoint now (a secret URL is read now).
   *
   * @throws IllegalStateException when a secret URL cannot be read or is no absolute http(s) URL
   *     (the message does not show it)
   */
  public URI url() {
    return url.uri();
  }

  @Override
  public HttpRequest request(IncidentEvent e) {
    HttpRequest.Builder b = NotifierSupport.post(url.uri(), CONTENT_TYPE, CloudEvents.toJson(e));
    headers.forEach((k, v) -> b.header(k, v.value()));
    return b.build();
  }

  /** Names the notifier and the header names, never their values. */
  @Override
  public String toString() {
    return "WebhookNotifier[" + name + ", headers=" + headers.keySet() + "]";
  }
}
