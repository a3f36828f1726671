package io.aimon.jobs.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * A real HTTP server (JDK HttpServer on 127.0.0.1) playing a receiver: Alertmanager, PagerDuty,
 * Slack or a webhook. It records every request it answered with 2xx ("accepted") and can misbehave
 * for its first requests: answer 500, or answer only after a delay longer than the client's
 * timeout. {@link #startLater} keeps the port closed (connections refused) for a while.
 */
final class RecordingReceiver implements AutoCloseable {

  /** One accepted request. */
  record Request(String method, String path, Map<String, List<String>> headers, String body) {}

  /** What the receiver does with its n-th request (1-based). */
  record Behaviour(int status, long delayMillis) {
    static final Behaviour OK = new Behaviour(200, 0);
  }

  private final int port;
  private final int okStatus;
  private final IntFunction<Behaviour> behaviour;
  private final List<Request> accepted = new ArrayList<>();
  private int requests;
  private volatile HttpServer server;

  private RecordingReceiver(int port, int okStatus, IntFunction<Behaviour> behaviour) {
    this.port = port;
    this.okStatus = okStatus;
    this.behaviour = behaviour;
  }

  /** A receiver answering {@code okStatus} to every request, started now. */
  static RecordingReceiver start(int okStatus) throws IOException {
    return start(okStatus, n -> Behaviour.OK);
  }

  /** A receiver started now, misbehaving as {@code behaviour} says. */
  static RecordingReceiver start(int okStatus, IntFunction<Behaviour> behaviour)
      throws IOException {
    RecordingReceiver r = new RecordingReceiver(freePort(), okStatus, behaviour);
    r.listen();
    return r;
  }

  /** A receiver whose port refuses connections until {@link #listen()} is called. */
  static RecordingReceiver startLater(int okStatus) throws IOException {
    return new RecordingReceiver(freePort(), okStatus, n -> Behaviour.OK);
  }

  /** Starts listening (idempotent). */
  synchronized void listen() throws IOException {
    if (server != null) {
      return;
    }
    HttpServer s =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    s.setExecutor(Executors.newFixedThreadPool(4));
    s.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
              body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Behaviour b;
            synchronized (this) {
              b = behaviour.apply(++requests);
            }
            if (b.delayMillis() > 0) {
              try {
                Thread.sleep(b.delayMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            int status = b.status() == 200 ? okStatus : b.status();
            if (status >= 200 && status < 300) {
              synchronized (this) {
                accepted.add(
                    new Request(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        Map.copyOf(exchange.getRequestHeaders()),
                        body));
              }
            }
            exchange.sendResponseHeaders(status, -1);
          }
        });
    s.start();
    server = s;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:PORT}. */
  URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Every request answered 2xx, in arrival order. */
  synchronized List<Request> accepted() {
    return List.copyOf(accepted);
  }

  /** Every request received, accepted or not. */
  synchronized int requests() {
    return requests;
  }

  @Override
  public void close() {
    HttpServer s = server;
    if (s != null) {
      s.stop(0);
      ((java.util.concurrent.ExecutorService) s.getExecutor()).shutdownNow();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
