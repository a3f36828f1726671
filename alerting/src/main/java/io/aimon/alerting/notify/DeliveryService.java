package io.aimon.alerting.notify;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.notify.Delivery.Outcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends incident events to notifiers reliably: per-attempt timeouts, retries with capped
 * exponential backoff and jitter ({@link DeliveryPolicy}), on a bounded pool so that a slow or dead
 * receiver never blocks the caller.
 *
 * <pre>{@code
 * try (DeliveryService service = DeliveryService.builder().build()) {
 *   service.send(notifier, event)
 *       .thenAccept(d -> { if (!d.delivered()) deadLetters.add(d); });
 * }
 * }</pre>
 *
 * <p><b>Classification.</b> Per attempt: 2xx is delivered. 408, 429, 5xx, and I/O errors
 * (connection refused or reset, timeouts) are retried after {@link DeliveryPolicy#backoff(int)}; on
 * 429 and 503 a {@code Retry-After} in seconds lengthens that wait, up to {@link
 * DeliveryPolicy#maxBackoff()}. Other statuses (other 4xx, 1xx, 3xx; redirects are not followed)
 * fail permanently at once, as does a request that cannot be built (e.g. an unset secret). After
 * {@link DeliveryPolicy#maxAttempts()} retryable failures the delivery is {@link
 * Outcome#FAILED_EXHAUSTED}.
 *
 * <p><b>Threads.</b> {@link #send} queues the delivery and returns at once. A fixed pool of {@code
 * threads} workers runs deliveries, each one from first attempt to outcome, waiting out the
 * backoffs on its {@link Sleeper}; with defaults a dead receiver holds a worker for about 15.5 s
 * plus 6 timeouts. When {@code queueCapacity} deliveries are waiting, {@code send} completes at
 * once with {@link Outcome#DROPPED}. Deliveries of the same event to different notifiers are
 * independent.
 *
 * <p><b>Invariants.</b>
 *
 * <ol>
 *   <li>Every future returned by {@link #send} completes, with a {@link Delivery} (never
 *       exceptionally for a delivery failure), including after {@link #close()}.
 *   <li>{@code attempts <= maxAttempts}, and exactly {@code maxAttempts} for {@code
 *       FAILED_EXHAUSTED}.
 *   <li>A {@link Delivery} holds no secret: errors are redacted (the request URL, its path and
 *       query, and every header value become {@code ***}) and response bodies are not read.
 * </ol>
 */
public final class DeliveryService implements AutoCloseable {

  private static final String REDACTED = "***";

  private final DeliveryPolicy policy;
  private final Sleeper sleeper;
  private final HttpClient client;
  private final Duration closeGrace;
  private final ThreadPoolExecutor executor;

  private DeliveryService(Builder b) {
    this.policy = b.policy;
    this.sleeper = b.sleeper;
    this.closeGrace = b.closeGrace;
    this.client =
        b.client != null
            ? b.client
            : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(policy.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "aimon-notify-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.executor =
        new ThreadPoolExecutor(
            b.threads,
            b.threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(b.queueCapacity),
            factory,
            new ThreadPoolExecutor.AbortPolicy());
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The policy deliveries follow. */
  public DeliveryPolicy policy() {
    return policy;
  }

  /**
   * Queues the delivery of {@code e} to {@code n} and returns at once. The future completes with
   * the outcome: {@link Outcome#DROPPED} at once when the queue is full or the service closed.
   */
  public CompletableFuture<Delivery> send(Notifier n, IncidentEvent e) {
    Objects.requireNonNull(n, "notifier");
    Objects.requireNonNull(e, "event");
    Task task = new Task(n, e);
    try {
      executor.execute(task);
    } catch (RejectedExecutionException ex) {
      String why = executor.isShutdown() ? "service closed" : "send queue full";
      task.future.complete(dropped(n, e, 0, why));
    }
    return task.future;
  }

  /**
   * Delivers {@code e} to {@code n} on the calling thread, with every retry, and returns the
   * outcome. Blocks for up to the sum of the timeouts and backoffs.
   */
  public Delivery deliver(Notifier n, IncidentEvent e) {
    String name = n.name();
    String eventId = e.eventId();
    HttpRequest request;
    try {
      HttpRequest built = n.request(e);
      request = HttpRequest.newBuilder(built, (k, v) -> true).timeout(policy.timeout()).build();
    } catch (RuntimeException ex) {
      // Secret errors name the reference only; anything else is redacted of nothing we know.
      return new Delivery(
          name, eventId, 0, Outcome.FAILED_PERMANENT, null, describe(ex, List.of()));
    }
    List<String> secrets = sensitiveParts(request);
    for (int attempt = 1; ; attempt++) {
      Integer status = null;
      String error = null;
      Duration retryAfter = null;
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        status = response.statusCode();
        if (status >= 200 && status < 300) {
          return new Delivery(name, eventId, attempt, Outcome.DELIVERED, status, null);
        }
        if (!retryable(status)) {
          return new Delivery(name, eventId, attempt, Outcome.FAILED_PERMANENT, status, null);
        }
        if (status == 429 || status == 503) {
          retryAfter = retryAfter(response);
        }
      } catch (IOException ex) {
        error = describe(ex, secrets);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return dropped(n, e, attempt, "interrupted during attempt " + attempt);
      } catch (RuntimeException ex) {
        return new Delivery(
            name, eventId, attempt, Outcome.FAILED_PERMANENT, null, describe(ex, secrets));
      }
      if (attempt >= policy.maxAttempts()) {
        return new Delivery(name, eventId, attempt, Outcome.FAILED_EXHAUSTED, status, error);
      }
      Duration wait = policy.backoff(attempt);
      if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
        wait = retryAfter.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : retryAfter;
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return dropped(n, e, attempt, "interrupted after attempt " + attempt);
      }
    }
  }

  /**
   * Stops taking deliveries, waits up to {@code closeGrace} for queued and running ones, then
   * interrupts the rest: their futures complete with {@link Outcome#DROPPED}.
   */
  @Override
  public void close() {
    executor.shutdown();
    boolean done;
    try {
      done = executor.awaitTermination(closeGrace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      done = false;
    }
    if (!done) {
      for (Runnable r : executor.shutdownNow()) {
        if (r instanceof Task t) {
          t.future.complete(dropped(t.notifier, t.event, 0, "service closed"));
        }
      }
    }
  }

  /** Whether a status is worth retrying: 408, 429 and 5xx. */
  static boolean retryable(int status) {
    return status == 408 || status == 429 || (status >= 500 && status < 600);
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(String::strip)
        .filter(s -> s.matches("\\d{1,6}"))
        .map(s -> Duration.ofSeconds(Long.parseLong(s)))
        .orElse(null);
  }

  private static Delivery dropped(Notifier n, IncidentEvent e, int attempts, String why) {
    return new Delivery(n.name(), e.eventId(), attempts, Outcome.DROPPED, null, why);
  }

  /** The parts of a request that may hold a secret, longest first. */
  static List<String> sensitiveParts(HttpRequest request) {
    List<String> parts = new ArrayList<>();
    URI uri = request.uri();
    parts.add(uri.toString());
    addIfLong(parts, uri.getRawPath());
    addIfLong(parts, uri.getPath());
    addIfLong(parts, uri.getRawQuery());
    addIfLong(parts, uri.getQuery());
    addIfLong(parts, uri.getRawUserInfo());
    addIfLong(parts, uri.getUserInfo());
    request.headers().map().values().forEach(vs -> vs.forEach(v -> addIfLong(parts, v)));
    parts.sort(Comparator.comparingInt(String::length).reversed());
    return parts;
  }

  private static void addIfLong(List<String> parts, String s) {
    if (s != null && s.length() > 1) {
      parts.add(s);
    }
  }

  /**
   * {@code SimpleClassName: message} of {@code t}, or of its first cause with a message, with every
   * sensitive part replaced by {@code ***}.
   */
  static String describe(Throwable t, List<String> sensitive) {
    StringBuilder sb = new StringBuilder(t.getClass().getSimpleName());
    Throwable withMessage = t;
    while (withMessage != null && withMessage.getMessage() == null) {
      withMessage = withMessage.getCause();
    }
    if (withMessage != null) {
      if (withMessage != t) {
        sb.append(" (").append(withMessage.getClass().getSimpleName()).append(')');
      }
      String m = withMessage.getMessage();
      for (String s : sensitive) {
        m = m.replace(s, REDACTED);
      }
      sb.append(": ").append(m);
    }
    return sb.toString();
  }

  /** One queued delivery; its future completes even when the service drops it. */
  private final class Task implements Runnable {
    final Notifier notifier;
    final IncidentEvent event;
    final CompletableFuture<Delivery> future = new CompletableFuture<>();

    Task(Notifier notifier, IncidentEvent event) {
      this.notifier = notifier;
      this.event = event;
    }

    @Override
    public void run() {
      try {
        future.complete(deliver(notifier, event));
      } catch (RuntimeException | Error ex) {
        future.completeExceptionally(ex);
        throw ex;
      }
    }
  }

  /** Builds a {@link DeliveryService}; every setter states its default. */
  public static final class Builder {
    private DeliveryPolicy policy = DeliveryPolicy.defaults();
    private Sleeper sleeper = Sleeper.system();
    private HttpClient client;
    private int threads = 4;
    private int queueCapacity = 1000;
    private Duration closeGrace = Duration.ofSeconds(10);

    private Builder() {}

    /** Timeouts, attempts and backoff. Default {@link DeliveryPolicy#defaults()}. */
    public Builder policy(DeliveryPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Waits between attempts. Default {@link Sleeper#system()}; tests pass a recording one. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * The HTTP client. Default an HTTP/1.1 client that follows no redirects, with a connect timeout
     * of {@link DeliveryPolicy#timeout()}.
     */
    public Builder httpClient(HttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Worker threads, deliveries running at once, in [1, 256]. Default 4. */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 256) {
        throw new IllegalArgumentException(
            "threads: expected an integer in [1, 256], found " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Deliveries waiting for a worker before {@code send} drops, in [1, 1,000,000]. Default 1000.
     */
    public Builder queueCapacity(int queueCapacity) {
      if (queueCapacity < 1 || queueCapacity > 1_000_000) {
        throw new IllegalArgumentException(
            "queueCapacity: expected an integer in [1, 1000000], found " + queueCapacity);
      }
      this.queueCapacity = queueCapacity;
      return this;
    }

    /** How long {@link #close()} waits for pending deliveries, in [0, 10 min]. Default 10 s. */
    public Builder closeGrace(Duration closeGrace) {
      Objects.requireNonNull(closeGrace, "closeGrace");
      if (closeGrace.isNegative() || closeGrace.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException(
            "closeGrace: expected a duration in [0, 10 min], found " + closeGrace);
      }
      this.closeGrace = closeGrace;
      return this;
    }

    /** The service, with its worker pool ready. */
    public DeliveryService build() {
      return new DeliveryService(this);
    }
  }
}
