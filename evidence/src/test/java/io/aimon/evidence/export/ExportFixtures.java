package io.aimon.evidence.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.evidence.Ed25519Keys;
import io.aimon.evidence.EvidenceKind;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.HashChain;
import io.aimon.evidence.LayoutV1;
import io.aimon.evidence.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Named instants, the test-only keys and a generated evidence archive for the export tests, laid
 * out as the monitor job writes it: per window the check records, incident events, corrective
 * actions and the coverage record, then a manifest signed with the TEST-ONLY key.
 *
 * <p>{@link #archive}: two models, {@link #WINDOWS} windows of 6 h from {@link #T0}.
 *
 * <ul>
 *   <li>credit-risk, per window: {@code psi[income]} (critical in windows 2 and 3, threshold 0.25;
 *       else ok against the warning level 0.1), {@code accuracy} (warning in 6 and 7, threshold
 *       0.85), {@code demographic_parity_ratio[gender]} (warning in 3, threshold 0.9), {@code
 *       count} and {@code selection_rate[gender=F]} (no threshold); incident {@link #INC_PSI}
 *       opened at the end of window 2 (critical), updated at 3, resolved at 5, with a corrective
 *       action applied at 5 (effectiveness pending); incident {@link #INC_ACC} opened at 7
 *       (warning), still open. 53 records.
 *   <li>churn, per window: {@code psi[monthly_charges]} (warning in window 4), {@code accuracy}
 *       (ok); no incident. 24 records.
 * </ul>
 *
 * Files: {@code model=<id>/date=<yyyy-MM-dd>/evidence-0.jsonl}, windows 0..3 on 2026-01-01, 4..7 on
 * 2026-01-02.
 */
final class ExportFixtures {
  static final Path RESOURCES = Path.of("src/test/resources");

  /** The checked-in TEST-ONLY key pair; never for real evidence. */
  static final KeyPair TEST_KEYS =
      new KeyPair(
          Ed25519Keys.readPublic(RESOURCES.resolve("keys/TEST-ONLY-ed25519.pub.pem")),
          Ed25519Keys.readPrivate(RESOURCES.resolve("keys/TEST-ONLY-ed25519.pem")));

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final long HOUR = Duration.ofHours(1).toMillis();
  static final long WINDOW = 6 * HOUR;
  static final int WINDOWS = 8;
  static final String CREDIT = "credit-risk";
  static final String CHURN = "churn";
  static final String INC_PSI = "inc-psi-income";
  static final String INC_ACC = "inc-accuracy";
  static final String RUNBOOK = "https://runbooks.example.com/aimon";
  static final long CREDIT_RECORDS = 53;
  static final long CHURN_RECORDS = 24;
  static final long RECORDS = CREDIT_RECORDS + CHURN_RECORDS;
  static final long MANIFESTS = 2 * WINDOWS;

  /** A selection of every window: record times are window ends, up to T0 + 48 h. */
  static final AuditExport.Selection ALL =
      new AuditExport.Selection(T0.toEpochMilli(), windowEnd(WINDOWS - 1) + 1, null);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ExportFixtures() {}

  static long windowStart(int w) {
    return T0.toEpochMilli() + w * WINDOW;
  }

  static long windowEnd(int w) {
    return windowStart(w + 1);
  }

  /** A check result as the monitor job writes it. */
  static ObjectNode check(
      String model,
      int w,
      String metric,
      String feature,
      String attribute,
      String group,
      double value,
      Double threshold,
      String status) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put(
        "check_id", model + "-" + metric + "-" + feature + "-" + attribute + "-" + group + "-" + w);
    o.put("model_id", model);
    o.put("model_version", "3");
    o.put("window_start", Instant.ofEpochMilli(windowStart(w)).toString());
    o.put("window_end", Instant.ofEpochMilli(windowEnd(w)).toString());
    o.put("metric", metric);
    if (feature != null) {
      o.put("feature", feature);
    }
    if (attribute != null) {
      o.put("attribute", attribute);
    }
    if (group != null) {
      o.put("group", group);
    }
    o.put("value", value);
    o.put("n", 1000 + w);
    if (threshold != null) {
      o.put("threshold", threshold);
    }
    o.put("status", status);
    o.put("reference_digest", "7ebb1eb2");
    o.put("config_digest", "c0ffee");
    o.put("aimon_version", "0.1.0");
    return o;
  }

  /** An incident lifecycle event as a CloudEvent, as the monitor job writes it. */
  static ObjectNode incident(
      String model,
      int w,
      String type,
      String incidentId,
      String metric,
      String feature,
      String severity,
      double value,
      double threshold,
      String windowStatus,
      String summary) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("specversion", "1.0");
    o.put("id", incidentId + "-" + type + "-" + w);
    o.put("source", "aimon/" + model);
    o.put("type", "io.aimon.incident." + type);
    o.put("time", Instant.ofEpochMilli(windowEnd(w)).toString());
    o.put("datacontenttype", "application/json");
    o.put("subject", model + "/" + metric + (feature == null ? "" : "/" + feature));
    ObjectNode d = o.putObject("data");
    d.put("incident_id", incidentId);
    d.put("dedup_key", "dedup-" + incidentId);
    d.put("model_id", model);
    d.put("metric", metric);
    if (feature != null) {
      d.put("feature", feature);
    }
    d.put("severity", severity);
    d.put("window_status", windowStatus);
    d.put("first_window_start", Instant.ofEpochMilli(windowStart(w)).toString());
    d.put("last_window_end", Instant.ofEpochMilli(windowEnd(w)).toString());
    d.put("window_start", Instant.ofEpochMilli(windowStart(w)).toString());
    d.put("window_end", Instant.ofEpochMilli(windowEnd(w)).toString());
    d.put("value", value);
    d.put("threshold", threshold);
    d.put("n", 1000 + w);
    d.put("breach_count", 1);
    d.put("summary", summary);
    d.put("runbook_url", RUNBOOK);
    d.putArray("check_ids").add(model + "-" + metric + "-" + w);
    return o;
  }

  /**
   * A corrective-action event as the monitor job writes it ({@code RemediationEvent.toData()});
   * null fields are left out. An operator's action ({@code actor} set) gets the action id {@code
   * act-<incident>-<time>}.
   */
  static ObjectNode correctiveAction(
      String model,
      String incidentId,
      String series,
      long time,
      String event,
      String actor,
      String actionType,
      String text,
      String grade,
      String reason,
      String effectiveness,
      String summary) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("event", event);
    o.put("incident_id", incidentId);
    o.put("model_id", model);
    o.put("series", series);
    o.put("time", Instant.ofEpochMilli(time).toString());
    if (actor != null) {
      o.put("actor", actor);
      o.put("action_id", "act-" + incidentId + "-" + time);
    }
    putIfNotNull(o, "action_type", actionType);
    putIfNotNull(o, "text", text);
    putIfNotNull(o, "grade", grade);
    putIfNotNull(o, "reason", reason);
    putIfNotNull(o, "effectiveness", effectiveness);
    o.put("summary", summary);
    return o;
  }

  private static void putIfNotNull(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }

  /** The archive described in the class comment, in {@code dir}. */
  static Path archive(Path dir) {
    return archive(dir, Set.of());
  }

  /**
   * The archive, leaving out the coverage records of {@code skipCoverage} windows ("model/index").
   */
  static Path archive(Path dir, Set<String> skipCoverage) {
    return archive(dir, skipCoverage, false);
  }

  /** The digest of the monitoring plan of {@link #archive(Path, Set, boolean)} with plans. */
  static String planDigest(String model) {
    return model.equals(CREDIT) ? "a1".repeat(32) : "c2".repeat(32);
  }

  /**
   * The archive; with {@code plans}, each model's chain opens with a monitoring plan record and
   * every check names it ({@code plan_digest}).
   */
  static Path archive(Path dir, Set<String> skipCoverage, boolean plans) {
    return archive(dir, skipCoverage, plans, null);
  }

  /**
   * The archive with plans, whose churn checks of the last window name {@code churnLastPlan}
   * instead of churn's recorded plan (when not null).
   */
  static Path archive(Path dir, Set<String> skipCoverage, boolean plans, String churnLastPlan) {
    Map<Path, List<String>> files = new LinkedHashMap<>();
    for (String model : List.of(CREDIT, CHURN)) {
      Chain c = new Chain(model);
      for (int w = 0; w < WINDOWS; w++) {
        long start = windowStart(w);
        long end = windowEnd(w);
        List<ObjectNode> checks = model.equals(CREDIT) ? creditChecks(w) : churnChecks(w);
        if (plans && w == 0) {
          ObjectNode plan = MAPPER.createObjectNode();
          plan.put("plan_digest", planDigest(model));
          plan.put("model_id", model);
          plan.put("summary", "monitoring plan of " + model);
          c.add(EvidenceKind.MONITORING_PLAN, end, null, null, plan);
        }
        long breaches = 0;
        for (ObjectNode ck : checks) {
          if (plans) {
            boolean other = churnLastPlan != null && model.equals(CHURN) && w == WINDOWS - 1;
            ck.put("plan_digest", other ? churnLastPlan : planDigest(model));
          }
          c.add(EvidenceKind.CHECK, end, start, end, ck);
          String st = ck.get("status").asText();
          breaches += st.equals("warning") || st.equals("critical") ? 1 : 0;
        }
        if (model.equals(CREDIT)) {
          creditIncidents(c, w);
        }
        if (!skipCoverage.contains(model + "/" + w)) {
          ObjectNode cov = MAPPER.createObjectNode();
          cov.put("window_start", Instant.ofEpochMilli(start).toString());
          cov.put("window_end", Instant.ofEpochMilli(end).toString());
          cov.put("events", 1000 + w);
          cov.put("checks", checks.size());
          cov.put("breaches", breaches);
          c.add(EvidenceKind.COVERAGE, end, start, end, cov);
        }
        c.seal(files, start, end);
      }
    }
    write(dir, files);
    return dir;
  }

  /**
   * An archive of one model {@code wide} with {@code features} psi series over two windows; the
   * last {@code breaching} features are critical in the second window.
   */
  static Path wideArchive(Path dir, int features, int breaching) {
    Map<Path, List<String>> files = new LinkedHashMap<>();
    Chain c = new Chain("wide");
    for (int w = 0; w < 2; w++) {
      long start = windowStart(w);
      long end = windowEnd(w);
      for (int f = 0; f < features; f++) {
        boolean breach = w == 1 && f >= features - breaching;
        c.add(
            EvidenceKind.CHECK,
            end,
            start,
            end,
            check(
                "wide",
                w,
                "psi",
                "f" + f,
                null,
                null,
                breach ? 0.5 : 0.01,
                breach ? 0.25 : 0.1,
                breach ? "critical" : "ok"));
      }
      c.seal(files, start, end);
    }
    write(dir, files);
    return dir;
  }

  private static List<ObjectNode> creditChecks(int w) {
    double[] psi = {0.05, 0.08, 0.40, 0.35, 0.04, 0.03, 0.05, 0.06};
    double psiValue = psi[w];
    boolean psiCritical = psiValue >= 0.25;
    double acc = w >= 6 ? (w == 6 ? 0.84 : 0.83) : 0.91;
    double dpr = w == 3 ? 0.85 : 0.95;
    return List.of(
        check(
            CREDIT,
            w,
            "psi",
            "income",
            null,
            null,
            psiValue,
            psiCritical ? 0.25 : 0.1,
            psiCritical ? "critical" : "ok"),
        check(CREDIT, w, "accuracy", null, null, null, acc, 0.85, acc < 0.85 ? "warning" : "ok"),
        check(
            CREDIT,
            w,
            "demographic_parity_ratio",
            null,
            "gender",
            null,
            dpr,
            0.9,
            dpr < 0.9 ? "warning" : "ok"),
        check(CREDIT, w, "count", null, null, null, 1000 + w, null, "ok"),
        check(CREDIT, w, "selection_rate", null, "gender", "F", 0.3, null, "ok"));
  }

  private static List<ObjectNode> churnChecks(int w) {
    double psi = w == 4 ? 0.15 : 0.05;
    return List.of(
        check(CHURN, w, "psi", "monthly_charges", null, null, psi, 0.1, w == 4 ? "warning" : "ok"),
        check(CHURN, w, "accuracy", null, null, null, 0.8, 0.75, "ok"));
  }

  private static void creditIncidents(Chain c, int w) {
    long end = windowEnd(w);
    long start = windowStart(w);
    String window = Instant.ofEpochMilli(start) + ".." + Instant.ofEpochMilli(end);
    switch (w) {
      case 2 ->
          c.add(
              EvidenceKind.INCIDENT,
              end,
              start,
              end,
              incident(
                  CREDIT,
                  w,
                  "opened",
                  INC_PSI,
                  "psi",
                  "income",
                  "critical",
                  0.40,
                  0.25,
                  "critical",
                  CREDIT
                      + ": psi of income is 0.4 (critical >= 0.25) in window "
                      + window
                      + " over 1002 events"));
      case 3 ->
          c.add(
              EvidenceKind.INCIDENT,
              end,
              start,
              end,
              incident(
                  CREDIT,
                  w,
                  "updated",
                  INC_PSI,
                  "psi",
                  "income",
                  "critical",
                  0.35,
                  0.25,
                  "critical",
                  CREDIT
                      + ": psi of income is 0.35 (critical >= 0.25) in window "
                      + window
                      + " over 1003 events"));
      case 5 -> {
        c.add(
            EvidenceKind.INCIDENT,
            end,
            start,
            end,
            incident(
                CREDIT,
                w,
                "resolved",
                INC_PSI,
                "psi",
                "income",
                "critical",
                0.03,
                0.1,
                "ok",
                CREDIT
                    + ": psi of income is 0.03 (ok, warning at >= 0.1) in window "
                    + window
                    + " over 1005 events; back to normal for 2 windows"));
        c.add(
            EvidenceKind.CORRECTIVE_ACTION,
            end,
            null,
            null,
            correctiveAction(
                CREDIT,
                INC_PSI,
                CREDIT + "/psi/feature=income",
                end,
                "action_recorded",
                "alice",
                "action_applied",
                "reference refreshed",
                null,
                null,
                "pending",
                "action_applied by alice: verifying effectiveness"));
      }
      case 7 ->
          c.add(
              EvidenceKind.INCIDENT,
              end,
              start,
              end,
              incident(
                  CREDIT,
                  w,
                  "opened",
                  INC_ACC,
                  "accuracy",
                  null,
                  "warning",
                  0.83,
                  0.85,
                  "warning",
                  CREDIT
                      + ": accuracy is 0.83 (warning < 0.85) in window "
                      + window
                      + " over 1007 events"));
      default -> {}
    }
  }

  static Path file(String model, long windowStart) {
    LocalDate date = Instant.ofEpochMilli(windowStart).atZone(ZoneOffset.UTC).toLocalDate();
    return Path.of("model=" + model, "date=" + date, "evidence-0.jsonl");
  }

  static void write(Path dir, Map<Path, List<String>> files) {
    try {
      for (Map.Entry<Path, List<String>> f : files.entrySet()) {
        Path target = dir.resolve(f.getKey());
        Files.createDirectories(target.getParent());
        Files.write(target, f.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every line of every {@code *.jsonl} file under {@code dir}. */
  static List<String> archiveLines(Path dir) {
    List<String> out = new ArrayList<>();
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        out.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A model's chain and the records written since its last manifest. */
  static final class Chain {
    final String model;
    HashChain.State state = HashChain.State.INITIAL;
    final List<EvidenceRecord> pending = new ArrayList<>();

    Chain(String model) {
      this.model = model;
    }

    /** Adds a record in the typed layout of its payload (layout 2). */
    void add(long time, Long start, Long end, io.aimon.evidence.payload.EvidencePayload payload) {
      EvidenceRecord r = HashChain.append(state, model, time, start, end, payload);
      state = HashChain.after(r);
      pending.add(r);
    }

    void add(EvidenceKind kind, long time, Long start, Long end, ObjectNode data) {
      EvidenceRecord r = LayoutV1.append(state, model, kind, time, start, end, data);
      state = HashChain.after(r);
      pending.add(r);
    }

    /** Appends the pending records and their signed manifest to the window's archive file. */
    void seal(Map<Path, List<String>> files, long start, long end) {
      List<String> lines = files.computeIfAbsent(file(model, start), f -> new ArrayList<>());
      pending.forEach(r -> lines.add(r.toJson()));
      lines.add(Manifest.sign(model, start, end, pending, TEST_KEYS).toJson());
      pending.clear();
    }
  }
}
