package io.aimon.evidence.export;

import io.aimon.detectors.check.CheckResult;
import io.aimon.evidence.Gate;
import io.aimon.evidence.payload.DeploymentEvidence;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The pre-deployment gates of one model in {@code report.html} (ISO/IEC 42001 A.6.2.4 verification
 * and validation, A.6.2.5 deployment): each version first seen in production in the period with the
 * gate that cleared it (or none), then the model's gate records: candidate, verdict and the checks
 * that breached.
 */
final class GatesSection {
  /** Breaching checks named per gate record; the count says how many there were. */
  static final int MAX_BREACHES_NAMED = 5;

  private GatesSection() {}

  static void write(ModelAudit m, Writer w) throws IOException {
    w.write("<h3>Deployments and pre-deployment gates</h3>\n");
    deployments(m.deployments(), w);
    gates(m, w);
  }

  private static void deployments(List<ModelAudit.Deployment> list, Writer w) throws IOException {
    if (list.isEmpty()) {
      w.write(
          "<p class=\"muted deployments-none\">No model version was first seen in production in"
              + " the period.</p>\n");
      return;
    }
    w.write(
        "<table class=\"deployments\">\n<tr>"
            + Html.th("version")
            + Html.th("first seen (window)")
            + Html.th("events")
            + Html.th("gate")
            + Html.th("gated at")
            + Html.th("gate record")
            + "</tr>\n");
    for (ModelAudit.Deployment d : list) {
      DeploymentEvidence e = d.data();
      if (e == null) {
        w.write(
            "<tr>"
                + Html.td("seq " + d.record().seq())
                + "<td colspan=\"5\">"
                + Html.esc(d.record().summary() == null ? "" : d.record().summary())
                + "</td></tr>\n");
        continue;
      }
      DeploymentEvidence.GateRef g = e.gate();
      w.write(
          "<tr class=\""
              + (e.gated() ? "ok" : "gap")
              + "\">"
              + Html.td(e.version())
              + Html.td(Fmt.iso(e.windowStart()) + " to " + Fmt.iso(e.windowEnd()))
              + Html.td(Long.toString(e.events()))
              + Html.td(g == null ? "none: deployed without a gate" : g.verdict().code())
              + Html.td(g == null ? "" : Fmt.iso(g.gatedAt()))
              + Html.td(g == null ? "" : g.digest().substring(0, 16) + "...")
              + "</tr>\n");
    }
    w.write("</table>\n");
  }

  private static void gates(ModelAudit m, Writer w) throws IOException {
    List<ModelAudit.GateEntry> list = m.gates();
    if (list.isEmpty()) {
      w.write(
          "<p class=\"muted gates-none\">No gate record in the archive (aimon gate writes one per"
              + " candidate version judged).</p>\n");
      return;
    }
    w.write(
        "<p class=\"note\">"
            + Html.esc(
                Fmt.plural(list.size(), "gate record")
                    + " of the archive, in time order: a candidate version's evaluation events"
                    + " judged against the reference and thresholds before deployment."
                    + (m.gatesNotKept() == 0
                        ? ""
                        : " " + m.gatesNotKept() + " older records are not shown."))
            + "</p>\n");
    w.write(
        "<table class=\"gates\">\n<tr>"
            + Html.th("gated at")
            + Html.th("version")
            + Html.th("verdict")
            + Html.th("candidate")
            + Html.th("checks")
            + Html.th("breaches and reasons")
            + Html.th("signature")
            + "</tr>\n");
    for (ModelAudit.GateEntry e : list) {
      Gate g = e.gate();
      Gate.Candidate c = g.candidate();
      List<CheckResult> breaches = g.breaches();
      StringBuilder named = new StringBuilder(String.join("; ", g.reasons()));
      for (int i = 0; i < Math.min(MAX_BREACHES_NAMED, breaches.size()); i++) {
        CheckResult r = breaches.get(i);
        named
            .append(named.isEmpty() ? "" : "; ")
            .append(r.metric())
            .append(r.feature() == null ? "" : "[" + r.feature() + "]")
            .append(r.group() == null ? "" : "[" + r.attribute() + "=" + r.group() + "]")
            .append(' ')
            .append(r.value() == null ? "n/a" : Fmt.number(r.value()))
            .append(' ')
            .append(r.status().code());
      }
      if (breaches.size() > MAX_BREACHES_NAMED) {
        named.append("; and ").append(breaches.size() - MAX_BREACHES_NAMED).append(" more");
      }
      w.write(
          "<tr class=\""
              + (g.verdict() == io.aimon.detectors.gate.GateVerdict.PASS ? "ok" : "gap")
              + "\">"
              + Html.td(Fmt.iso(g.gatedAt()))
              + Html.td(g.modelVersion())
              + Html.td(g.verdict().code())
              + Html.td(
                  c.file()
                      + " (sha256 "
                      + c.sha256().substring(0, 16)
                      + "...): "
                      + Fmt.plural(c.events(), "event")
                      + ", "
                      + c.labelled()
                      + " labelled"
                      + (c.rejected().isEmpty() ? "" : ", rejected " + c.rejected()))
              + Html.td(Long.toString(g.checks().size()))
              + Html.td(named.toString())
              + Html.td(e.verified() ? "verifies" : "does not verify")
              + "</tr>\n");
    }
    w.write("</table>\n");
  }
}
