package io.aimon.evidence.export;

import io.aimon.evidence.ArchiveVerifier;
import io.aimon.evidence.Crosswalk;
import io.aimon.evidence.EvidenceKind;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The executive summary that opens {@code report.html}, an input to the management review (ISO/IEC
 * 42001 clause 9.3): the period, the archive's integrity, the models monitored, windows covered vs
 * expected and their contiguity, check results by status, incidents by severity and state (open at
 * the end of the period or resolved), how incidents were communicated (ISO/IEC 42001 A.8.4:
 * notified or not, deliveries delivered or failed), nonconformities by grade, open and overdue
 * corrective actions and the effectiveness of the actions applied ({@link CorrectiveActionStatus}),
 * the clauses and controls served, coverage per model, and the trend against the previous period of
 * equal length ({@code [from - (to - from), from)}) when the archive holds evidence of it.
 *
 * <p>Every figure has an element id ({@code kpi-models}, {@code kpi-windows-covered}, {@code
 * kpi-incidents-open}, {@code trend-breaching-checks}, ...) so it can be read back.
 */
final class ExecutiveSummary {
  /** Failed deliveries named in the summary; the incidents' sections list them all. */
  static final int MAX_NAMED = 10;

  private ExecutiveSummary() {}

  /** Writes the summary section. */
  static void write(AuditData data, Writer w) throws IOException {
    List<ModelAudit> monitored = data.modelsWithRecords();
    PeriodTotals cur = data.current();
    w.write("<section id=\"executive-summary\">\n<h2>Executive summary</h2>\n");
    w.write(
        "<p class=\"note\">Input to the management review of the AI management system (ISO/IEC"
            + " 42001 clause 9.3): results of monitoring and measurement (9.1), nonconformities"
            + " and corrective actions (10.2).</p>\n<table class=\"kv\">\n");
    row(
        w,
        "Period",
        "summary-period",
        Html.esc(
            HtmlReport.period(data)
                + " ("
                + Fmt.duration(data.periodEnd() - data.periodStart())
                + ")"));
    ArchiveVerifier.Report v = data.verification();
    row(
        w,
        "Evidence integrity",
        "summary-integrity",
        (v.intact()
                ? Html.status("verified")
                : "<span class=\"status not-verified\">NOT VERIFIED</span>")
            + " "
            + Html.esc(v.summary())
            + (data.trustedKeyId() == null
                ? Html.esc(" (no trusted key given: intact, signer not checked)")
                : Html.esc(" (trusted key " + data.trustedKeyId() + ")")));
    String names = monitored.stream().map(ModelAudit::modelId).collect(Collectors.joining(", "));
    List<String> silent =
        data.models().values().stream()
            .filter(m -> m.records().isEmpty())
            .map(ModelAudit::modelId)
            .toList();
    row(
        w,
        "Models monitored",
        "summary-models",
        "<span class=\"kpi\" id=\"kpi-models\">"
            + monitored.size()
            + "</span>"
            + Html.esc(names.isEmpty() ? "" : ": " + names)
            + (silent.isEmpty()
                ? ""
                : Html.esc("; no evidence in the period for " + String.join(", ", silent))));
    long expected = 0;
    long covered = 0;
    long missing = 0;
    for (ModelAudit m : data.models().values()) {
      expected += m.coverage().expected();
      covered += m.coverage().covered();
      missing += m.coverage().missing();
    }
    row(
        w,
        "Windows covered",
        "summary-windows",
        "<span class=\"kpi\" id=\"kpi-windows-covered\">"
            + covered
            + "</span> of <span class=\"kpi\" id=\"kpi-windows-expected\">"
            + expected
            + "</span> expected "
            + (missing == 0
                ? Html.status("contiguous")
                : "<span class=\"status gap\">"
                    + Html.esc(Fmt.plural(missing, "window"))
                    + " missing</span>"));
    Map<String, Long> statuses = new TreeMap<>();
    data.models()
        .values()
        .forEach(m -> m.statusCounts().forEach((k, n) -> statuses.merge(k, n, Long::sum)));
    row(
        w,
        "Check results",
        "summary-checks",
        "<span class=\"kpi\" id=\"kpi-checks\">"
            + cur.checks()
            + "</span>"
            + Html.esc(statuses.isEmpty() ? "" : ": " + counts(statuses))
            + "; <span class=\"kpi\" id=\"kpi-breaching-checks\">"
            + cur.breachingChecks()
            + "</span> breaching (warning or critical)");
    long open = 0;
    long resolved = 0;
    Map<String, long[]> bySeverity =
        new TreeMap<>(
            Comparator.comparingInt((String sev) -> -IncidentHistory.rank(sev))
                .thenComparing(Comparator.naturalOrder()));
    for (ModelAudit m : data.models().values()) {
      for (IncidentHistory inc : m.incidents().values()) {
        if (inc.events().isEmpty()) {
          continue;
        }
        long[] c = bySeverity.computeIfAbsent(inc.severity(), k -> new long[2]);
        if (inc.resolved()) {
          c[1]++;
          resolved++;
        } else {
          c[0]++;
          open++;
        }
      }
    }
    row(
        w,
        "Incidents",
        "summary-incidents-total",
        "<span class=\"kpi\" id=\"kpi-incidents\">"
            + (open + resolved)
            + "</span>: <span class=\"kpi\" id=\"kpi-incidents-open\">"
            + open
            + "</span> open at the end of the period, <span class=\"kpi\""
            + " id=\"kpi-incidents-resolved\">"
            + resolved
            + "</span> resolved");
    plans(data, w);
    communication(data, w);
    corrective(data, w);
    ControlCoverage controls = data.controls();
    List<ControlCoverage.Control> gaps = controls.gaps();
    StringBuilder gapText = new StringBuilder();
    for (ControlCoverage.Control c : gaps) {
      gapText.append(gapText.length() == 0 ? "" : "; ").append(c.id()).append(" (");
      for (int i = 0; i < c.gaps().size(); i++) {
        ControlCoverage.Gap g = c.gaps().get(i);
        gapText
            .append(i == 0 ? "" : ", ")
            .append(g.reason().code())
            .append(g.count() > 0 ? ": " + Fmt.plural(g.count(), g.reason().unit()) : "");
      }
      gapText.append(')');
    }
    long notExercised = controls.count(ControlCoverage.Status.NOT_EXERCISED);
    row(
        w,
        "ISO/IEC 42001",
        "summary-clauses",
        kpi("kpi-controls-met", controls.count(ControlCoverage.Status.MET))
            + " of "
            + controls.controls().size()
            + " clauses and controls met"
            + (notExercised == 0
                ? ""
                : ", " + notExercised + " not exercised (no incident or deployment)")
            + (gaps.isEmpty()
                ? ""
                : "; "
                    + kpi("kpi-controls-gap", gaps.size())
                    + " with a <span class=\"status gap\">GAP</span>: "
                    + Html.esc(gapText + "; see the control coverage below")));
    w.write("</table>\n");

    w.write("<h3>Incidents by severity and state</h3>\n");
    w.write(
        "<table id=\"summary-incidents\">\n<tr>"
            + Html.th("severity")
            + Html.th("open")
            + Html.th("resolved")
            + Html.th("total")
            + "</tr>\n");
    if (bySeverity.isEmpty()) {
      w.write("<tr><td colspan=\"4\" class=\"muted\">no incidents in the period</td></tr>\n");
    }
    for (Map.Entry<String, long[]> e : bySeverity.entrySet()) {
      long[] c = e.getValue();
      w.write(
          "<tr data-severity=\""
              + Html.esc(e.getKey())
              + "\"><td>"
              + Html.status(e.getKey())
              + "</td>"
              + Html.num(c[0])
              + Html.num(c[1])
              + Html.num(c[0] + c[1])
              + "</tr>\n");
    }
    w.write("</table>\n");

    w.write(
        "<h3>Coverage by model</h3>\n<table id=\"summary-coverage\">\n<tr>"
            + Html.th("model")
            + Html.th("window")
            + Html.th("expected")
            + Html.th("covered")
            + Html.th("missing")
            + Html.th("contiguity")
            + "</tr>\n");
    for (ModelAudit m : data.models().values()) {
      Coverage c = m.coverage();
      w.write(
          "<tr>"
              + Html.td(m.modelId())
              + Html.td(c.windowMillis() > 0 ? Fmt.duration(c.windowMillis()) : "unknown")
              + Html.num(c.expected())
              + Html.num(c.covered())
              + Html.num(c.missing())
              + "<td>"
              + (c.contiguous()
                  ? Html.status("contiguous")
                  : "<span class=\"status gap\">"
                      + Html.esc(Fmt.plural(c.gaps().size(), "gap"))
                      + "</span>")
              + "</td></tr>\n");
    }
    w.write("</table>\n");
    w.write("<h3 id=\"control-coverage\">Control coverage (statement of applicability)</h3>\n");
    w.write(
        "<p class=\"note\">The ISO/IEC 42001 clauses and Annex A controls aimon's evidence"
            + " serves, over all models of the period; each model's section has its own.</p>\n");
    ModelSection.controlTable(data.controls(), "summary-controls", w);
    crosswalk(data, w);
    trend(data, w);
    w.write("</section>\n");
  }

  /**
   * The rows on nonconformities and corrective actions (clause 10.2), over every incident with an
   * event or corrective-action record in the period: by grade in effect, open and overdue (open and
   * major) corrective actions, and the effectiveness of the actions applied.
   */
  private static void corrective(AuditData data, Writer w) throws IOException {
    Map<String, Long> grades = new LinkedHashMap<>();
    CorrectiveActionStatus.GRADES.forEach(g -> grades.put(g, 0L));
    grades.put(CorrectiveActionStatus.UNGRADED, 0L);
    Map<String, Long> effectiveness = new LinkedHashMap<>();
    CorrectiveActionStatus.EFFECTIVENESS.forEach(e -> effectiveness.put(e, 0L));
    long incidents = 0;
    long open = 0;
    List<String> overdue = new ArrayList<>();
    for (ModelAudit m : data.models().values()) {
      for (IncidentHistory inc : m.incidents().values()) {
        CorrectiveActionStatus s = inc.corrective();
        incidents++;
        grades.merge(s.grade(), 1L, Long::sum);
        effectiveness.merge(s.effectiveness(), 1L, Long::sum);
        if (s.open()) {
          open++;
        }
        if (s.overdue()) {
          overdue.add(m.modelId() + " " + inc.name());
        }
      }
    }
    StringBuilder g = new StringBuilder();
    grades.forEach(
        (grade, n) ->
            g.append(g.length() == 0 ? "" : ", ")
                .append(kpi("kpi-grade-" + grade, n))
                .append(' ')
                .append(Html.esc(grade)));
    row(
        w,
        "Nonconformities by grade",
        "summary-grades",
        g
            + Html.esc(
                " (of "
                    + Fmt.plural(incidents, "incident")
                    + " with an event or corrective action in the period; grade in effect: an"
                    + " operator's override, else the rule's)"));
    row(
        w,
        "Corrective actions",
        "summary-corrective",
        kpi("kpi-corrective-open", open)
            + " open (not closed), "
            + kpi("kpi-corrective-overdue", overdue.size())
            + " overdue (open, grade major)"
            + Html.esc(overdue.isEmpty() ? "" : ": " + String.join("; ", overdue))
            + ", "
            + kpi("kpi-corrective-closed", incidents - open)
            + " closed");
    row(
        w,
        "Effectiveness of actions applied",
        "summary-effectiveness",
        kpi("kpi-effectiveness-verified", effectiveness.get("verified_effective"))
            + " verified effective, "
            + kpi("kpi-effectiveness-ineffective", effectiveness.get("ineffective"))
            + " ineffective, "
            + kpi("kpi-effectiveness-pending", effectiveness.get("pending"))
            + " pending; "
            + kpi("kpi-effectiveness-none", effectiveness.get("none"))
            + " without an action applied");
    serious(data, w);
  }

  /**
   * The row on serious incidents (EU AI Act Art. 73): declared, reported in time or late, overdue
   * (not reported by the deadline recorded with the declaration, as of the period's end) and still
   * due; the overdue ones named.
   */
  private static void serious(AuditData data, Writer w) throws IOException {
    Map<SeriousIncident.Status, Long> counts =
        new java.util.EnumMap<>(SeriousIncident.Status.class);
    for (SeriousIncident.Status st : SeriousIncident.Status.values()) {
      counts.put(st, 0L);
    }
    List<String> overdue = new ArrayList<>();
    long declared = 0;
    for (ModelAudit m : data.models().values()) {
      for (SeriousIncident si : m.seriousIncidents()) {
        declared++;
        SeriousIncident.Status st = si.status(m.asOf());
        counts.merge(st, 1L, Long::sum);
        if (st == SeriousIncident.Status.OVERDUE) {
          overdue.add(m.modelId() + " " + si.name() + ", due " + Fmt.iso(si.due()));
        }
      }
    }
    row(
        w,
        "Serious incidents (EU AI Act Art. 73)",
        "summary-serious",
        kpi("kpi-serious", declared)
            + " declared: "
            + kpi("kpi-serious-reported", counts.get(SeriousIncident.Status.REPORTED))
            + " reported in time, "
            + kpi("kpi-serious-late", counts.get(SeriousIncident.Status.REPORTED_LATE))
            + " reported late, "
            + kpi("kpi-serious-overdue", counts.get(SeriousIncident.Status.OVERDUE))
            + " overdue"
            + Html.esc(overdue.isEmpty() ? "" : " (" + String.join("; ", overdue) + ")")
            + ", "
            + kpi("kpi-serious-due", counts.get(SeriousIncident.Status.DUE))
            + " not yet due");
  }

  /**
   * The row on how incidents were communicated (control A.8.4), over the incidents with a lifecycle
   * event in the period (those the row "Incidents" counts): notified (at least one delivery
   * delivered) or not, and the deliveries of the period delivered or failed, failures named.
   */
  private static void communication(AuditData data, Writer w) throws IOException {
    long notified = 0;
    long notNotified = 0;
    long noRecord = 0;
    long delivered = 0;
    List<String> failed = new ArrayList<>();
    for (ModelAudit m : data.models().values()) {
      for (IncidentHistory inc : m.incidents().values()) {
        IncidentCommunication c = inc.communication();
        delivered += c.delivered();
        for (ExportRecord r : c.failures()) {
          Notification n = r.notification();
          failed.add(
              m.modelId()
                  + " "
                  + inc.name()
                  + " to "
                  + n.notifierName()
                  + " ("
                  + n.outcome()
                  + ")");
        }
        if (inc.events().isEmpty()) {
          continue;
        }
        if (c.notified()) {
          notified++;
        } else {
          notNotified++;
          noRecord += c.recorded() ? 0 : 1;
        }
      }
    }
    String named = String.join("; ", failed.subList(0, Math.min(MAX_NAMED, failed.size())));
    if (failed.size() > MAX_NAMED) {
      named += "; and " + (failed.size() - MAX_NAMED) + " more (see the incidents of each model)";
    }
    row(
        w,
        "Incident communication (A.8.4)",
        "summary-communication",
        kpi("kpi-incidents-notified", notified)
            + " notified, "
            + kpi("kpi-incidents-not-notified", notNotified)
            + " not notified"
            + Html.esc(
                noRecord == 0
                    ? ""
                    : " ("
                        + noRecord
                        + " without a notification record in the period: "
                        + IncidentCommunication.NO_RECORD_REASON
                        + ")")
            + "; deliveries to notifiers: "
            + kpi("kpi-deliveries-delivered", delivered)
            + " delivered, "
            + kpi("kpi-deliveries-failed", failed.size())
            + " failed"
            + Html.esc(failed.isEmpty() ? "" : ": " + named));
  }

  /**
   * The records of the period by the EU AI Act article and NIST AI RMF subcategory their kind
   * serves ({@link Crosswalk}).
   */
  private static void crosswalk(AuditData data, Writer w) throws IOException {
    Map<EvidenceKind, Long> kinds = new TreeMap<>();
    data.models()
        .values()
        .forEach(m -> m.kindCounts().forEach((k, n) -> kinds.merge(k, n, Long::sum)));
    w.write(
        "<h3 id=\"crosswalk\">Crosswalk: EU AI Act and NIST AI RMF</h3>\n<p class=\"note\">The"
            + " same records, by the EU AI Act article and the NIST AI RMF subcategory their kind"
            + " serves (also the last columns of records.csv). A map of the evidence, not a"
            + " judgement of conformity.</p>\n<table class=\"crosswalk\">\n<tr>"
            + Html.th("framework")
            + Html.th("article / subcategory")
            + Html.th("what it asks")
            + Html.th("records in the period")
            + Html.th("by kind")
            + "</tr>\n");
    for (Crosswalk.Ref ref : Crosswalk.all()) {
      long n = 0;
      StringBuilder byKind = new StringBuilder();
      for (Map.Entry<EvidenceKind, Long> e : kinds.entrySet()) {
        if (Crosswalk.of(e.getKey()).contains(ref)) {
          n += e.getValue();
          byKind
              .append(byKind.length() == 0 ? "" : ", ")
              .append(e.getKey().code())
              .append(' ')
              .append(e.getValue());
        }
      }
      w.write(
          "<tr data-ref=\""
              + Html.esc(ref.id())
              + "\">"
              + Html.td(ref.framework().title())
              + Html.td(ref.id())
              + Html.td(ref.title())
              + Html.num(n)
              + Html.td(byKind.toString())
              + "</tr>\n");
    }
    w.write("</table>\n");
  }

  /** The row naming the monitoring plans in force (ISO/IEC 42001 9.1), with their owners. */
  private static void plans(AuditData data, Writer w) throws IOException {
    List<String> named = new ArrayList<>();
    List<String> without = new ArrayList<>();
    for (ModelAudit m : data.models().values()) {
      if (m.plansInForce().isEmpty()) {
        without.add(m.modelId());
      } else {
        named.add(m.modelId() + ": " + Fmt.plural(m.plansInForce().size(), "plan"));
      }
    }
    row(
        w,
        "Monitoring plans (9.1)",
        "summary-plans",
        Html.esc(named.isEmpty() ? "none recorded" : String.join(", ", named) + " in force")
            + (without.isEmpty()
                ? ""
                : "; <span class=\"status gap\">no plan recorded</span> "
                    + Html.esc("for " + String.join(", ", without))));
  }

  private static String kpi(String id, long n) {
    return "<span class=\"kpi\" id=\"" + id + "\">" + n + "</span>";
  }

  private static void trend(AuditData data, Writer w) throws IOException {
    w.write("<h3>Trend against the previous period</h3>\n");
    if (!data.previousAvailable()) {
      w.write(
          "<p id=\"summary-trend\" class=\"muted\">No trend: the archive holds no evidence of the"
              + " selected models in the previous period of equal length"
              + (data.previousFrom() == null
                  ? ""
                  : Html.esc(
                      " ("
                          + Fmt.iso(Fmt.clampDate(data.previousFrom()))
                          + " to "
                          + Fmt.iso(Fmt.clampDate(data.selection().from()))
                          + ")"))
              + ".</p>\n");
      return;
    }
    PeriodTotals prev = data.previous();
    PeriodTotals cur = data.current();
    w.write(
        "<p class=\"note\">Previous period: "
            + Html.esc(Fmt.iso(data.previousFrom()) + " to " + Fmt.iso(data.selection().from()))
            + (data.previousPartial()
                ? " (the archive begins inside it: its counts cover part of it)"
                : "")
            + ".</p>\n");
    w.write(
        "<table id=\"summary-trend\">\n<tr>"
            + Html.th("measure")
            + Html.th("previous period")
            + Html.th("this period")
            + Html.th("change")
            + "</tr>\n");
    trendRow(
        w,
        "breaching-checks",
        "Breaching checks (warning or critical)",
        prev.breachingChecks(),
        cur.breachingChecks());
    trendRow(
        w, "incidents-opened", "Incidents opened", prev.incidentsOpened(), cur.incidentsOpened());
    trendRow(
        w,
        "incidents-resolved",
        "Incidents resolved",
        prev.incidentsResolved(),
        cur.incidentsResolved());
    trendRow(w, "checks", "Check results", prev.checks(), cur.checks());
    trendRow(w, "windows-covered", "Windows covered", prev.windowsCovered(), cur.windowsCovered());
    w.write("</table>\n");
  }

  private static void trendRow(Writer w, String id, String label, long prev, long cur)
      throws IOException {
    long d = cur - prev;
    String change =
        d > 0
            ? "<span class=\"up\">&#9650; up " + d + "</span>"
            : d < 0 ? "<span class=\"down\">&#9660; down " + (-d) + "</span>" : "unchanged";
    w.write(
        "<tr id=\"trend-"
            + id
            + "\">"
            + Html.td(label)
            + Html.num(prev)
            + Html.num(cur)
            + "<td>"
            + change
            + "</td></tr>\n");
  }

  private static void row(Writer w, String label, String id, String html) throws IOException {
    w.write("<tr><th>" + Html.esc(label) + "</th><td id=\"" + id + "\">" + html + "</td></tr>\n");
  }

  /** {@code ok 40, warning 3, ...}: the usual statuses first. */
  static String counts(Map<String, Long> statuses) {
    StringBuilder b = new StringBuilder();
    for (String s : List.of("ok", "warning", "critical", "insufficient_data")) {
      b.append(b.length() == 0 ? "" : ", ")
          .append(s)
          .append(' ')
          .append(statuses.getOrDefault(s, 0L));
    }
    statuses.forEach(
        (s, n) -> {
          if (!List.of("ok", "warning", "critical", "insufficient_data").contains(s)) {
            b.append(", ").append(s).append(' ').append(n);
          }
        });
    return b.toString();
  }
}
