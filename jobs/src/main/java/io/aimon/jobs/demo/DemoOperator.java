package io.aimon.jobs.demo;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.remediation.ActionType;
import io.aimon.alerting.remediation.CorrectiveAction;
import io.aimon.config.KafkaSettings;
import io.aimon.jobs.incident.ActionLog;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The demo's on-call operator: when the injected drift ends, it acknowledges one open critical
 * incident per model and records a corrective action as applied, as {@code aimon incident ack} and
 * {@code aimon incident action --applied} would, so the demo shows the monitor job verifying the
 * action on the recovered windows (clause 10.2); once verified, it closes the incident.
 */
final class DemoOperator {
  static final String ACTOR = "demo-operator";

  private final KafkaSettings kafka;
  private final PrintWriter console;

  DemoOperator(KafkaSettings kafka, PrintWriter console) {
    this.kafka = kafka;
    this.console = console;
  }

  /** Acts on these incidents (one per model, already chosen) and says so. */
  void act(List<IncidentEvent> incidents) {
    for (IncidentEvent e : incidents) {
      long now = System.currentTimeMillis();
      try {
        send(e, ActionType.ACK, now, null);
        send(e, ActionType.ACTION_APPLIED, now + 1, "demo: the drifting input source was fixed");
      } catch (RuntimeException ex) {
        console.println("OPERATOR could not record an action: " + ex.getMessage());
        continue;
      }
      console.println(
          "OPERATOR ack + action applied by "
              + ACTOR
              + " on incident "
              + e.incidentId()
              + " ("
              + e.subject()
              + "); the monitor job now verifies it on the next windows");
    }
    console.flush();
  }

  /** Closes an incident whose action was verified effective ({@code aimon incident close}). */
  void close(String incidentId, String modelId, String series) {
    try {
      send(incidentId, modelId, series, ActionType.CLOSE, System.currentTimeMillis(), null);
    } catch (RuntimeException ex) {
      console.println("OPERATOR could not record an action: " + ex.getMessage());
      return;
    }
    console.println(
        "OPERATOR close by " + ACTOR + " on incident " + incidentId + " (" + series + ")");
    console.flush();
  }

  private void send(IncidentEvent e, ActionType type, long time, String text) {
    send(e.incidentId(), e.modelId(), e.subject(), type, time, text);
  }

  private void send(
      String incidentId, String modelId, String series, ActionType type, long time, String text) {
    ActionLog.send(
        kafka,
        new CorrectiveAction(
            UUID.randomUUID().toString(),
            incidentId,
            modelId,
            series,
            type,
            ACTOR,
            time,
            text,
            null,
            null),
        Duration.ofSeconds(10));
  }
}
