package io.aimon.jobs.grc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-process HTTP server standing in for a GRC platform: one handler for every request, which
 * checks it against the platform's documented API and records each way it departs from it ({@link
 * #violations()}); such a request gets 400. It can answer the next requests to a path with a status
 * to test retries ({@link #failNext}).
 */
abstract class PlatformServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A request as received. */
  record Request(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      byte[] body) {}

  /** What a handler answers. */
  record Response(int status, Map<String, String> headers, String body) {
    static Response json(int status, Object body) {
      try {
        return new Response(
            status, Map.of("Content-Type", "application/json"), JSON.writeValueAsString(body));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final HttpServer server;
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, List<Integer>> failures = new LinkedHashMap<>();

  PlatformServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::exchange);
    server.start();
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** Every departure from the documented API, in order. */
  List<String> violations() {
    return List.copyOf(violations);
  }

  /** Every request received, in order. */
  List<Request> requests() {
    return List.copyOf(requests);
  }

  /**
   * The next requests of {@code method path-prefix} get {@code statuses}, one each, with
   * Retry-After: 0.
   */
  synchronized void failNext(String methodAndPrefix, Integer... statuses) {
    failures.computeIfAbsent(methodAndPrefix, k -> new ArrayList<>()).addAll(List.of(statuses));
  }

  /** Notes a departure from the API; the request then gets 400. */
  void violation(Request r, String what) {
    violations.add(r.method() + " " + r.path() + ": " + what);
  }

  abstract Response handle(Request r) throws IOException;

  private void exchange(HttpExchange x) throws IOException {
    byte[] body = x.getRequestBody().readAllBytes();
    Map<String, String> headers = new LinkedHashMap<>();
    x.getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
    Map<String, String> query = new LinkedHashMap<>();
    String raw = x.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String kv : raw.split("&")) {
        int eq = kv.indexOf('=');
        query.put(
            URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    Request r =
        new Request(x.getRequestMethod(), x.getRequestURI().getPath(), query, headers, body);
    requests.add(r);
    Response response = injected(r);
    if (response == null) {
      int before = violations.size();
      try {
        response = handle(r);
      } catch (RuntimeException e) {
        violation(r, e.getMessage());
      }
      if (violations.size() > before) {
        response = Response.json(400, Map.of("message", violations.get(violations.size() - 1)));
      }
    }
    byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
    response.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
    x.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      x.getResponseBody().write(out);
    }
    x.close();
  }

  private synchronized Response injected(Request r) {
    for (Map.Entry<String, List<Integer>> e : failures.entrySet()) {
      if ((r.method() + " " + r.path()).startsWith(e.getKey()) && !e.getValue().isEmpty()) {
        int status = e.getValue().remove(0);
        return new Response(status, Map.of("Retry-After", "0"), "{\"message\":\"try again\"}");
      }
    }
    return null;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
