package io.aimon.evidence.export;

import static io.aimon.evidence.export.ExportFixtures.CHURN;
import static io.aimon.evidence.export.ExportFixtures.CREDIT;
import static io.aimon.evidence.export.ExportFixtures.HOUR;
import static io.aimon.evidence.export.ExportFixtures.T0;
import static io.aimon.evidence.export.ExportFixtures.check;
import static io.aimon.evidence.export.ExportFixtures.correctiveAction;
import static io.aimon.evidence.export.ExportFixtures.incident;
import static io.aimon.evidence.export.ExportFixtures.windowEnd;
import static io.aimon.evidence.export.ExportFixtures.windowStart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.evidence.EvidenceKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evidence archive of incidents and their corrective actions, as the monitor job writes them
 * ({@code RemediationMachine} with verify_windows 3 and major_after 1d): {@link #WINDOWS} windows
 * of 6 h from {@link ExportFixtures#T0}, per window the check records, the incident events and
 * corrective-action records of the window (in time order), the coverage record, then a signed
 * manifest.
 *
 * <ul>
 *   <li>{@link #INC_FIXED} (credit-risk psi[income], critical in window 1): opened at 12:00, graded
 *       minor; acked by alice 13:00, root cause by carol 14:00, action applied by alice 15:00; ok
 *       windows 2, 3, 4 verify it effective at 30:00 (day 2 06:00); resolved at 24:00; closed by
 *       alice at 31:00. Minor, closed, verified effective; risk closed.
 *   <li>{@link #INC_FAILED} (credit-risk accuracy, critical from window 1 on): opened at 12:00,
 *       graded minor; acked by bob 16:00, action applied by bob 17:00, acked again by carol 17:30
 *       (changes nothing); updated (critical) at 18:00 makes it ineffective; updated at 36:00, 24 h
 *       after it opened: graded major. Major, open, ineffective: overdue; risk remediating.
 *   <li>{@link #INC_OVERRIDE} (credit-risk demographic_parity_ratio[gender], warning from window 2
 *       on): opened at 18:00, graded observation by the rule; dave sets the grade to minor at 20:00
 *       ("protected attribute"). Minor by override, open, no action; risk open.
 *   <li>{@link #INC_PENDING} (churn psi[monthly_charges], warning from window 3 on): opened at
 *       24:00, graded observation; acked by erin 25:00, action applied by erin 26:00, one clean
 *       window since. Observation, open, pending; risk remediating.
 *   <li>{@link #INC_UNGRADED} (churn accuracy, critical in window 6): opened at 42:00 without any
 *       corrective-action record. Ungraded, open; risk open.
 * </ul>
 */
final class CorrectiveActionFixtures {
  static final int WINDOWS = 8;
  static final String INC_FIXED = "inc-psi-income";
  static final String INC_FAILED = "inc-accuracy";
  static final String INC_OVERRIDE = "inc-dpr-gender";
  static final String INC_PENDING = "inc-psi-charges";
  static final String INC_UNGRADED = "inc-churn-accuracy";
  static final String OVERRIDE_REASON = "fairness breach on a protected attribute";
  static final String ROOT_CAUSE = "upstream ETL changed income from monthly to yearly";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CorrectiveActionFixtures() {}

  /** Epoch ms of {@code hours} after T0. */
  static long at(double hours) {
    return T0.toEpochMilli() + (long) (hours * HOUR);
  }

  /** ISO-8601 of {@code hours} after T0. */
  static String iso(double hours) {
    return Instant.ofEpochMilli(at(hours)).toString();
  }

  /** A timed record of a window's batch, before it is chained. */
  private record Entry(long time, EvidenceKind kind, Long start, Long end, ObjectNode data) {}

  /** The archive described in the class comment, in {@code dir}. */
  static Path archive(Path dir) {
    Map<Path, List<String>> files = new LinkedHashMap<>();
    for (String model : List.of(CREDIT, CHURN)) {
      ExportFixtures.Chain c = new ExportFixtures.Chain(model);
      for (int w = 0; w < WINDOWS; w++) {
        long start = windowStart(w);
        long end = windowEnd(w);
        List<Entry> batch = new ArrayList<>();
        List<ObjectNode> checks = model.equals(CREDIT) ? creditChecks(w) : churnChecks(w);
        long breaches = 0;
        for (ObjectNode ck : checks) {
          batch.add(new Entry(end, EvidenceKind.CHECK, start, end, ck));
          String st = ck.get("status").asText();
          breaches += st.equals("warning") || st.equals("critical") ? 1 : 0;
        }
        for (Entry e : model.equals(CREDIT) ? creditIncidents() : churnIncidents()) {
          if (e.time() > start && e.time() <= end) {
            batch.add(e);
          }
        }
        ObjectNode cov = MAPPER.createObjectNode();
        cov.put("window_start", Instant.ofEpochMilli(start).toString());
        cov.put("window_end", Instant.ofEpochMilli(end).toString());
        cov.put("events", 1000 + w);
        cov.put("checks", checks.size());
        cov.put("breaches", breaches);
        batch.add(new Entry(end, EvidenceKind.COVERAGE, start, end, cov));
        // stable: at one time, checks before incident events before corrective actions
        batch.sort(Comparator.comparingLong(Entry::time));
        for (Entry e : batch) {
          c.add(e.kind(), e.time(), e.start(), e.end(), e.data());
        }
        c.seal(files, start, end);
      }
    }
    ExportFixtures.write(dir, files);
    return dir;
  }

  private static List<ObjectNode> creditChecks(int w) {
    boolean psiCritical = w == 1;
    return List.of(
        check(
            CREDIT,
            w,
            "psi",
            "income",
            null,
            null,
            psiCritical ? 0.4 : 0.05,
            psiCritical ? 0.25 : 0.1,
            psiCritical ? "critical" : "ok"),
        check(
            CREDIT,
            w,
            "accuracy",
            null,
            null,
            null,
            w >= 1 ? 0.7 : 0.91,
            w >= 1 ? 0.75 : 0.85,
            w >= 1 ? "critical" : "ok"),
        check(
            CREDIT,
            w,
            "demographic_parity_ratio",
            null,
            "gender",
            null,
            w >= 2 ? 0.85 : 0.95,
            0.9,
            w >= 2 ? "warning" : "ok"));
  }

  private static List<ObjectNode> churnChecks(int w) {
    return List.of(
        check(
            CHURN,
            w,
            "psi",
            "monthly_charges",
            null,
            null,
            w >= 3 ? 0.15 : 0.05,
            0.1,
            w >= 3 ? "warning" : "ok"),
        check(
            CHURN,
            w,
            "accuracy",
            null,
            null,
            null,
            w == 6 ? 0.6 : 0.8,
            w == 6 ? 0.65 : 0.75,
            w == 6 ? "critical" : "ok"));
  }

  private static List<Entry> creditIncidents() {
    String psi = CREDIT + "/psi/feature=income";
    String acc = CREDIT + "/accuracy";
    String dpr = CREDIT + "/demographic_parity_ratio/attribute=gender";
    return List.of(
        // INC_FIXED: the whole cycle, verified effective and closed
        event(CREDIT, 1, "opened", INC_FIXED, "psi", "income", "critical", 0.4, 0.25, "critical"),
        machine(
            CREDIT,
            INC_FIXED,
            psi,
            12,
            "grade_changed",
            "minor",
            "reached critical",
            null,
            "graded minor: reached critical"),
        operator(CREDIT, INC_FIXED, psi, 13, "alice", "ack", null, null, "ack by alice"),
        operator(
            CREDIT,
            INC_FIXED,
            psi,
            14,
            "carol",
            "root_cause",
            ROOT_CAUSE,
            null,
            "root_cause by carol"),
        operator(
            CREDIT,
            INC_FIXED,
            psi,
            15,
            "alice",
            "action_applied",
            "reference profile rebuilt with yearly income",
            "pending",
            "action_applied by alice: verifying effectiveness"),
        event(CREDIT, 3, "resolved", INC_FIXED, "psi", "income", "critical", 0.05, 0.1, "ok"),
        machine(
            CREDIT,
            INC_FIXED,
            psi,
            30,
            "effectiveness_verified",
            null,
            null,
            "verified_effective",
            "action applied at " + iso(15) + " effective: 3 clean windows up to " + iso(30)),
        operator(
            CREDIT,
            INC_FIXED,
            psi,
            31,
            "alice",
            "close",
            null,
            null,
            "close by alice: closed with verified effectiveness"),
        // INC_FAILED: applied, breached again, graded major, still open
        event(CREDIT, 1, "opened", INC_FAILED, "accuracy", null, "critical", 0.7, 0.75, "critical"),
        machine(
            CREDIT,
            INC_FAILED,
            acc,
            12,
            "grade_changed",
            "minor",
            "reached critical",
            null,
            "graded minor: reached critical"),
        operator(CREDIT, INC_FAILED, acc, 16, "bob", "ack", null, null, "ack by bob"),
        operator(
            CREDIT,
            INC_FAILED,
            acc,
            17,
            "bob",
            "action_applied",
            "retrained on the last 30 days of labels",
            "pending",
            "action_applied by bob: verifying effectiveness"),
        operator(
            CREDIT,
            INC_FAILED,
            acc,
            17.5,
            "carol",
            "ack",
            null,
            null,
            "ack by carol: already acknowledged by bob at " + iso(16)),
        event(
            CREDIT, 2, "updated", INC_FAILED, "accuracy", null, "critical", 0.7, 0.75, "critical"),
        machine(
            CREDIT,
            INC_FAILED,
            acc,
            18,
            "effectiveness_failed",
            null,
            null,
            "ineffective",
            "action applied at "
                + iso(17)
                + " ineffective: the incident was updated (critical) at "
                + iso(18)),
        event(
            CREDIT, 5, "updated", INC_FAILED, "accuracy", null, "critical", 0.7, 0.75, "critical"),
        machine(
            CREDIT,
            INC_FAILED,
            acc,
            36,
            "grade_changed",
            "major",
            "reached critical and unresolved PT24H after it opened at " + iso(12),
            null,
            "grade minor -> major: reached critical and unresolved PT24H after it opened at "
                + iso(12)),
        // INC_OVERRIDE: a warning graded observation by the rule, minor by an operator
        event(
            CREDIT,
            2,
            "opened",
            INC_OVERRIDE,
            "demographic_parity_ratio",
            null,
            "warning",
            0.85,
            0.9,
            "warning"),
        machine(
            CREDIT,
            INC_OVERRIDE,
            dpr,
            18,
            "grade_changed",
            "observation",
            "warning only",
            null,
            "graded observation: warning only"),
        grade(
            CREDIT,
            INC_OVERRIDE,
            dpr,
            20,
            "dave",
            "minor",
            OVERRIDE_REASON,
            "action_recorded",
            "grade by dave: minor"),
        grade(
            CREDIT,
            INC_OVERRIDE,
            dpr,
            20,
            "dave",
            "minor",
            OVERRIDE_REASON,
            "grade_overridden",
            "grade observation -> minor set by dave: " + OVERRIDE_REASON));
  }

  private static List<Entry> churnIncidents() {
    String psi = CHURN + "/psi/feature=monthly_charges";
    return List.of(
        // INC_PENDING: applied, one clean window so far
        event(
            CHURN,
            3,
            "opened",
            INC_PENDING,
            "psi",
            "monthly_charges",
            "warning",
            0.15,
            0.1,
            "warning"),
        machine(
            CHURN,
            INC_PENDING,
            psi,
            24,
            "grade_changed",
            "observation",
            "warning only",
            null,
            "graded observation: warning only"),
        operator(CHURN, INC_PENDING, psi, 25, "erin", "ack", null, null, "ack by erin"),
        operator(
            CHURN,
            INC_PENDING,
            psi,
            26,
            "erin",
            "action_applied",
            "capped monthly_charges at the reference's maximum",
            "pending",
            "action_applied by erin: verifying effectiveness"),
        // INC_UNGRADED: no corrective-action record at all
        event(
            CHURN, 6, "opened", INC_UNGRADED, "accuracy", null, "critical", 0.6, 0.65, "critical"));
  }

  private static Entry event(
      String model,
      int w,
      String type,
      String incidentId,
      String metric,
      String feature,
      String severity,
      double value,
      double threshold,
      String windowStatus) {
    ObjectNode data =
        incident(
            model,
            w,
            type,
            incidentId,
            metric,
            feature,
            severity,
            value,
            threshold,
            windowStatus,
            model + ": " + metric + " is " + value + " (" + windowStatus + ") in window " + w);
    return new Entry(windowEnd(w), EvidenceKind.INCIDENT, windowStart(w), windowEnd(w), data);
  }

  private static Entry machine(
      String model,
      String incidentId,
      String series,
      double hours,
      String event,
      String grade,
      String reason,
      String effectiveness,
      String summary) {
    return action(
        correctiveAction(
            model,
            incidentId,
            series,
            at(hours),
            event,
            null,
            null,
            null,
            grade,
            reason,
            effectiveness,
            summary));
  }

  private static Entry operator(
      String model,
      String incidentId,
      String series,
      double hours,
      String actor,
      String actionType,
      String text,
      String effectiveness,
      String summary) {
    return action(
        correctiveAction(
            model,
            incidentId,
            series,
            at(hours),
            "action_recorded",
            actor,
            actionType,
            text,
            null,
            null,
            effectiveness,
            summary));
  }

  private static Entry grade(
      String model,
      String incidentId,
      String series,
      double hours,
      String actor,
      String grade,
      String reason,
      String event,
      String summary) {
    return action(
        correctiveAction(
            model,
            incidentId,
            series,
            at(hours),
            event,
            actor,
            "grade",
            null,
            grade,
            reason,
            null,
            summary));
  }

  private static Entry action(ObjectNode data) {
    long time = Instant.parse(data.get("time").asText()).toEpochMilli();
    return new Entry(time, EvidenceKind.CORRECTIVE_ACTION, null, null, data);
  }
}
