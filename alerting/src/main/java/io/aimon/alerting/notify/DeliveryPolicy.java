package io.aimon.alerting.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * How hard {@link DeliveryService} tries to deliver one event: a per-attempt timeout, a number of
 * attempts and a capped exponential backoff with jitter between them.
 *
 * <pre>{@code
 * DeliveryPolicy p = DeliveryPolicy.builder().maxAttempts(4).jitter(0).build();
 * p.backoff(1); // 500 ms: the wait after attempt 1 fails, before attempt 2
 * p.backoff(2); // 1 s
 * p.backoff(3); // 2 s
 * }</pre>
 *
 * <p>The wait after failed attempt {@code k} is {@code min(maxBackoff, base(k) * (1 + jitter * (2u
 * - 1)))} with {@code base(k) = min(maxBackoff, initialBackoff * multiplier^(k-1))} and {@code u}
 * uniform in [0, 1) from {@code random}: with jitter {@code j} the wait lies in {@code [base * (1 -
 * j), min(maxBackoff, base * (1 + j))]}, rounded down to whole milliseconds. With defaults and no
 * jitter the waits are 0.5, 1, 2, 4 and 8 s, and an event is given up after 6 attempts, 15.5 s of
 * waits plus at most 6 timeouts of 5 s.
 *
 * @param timeout the longest wait for the response headers of one attempt, in (0, 10 min]
 * @param maxAttempts attempts per event, including the first, in [1, 100]
 * @param initialBackoff the wait after the first failed attempt, in (0, maxBackoff]
 * @param maxBackoff the longest wait between two attempts, in [initialBackoff, 1 h]
 * @param multiplier the factor between successive waits, in [1, 10]
 * @param jitter the relative spread of each wait, in [0, 1]; 0 makes waits deterministic
 * @param random the source of jitter; seed it for reproducible waits. Used under a lock, so a
 *     generator that is not thread-safe is fine
 */
public record DeliveryPolicy(
    Duration timeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double multiplier,
    double jitter,
    RandomGenerator random) {

  /** Default {@link #timeout()}: 5 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** Default {@link #maxAttempts()}: 6. */
  public static final int DEFAULT_MAX_ATTEMPTS = 6;

  /** Default {@link #initialBackoff()}: 500 ms. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);

  /** Default {@link #maxBackoff()}: 30 s. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

  /** Default {@link #multiplier()}: 2. */
  public static final double DEFAULT_MULTIPLIER = 2;

  /** Default {@link #jitter()}: 0.2. */
  public static final double DEFAULT_JITTER = 0.2;

  public DeliveryPolicy {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(random, "random");
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException(
          "timeout: expected a duration in (0, 10 min], found " + timeout);
    }
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException(
          "maxAttempts: expected an integer in [1, 100], found " + maxAttempts);
    }
    if (maxBackoff.isNegative()
        || maxBackoff.isZero()
        || maxBackoff.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(
          "maxBackoff: expected a duration in (0, 1 h], found " + maxBackoff);
    }
    if (initialBackoff.isNegative()
        || initialBackoff.isZero()
        || initialBackoff.compareTo(maxBackoff) > 0) {
      throw new IllegalArgumentException(
          "initialBackoff: expected a duration in (0, maxBackoff = "
              + maxBackoff
              + "], found "
              + initialBackoff);
    }
    if (!(multiplier >= 1 && multiplier <= 10)) {
      throw new IllegalArgumentException(
          "multiplier: expected a number in [1, 10], found " + multiplier);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter: expected a number in [0, 1], found " + jitter);
    }
  }

  /** The policy with every default and an unseeded {@link Random}. */
  public static DeliveryPolicy defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The wait before the next attempt, without jitter, after failed attempt {@code attempt}: {@code
   * min(maxBackoff, initialBackoff * multiplier^(attempt-1))}, in whole milliseconds.
   *
   * @param attempt the attempt that failed, &gt;= 1
   */
  public Duration baseBackoff(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
    }
    double ms = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 1);
    return Duration.ofMillis((long) Math.min(ms, maxBackoff.toMillis()));
  }

  /**
   * The wait before the next attempt after failed attempt {@code attempt}, with jitter (see the
   * class doc); draws from {@link #random()} unless jitter is 0.
   *
   * @param attempt the attempt that failed, &gt;= 1
   */
  public Duration backoff(int attempt) {
    Duration base = baseBackoff(attempt);
    if (jitter == 0) {
      return base;
    }
    double u;
    synchronized (random) {
      u = random.nextDouble();
    }
    double ms = base.toMillis() * (1 + jitter * (2 * u - 1));
    return Duration.ofMillis((long) Math.max(0, Math.min(ms, maxBackoff.toMillis())));
  }

  /**
   * Builds a {@link DeliveryPolicy}; every setter states its default, {@link #build()} validates.
   */
  public static final class Builder {
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private double multiplier = DEFAULT_MULTIPLIER;
    private double jitter = DEFAULT_JITTER;
    private RandomGenerator random;

    private Builder() {}

    /** Per-attempt timeout, in (0, 10 min]. Default 5 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Attempts per event including the first, in [1, 100]. Default 6. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Wait after the first failed attempt, in (0, maxBackoff]. Default 500 ms. */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
      return this;
    }

    /** Longest wait between attempts, in [initialBackoff, 1 h]. Default 30 s. */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
      return this;
    }

    /** Factor between successive waits, in [1, 10]. Default 2. */
    public Builder multiplier(double multiplier) {
      this.multiplier = multiplier;
      return this;
    }

    /** Relative spread of each wait, in [0, 1]. Default 0.2. */
    public Builder jitter(double jitter) {
      this.jitter = jitter;
      return this;
    }

    /** Source of jitter. Default a new unseeded {@link Random}; pass a seeded one in tests. */
    public Builder random(RandomGenerator random) {
      this.random = random;
      return this;
    }

    /**
     * The policy.
     *
     * @throws IllegalArgumentException naming the first setting out of its range
     */
    public DeliveryPolicy build() {
      return new DeliveryPolicy(
          timeout,
          maxAttempts,
          initialBackoff,
          maxBackoff,
          multiplier,
          jitter,
          random == null ? new Random() : random);
    }
  }
}
