package io.aimon.alerting.notify;

import static io.aimon.alerting.AlertFixtures.FEATURE;
import static io.aimon.alerting.AlertFixtures.METRIC;
import static io.aimon.alerting.AlertFixtures.MODEL;
import static io.aimon.alerting.AlertFixtures.VERSION;
import static io.aimon.alerting.AlertFixtures.checkId;
import static io.aimon.alerting.AlertFixtures.end;
import static io.aimon.alerting.AlertFixtures.start;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.IncidentEvent.Type;
import io.aimon.alerting.incident.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Incident events, a recording sleeper and an in-process HTTP receiver for the notifier tests. */
final class NotifyFixtures {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String DEDUP_KEY = "0123456789abcdef0123456789abcdef";
  static final String INCIDENT_ID = "5b0c7e4e-8f1a-5d2b-9c3e-1a2b3c4d5e6f";
  static final String RUNBOOK = "https://runbooks.example.com/credit-risk#psi";
  static final String SUMMARY = "credit-risk psi of income is 0.81 (critical > 0.25)";

  /** Per-attempt timeout of the fault tests. */
  static final Duration TEST_TIMEOUT = Duration.ofMillis(200);

  private NotifyFixtures() {}

  /** Critical incident on income opened by window 0, triggered by window 2 (value 0.81). */
  static IncidentEvent event(Type type) {
    return new IncidentEvent(
        type,
        INCIDENT_ID,
        DEDUP_KEY,
        MODEL,
        VERSION,
        METRIC,
        FEATURE,
        null,
        null,
        Severity.CRITICAL,
        type == Type.RESOLVED ? "ok" : "critical",
        start(0),
        end(2),
        start(2),
        end(2),
        0.81,
        null,
        0.25,
        1000,
        3,
        SUMMARY,
        RUNBOOK,
        List.of(checkId(0), checkId(1), checkId(2)),
        null,
        null,
        List.of());
  }

  /** A warning fairness incident (tpr, attribute sex, group Female), no feature, no runbook. */
  static IncidentEvent fairnessWarning() {
    return new IncidentEvent(
        Type.OPENED,
        INCIDENT_ID,
        DEDUP_KEY,
        "loan-approval",
        null,
        "tpr_difference",
        null,
        "sex",
        "Female",
        Severity.WARNING,
        "warning",
        start(0),
        end(0),
        start(0),
        end(0),
        0.12,
        null,
        0.1,
        400,
        1,
        "loan-approval tpr_difference for sex=Female is 0.12 (warning > 0.1)",
        null,
        List.of("check-1"),
        null,
        null,
        List.of());
  }

  /** A policy for fault tests: {@link #TEST_TIMEOUT}, 6 attempts, no jitter, default backoffs. */
  static DeliveryPolicy testPolicy() {
    return DeliveryPolicy.builder().timeout(TEST_TIMEOUT).jitter(0).build();
  }

  static JsonNode json(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A local port nothing listens on (bound, then released). */
  static int deadPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sleeper that returns at once and records every wait. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void sleep(Duration duration) {
      waits.add(duration);
    }

    List<Long> millis() {
      synchronized (waits) {
        return waits.stream().map(Duration::toMillis).toList();
      }
    }
  }

  /** One request a {@link Receiver} got. */
  record Received(String method, String path, String query, Headers headers, String body) {
    JsonNode json() {
      return NotifyFixtures.json(body);
    }
  }

  /**
   * Decides the status of request {@code index} (0-based); may add headers or block, or answer
   * itself and return -1.
   */
  @FunctionalInterface
  interface Responder {
    int respond(int index, HttpExchange exchange) throws Exception;
  }

  /** A real HTTP server on 127.0.0.1, port 0, recording requests and answering per a script. */
  static final class Receiver implements AutoCloseable {
    final HttpServer server;
    final ExecutorService pool = Executors.newCachedThreadPool();
    final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger count = new AtomicInteger();

    private Receiver(Responder responder) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(pool);
      server.createContext(
          "/",
          ex -> {
            try (ex) {
              String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
              received.add(
                  new Received(
                      ex.getRequestMethod(),
                      ex.getRequestURI().getPath(),
                      ex.getRequestURI().getRawQuery(),
                      ex.getRequestHeaders(),
                      body));
              int status;
              try {
                status = responder.respond(count.getAndIncrement(), ex);
              } catch (Exception e) {
                status = 599;
              }
              if (status >= 0) {
                ex.sendResponseHeaders(status, -1);
              }
            }
          });
      server.start();
    }

    /** Answers every request with {@code status}. */
    static Receiver answering(int status) throws IOException {
      return new Receiver((i, ex) -> status);
    }

    /** Answers request i with {@code statuses[i]}, and later ones with the last status. */
    static Receiver answering(int... statuses) throws IOException {
      return new Receiver((i, ex) -> statuses[Math.min(i, statuses.length - 1)]);
    }

    static Receiver responding(Responder responder) throws IOException {
      return new Receiver(responder);
    }

    int port() {
      return server.getAddress().getPort();
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port() + path);
    }

    Received only() {
      if (received.size() != 1) {
        throw new AssertionError("expected 1 request, got " + received.size());
      }
      return received.get(0);
    }

    @Override
    public void close() throws InterruptedException {
      server.stop(0);
      pool.shutdownNow();
      pool.awaitTermination(1, TimeUnit.SECONDS);
    }
  }
}
