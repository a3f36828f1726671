package io.aimon.evidence.export;

import io.aimon.evidence.EvidenceKind;
import io.aimon.evidence.Iso42001;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Statement of Applicability view of the period: for every ISO/IEC 42001 clause and Annex A
 * control aimon's evidence serves, the records of the period that serve it (by kind) and every gap,
 * each with its reason. A control is {@code met} only when records serve it and nothing shows it
 * was not met; records alone are not enough (an incident record serves A.8.4 only once the incident
 * was communicated).
 *
 * <p>Invariants:
 *
 * <ol>
 *   <li>Every control is in exactly one {@link Status}: {@code GAP} iff it has a gap; {@code
 *       NOT_EXERCISED} iff no record serves it, it has no gap, and only incidents or deployments
 *       call for it (10.2 and A.8.4 when the period had no incident: nothing to correct or
 *       communicate; A.6.2.4 and A.6.2.5 when no version was first seen in it); else {@code MET}.
 *   <li>A control without records has the gap {@code no_evidence}, unless only incidents or
 *       deployments call for it.
 *   <li>A gap's {@code count} is how many windows or incidents it concerns; at most {@link
 *       #MAX_NAMED} of them are named, in the order found, so the view is bounded.
 * </ol>
 */
final class ControlCoverage {
  /** Windows or incidents named per gap; the gap's count says how many there are. */
  static final int MAX_NAMED = 10;

  /** Where a control stands in the period. */
  enum Status {
    MET("met"),
    GAP("gap"),
    NOT_EXERCISED("not exercised");

    private final String text;

    Status(String text) {
      this.text = text;
    }

    /** How the report and OSCAL say it: {@code met}, {@code gap}, {@code not exercised}. */
    String text() {
      return text;
    }
  }

  /** Why a control is not shown to be met; {@link #code()} is stable (OSCAL props carry it). */
  enum GapReason {
    /** No record of the period serves the control. */
    NO_EVIDENCE("no_evidence", List.of(), null, "no record of the period serves it"),
    /** Expected windows without a coverage record: the job did not evaluate them. */
    WINDOWS_MISSING(
        "windows_missing",
        List.of("9.1", "A.6.2.6"),
        "window",
        "not evaluated (no coverage record)"),
    /** Checks of the period judged by no recorded monitoring plan. */
    NO_MONITORING_PLAN(
        "no_monitoring_plan",
        List.of("9.1"),
        "check",
        "judged by no recorded monitoring plan (what is monitored, how, when and by whom is not in"
            + " the evidence)"),
    /** An incident of the period without any delivered notification. */
    INCIDENT_NOT_COMMUNICATED(
        "incident_not_communicated",
        List.of("A.8.4"),
        "incident",
        "never communicated (no notification delivered)"),
    /** A model version seen in production without a passing pre-deployment gate. */
    VERSION_WITHOUT_GATE(
        "version_without_gate",
        List.of("A.6.2.4", "A.6.2.5"),
        "version",
        "deployed without a passing pre-deployment gate"),
    /** A major nonconformity whose corrective action is still open. */
    CORRECTIVE_ACTION_OVERDUE(
        "corrective_action_overdue",
        List.of("10.2"),
        "incident",
        "graded major with the corrective action still open (overdue)");

    private final String code;
    private final List<String> controls;
    private final String unit;
    private final String text;

    GapReason(String code, List<String> controls, String unit, String text) {
      this.code = code;
      this.controls = controls;
      this.unit = unit;
      this.text = text;
    }

    String code() {
      return code;
    }

    /** The clauses and controls this reason is a gap of (none for {@code no_evidence}: any). */
    List<String> controls() {
      return controls;
    }

    /** What a gap counts ({@code window}, {@code incident}), null for {@code no_evidence}. */
    String unit() {
      return unit;
    }

    /** What it means after its count, e.g. "never communicated (no notification delivered)". */
    String text() {
      return text;
    }
  }

  /**
   * One gap of a control.
   *
   * @param reason why
   * @param count how many windows or incidents it concerns (0 for {@code no_evidence})
   * @param items how many things it names in all: runs of missing windows, or incidents
   * @param named the first {@link #MAX_NAMED} items in words, or what would serve the control
   */
  record Gap(GapReason reason, long count, long items, List<String> named) {
    /** The gap in words: "2 incidents never communicated (...): psi[income] ..., ...". */
    String text() {
      if (reason == GapReason.NO_EVIDENCE) {
        return reason.text() + (named.isEmpty() ? "" : " (" + named.get(0) + ")");
      }
      String list = String.join("; ", named);
      if (items > named.size()) {
        list += "; and " + (items - named.size()) + " more";
      }
      return Fmt.plural(count, reason.unit()) + " " + reason.text() + ": " + list;
    }
  }

  /**
   * One clause or control.
   *
   * @param id its id, e.g. {@code A.8.4}
   * @param title its title, or "(not in the current mapping)" for ids only older records carry
   * @param byKind records of the period serving it, by kind
   * @param gaps its gaps, in {@link GapReason} order
   * @param status where it stands
   */
  record Control(
      String id, String title, Map<EvidenceKind, Long> byKind, List<Gap> gaps, Status status) {
    long records() {
      return byKind.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final List<Control> controls;

  private ControlCoverage(List<Control> controls) {
    this.controls = List.copyOf(controls);
  }

  /** The view of one model's period. */
  static ControlCoverage of(ModelAudit m) {
    return of(List.of(m));
  }

  /**
   * The view of several models' period: records added up, gaps merged per control and reason, each
   * window or incident named after its model when there is more than one.
   */
  static ControlCoverage of(Collection<ModelAudit> models) {
    Set<String> ids = new LinkedHashSet<>(Iso42001.titles().keySet());
    models.forEach(m -> ids.addAll(m.idCounts().keySet()));
    Map<String, Map<EvidenceKind, Long>> byKind = new LinkedHashMap<>();
    Map<String, Map<GapReason, long[]>> counts = new LinkedHashMap<>();
    Map<String, Map<GapReason, List<String>>> names = new LinkedHashMap<>();
    for (String id : ids) {
      byKind.put(id, new TreeMap<>());
      counts.put(id, new EnumMap<>(GapReason.class));
      names.put(id, new EnumMap<>(GapReason.class));
    }
    for (ModelAudit m : models) {
      String prefix = models.size() > 1 ? m.modelId() + " " : "";
      for (String id : ids) {
        m.idKindCounts(id).forEach((k, n) -> byKind.get(id).merge(k, n, Long::sum));
      }
      for (Coverage.Gap g : m.coverage().gaps()) {
        add(
            counts,
            names,
            GapReason.WINDOWS_MISSING,
            g.windows(),
            prefix
                + Fmt.iso(g.start())
                + " to "
                + Fmt.iso(g.end())
                + " ("
                + Fmt.plural(g.windows(), "window")
                + ")");
      }
      for (Map.Entry<String, Long> e : m.unrecordedPlans().entrySet()) {
        add(
            counts,
            names,
            GapReason.NO_MONITORING_PLAN,
            e.getValue(),
            prefix
                + Fmt.plural(e.getValue(), "check")
                + (e.getKey().isEmpty()
                    ? " naming no plan (written before aimon recorded plans)"
                    : " naming plan "
                        + e.getKey().substring(0, Math.min(12, e.getKey().length()))
                        + "..., which has no record"));
      }
      for (ModelAudit.Deployment d : m.deployments()) {
        if (d.data() != null && !d.data().gated()) {
          add(
              counts,
              names,
              GapReason.VERSION_WITHOUT_GATE,
              1,
              prefix
                  + "version "
                  + d.data().version()
                  + " (first seen in the window from "
                  + Fmt.iso(d.data().windowStart())
                  + "): "
                  + (d.data().gate() == null
                      ? "no gate record"
                      : "its latest gate record is " + d.data().gate().verdict().code()));
        }
      }
      for (IncidentHistory inc : m.incidents().values()) {
        if (!inc.events().isEmpty() && !inc.communication().notified()) {
          add(counts, names, GapReason.INCIDENT_NOT_COMMUNICATED, 1, prefix + inc.name());
        }
        if (inc.corrective().overdue()) {
          add(counts, names, GapReason.CORRECTIVE_ACTION_OVERDUE, 1, prefix + inc.name());
        }
      }
    }
    List<Control> out = new ArrayList<>();
    for (String id : ids) {
      Map<EvidenceKind, Long> kinds = byKind.get(id);
      List<Gap> gaps = new ArrayList<>();
      if (kinds.isEmpty() && !eventDriven(id)) {
        List<String> expected = expectedKinds(id);
        gaps.add(
            new Gap(
                GapReason.NO_EVIDENCE,
                0,
                0,
                expected.isEmpty()
                    ? List.of()
                    : List.of("expected: " + String.join(", ", expected))));
      }
      counts
          .get(id)
          .forEach(
              (reason, n) ->
                  gaps.add(new Gap(reason, n[0], n[1], List.copyOf(names.get(id).get(reason)))));
      Status status =
          !gaps.isEmpty() ? Status.GAP : kinds.isEmpty() ? Status.NOT_EXERCISED : Status.MET;
      out.add(
          new Control(
              id,
              Iso42001.titles().getOrDefault(id, "(not in the current mapping)"),
              Collections.unmodifiableMap(kinds),
              List.copyOf(gaps),
              status));
    }
    return new ControlCoverage(out);
  }

  private static void add(
      Map<String, Map<GapReason, long[]>> counts,
      Map<String, Map<GapReason, List<String>>> names,
      GapReason reason,
      long n,
      String name) {
    for (String id : reason.controls()) {
      Map<GapReason, long[]> c = counts.get(id);
      if (c == null) {
        continue;
      }
      long[] v = c.computeIfAbsent(reason, r -> new long[2]);
      v[0] += n;
      v[1]++;
      List<String> list = names.get(id).computeIfAbsent(reason, r -> new ArrayList<>());
      if (list.size() < MAX_NAMED) {
        list.add(name);
      }
    }
  }

  /**
   * Whether only occasional events call for {@code id}: every kind of record that serves it in the
   * current mapping is an incident's (incident, notification, corrective action) or a deployment's
   * (a version first seen in production): a period without incidents or deployments has nothing for
   * it to show.
   */
  static boolean eventDriven(String id) {
    List<String> kinds = expectedKinds(id);
    Set<String> occasional =
        Set.of(
            EvidenceKind.INCIDENT.code(),
            EvidenceKind.NOTIFICATION.code(),
            EvidenceKind.CORRECTIVE_ACTION.code(),
            EvidenceKind.DEPLOYMENT.code());
    return !kinds.isEmpty() && occasional.containsAll(kinds);
  }

  /** The kinds of record that serve {@code id} in the current mapping, in kind order. */
  static List<String> expectedKinds(String id) {
    List<String> kinds = new ArrayList<>();
    for (EvidenceKind k : EvidenceKind.values()) {
      if (k == EvidenceKind.STATE_LOSS) {
        continue; // serves 9.1 and 10.2 when a run lost its state, never expected
      }
      if (Iso42001.clauses(k).contains(id) || Iso42001.controls(k).contains(id)) {
        kinds.add(k.code());
      }
    }
    return kinds;
  }

  /** Every clause and control: those of the current mapping first, then ids of older records. */
  List<Control> controls() {
    return controls;
  }

  /** The controls with a gap. */
  List<Control> gaps() {
    return controls.stream().filter(c -> c.status() == Status.GAP).toList();
  }

  /** The number of controls in {@code status}. */
  long count(Status status) {
    return controls.stream().filter(c -> c.status() == status).count();
  }
}
