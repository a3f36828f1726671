package io.aimon.evidence.export;

import static io.aimon.evidence.export.ExportFixtures.CHURN;
import static io.aimon.evidence.export.ExportFixtures.CREDIT;
import static io.aimon.evidence.export.ExportFixtures.WINDOWS;
import static io.aimon.evidence.export.ExportFixtures.check;
import static io.aimon.evidence.export.ExportFixtures.incident;
import static io.aimon.evidence.export.ExportFixtures.windowEnd;
import static io.aimon.evidence.export.ExportFixtures.windowStart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.evidence.EvidenceKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evidence archive of incidents and their notifications (ISO/IEC 42001 A.8.4), as the monitor
 * job writes them: {@link ExportFixtures#WINDOWS} windows of 6 h from {@link ExportFixtures#T0};
 * per window the check records, the incident events, one notification record per first delivery of
 * an event to a notifier (time = the event's time, no window), the coverage record, then a signed
 * manifest.
 *
 * <ul>
 *   <li>{@link #INC_NOTIFIED} (credit-risk psi[income], critical in window 1): opened at 12:00 and
 *       resolved at 24:00 (window 3), both sent to {@link #ALERTMANAGER} and {@link #SLACK}, all 4
 *       delivered (the opened one to slack after 2 attempts).
 *   <li>{@link #INC_FAILED} (credit-risk accuracy, warning in window 2, critical from 4): opened at
 *       18:00, sent to {@link #ALERTMANAGER} (delivered) and {@link #WEBHOOK} ({@code
 *       failed_exhausted} after 8 attempts, last status 503, last error {@link #WEBHOOK_ERROR});
 *       escalated at 30:00, delivered to both.
 *   <li>{@link #INC_SILENT} (credit-risk demographic_parity_ratio[gender], warning from window 5):
 *       opened at 36:00 without any notification record.
 *   <li>churn: checks and coverage only, no incident.
 * </ul>
 *
 * credit-risk: 24 checks, 8 coverage, 5 incident events and 8 notifications, 45 records (the failed
 * delivery is seq 17); churn: 16 checks and 8 coverage, 24 records.
 */
final class NotificationFixtures {
  static final String INC_NOTIFIED = "inc-psi-income";
  static final String INC_FAILED = "inc-accuracy";
  static final String INC_SILENT = "inc-dpr-gender";
  static final String ALERTMANAGER = "oncall-alertmanager";
  static final String SLACK = "slack";
  static final String WEBHOOK = "webhook";
  static final String WEBHOOK_ERROR =
      "503 Service Unavailable from https://hooks.example.com/aimon";
  static final int NOTIFICATIONS = 8;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private NotificationFixtures() {}

  /** A notification record's data for the first delivery of {@code event} to {@code notifier}. */
  static ObjectNode notification(
      ObjectNode event,
      String series,
      String notifier,
      String outcome,
      int attempts,
      Integer lastStatus,
      String lastError) {
    ObjectNode d = event.get("data").deepCopy();
    String type = event.get("type").asText();
    String step = type.substring(type.lastIndexOf('.') + 1);
    ObjectNode o = MAPPER.createObjectNode();
    o.put("incident_id", d.get("incident_id").asText());
    o.put("event_id", event.get("id").asText());
    o.put("event_type", type);
    o.put("model_id", d.get("model_id").asText());
    o.put("series", series);
    o.put("severity", d.get("severity").asText());
    o.put("notifier", notifier);
    o.put("outcome", outcome);
    o.put("attempts", attempts);
    if (lastStatus != null) {
      o.put("last_status", lastStatus);
    }
    if (lastError != null) {
      o.put("last_error", lastError);
    }
    o.put(
        "summary",
        step
            + " "
            + outcome
            + " to "
            + notifier
            + " after "
            + attempts
            + (attempts == 1 ? " attempt" : " attempts"));
    return o;
  }

  /** The archive described in the class comment, in {@code dir}. */
  static Path archive(Path dir) {
    Map<Path, List<String>> files = new LinkedHashMap<>();
    for (String model : List.of(CREDIT, CHURN)) {
      ExportFixtures.Chain c = new ExportFixtures.Chain(model);
      for (int w = 0; w < WINDOWS; w++) {
        long start = windowStart(w);
        long end = windowEnd(w);
        List<ObjectNode> checks = model.equals(CREDIT) ? creditChecks(w) : churnChecks(w);
        long breaches = 0;
        for (ObjectNode ck : checks) {
          c.add(EvidenceKind.CHECK, end, start, end, ck);
          String st = ck.get("status").asText();
          breaches += st.equals("warning") || st.equals("critical") ? 1 : 0;
        }
        if (model.equals(CREDIT)) {
          creditIncidents(c, w);
        }
        ObjectNode cov = MAPPER.createObjectNode();
        cov.put("window_start", Instant.ofEpochMilli(start).toString());
        cov.put("window_end", Instant.ofEpochMilli(end).toString());
        cov.put("events", 1000 + w);
        cov.put("checks", checks.size());
        cov.put("breaches", breaches);
        c.add(EvidenceKind.COVERAGE, end, start, end, cov);
        c.seal(files, start, end);
      }
    }
    ExportFixtures.write(dir, files);
    return dir;
  }

  private static List<ObjectNode> creditChecks(int w) {
    boolean psi = w == 1;
    String acc = w >= 4 ? "critical" : w >= 2 ? "warning" : "ok";
    boolean dpr = w >= 5;
    return List.of(
        check(
            CREDIT,
            w,
            "psi",
            "income",
            null,
            null,
            psi ? 0.4 : 0.05,
            psi ? 0.25 : 0.1,
            psi ? "critical" : "ok"),
        check(
            CREDIT,
            w,
            "accuracy",
            null,
            null,
            null,
            acc.equals("ok") ? 0.91 : acc.equals("warning") ? 0.84 : 0.7,
            acc.equals("critical") ? 0.75 : 0.85,
            acc),
        check(
            CREDIT,
            w,
            "demographic_parity_ratio",
            null,
            "gender",
            null,
            dpr ? 0.85 : 0.95,
            0.9,
            dpr ? "warning" : "ok"));
  }

  private static List<ObjectNode> churnChecks(int w) {
    return List.of(
        check(CHURN, w, "psi", "monthly_charges", null, null, 0.05, 0.1, "ok"),
        check(CHURN, w, "accuracy", null, null, null, 0.8, 0.75, "ok"));
  }

  private static void creditIncidents(ExportFixtures.Chain c, int w) {
    String psi = CREDIT + "/psi/feature=income";
    String acc = CREDIT + "/accuracy";
    switch (w) {
      case 1 -> {
        ObjectNode e =
            event(c, w, "opened", INC_NOTIFIED, "psi", "income", "critical", 0.4, 0.25, "critical");
        notify(c, w, notification(e, psi, ALERTMANAGER, "delivered", 1, 200, null));
        notify(c, w, notification(e, psi, SLACK, "delivered", 2, 200, null));
      }
      case 2 -> {
        ObjectNode e =
            event(c, w, "opened", INC_FAILED, "accuracy", null, "warning", 0.84, 0.85, "warning");
        notify(c, w, notification(e, acc, ALERTMANAGER, "delivered", 1, 200, null));
        notify(c, w, notification(e, acc, WEBHOOK, "failed_exhausted", 8, 503, WEBHOOK_ERROR));
      }
      case 3 -> {
        ObjectNode e =
            event(c, w, "resolved", INC_NOTIFIED, "psi", "income", "critical", 0.05, 0.1, "ok");
        notify(c, w, notification(e, psi, ALERTMANAGER, "delivered", 1, 200, null));
        notify(c, w, notification(e, psi, SLACK, "delivered", 1, 200, null));
      }
      case 4 -> {
        ObjectNode e =
            event(
                c, w, "escalated", INC_FAILED, "accuracy", null, "critical", 0.7, 0.75, "critical");
        notify(c, w, notification(e, acc, ALERTMANAGER, "delivered", 1, 200, null));
        notify(c, w, notification(e, acc, WEBHOOK, "delivered", 1, 204, null));
      }
      case 5 ->
          event(
              c,
              w,
              "opened",
              INC_SILENT,
              "demographic_parity_ratio",
              null,
              "warning",
              0.85,
              0.9,
              "warning");
      default -> {}
    }
  }

  private static ObjectNode event(
      ExportFixtures.Chain c,
      int w,
      String type,
      String incidentId,
      String metric,
      String feature,
      String severity,
      double value,
      double threshold,
      String windowStatus) {
    ObjectNode e =
        incident(
            CREDIT,
            w,
            type,
            incidentId,
            metric,
            feature,
            severity,
            value,
            threshold,
            windowStatus,
            CREDIT + ": " + metric + " is " + value + " (" + windowStatus + ") in window " + w);
    c.add(EvidenceKind.INCIDENT, windowEnd(w), windowStart(w), windowEnd(w), e);
    return e;
  }

  private static void notify(ExportFixtures.Chain c, int w, ObjectNode data) {
    c.add(EvidenceKind.NOTIFICATION, windowEnd(w), null, null, data);
  }
}
