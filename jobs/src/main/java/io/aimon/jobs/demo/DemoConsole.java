package io.aimon.jobs.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aimon.alerting.incident.CloudEvents;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.Severity;
import io.aimon.config.KafkaSettings;
import io.aimon.jobs.monitor.MonitorRunner;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the committed metrics and dead-letter topics (read_committed), writes them to metrics.jsonl
 * and dead-letter.jsonl and prints one readable line per warning or critical check.
 */
final class DemoConsole implements Runnable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private final KafkaSettings kafka;
  private final Path out;
  private final PrintWriter console;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Map<String, Long> statuses = new TreeMap<>();
  private final Map<String, Long> reasons = new TreeMap<>();
  private final Map<String, Long> incidents = new TreeMap<>();
  private final Map<String, Long> deliveries = new TreeMap<>();
  private final Map<String, Long> corrective = new TreeMap<>();
  private final Map<String, Long> notifications = new TreeMap<>();

  /** Called with the data of each effectiveness_verified evidence record. */
  private volatile java.util.function.Consumer<JsonNode> onVerified = d -> {};

  /** The latest event of each open incident, by incident id. */
  private final Map<String, String> open = new TreeMap<>();

  static final String DELIVERIES_FILE = "alert-deliveries.jsonl";

  DemoConsole(KafkaSettings kafka, Path out, PrintWriter console) {
    this.kafka = kafka;
    this.out = out;
    this.console = console;
  }

  void stop() {
    running.set(false);
  }

  synchronized String summary() {
    return "check results by status "
        + statuses
        + ", dead letters by reason "
        + reasons
        + ", incident events "
        + incidents
        + ", alert deliveries "
        + deliveries
        + ", notification evidence "
        + notifications
        + ", corrective-action evidence "
        + corrective;
  }

  /** Calls {@code listener} with the data of each effectiveness_verified evidence record. */
  void onVerified(java.util.function.Consumer<JsonNode> listener) {
    this.onVerified = listener;
  }

  /** One open critical incident per model (the first by id), for the demo operator. */
  synchronized List<IncidentEvent> openCriticalPerModel() {
    Map<String, IncidentEvent> byModel = new TreeMap<>();
    for (String json : open.values()) {
      IncidentEvent e = CloudEvents.fromJson(json);
      if (e.severity() == Severity.CRITICAL) {
        byModel.putIfAbsent(e.modelId(), e);
      }
    }
    return List.copyOf(byModel.values());
  }

  @Override
  public void run() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "aimon-demo-console");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        BufferedWriter metrics = Files.newBufferedWriter(out.resolve(MonitorRunner.METRICS_FILE));
        BufferedWriter dead = Files.newBufferedWriter(out.resolve(MonitorRunner.DEAD_LETTER_FILE));
        BufferedWriter incidentFile =
            Files.newBufferedWriter(out.resolve(MonitorRunner.INCIDENTS_FILE));
        BufferedWriter deliveryFile = Files.newBufferedWriter(out.resolve(DELIVERIES_FILE))) {
      consumer.subscribe(
          List.of(
              kafka.metricsTopic(),
              kafka.deadLetterTopic(),
              kafka.incidentsTopic(),
              kafka.alertDeliveriesTopic(),
              kafka.evidenceTopic()));
      int idlePollsAfterStop = 0;
      while (running.get() || idlePollsAfterStop < 3) {
        var records = consumer.poll(Duration.ofMillis(500));
        if (!running.get()) {
          idlePollsAfterStop = records.isEmpty() ? idlePollsAfterStop + 1 : 0;
        }
        for (ConsumerRecord<String, String> r : records) {
          if (r.topic().equals(kafka.metricsTopic())) {
            metrics.write(r.value());
            metrics.newLine();
            onCheck(MAPPER.readTree(r.value()));
          } else if (r.topic().equals(kafka.incidentsTopic())) {
            incidentFile.write(r.value());
            incidentFile.newLine();
            onIncident(MAPPER.readTree(r.value()));
          } else if (r.topic().equals(kafka.evidenceTopic())) {
            JsonNode evidence = MAPPER.readTree(r.value());
            onEvidence(evidence);
            if (evidence.path("data").path("event").asText().equals("effectiveness_verified")) {
              onVerified.accept(evidence.path("data"));
            }
          } else if (r.topic().equals(kafka.alertDeliveriesTopic())) {
            deliveryFile.write(r.value());
            deliveryFile.newLine();
            onDelivery(MAPPER.readTree(r.value()));
          } else {
            dead.write(r.value());
            dead.newLine();
            onDeadLetter(MAPPER.readTree(r.value()));
          }
        }
        metrics.flush();
        dead.flush();
        incidentFile.flush();
        deliveryFile.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized void onCheck(JsonNode c) {
    String status = c.path("status").asText();
    statuses.merge(status, 1L, Long::sum);
    if (!status.equals("warning") && !status.equals("critical")) {
      return;
    }
    String feature =
        c.hasNonNull("feature")
            ? "[" + c.get("feature").asText() + "]"
            : c.hasNonNull("attribute")
                ? "["
                    + c.get("attribute").asText()
                    + (c.hasNonNull("group") ? "=" + c.get("group").asText() : "")
                    + "]"
                : "";
    String p = c.hasNonNull("p_value") ? String.format(" p=%.2g", c.get("p_value").asDouble()) : "";
    String threshold =
        c.hasNonNull("threshold") ? " threshold " + c.get("threshold").asDouble() : "";
    String detected =
        c.hasNonNull("detected_at")
            ? " flagged at "
                + TIME.format(Instant.parse(c.get("detected_at").asText()))
                + " (change at "
                + TIME.format(Instant.parse(c.path("changed_at").asText()))
                + "), before the window closed"
            : "";
    console.printf(
        "%s-%s %-11s %-8s %-26s = %.4f%s%s n=%d%s%n",
        TIME.format(Instant.parse(c.path("window_start").asText())),
        TIME.format(Instant.parse(c.path("window_end").asText())),
        c.path("model_id").asText(),
        status.toUpperCase(),
        c.path("metric").asText()
            + feature
            + (c.hasNonNull("version") ? "@v" + c.get("version").asText() : ""),
        c.path("value").asDouble(),
        p,
        threshold,
        c.path("n").asLong(),
        detected);
    console.flush();
  }

  private synchronized void onIncident(JsonNode e) {
    String type = e.path("type").asText().replace("io.aimon.incident.", "");
    incidents.merge(type, 1L, Long::sum);
    JsonNode d = e.path("data");
    if (type.equals("resolved")) {
      open.remove(d.path("incident_id").asText());
    } else {
      open.put(d.path("incident_id").asText(), e.toString());
    }
    console.printf(
        "INCIDENT %-9s %-8s %s%n",
        type.toUpperCase(), d.path("severity").asText().toUpperCase(), d.path("summary").asText());
    console.flush();
  }

  private synchronized void onDelivery(JsonNode d) {
    String outcome = d.path("outcome").asText();
    deliveries.merge(outcome + (d.path("resend").asBoolean() ? " (re-send)" : ""), 1L, Long::sum);
    if (!outcome.equals("delivered")) {
      console.printf(
          "ALERT NOT DELIVERED to %s after %d attempts (%s): %s%n",
          d.path("notifier").asText(),
          d.path("attempts").asInt(),
          d.hasNonNull("last_status")
              ? "HTTP " + d.path("last_status").asInt()
              : d.path("last_error").asText(),
          d.path("event").path("data").path("summary").asText());
      console.flush();
    }
  }

  /** Corrective-action evidence: operators' actions and the verdicts on them. */
  private synchronized void onEvidence(JsonNode r) {
    if (r.path("kind").asText().equals("notification")) {
      notifications.merge(r.path("data").path("outcome").asText(), 1L, Long::sum);
      return;
    }
    if (!r.path("kind").asText().equals("corrective_action")) {
      return;
    }
    JsonNode d = r.path("data");
    String event = d.path("event").asText();
    corrective.merge(event, 1L, Long::sum);
    if (!event.equals("grade_changed")) {
      console.printf(
          "CORRECTIVE %-22s %s: %s%n",
          event, d.path("series").asText(), d.path("summary").asText());
      console.flush();
    }
  }

  private synchronized void onDeadLetter(JsonNode d) {
    reasons.merge(d.path("reason").asText(), 1L, Long::sum);
  }
}
