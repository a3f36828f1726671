package io.aimon.evidence.export;

import io.aimon.config.MetricIds;
import io.aimon.evidence.payload.DeploymentEvidence;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model versions of one model in {@code report.html}, when several served at once: per version
 * its own checks (the version's events alone against the reference), its breaches, its champion /
 * challenger comparison ({@code challenger_psi} and {@code challenger_<performance metric>} against
 * the version with the most events of each window) and the gate it was deployed with; then every
 * challenger series with its windows, breaches and last value (at most {@value
 * #MAX_CHALLENGER_ROWS} rows). Counts are of the check records, like every other section.
 */
final class VersionsSection {
  /** Rows of the challenger table; the page says how many were left out. */
  static final int MAX_CHALLENGER_ROWS = 100;

  private VersionsSection() {}

  /** What the period's check records say of one version. */
  private static final class Tally {
    long windows;
    long checks;
    long breaches;
    long challengerChecks;
    long challengerBreaches;
    final List<Series> challenger = new ArrayList<>();
  }

  static void write(ModelAudit m, Writer w) throws IOException {
    Map<String, Tally> versions = new TreeMap<>();
    for (Series s : m.series().values()) {
      String v = s.key().version();
      if (v == null) {
        continue;
      }
      Tally t = versions.computeIfAbsent(v, k -> new Tally());
      t.checks += s.points().size();
      t.breaches += s.breaches();
      if (MetricIds.isChallenger(s.key().metric())) {
        t.challengerChecks += s.points().size();
        t.challengerBreaches += s.breaches();
        t.challenger.add(s);
      } else if (MetricIds.COUNT.equals(s.key().metric())) {
        t.windows = s.points().size();
      }
    }
    if (versions.isEmpty()) {
      return;
    }
    Map<String, DeploymentEvidence> deployed = new TreeMap<>();
    for (ModelAudit.Deployment d : m.deployments()) {
      if (d.data() != null) {
        deployed.put(d.data().version(), d.data());
      }
    }
    w.write("<h3>Model versions</h3>\n");
    w.write(
        "<p class=\"note\">Windows that several versions served are also checked per version (its"
            + " events alone, against the reference), and each challenger against the champion,"
            + " the version with the most events of the window (<code>challenger_psi</code>, judged"
            + " by the feature's <code>psi</code> threshold, and <code>challenger_accuracy</code>"
            + " and the other performance metrics, judged by their drop from the champion's"
            + " value).</p>\n");
    w.write(
        "<table class=\"versions\">\n<tr>"
            + Html.th("version")
            + Html.th("windows")
            + Html.th("checks")
            + Html.th("breaches")
            + Html.th("challenger checks")
            + Html.th("challenger breaches")
            + Html.th("gate when first seen")
            + "</tr>\n");
    for (Map.Entry<String, Tally> e : versions.entrySet()) {
      Tally t = e.getValue();
      DeploymentEvidence d = deployed.get(e.getKey());
      String gate =
          d == null
              ? "not first seen in the period"
              : d.gate() == null ? "none: deployed without a gate" : d.gate().verdict().code();
      w.write(
          "<tr class=\""
              + (t.breaches > 0 ? "gap" : "ok")
              + "\" data-version=\""
              + Html.esc(e.getKey())
              + "\">"
              + Html.td(e.getKey())
              + Html.num(t.windows)
              + Html.num(t.checks)
              + Html.num(t.breaches)
              + Html.num(t.challengerChecks)
              + Html.num(t.challengerBreaches)
              + Html.td(gate)
              + "</tr>\n");
    }
    w.write("</table>\n");
    challengers(versions, w);
  }

  private static void challengers(Map<String, Tally> versions, Writer w) throws IOException {
    List<Series> all = new ArrayList<>();
    versions.values().forEach(t -> all.addAll(t.challenger));
    if (all.isEmpty()) {
      w.write(
          "<p class=\"muted\">No champion/challenger comparison in the period (no window with two"
              + " versions of enough events).</p>\n");
      return;
    }
    w.write(
        "<table class=\"challengers\">\n<tr>"
            + Html.th("version")
            + Html.th("metric")
            + Html.th("feature")
            + Html.th("windows")
            + Html.th("breaches")
            + Html.th("last value")
            + Html.th("threshold")
            + Html.th("last status")
            + "</tr>\n");
    for (Series s : all.subList(0, Math.min(all.size(), MAX_CHALLENGER_ROWS))) {
      Series.Point last = s.last();
      w.write(
          "<tr class=\""
              + (s.breaches() > 0 ? "gap" : "ok")
              + "\">"
              + Html.td(s.key().version())
              + Html.td(s.key().metric())
              + Html.td(s.key().feature() == null ? "" : s.key().feature())
              + Html.num(s.points().size())
              + Html.num(s.breaches())
              + Html.td(last.value() == null ? "not computed" : Fmt.number(last.value()))
              + Html.td(last.threshold() == null ? "" : Fmt.number(last.threshold()))
              + Html.td(last.status())
              + "</tr>\n");
    }
    w.write("</table>\n");
    if (all.size() > MAX_CHALLENGER_ROWS) {
      w.write(
          "<p class=\"muted\">"
              + (all.size() - MAX_CHALLENGER_ROWS)
              + " more challenger series are in records.csv.</p>\n");
    }
  }
}
