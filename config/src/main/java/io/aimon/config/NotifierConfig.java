package io.aimon.config;

import java.io.Serializable;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One receiver of incident events ({@code notify.notifiers[i]}). The {@code alerting} module turns
 * it into a notifier ({@code io.aimon.alerting.notify.Notifications}); see docs/configuration.md,
 * section Notifications.
 *
 * <p>Secrets are references, never values: {@code env:NAME} names an environment variable, {@code
 * file:PATH} a file (made absolute by the loader, relative paths against the config file's
 * directory). A {@code url} may be one too. Nothing is read here; {@link #toString()} therefore
 * holds no secret either.
 *
 * @param name matches {@link #NAME_PATTERN}; the name routes refer to
 * @param type one of {@link #TYPES}
 * @param url an absolute http(s) URL, or a secret reference ({@link #isSecretReference}) to one (a
 *     URL that carries a token): the base URL for {@value #ALERTMANAGER} (required), the Events API
 *     URL for {@value #PAGERDUTY} (null means {@link #PAGERDUTY_EVENTS_URL}), the endpoint for
 *     {@value #WEBHOOK} (required); null for {@value #SLACK}
 * @param secret a secret reference ({@link #isSecretReference}): the routing key for {@value
 *     #PAGERDUTY}, the webhook URL for {@value #SLACK} (both required); null for the other types
 * @param headers {@value #WEBHOOK} only: extra request header name to secret reference (copied,
 *     unmodifiable, in order); empty for the other types
 */
public record NotifierConfig(
    String name, String type, String url, String secret, Map<String, String> headers)
    implements Serializable {

  /** Type {@code alertmanager}: Prometheus Alertmanager API v2. */
  public static final String ALERTMANAGER = "alertmanager";

  /** Type {@code pagerduty}: PagerDuty Events API v2. */
  public static final String PAGERDUTY = "pagerduty";

  /** Type {@code slack}: a Slack incoming webhook. */
  public static final String SLACK = "slack";

  /** Type {@code webhook}: CloudEvents 1.0 JSON posted to any HTTP endpoint. */
  public static final String WEBHOOK = "webhook";

  /** Every type, in documentation order. */
  public static final List<String> TYPES = List.of(ALERTMANAGER, PAGERDUTY, SLACK, WEBHOOK);

  /** The allowed notifier names. */
  public static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9_.-]+");

  /** The PagerDuty Events API v2 endpoint, used when a pagerduty notifier has no {@code url}. */
  public static final String PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

  /** The message about a secret without a known prefix; it never repeats the value. */
  static final String NOT_A_SECRET_REFERENCE =
      "expected a secret reference env:NAME or file:PATH, found a value with neither prefix "
          + "(not shown: it may be a secret)";

  public NotifierConfig {
    if (name == null || !NAME_PATTERN.matcher(name).matches()) {
      throw new IllegalArgumentException("name must match " + NAME_PATTERN + ", was " + name);
    }
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("type must be one of " + TYPES + ", was " + type);
    }
    if (url != null && !AlertingConfig.isHttpUrl(url) && !isSecretReference(url)) {
      // not shown: a URL may carry a token
      throw new IllegalArgumentException(
          "notifier "
              + name
              + ": url must be an absolute http or https URL or a secret reference env:NAME or"
              + " file:PATH, was neither (not shown)");
    }
    boolean needsUrl = type.equals(ALERTMANAGER) || type.equals(WEBHOOK);
    if (needsUrl && url == null) {
      throw new IllegalArgumentException("notifier " + name + ": type " + type + " needs a url");
    }
    if (type.equals(SLACK) && url != null) {
      throw new IllegalArgumentException(
          "notifier " + name + ": type slack takes no url (its webhook URL is the secret)");
    }
    boolean needsSecret = type.equals(PAGERDUTY) || type.equals(SLACK);
    if (needsSecret && secret == null) {
      throw new IllegalArgumentException(
          "notifier " + name + ": type " + type + " needs a secret reference");
    }
    if (!needsSecret && secret != null) {
      throw new IllegalArgumentException(
          "notifier " + name + ": type " + type + " takes no secret");
    }
    if (secret != null && !isSecretReference(secret)) {
      throw new IllegalArgumentException(
          "notifier " + name + ": secret: " + NOT_A_SECRET_REFERENCE);
    }
    Objects.requireNonNull(headers, "headers");
    if (!type.equals(WEBHOOK) && !headers.isEmpty()) {
      throw new IllegalArgumentException(
          "notifier " + name + ": type " + type + " takes no headers");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    headers.forEach(
        (k, v) -> {
          Objects.requireNonNull(k, "header name");
          String problem = headerNameProblem(k);
          if (problem != null) {
            throw new IllegalArgumentException("notifier " + name + ": header: " + problem);
          }
          if (v == null || !isSecretReference(v)) {
            throw new IllegalArgumentException(
                "notifier " + name + ": header " + k + ": " + NOT_A_SECRET_REFERENCE);
          }
          copy.put(k, v);
        });
    headers = Collections.unmodifiableMap(copy);
  }

  /** An {@value #ALERTMANAGER} notifier for the Alertmanager at {@code baseUrl}. */
  public static NotifierConfig alertmanager(String name, String baseUrl) {
    return new NotifierConfig(name, ALERTMANAGER, baseUrl, null, Map.of());
  }

  /** A {@value #PAGERDUTY} notifier; {@code eventsUrl} null means the default endpoint. */
  public static NotifierConfig pagerDuty(String name, String eventsUrl, String routingKey) {
    return new NotifierConfig(name, PAGERDUTY, eventsUrl, routingKey, Map.of());
  }

  /** A {@value #SLACK} notifier posting to the webhook URL the reference names. */
  public static NotifierConfig slack(String name, String webhookUrl) {
    return new NotifierConfig(name, SLACK, null, webhookUrl, Map.of());
  }

  /** A {@value #WEBHOOK} notifier with extra headers (name to secret reference). */
  public static NotifierConfig webhook(String name, String url, Map<String, String> headers) {
    return new NotifierConfig(name, WEBHOOK, url, null, headers);
  }

  /**
   * Whether {@code text} is a secret reference: {@code env:} or {@code file:} followed by at least
   * one character.
   */
  public static boolean isSecretReference(String text) {
    return text != null
        && ((text.startsWith("env:") && text.length() > 4)
            || (text.startsWith("file:") && text.length() > 5));
  }

  /**
   * Why {@code header} cannot be a webhook header, or null when it can: {@code Content-Type} is the
   * notifier's, and the JDK HTTP client rejects its restricted names ({@code Host}, {@code
   * Content-Length}, ...) and names that are not HTTP tokens.
   */
  static String headerNameProblem(String header) {
    if (header.equalsIgnoreCase("Content-Type")) {
      return "expected a header other than Content-Type (the notifier sets it), found '"
          + header
          + "'";
    }
    try {
      HttpRequest.newBuilder().header(header, "x");
      return null;
    } catch (IllegalArgumentException e) {
      return "expected a header name the HTTP client allows, found '"
          + header
          + "' (restricted or not a valid name)";
    }
  }
}
