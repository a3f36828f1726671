package io.aimon.evidence.export;

import java.io.IOException;
import java.io.Writer;
import java.util.Collection;

/**
 * The incidents of one model in {@code report.html}: a table of their lifecycles and how each was
 * communicated (ISO/IEC 42001 control A.8.4, from its notification records), a table of where each
 * one's corrective action stands (clause 10.2: grade in effect, acknowledged, root cause,
 * effectiveness, closed or open), and per incident its lifecycle events, the deliveries of those
 * events to notifiers, and its corrective-action timeline.
 *
 * <p>Every incident with a selected event or corrective-action record is listed, also one whose
 * lifecycle events all lie outside the period.
 */
final class IncidentsSection {
  private IncidentsSection() {}

  static void write(ModelAudit m, Writer w) throws IOException {
    w.write("<h3>Incidents</h3>\n");
    Collection<IncidentHistory> list = m.incidents().values();
    if (list.isEmpty()) {
      w.write("<p class=\"muted\">No incident events in the period.</p>\n");
      return;
    }
    lifecycles(list, w);
    corrective(list, w);
    serious(m, w);
    for (IncidentHistory inc : list) {
      details(inc, w);
    }
  }

  /** The incidents declared serious (EU AI Act Art. 73) and where each one's report stands. */
  private static void serious(ModelAudit m, Writer w) throws IOException {
    java.util.List<SeriousIncident> list = m.seriousIncidents();
    if (list.isEmpty()) {
      return;
    }
    w.write(
        "<table class=\"serious\">\n<caption>Serious incidents (EU AI Act Art. 73), as of "
            + Html.esc(Fmt.iso(m.asOf()))
            + "</caption>\n<tr>"
            + Html.th("incident")
            + Html.th("category")
            + Html.th("declared")
            + Html.th("reason")
            + Html.th("report due")
            + Html.th("reported")
            + Html.th("status")
            + "</tr>\n");
    for (SeriousIncident s : list) {
      SeriousIncident.Status st = s.status(m.asOf());
      w.write(
          "<tr class=\""
              + (st == SeriousIncident.Status.OVERDUE || st == SeriousIncident.Status.REPORTED_LATE
                  ? "gap"
                  : "ok")
              + "\">"
              + Html.td(s.name())
              + Html.td(s.category())
              + Html.td(Fmt.iso(s.declaredAt()) + " by " + s.declaredBy())
              + Html.td(s.reason() == null ? "" : s.reason())
              + Html.td(Fmt.iso(s.due()))
              + Html.td(
                  s.reportedAt() == null
                      ? "not reported"
                      : Fmt.iso(s.reportedAt()) + (s.report() == null ? "" : ": " + s.report()))
              + Html.td(st.text())
              + "</tr>\n");
    }
    w.write("</table>\n");
  }

  private static void lifecycles(Collection<IncidentHistory> list, Writer w) throws IOException {
    w.write(
        "<table class=\"incidents\">\n<tr>"
            + Html.th("incident")
            + Html.th("series")
            + Html.th("severity")
            + Html.th("state")
            + Html.th("opened")
            + Html.th("escalated")
            + Html.th("updated")
            + Html.th("resolved")
            + Html.th("latest summary")
            + Html.th("runbook")
            + Html.th("communicated (A.8.4)")
            + "</tr>\n");
    boolean anyNotRecorded = false;
    for (IncidentHistory inc : list) {
      ExportRecord opened = inc.first("opened");
      ExportRecord escalated = inc.first("escalated");
      ExportRecord updated = inc.last("updated");
      ExportRecord resolved = inc.last("resolved");
      String state =
          inc.events().isEmpty()
              ? "<span class=\"muted\">no event in the period</span>"
              : Html.status(inc.resolved() ? "resolved" : "open");
      w.write(
          "<tr class=\"incident\" data-incident=\""
              + Html.esc(inc.incidentId())
              + "\">"
              + Html.td(inc.incidentId())
              + "<td>"
              + Html.esc(inc.seriesText())
              + (inc.members() == null
                  ? ""
                  : "<div class=\"members\">" + Html.esc("members: " + inc.members()) + "</div>")
              + "</td><td>"
              + Html.status(inc.severity())
              + "</td><td>"
              + state
              + "</td>"
              + Html.td(opened == null ? "before the period" : Fmt.iso(opened.time()))
              + Html.td(escalated == null ? "" : Fmt.iso(escalated.time()))
              + Html.td(
                  updated == null
                      ? ""
                      : inc.count("updated") + "x, last " + Fmt.iso(updated.time()))
              + Html.td(resolved == null || !inc.resolved() ? "" : Fmt.iso(resolved.time()))
              + Html.td(inc.summary())
              + "<td>"
              + Html.link(inc.runbookUrl(), "runbook")
              + "</td>"
              + communicated(inc)
              + "</tr>\n");
      anyNotRecorded |= !inc.events().isEmpty() && !inc.communication().recorded();
    }
    w.write("</table>\n");
    if (anyNotRecorded) {
      w.write(
          "<p class=\"note communication-note\">"
              + Html.esc(
                  "Not notified: the period holds records of the incident but no notification"
                      + " record; "
                      + IncidentCommunication.NO_RECORD_REASON
                      + ".")
              + "</p>\n");
    }
  }

  /**
   * The cell saying how the incident was communicated; empty for an incident with neither a
   * lifecycle event nor a notification in the period (nothing was there to communicate).
   */
  private static String communicated(IncidentHistory inc) {
    IncidentCommunication c = inc.communication();
    if (!c.recorded() && inc.events().isEmpty()) {
      return "<td class=\"communication\"></td>";
    }
    String css = !c.recorded() ? "muted" : c.failures().isEmpty() ? "delivered" : "failed";
    return "<td class=\"communication\"><span class=\""
        + css
        + "\">"
        + Html.esc(c.text())
        + "</span></td>";
  }

  private static void corrective(Collection<IncidentHistory> list, Writer w) throws IOException {
    w.write(
        "<h4>Corrective actions (ISO/IEC 42001 clause 10.2)</h4>\n<p class=\"note\">As the"
            + " corrective-action records of the period show them: grade in effect (an operator's"
            + " override, else the rule's), first acknowledgement, latest root cause, effectiveness"
            + " of the latest action applied, and whether it was closed. Open with grade major is"
            + " overdue.</p>\n<table class=\"corrective-actions\">\n<tr>"
            + Html.th("incident")
            + Html.th("series")
            + Html.th("grade in effect")
            + Html.th("acknowledged")
            + Html.th("root cause")
            + Html.th("effectiveness")
            + Html.th("corrective action")
            + "</tr>\n");
    for (IncidentHistory inc : list) {
      CorrectiveActionStatus s = inc.corrective();
      ExportRecord ack = s.acknowledged();
      ExportRecord cause = s.rootCause();
      w.write(
          "<tr class=\"corrective\" data-incident=\""
              + Html.esc(inc.incidentId())
              + "\">"
              + Html.td(inc.incidentId())
              + Html.td(inc.seriesText())
              + "<td class=\"ca-grade\">"
              + Html.status(s.grade())
              + Html.esc(s.gradeNote())
              + "</td><td class=\"ca-ack\">"
              + Html.esc(ack == null ? "not acknowledged" : CorrectiveActionStatus.byAt(ack))
              + "</td><td class=\"ca-root-cause\">"
              + Html.esc(
                  cause == null
                      ? "not recorded"
                      : cause.action().text() + " (" + CorrectiveActionStatus.byAt(cause) + ")")
              + "</td><td class=\"ca-effectiveness\">"
              + Html.status(s.effectiveness())
              + "</td><td class=\"ca-state\">"
              + Html.status(s.state())
              + Html.esc(s.stateNote())
              + "</td></tr>\n");
    }
    w.write("</table>\n");
  }

  /** The incident's lifecycle events and its corrective-action timeline, folded. */
  private static void details(IncidentHistory inc, Writer w) throws IOException {
    w.write(
        "<details class=\"lifecycle\" data-incident=\""
            + Html.esc(inc.incidentId())
            + "\">\n<summary>"
            + Html.esc(
                "Lifecycle of incident "
                    + inc.incidentId()
                    + (inc.seriesText().isEmpty() ? "" : " " + inc.seriesText())
                    + " ("
                    + Fmt.plural(inc.events().size(), "event")
                    + (inc.notifications().isEmpty()
                        ? ""
                        : ", " + Fmt.plural(inc.notifications().size(), "notification"))
                    + (inc.actions().isEmpty()
                        ? ""
                        : ", " + Fmt.plural(inc.actions().size(), "corrective-action record"))
                    + ")")
            + "</summary>\n");
    if (inc.events().isEmpty()) {
      w.write("<p class=\"muted\">No lifecycle event in the period.</p>\n");
    } else {
      w.write("<ol>\n");
      for (ExportRecord e : inc.events()) {
        w.write(
            "<li><time>"
                + Html.esc(Fmt.iso(e.time()))
                + "</time> <strong>"
                + Html.esc(
                    e.lifecycleStep() + (e.severity() == null ? "" : " (" + e.severity() + ")"))
                + "</strong>"
                + (e.summary() == null ? "" : ": " + Html.esc(e.summary()))
                + Html.esc(" (seq " + e.seq() + ")")
                + "</li>\n");
      }
      w.write("</ol>\n");
    }
    if (!inc.notifications().isEmpty()) {
      notifications(inc, w);
    }
    if (!inc.actions().isEmpty()) {
      timeline(inc, w);
    }
    w.write("</details>\n");
  }

  /**
   * One row per notification record: the first delivery of an event to a notifier; a failed one is
   * marked (row class {@code failed}, outcome in red).
   */
  private static void notifications(IncidentHistory inc, Writer w) throws IOException {
    w.write(
        "<table class=\"notifications\">\n<caption>"
            + "Deliveries of its events to notifiers (A.8.4, first send of each event)"
            + "</caption>\n<tr>"
            + Html.th("time")
            + Html.th("event")
            + Html.th("notifier")
            + Html.th("outcome")
            + Html.th("attempts")
            + Html.th("last attempt")
            + Html.th("seq")
            + "</tr>\n");
    for (ExportRecord r : inc.notifications()) {
      Notification n = r.notification();
      w.write(
          "<tr class=\""
              + (n.delivered() ? "delivered" : "failed")
              + "\">"
              + Html.td(Fmt.iso(r.time()))
              + Html.td(r.lifecycleStep())
              + Html.td(n.notifierName())
              + "<td>"
              + (n.delivered() ? "" : "&#10007; ")
              + Html.status(n.outcome())
              + "</td>"
              + (n.attempts() == null ? Html.td(null) : Html.num(n.attempts()))
              + Html.td(n.lastAttemptText())
              + Html.num(r.seq())
              + "</tr>\n");
    }
    w.write("</table>\n");
  }

  /** One row per corrective-action record: operators' actions and the machine's judgements. */
  private static void timeline(IncidentHistory inc, Writer w) throws IOException {
    w.write(
        "<table class=\"corrective-timeline\">\n<tr>"
            + Html.th("time")
            + Html.th("actor")
            + Html.th("event")
            + Html.th("action type")
            + Html.th("text")
            + Html.th("summary")
            + Html.th("seq")
            + "</tr>\n");
    for (ExportRecord a : inc.actions()) {
      CorrectiveEvent e = a.action();
      String actor =
          e.machine() ? "<td class=\"muted\">aimon (automatic)</td>" : Html.td(e.actor());
      w.write(
          "<tr>"
              + Html.td(Fmt.iso(a.time()))
              + actor
              + Html.td(e.event())
              + Html.td(e.actionType())
              + Html.td(e.machine() ? null : operatorText(e))
              + Html.td(a.summary())
              + Html.num(a.seq())
              + "</tr>\n");
    }
    w.write("</table>\n");
  }

  /** The operator's text; for a grade, the grade and its reason. */
  private static String operatorText(CorrectiveEvent e) {
    if (e.text() != null) {
      return e.text();
    }
    if (e.grade() != null) {
      return e.grade() + (e.reason() == null ? "" : ": " + e.reason());
    }
    return null;
  }
}
