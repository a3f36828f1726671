package io.aimon.alerting.notify;

import java.net.URI;
import java.util.Objects;

/**
 * Where a notifier posts: an absolute http(s) URL given as is, or one named by a {@link Secret}
 * ({@code env:NAME} or {@code file:PATH}), because a URL that carries a token (a webhook's path, an
 * Alertmanager behind a keyed proxy) is a secret. A secret URL is read on every request, like the
 * other secrets, so a rotated file is picked up without a restart.
 *
 * <pre>{@code
 * Endpoint hook = Endpoint.of("webhook URL", Secret.of("env:AIMON_WEBHOOK_URL")); // nothing read
 * Endpoint am = Endpoint.of("alertmanager base URL", URI.create("http://alertmanager:9093"));
 * URI now = hook.uri(); // reads the variable, checks it is an absolute http(s) URL
 * }</pre>
 *
 * <p>Neither {@link #toString()} nor any exception message shows a secret URL: they name its
 * reference. A plain URL is checked when the endpoint is made and shown as it is.
 */
public final class Endpoint {

  private final String what;
  private final URI fixed;
  private final Secret secret;

  private Endpoint(String what, URI fixed, Secret secret) {
    this.what = what;
    this.fixed = fixed;
    this.secret = secret;
  }

  /**
   * The fixed endpoint {@code url}.
   *
   * @param what what the URL is, for messages (e.g. {@code webhook URL})
   * @throws IllegalArgumentException naming {@code what} when {@code url} is not an absolute
   *     http(s) URL
   */
  public static Endpoint of(String what, URI url) {
    Objects.requireNonNull(what, "what");
    return new Endpoint(what, NotifierSupport.checkHttpUrl(what, url), null);
  }

  /**
   * The endpoint whose URL {@code secret} holds; nothing is read yet.
   *
   * @param what what the URL is, for messages (e.g. {@code webhook URL})
   */
  public static Endpoint of(String what, Secret secret) {
    Objects.requireNonNull(what, "what");
    return new Endpoint(what, null, Objects.requireNonNull(secret, "secret"));
  }

  /** Whether the URL is a secret, read on each {@link #uri()}. */
  public boolean isSecret() {
    return secret != null;
  }

  /**
   * The URL now: the fixed one, or the secret's value read now.
   *
   * @throws IllegalStateException when the secret cannot be read, or does not hold an absolute
   *     http(s) URL; the message names the reference and never shows the value
   */
  public URI uri() {
    if (fixed != null) {
      return fixed;
    }
    String value = secret.value();
    try {
      return NotifierSupport.checkHttpUrl(what, URI.create(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          secret
              + ": expected an absolute http(s) URL for the "
              + what
              + ", found something else (not shown: it may be a secret)");
    }
  }

  /** The fixed URL, or the secret's reference ({@code Secret[env:NAME]}); never a secret URL. */
  @Override
  public String toString() {
    return fixed != null ? fixed.toString() : secret.toString();
  }
}
