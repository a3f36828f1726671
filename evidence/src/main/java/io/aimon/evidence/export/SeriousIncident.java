package io.aimon.evidence.export;

/**
 * An incident declared serious (EU AI Act Art. 73, {@code aimon incident serious}) and its report
 * to the authority ({@code aimon incident serious-reported}), as its {@code corrective_action}
 * records show: the first declaration counts, with the deadline the monitor job recorded with it
 * (the action's time plus {@code corrective_actions.serious_report_within} of its category), and
 * the first report after it.
 *
 * @param name the incident in words ({@link IncidentHistory#name()})
 * @param declaredAt epoch ms of the declaration
 * @param declaredBy who declared it
 * @param category death, critical_infrastructure, widespread_infringement or other
 * @param reason why it is serious, as declared
 * @param due epoch ms by which it must be reported
 * @param reportedAt epoch ms of the report, or null while not reported
 * @param report to whom and under which reference, as recorded, or null
 */
record SeriousIncident(
    String name,
    long declaredAt,
    String declaredBy,
    String category,
    String reason,
    long due,
    Long reportedAt,
    String report) {

  /** Where the report stands at a time. */
  enum Status {
    REPORTED("reported"),
    REPORTED_LATE("reported late"),
    OVERDUE("overdue"),
    DUE("due");

    private final String text;

    Status(String text) {
      this.text = text;
    }

    String text() {
      return text;
    }
  }

  /** The declaration among {@code inc}'s records, or null when it has none. */
  static SeriousIncident of(IncidentHistory inc) {
    ExportRecord declared = null;
    ExportRecord reported = null;
    for (ExportRecord r : inc.actions()) {
      CorrectiveEvent e = r.action();
      if (e == null) {
        continue;
      }
      if (declared == null && e.isAction("serious") && e.reportDue() != null) {
        declared = r;
      } else if (declared != null && reported == null && e.isAction("serious_reported")) {
        reported = r;
      }
    }
    if (declared == null) {
      return null;
    }
    CorrectiveEvent d = declared.action();
    return new SeriousIncident(
        inc.name(),
        declared.time(),
        d.actor(),
        d.category(),
        d.text(),
        d.reportDue(),
        reported == null ? null : reported.time(),
        reported == null ? null : reported.action().text());
  }

  /** Where the report stands at {@code asOf} (epoch ms). */
  Status status(long asOf) {
    if (reportedAt != null) {
      return reportedAt <= due ? Status.REPORTED : Status.REPORTED_LATE;
    }
    return asOf > due ? Status.OVERDUE : Status.DUE;
  }
}
