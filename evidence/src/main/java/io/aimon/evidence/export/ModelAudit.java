package io.aimon.evidence.export;

import io.aimon.evidence.EvidenceKind;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.Gate;
import io.aimon.evidence.payload.DeploymentEvidence;
import io.aimon.evidence.payload.EvidenceCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the export knows of one model: its selected records and what they add up to (series,
 * incidents with their notifications and corrective actions, coverage, clause counts), and a few
 * facts of its whole archive (extent, window size, signing keys, the previous period's totals).
 *
 * <p>Built in two steps: {@link #observe} for every record of the model in the archive while it is
 * scanned, then {@link #finish} with the selected records in chain order.
 */
final class ModelAudit {
  /** Monitoring plan records kept per model for the report; older ones are counted. */
  static final int MAX_PLANS = 50;

  /** Distinct plan digests remembered per model, enough for a plan change a minute for a week. */
  static final int MAX_PLAN_DIGESTS = 10_000;

  /** Gate records kept per model for the report, the latest by time; older ones are counted. */
  static final int MAX_GATES = 200;

  /**
   * A gate record of the archive, as the report shows it.
   *
   * @param gate the record
   * @param verified whether its signature verifies (against the trusted key when one was given)
   */
  record GateEntry(Gate gate, boolean verified) {}

  /**
   * A deployment of the period: its record, and its typed data (null for data that does not fit the
   * layout: the verification reports it).
   */
  record Deployment(ExportRecord record, DeploymentEvidence data) {}

  private final String modelId;
  private final TreeMap<Long, List<GateEntry>> gates = new TreeMap<>();
  private int gatesKept;
  private long gatesNotKept;
  private final List<Deployment> deployments = new ArrayList<>();
  private final List<ExportRecord> records = new ArrayList<>();
  private final Map<SeriesKey, Series> series = new LinkedHashMap<>();
  private final Map<String, IncidentHistory> incidents = new LinkedHashMap<>();
  private final List<ExportRecord> stateLosses = new ArrayList<>();
  private final Map<String, Long> statusCounts = new TreeMap<>();
  private final Map<String, Long> idCounts = new TreeMap<>();
  private final Map<String, Map<EvidenceKind, Long>> idKindCounts = new TreeMap<>();
  private final Map<EvidenceKind, Long> kindCounts = new TreeMap<>();
  private final Set<String> keyIds = new TreeSet<>();
  private final Map<Long, Long> spans = new TreeMap<>();
  private final PeriodTotals current = new PeriodTotals();
  private final PeriodTotals previous = new PeriodTotals();
  private long archiveFirstCoverageEnd = Long.MAX_VALUE;
  private long archiveLastCoverageEnd = Long.MIN_VALUE;
  private long archiveStart = Long.MAX_VALUE;
  private long archiveEnd = Long.MIN_VALUE;
  private Coverage coverage;
  // every monitoring plan of the archive: digest -> earliest time, and the latest plans' bodies
  private final Map<String, Long> planTimes = new TreeMap<>();
  private final TreeMap<Long, List<ExportRecord>> planRecords = new TreeMap<>();
  private long plansNotKept;
  private int plansKept;
  private final List<ExportRecord> plansInForce = new ArrayList<>();
  private long checksWithoutPlan;
  private final Map<String, Long> unrecordedPlans = new TreeMap<>();
  private ControlCoverage controls;
  private long asOf = Long.MAX_VALUE;
  private long checksOutsideCoverage;
  private long breachesOutsideCoverage;

  ModelAudit(String modelId) {
    this.modelId = modelId;
  }

  /**
   * Notes a record of this model from anywhere in the archive.
   *
   * @param inPrevious whether its time lies in the previous period of the trend
   */
  void observe(EvidenceRecord r, boolean inPrevious) {
    archiveStart = Math.min(archiveStart, r.windowStart() != null ? r.windowStart() : r.time());
    archiveEnd = Math.max(archiveEnd, r.time());
    if (r.kind() == EvidenceKind.MONITORING_PLAN) {
      observePlan(r);
    }
    if (r.kind() == EvidenceKind.COVERAGE) {
      archiveFirstCoverageEnd = Math.min(archiveFirstCoverageEnd, r.windowEnd());
      archiveLastCoverageEnd = Math.max(archiveLastCoverageEnd, r.windowEnd());
      spans.merge(r.windowEnd() - r.windowStart(), 1L, Long::sum);
    }
    if (inPrevious) {
      String status = null;
      String step = null;
      RecordFields f = RecordFields.of(r);
      if (r.kind() == EvidenceKind.CHECK) {
        status = f.status;
      } else if (r.kind() == EvidenceKind.INCIDENT) {
        String type = f.eventType == null ? "" : f.eventType;
        step = type.substring(type.lastIndexOf('.') + 1);
      }
      previous.add(r.kind(), status, step);
    }
  }

  /**
   * Keeps a monitoring plan of the archive: its digest (at most {@link #MAX_PLAN_DIGESTS}) and, for
   * the {@link #MAX_PLANS} latest, the record itself.
   */
  private void observePlan(EvidenceRecord r) {
    String digest = RecordFields.of(r).planDigest;
    if (digest != null && (planTimes.size() < MAX_PLAN_DIGESTS || planTimes.containsKey(digest))) {
      planTimes.merge(digest, r.time(), Math::min);
    }
    planRecords
        .computeIfAbsent(r.time(), t -> new ArrayList<>())
        .add(ExportRecord.of(r, r.toJson(), 0));
    if (++plansKept > MAX_PLANS) {
      plansKept--;
      List<ExportRecord> oldest = planRecords.firstEntry().getValue();
      oldest.remove(0);
      plansNotKept++;
      if (oldest.isEmpty()) {
        planRecords.pollFirstEntry();
      }
    }
  }

  /** Keeps a gate record of the archive: the {@link #MAX_GATES} latest by time. */
  void observeGate(Gate g, boolean verified) {
    gates.computeIfAbsent(g.gatedAt(), t -> new ArrayList<>()).add(new GateEntry(g, verified));
    if (++gatesKept > MAX_GATES) {
      gatesKept--;
      gatesNotKept++;
      List<GateEntry> oldest = gates.firstEntry().getValue();
      oldest.remove(0);
      if (oldest.isEmpty()) {
        gates.pollFirstEntry();
      }
    }
  }

  /** The gate records of the archive kept for the report, in time order. */
  List<GateEntry> gates() {
    List<GateEntry> out = new ArrayList<>();
    gates.values().forEach(out::addAll);
    return out;
  }

  /** Gate records of the archive not kept (past {@link #MAX_GATES}). */
  long gatesNotKept() {
    return gatesNotKept;
  }

  /**
   * Its incidents declared serious (EU AI Act Art. 73), in order of first appearance; their reports
   * are judged {@link #asOf()}.
   */
  List<SeriousIncident> seriousIncidents() {
    List<SeriousIncident> out = new ArrayList<>();
    for (IncidentHistory inc : incidents.values()) {
      SeriousIncident s = inc.serious();
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /** When deadlines are judged: the end of the period, or the export's time if that is earlier. */
  long asOf() {
    return asOf;
  }

  /** The deployments of the period (versions first seen in production), in chain order. */
  List<Deployment> deployments() {
    return Collections.unmodifiableList(deployments);
  }

  /** Notes the key id of a manifest of this model. */
  void observeKey(String keyId) {
    keyIds.add(keyId);
  }

  /** Adds the selected records, in chain order, and computes coverage for the period. */
  void finish(List<ExportRecord> selected, long from, long to) {
    asOf = Math.min(to, System.currentTimeMillis());
    List<ExportRecord> coverageRecords = new ArrayList<>();
    // check records per window [start, end): [checks, breaches]
    Map<List<Long>, long[]> windowChecks = new LinkedHashMap<>();
    for (ExportRecord r : selected) {
      records.add(r);
      kindCounts.merge(r.kind(), 1L, Long::sum);
      r.clauses().forEach(id -> countId(id, r.kind()));
      r.controls().forEach(id -> countId(id, r.kind()));
      current.add(
          r.kind(), r.status(), r.kind() == EvidenceKind.INCIDENT ? r.lifecycleStep() : null);
      switch (r.kind()) {
        case CHECK -> {
          series.computeIfAbsent(r.series(), Series::new).add(r);
          Long planned = r.planDigest() == null ? null : planTimes.get(r.planDigest());
          if (planned == null || planned >= to) {
            checksWithoutPlan++;
            unrecordedPlans.merge(r.planDigest() == null ? "" : r.planDigest(), 1L, Long::sum);
          }
          statusCounts.merge(r.status() == null ? "unknown" : r.status(), 1L, Long::sum);
          long[] c =
              windowChecks.computeIfAbsent(
                  Arrays.asList(r.windowStart(), r.windowEnd()), k -> new long[2]);
          c[0]++;
          c[1] += r.breach() ? 1 : 0;
        }
        case COVERAGE -> coverageRecords.add(r);
        case STATE_LOSS -> stateLosses.add(r);
        case DEPLOYMENT -> deployments.add(new Deployment(r, decodeDeployment(r)));
        case INCIDENT, NOTIFICATION, CORRECTIVE_ACTION -> {
          if (r.incidentId() != null) {
            incidents.computeIfAbsent(r.incidentId(), IncidentHistory::new).add(r);
          }
        }
      }
    }
    List<Coverage.Window> windows = new ArrayList<>();
    for (ExportRecord r : coverageRecords) {
      Double events = r.n() == null ? null : Double.valueOf(r.n());
      long[] c = windowChecks.remove(Arrays.asList(r.windowStart(), r.windowEnd()));
      windows.add(
          new Coverage.Window(
              r.windowStart(),
              r.windowEnd(),
              events == null ? 0 : events.longValue(),
              c == null ? 0 : c[0],
              c == null ? 0 : c[1]));
    }
    for (long[] c : windowChecks.values()) {
      checksOutsideCoverage += c[0];
      breachesOutsideCoverage += c[1];
    }
    long span = 0;
    long most = 0;
    for (Map.Entry<Long, Long> e : spans.entrySet()) {
      if (e.getValue() > most) {
        most = e.getValue();
        span = e.getKey();
      }
    }
    coverage =
        Coverage.of(windows, span, archiveFirstCoverageEnd, archiveLastCoverageEnd, from, to);
    // the plans in force in the period: the latest before it, then those of the period
    Map.Entry<Long, List<ExportRecord>> before = planRecords.lowerEntry(from);
    if (before != null) {
      plansInForce.add(before.getValue().get(before.getValue().size() - 1));
    }
    planRecords.subMap(from, true, to, false).values().forEach(plansInForce::addAll);
    controls = ControlCoverage.of(this);
  }

  private static DeploymentEvidence decodeDeployment(ExportRecord r) {
    try {
      return EvidenceCodec.decode(EvidenceRecord.fromJson(r.line())) instanceof DeploymentEvidence d
          ? d
          : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The monitoring plans in force in the period, in time order: the latest recorded before it (at
   * most one), then each recorded in it. Of an archive with more than {@link #MAX_PLANS} plans, the
   * latest ones.
   */
  List<ExportRecord> plansInForce() {
    return Collections.unmodifiableList(plansInForce);
  }

  /** Plans of the archive whose records were not kept for the report (past {@link #MAX_PLANS}). */
  long plansNotKept() {
    return plansNotKept;
  }

  /**
   * Check records of the period judged by no recorded monitoring plan: naming none (written before
   * aimon recorded plans) or a plan the archive has no record of by the period's end.
   */
  long checksWithoutPlan() {
    return checksWithoutPlan;
  }

  /** {@link #checksWithoutPlan()} by the plan digest they name ("" for none). */
  Map<String, Long> unrecordedPlans() {
    return Collections.unmodifiableMap(unrecordedPlans);
  }

  private void countId(String id, EvidenceKind kind) {
    idCounts.merge(id, 1L, Long::sum);
    idKindCounts.computeIfAbsent(id, k -> new TreeMap<>()).merge(kind, 1L, Long::sum);
  }

  String modelId() {
    return modelId;
  }

  /** The selected state-loss records (breaks in the monitoring), in chain order. */
  List<ExportRecord> stateLosses() {
    return Collections.unmodifiableList(stateLosses);
  }

  /** The selected records, in chain order. */
  List<ExportRecord> records() {
    return Collections.unmodifiableList(records);
  }

  /** The series of its check records, in order of first appearance in the chain. */
  Map<SeriesKey, Series> series() {
    return Collections.unmodifiableMap(series);
  }

  /**
   * Its incidents (with at least one selected event, notification or action), by first appearance.
   */
  Map<String, IncidentHistory> incidents() {
    return Collections.unmodifiableMap(incidents);
  }

  /** Selected check records per status. */
  Map<String, Long> statusCounts() {
    return Collections.unmodifiableMap(statusCounts);
  }

  /** Selected records per clause or control id they serve. */
  Map<String, Long> idCounts() {
    return Collections.unmodifiableMap(idCounts);
  }

  /**
   * Selected records per clause or control id, by the kind of record: A.8.4 is served by incident
   * and notification records.
   */
  Map<EvidenceKind, Long> idKindCounts(String id) {
    return Collections.unmodifiableMap(idKindCounts.getOrDefault(id, Map.of()));
  }

  /** Selected records per kind. */
  Map<EvidenceKind, Long> kindCounts() {
    return Collections.unmodifiableMap(kindCounts);
  }

  /** Key ids of the manifests of this model anywhere in the archive. */
  Set<String> keyIds() {
    return Collections.unmodifiableSet(keyIds);
  }

  /**
   * Its windows of the period with their events, and with the checks and breaches of the check
   * records of each window (all metrics, also those judged after the window closed).
   */
  Coverage coverage() {
    return coverage;
  }

  /** Check records of the period whose window has no coverage record in the period. */
  long checksOutsideCoverage() {
    return checksOutsideCoverage;
  }

  /** Breaching check records among {@link #checksOutsideCoverage()}. */
  long breachesOutsideCoverage() {
    return breachesOutsideCoverage;
  }

  /** Its clauses and controls with their evidence and gaps ({@link ControlCoverage}). */
  ControlCoverage controls() {
    return controls;
  }

  PeriodTotals current() {
    return current;
  }

  PeriodTotals previous() {
    return previous;
  }

  /** Earliest window start (or time) of its records in the archive; MAX_VALUE without records. */
  long archiveStart() {
    return archiveStart;
  }

  /** Latest record time in the archive; MIN_VALUE without records. */
  long archiveEnd() {
    return archiveEnd;
  }
}
