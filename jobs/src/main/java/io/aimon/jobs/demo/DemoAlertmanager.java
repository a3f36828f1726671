package io.aimon.jobs.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A stand-in for Alertmanager when the demo has no {@code --alertmanager-url}: an HTTP server on
 * 127.0.0.1 that accepts the Alertmanager API v2 {@code POST /api/v2/alerts} the alert job sends
 * and prints what arrives, so the demo shows alerts firing, being re-sent and resolving. It keeps
 * only the dedup keys it has seen.
 */
final class DemoAlertmanager implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpServer server;
  private final PrintWriter console;
  private final Map<String, String> firing = new HashMap<>();
  private final Set<String> resent = new HashSet<>();
  private final Map<String, JsonNode> lastPost = new HashMap<>();
  private long updates;
  private long posts;
  private long resends;
  private long resolved;

  private DemoAlertmanager(PrintWriter console) throws IOException {
    this.console = console;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v2/alerts", this::handle);
    server.start();
  }

  static DemoAlertmanager start(PrintWriter console) throws IOException {
    return new DemoAlertmanager(console);
  }

  /** The base URL to configure as an alertmanager notifier. */
  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  synchronized String summary() {
    return "demo Alertmanager received "
        + posts
        + " alert posts ("
        + updates
        + " updates, "
        + resends
        + " re-sends, "
        + resolved
        + " resolved)";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      JsonNode alerts;
      try (InputStream in = exchange.getRequestBody()) {
        alerts = MAPPER.readTree(in);
      }
      for (JsonNode a : alerts) {
        onAlert(a);
      }
      exchange.sendResponseHeaders(200, -1);
    }
  }

  private synchronized void onAlert(JsonNode a) {
    posts++;
    JsonNode labels = a.path("labels");
    String key = labels.path("dedup_key").asText();
    String line =
        labels.path("alertname").asText()
            + " model_id="
            + labels.path("model_id").asText()
            + (labels.has("feature") ? " feature=" + labels.path("feature").asText() : "")
            + (labels.has("attribute") ? " attribute=" + labels.path("attribute").asText() : "")
            + " severity="
            + labels.path("severity").asText();
    String severity = labels.path("severity").asText();
    JsonNode previous = lastPost.put(key, a);
    String before = a.hasNonNull("endsAt") ? null : firing.put(key, severity);
    if (a.hasNonNull("endsAt")) {
      resolved++;
      firing.remove(key);
      lastPost.remove(key);
      console.println("ALERTMANAGER resolved  " + line);
    } else if (before == null) {
      console.println("ALERTMANAGER firing    " + line);
    } else if (!before.equals(severity)) {
      console.println("ALERTMANAGER firing    " + line + " (severity changed)");
    } else if (!a.equals(previous)) {
      updates++; // a new window's values: the INCIDENT UPDATED line shows it
    } else {
      resends++;
      if (resent.add(key)) {
        console.println("ALERTMANAGER re-sent   " + line + " (still firing)");
      }
    }
    console.flush();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
