package io.aimon.evidence.export;

import io.aimon.evidence.EvidenceKind;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.payload.EvidenceCodec;
import io.aimon.evidence.payload.MonitoringPlanEvidence;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One model's part of {@code report.html}: plans, gates, versions ({@link VersionsSection}),
 * coverage, check results by metric, charts, incidents with their lifecycle, notifications and
 * corrective actions ({@link IncidentsSection}), and the ISO/IEC 42001 clause mapping (records per
 * clause and control, by kind) with its gaps.
 *
 * <p>Bounded whatever the period: at most {@value #MAX_COVERAGE_ROWS} coverage rows (windows, or
 * days, or months when there are more), at most {@value #MAX_CHARTS} charts (series that breached
 * at least once first, then the others in chain order, i.e. feature order; the page says how many
 * were left out), each of at most {@link SvgChart#MAX_POINTS} points.
 */
final class ModelSection {
  static final int MAX_CHARTS = 40;
  static final int MAX_COVERAGE_ROWS = 100;
  static final int MAX_GAPS = 20;
  static final int MAX_OMITTED_NAMES = 50;

  private ModelSection() {}

  static void write(ModelAudit m, int index, AuditData data, Writer w) throws IOException {
    String id = "model-" + index;
    w.write(
        "<section class=\"model\" id=\""
            + id
            + "\" data-model=\""
            + Html.esc(m.modelId())
            + "\">\n<h2>Model "
            + Html.esc(m.modelId())
            + "</h2>\n");
    if (m.records().isEmpty()) {
      w.write("<p class=\"status gap\">No evidence of this model in the period.</p>\n");
    } else {
      Map<EvidenceKind, Long> kinds = m.kindCounts();
      StringBuilder b = new StringBuilder();
      for (EvidenceKind k : EvidenceKind.values()) {
        b.append(b.length() == 0 ? "" : ", ")
            .append(k.code())
            .append(' ')
            .append(kinds.getOrDefault(k, 0L));
      }
      w.write(
          "<p>"
              + Html.esc(
                  Fmt.plural(m.records().size(), "record")
                      + " in the period ("
                      + b
                      + "), seqs "
                      + m.records().get(0).seq()
                      + ".."
                      + m.records().get(m.records().size() - 1).seq()
                      + ".")
              + "</p>\n");
    }
    plans(m, w);
    GatesSection.write(m, w);
    VersionsSection.write(m, w);
    coverage(m, w);
    stateLosses(m, w);
    checks(m, w);
    charts(m, id, w);
    IncidentsSection.write(m, w);
    clauses(m, w);
    w.write("</section>\n");
  }

  /**
   * The monitoring plans in force in the period (ISO/IEC 42001 9.1: what is monitored, by which
   * methods and thresholds, when, who evaluates it, where incidents go), as their records say.
   */
  private static void plans(ModelAudit m, Writer w) throws IOException {
    w.write("<h3>Monitoring plan</h3>\n");
    if (m.plansInForce().isEmpty()) {
      w.write(
          "<p class=\"status gap plans-none\">No monitoring plan recorded for this model by the"
              + " end of the period: its checks are judged by no recorded plan (ISO/IEC 42001"
              + " 9.1).</p>\n");
      return;
    }
    w.write(
        "<p class=\"note\">"
            + Html.esc(
                Fmt.plural(m.plansInForce().size(), "plan")
                    + " in force in the period: the latest recorded before it, then each recorded"
                    + " in it (at job start when the configuration changed). Every check record"
                    + " names the plan it was judged by."
                    + (m.plansNotKept() == 0
                        ? ""
                        : " " + m.plansNotKept() + " older plans of the archive are not shown."))
            + "</p>\n");
    for (ExportRecord r : m.plansInForce()) {
      MonitoringPlanEvidence p = decodePlan(r);
      w.write(
          "<table class=\"kv plan\" data-plan=\""
              + Html.esc(r.planDigest() == null ? "" : r.planDigest())
              + "\">\n<caption>"
              + Html.esc(
                  "Plan "
                      + (r.planDigest() == null ? "(no digest)" : r.planDigest().substring(0, 12))
                      + " recorded "
                      + Fmt.iso(r.time())
                      + " (seq "
                      + r.seq()
                      + ")")
              + "</caption>\n");
      if (p == null) {
        w.write("<tr><th>summary</th>" + Html.td(r.summary()) + "</tr>\n</table>\n");
        continue;
      }
      planRow(w, "owner (evaluates the results)", p.owner() == null ? "not named" : p.owner());
      planRow(w, "contacts", p.contacts().isEmpty() ? "none" : String.join(", ", p.contacts()));
      planRow(
          w,
          "when",
          p.window()
              + " windows, aligned to the UTC epoch; fewer than "
              + p.minSamples()
              + " events: insufficient data; labels waited for "
              + p.labelsMaxDelay());
      planRow(
          w,
          "what",
          "numeric features: "
              + (p.numericFeatures().isEmpty() ? "none" : String.join(", ", p.numericFeatures()))
              + "; categorical features: "
              + (p.categoricalFeatures().isEmpty()
                  ? "none"
                  : String.join(", ", p.categoricalFeatures()))
              + "; fairness attributes: "
              + (p.fairnessAttributes().isEmpty()
                  ? "none"
                  : String.join(", ", p.fairnessAttributes())));
      planRow(w, "against", "reference profile " + p.referenceDigest());
      planRow(w, "alert policy", p.alertPolicy());
      planRow(
          w,
          "alert routes",
          p.alertRoutes().isEmpty()
              ? "none: no notifier is configured, incidents are not delivered"
              : String.join("; ", p.alertRoutes()));
      planRow(w, "configuration", p.configDigest() + ", aimon " + p.aimonVersion());
      w.write("</table>\n<table class=\"plan-checks\">\n<tr>");
      w.write(
          Html.th("method (metric)") + Html.th("feature") + Html.th("threshold rule") + "</tr>\n");
      for (MonitoringPlanEvidence.PlannedCheck c : p.checks()) {
        w.write(
            "<tr>"
                + Html.td(c.metric())
                + Html.td(c.feature() == null ? "all / model" : c.feature())
                + Html.td(c.rule())
                + "</tr>\n");
      }
      w.write("</table>\n");
    }
  }

  private static void planRow(Writer w, String label, String value) throws IOException {
    w.write("<tr><th>" + Html.esc(label) + "</th>" + Html.td(value) + "</tr>\n");
  }

  /** The typed plan of a record, or null for data without the typed layout (layout 1). */
  private static MonitoringPlanEvidence decodePlan(ExportRecord r) {
    try {
      return EvidenceCodec.decode(EvidenceRecord.fromJson(r.line()))
              instanceof MonitoringPlanEvidence p
          ? p
          : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The breaks in the monitoring: runs that continued the chain after their state was lost. */
  private static void stateLosses(ModelAudit m, Writer w) throws IOException {
    if (m.stateLosses().isEmpty()) {
      return;
    }
    w.write("<h3>Breaks in the monitoring</h3>\n<ul class=\"state-losses\">\n");
    for (ExportRecord r : m.stateLosses()) {
      w.write("<li>" + Html.esc("seq " + r.seq() + ": " + r.summary()) + "</li>\n");
    }
    w.write("</ul>\n");
  }

  private static void coverage(ModelAudit m, Writer w) throws IOException {
    Coverage c = m.coverage();
    w.write("<h3>Coverage</h3>\n<p class=\"coverage-summary\">");
    w.write(
        Html.esc(
            c.covered()
                + " of "
                + Fmt.plural(c.expected(), "expected window")
                + (c.windowMillis() > 0 ? " of " + Fmt.duration(c.windowMillis()) : "")
                + " covered, "
                + Fmt.plural(c.events(), "event")
                + " evaluated; their windows' check records: "
                + Fmt.plural(c.checks(), "check")
                + ", "
                + Fmt.plural(c.breaches(), "breach")
                + " (all metrics: drift, data quality, performance and fairness, also those"
                + " judged after the window closed)"
                + (m.checksOutsideCoverage() == 0
                    ? ""
                    : "; "
                        + Fmt.plural(m.checksOutsideCoverage(), "more check")
                        + ", "
                        + Fmt.plural(m.breachesOutsideCoverage(), "breach")
                        + ", in windows without a coverage record")
                + ". "));
    w.write(
        c.contiguous()
            ? Html.status("contiguous")
            : "<span class=\"status gap\">"
                + Html.esc(Fmt.plural(c.missing(), "window") + " missing")
                + "</span>");
    w.write("</p>\n");
    if (!c.gaps().isEmpty()) {
      w.write("<ul class=\"gaps\">\n");
      for (Coverage.Gap g : c.gaps().subList(0, Math.min(MAX_GAPS, c.gaps().size()))) {
        w.write(
            "<li>"
                + Html.esc(
                    "no coverage "
                        + Fmt.iso(g.start())
                        + " to "
                        + Fmt.iso(g.end())
                        + " ("
                        + Fmt.plural(g.windows(), "window")
                        + ")")
                + "</li>\n");
      }
      if (c.gaps().size() > MAX_GAPS) {
        w.write("<li>" + (c.gaps().size() - MAX_GAPS) + " more gaps</li>\n");
      }
      w.write("</ul>\n");
    }
    if (c.windows().isEmpty()) {
      return;
    }
    Map<String, long[]> rows = new LinkedHashMap<>();
    String unit;
    if (c.windows().size() <= MAX_COVERAGE_ROWS) {
      unit = "window";
      for (Coverage.Window win : c.windows()) {
        rows.put(
            Fmt.iso(win.start()) + " to " + Fmt.iso(win.end()),
            new long[] {1, win.events(), win.checks(), win.breaches()});
      }
    } else {
      unit = "day (UTC)";
      rows = bucket(c.windows(), 10);
      if (rows.size() > MAX_COVERAGE_ROWS) {
        unit = "month (UTC)";
        rows = bucket(c.windows(), 7);
      }
    }
    w.write(
        "<table class=\"coverage\">\n<tr>"
            + Html.th(unit)
            + Html.th("windows")
            + Html.th("events")
            + Html.th("checks")
            + Html.th("breaches")
            + "</tr>\n");
    for (Map.Entry<String, long[]> e : rows.entrySet()) {
      long[] v = e.getValue();
      w.write(
          "<tr>"
              + Html.td(e.getKey())
              + Html.num(v[0])
              + Html.num(v[1])
              + Html.num(v[2])
              + Html.num(v[3])
              + "</tr>\n");
    }
    w.write("</table>\n");
  }

  /**
   * Windows grouped by the first {@code chars} characters of their start's date (10 day, 7 month).
   */
  private static Map<String, long[]> bucket(List<Coverage.Window> windows, int chars) {
    Map<String, long[]> rows = new TreeMap<>();
    for (Coverage.Window win : windows) {
      String key =
          Instant.ofEpochMilli(win.start())
              .atZone(ZoneOffset.UTC)
              .toLocalDate()
              .toString()
              .substring(0, chars);
      long[] v = rows.computeIfAbsent(key, k -> new long[4]);
      v[0]++;
      v[1] += win.events();
      v[2] += win.checks();
      v[3] += win.breaches();
    }
    return rows;
  }

  private static void checks(ModelAudit m, Writer w) throws IOException {
    w.write("<h3>Check results by metric</h3>\n");
    if (m.series().isEmpty()) {
      w.write("<p class=\"muted\">No check results in the period.</p>\n");
      return;
    }
    Map<String, long[]> byMetric = new LinkedHashMap<>();
    for (Series s : m.series().values()) {
      long[] v = byMetric.computeIfAbsent(s.key().metric(), k -> new long[7]);
      v[0]++;
      Map<String, Long> c = s.statusCounts();
      v[1] += s.points().size();
      v[2] += c.getOrDefault("ok", 0L);
      v[3] += c.getOrDefault("warning", 0L);
      v[4] += c.getOrDefault("critical", 0L);
      v[5] += c.getOrDefault("insufficient_data", 0L);
      v[6] += s.breaches() > 0 ? 1 : 0;
    }
    w.write(
        "<table class=\"checks\">\n<tr>"
            + Html.th("metric")
            + Html.th("series")
            + Html.th("checks")
            + Html.th("ok")
            + Html.th("warning")
            + Html.th("critical")
            + Html.th("insufficient_data")
            + Html.th("series that breached")
            + "</tr>\n");
    for (Map.Entry<String, long[]> e : byMetric.entrySet()) {
      long[] v = e.getValue();
      w.write("<tr>" + Html.td(e.getKey()));
      for (long n : v) {
        w.write(Html.num(n));
      }
      w.write("</tr>\n");
    }
    w.write("</table>\n");
  }

  /**
   * The series charted: chartable ones that breached, then the others, in chain order; at most
   * {@link #MAX_CHARTS}.
   */
  static List<Series> charted(ModelAudit m) {
    List<Series> out = new ArrayList<>();
    for (Series s : m.series().values()) {
      if (s.chartable() && s.breaches() > 0) {
        out.add(s);
      }
    }
    for (Series s : m.series().values()) {
      if (s.chartable() && s.breaches() == 0) {
        out.add(s);
      }
    }
    return out.size() > MAX_CHARTS ? new ArrayList<>(out.subList(0, MAX_CHARTS)) : out;
  }

  private static void charts(ModelAudit m, String sectionId, Writer w) throws IOException {
    w.write("<h3>Values against thresholds</h3>\n");
    List<Series> charted = charted(m);
    List<Series> omitted = new ArrayList<>();
    for (Series s : m.series().values()) {
      if (s.chartable() && !charted.contains(s)) {
        omitted.add(s);
      }
    }
    if (charted.isEmpty()) {
      w.write("<p class=\"muted\">No series with a threshold in the period.</p>\n");
      return;
    }
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
    for (Series s : charted) {
      for (Series.Point p : s.points()) {
        from = Math.min(from, p.time());
        to = Math.max(to, p.time());
      }
    }
    int n = 0;
    for (Series s : charted) {
      n++;
      Series.Point last = s.last();
      String caption =
          s.key().label()
              + ": "
              + Fmt.plural(s.points().size(), "window")
              + ", "
              + Fmt.plural(s.breaches(), "breach")
              + "; last "
              + (s.pValues() ? "p-value " : "")
              + (last.value() == null ? "not computed" : Fmt.number(last.value()))
              + (last.threshold() == null ? "" : " vs threshold " + Fmt.number(last.threshold()))
              + " ("
              + last.status()
              + ")"
              + (SvgChart.reduced(s)
                  ? "; each run of windows drawn as its minimum and maximum"
                  : "");
      w.write(
          "<figure class=\"chart-figure\">\n<figcaption>"
              + Html.esc(caption)
              + "</figcaption>\n"
              + SvgChart.render(sectionId + "-chart-" + n, s, from, to)
              + "\n</figure>\n");
    }
    if (!omitted.isEmpty()) {
      StringBuilder names = new StringBuilder();
      for (Series s : omitted.subList(0, Math.min(MAX_OMITTED_NAMES, omitted.size()))) {
        names.append(names.length() == 0 ? "" : ", ").append(s.key().label());
      }
      if (omitted.size() > MAX_OMITTED_NAMES) {
        names.append(", ...");
      }
      w.write(
          "<p class=\"note omitted-charts\">"
              + Html.esc(
                  omitted.size()
                      + " more series with a threshold not charted (at most "
                      + MAX_CHARTS
                      + " charts per model, series that breached first): "
                      + names)
              + "</p>\n");
    }
  }

  private static void clauses(ModelAudit m, Writer w) throws IOException {
    w.write("<h3>ISO/IEC 42001 controls (statement of applicability)</h3>\n");
    controlTable(m.controls(), "clauses", w);
  }

  /**
   * The table of a {@link ControlCoverage}: per clause and control its records of the period by
   * kind, its status (met, gap, not exercised) and every gap with its reason.
   */
  static void controlTable(ControlCoverage view, String cssClass, Writer w) throws IOException {
    w.write(
        "<p class=\"note\">A control is met when records of the period serve it and nothing in"
            + " them shows it was not met; each gap gives its reason. Not exercised: only incidents"
            + " call for it, and the period had none.</p>\n<table class=\""
            + cssClass
            + "\">\n<tr>"
            + Html.th("clause / control")
            + Html.th("title")
            + Html.th("records in the period")
            + Html.th("by kind")
            + Html.th("status")
            + Html.th("gaps and their reasons")
            + "</tr>\n");
    for (ControlCoverage.Control c : view.controls()) {
      StringBuilder kinds = new StringBuilder();
      c.byKind()
          .forEach(
              (k, n) -> kinds.append(kinds.length() == 0 ? "" : ", ").append(k.code() + " " + n));
      StringBuilder gaps = new StringBuilder();
      for (ControlCoverage.Gap g : c.gaps()) {
        gaps.append("<li data-reason=\"")
            .append(g.reason().code())
            .append("\"><code>")
            .append(g.reason().code())
            .append("</code> ")
            .append(Html.esc(g.text()))
            .append("</li>");
      }
      boolean gap = c.status() == ControlCoverage.Status.GAP;
      w.write(
          "<tr"
              + (gap ? " class=\"gap\"" : "")
              + " data-id=\""
              + Html.esc(c.id())
              + "\" data-status=\""
              + Html.cssClass(c.status().text())
              + "\">"
              + Html.td(c.id())
              + Html.td(c.title())
              + Html.num(c.records())
              + Html.td(kinds.toString())
              + "<td class=\"status-cell\">"
              + (gap ? "<span class=\"status gap\">GAP</span>" : Html.status(c.status().text()))
              + "</td><td class=\"gap-reasons\">"
              + (gaps.length() == 0 ? "" : "<ul>" + gaps + "</ul>")
              + "</td></tr>\n");
    }
    w.write("</table>\n");
  }
}
