package io.aimon.alerting.notify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * A secret value (a routing key, a webhook URL, a header value) named by a reference: {@code
 * env:NAME} reads the environment variable {@code NAME}, {@code file:/path} reads the file and
 * strips surrounding whitespace. {@link #literal} holds a value directly and is meant for tests
 * only.
 *
 * <pre>{@code
 * Secret key = Secret.of("env:AIMON_PAGERDUTY_ROUTING_KEY");
 * key.toString(); // Secret[env:AIMON_PAGERDUTY_ROUTING_KEY]
 * key.value();    // the key, read now
 * }</pre>
 *
 * <p>The value is read on every {@link #value()} call, so a rotated file is picked up without a
 * restart. Neither {@link #toString()} nor any exception message ever contains the value: they name
 * the reference (variable or file) only.
 */
public final class Secret {

  private final String reference;
  private final Function<String, String> env;
  private final String literal;

  private Secret(String reference, Function<String, String> env, String literal) {
    this.reference = reference;
    this.env = env;
    this.literal = literal;
  }

  /**
   * The secret named by {@code reference}, {@code env:NAME} or {@code file:/path}. Nothing is read
   * yet.
   *
   * @throws IllegalArgumentException when the reference has neither prefix or an empty name; the
   *     message does not repeat the reference, which may be a secret pasted by mistake
   */
  public static Secret of(String reference) {
    return of(reference, System::getenv);
  }

  /** As {@link #of(String)}, reading environment variables from {@code env} (for tests). */
  static Secret of(String reference, Function<String, String> env) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(env, "env");
    if (reference.startsWith("env:") && reference.length() > 4) {
      return new Secret(reference, env, null);
    }
    if (reference.startsWith("file:") && reference.length() > 5) {
      return new Secret(reference, env, null);
    }
    throw new IllegalArgumentException(
        "secret reference: expected env:NAME or file:/path, found a value with neither prefix"
            + " (not shown: it may be a secret)");
  }

  /** A secret given directly. For tests only; configuration must use {@link #of}. */
  public static Secret literal(String value) {
    Objects.requireNonNull(value, "value");
    return new Secret("literal", null, value);
  }

  /** The reference: {@code env:NAME}, {@code file:/path} or {@code literal}. Never the value. */
  public String reference() {
    return reference;
  }

  /**
   * Reads the value now.
   *
   * @throws IllegalStateException when the variable is unset or empty, or the file cannot be read
   *     or is empty; the message names the variable or file, never the value
   */
  public String value() {
    if (literal != null) {
      return literal;
    }
    String v;
    if (reference.startsWith("env:")) {
      String name = reference.substring(4);
      v = env.apply(name);
      if (v == null) {
        throw new IllegalStateException(
            this + ": expected environment variable " + name + " to be set, found it unset");
      }
    } else {
      String file = reference.substring(5);
      try {
        v = Files.readString(Path.of(file)).strip();
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            this
                + ": expected a readable file "
                + file
                + ", found "
                + e.getClass().getSimpleName());
      }
    }
    if (v.isBlank()) {
      throw new IllegalStateException(this + ": expected a non-empty value, found an empty one");
    }
    return v;
  }

  /** {@code Secret[<reference>]}, e.g. {@code Secret[env:NAME]}; never the value. */
  @Override
  public String toString() {
    return "Secret[" + reference + "]";
  }
}
