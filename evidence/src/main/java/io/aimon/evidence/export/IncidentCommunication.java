package io.aimon.evidence.export;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How an incident was communicated (ISO/IEC 42001 control A.8.4), as its {@code notification}
 * records in the period show it: one record per first delivery of one of its events to one
 * notifier, delivered or failed (periodic re-sends are not recorded).
 *
 * <p>An incident counts as notified once at least one delivery was delivered. Without any record it
 * is "not notified", which says only that the period holds no notification evidence: the alert job
 * may not run, or notification evidence may not be configured.
 */
final class IncidentCommunication {
  /** Why an incident may have no notification record, said without blame. */
  static final String NO_RECORD_REASON =
      "the alert job may not run, or notification evidence may not be configured";

  /** Failures named in {@link #text()}; a flapping notifier would make the line unbounded. */
  static final int MAX_NAMED = 5;

  private final List<ExportRecord> deliveries;
  private final Set<String> notifiedTo = new LinkedHashSet<>();
  private final List<ExportRecord> failures = new ArrayList<>();

  private IncidentCommunication(List<ExportRecord> deliveries) {
    this.deliveries = List.copyOf(deliveries);
    for (ExportRecord r : deliveries) {
      if (r.notification().delivered()) {
        notifiedTo.add(r.notification().notifierName());
      } else {
        failures.add(r);
      }
    }
  }

  /** The communication shown by {@code notifications}, an incident's notification records. */
  static IncidentCommunication of(List<ExportRecord> notifications) {
    return new IncidentCommunication(notifications);
  }

  /** Every notification record, in chain order. */
  List<ExportRecord> deliveries() {
    return deliveries;
  }

  /** Whether the period holds a notification record of the incident. */
  boolean recorded() {
    return !deliveries.isEmpty();
  }

  /** Whether at least one delivery was delivered. */
  boolean notified() {
    return !notifiedTo.isEmpty();
  }

  /** The notifiers that received at least one event, in order of first delivery. */
  Set<String> notifiedTo() {
    return notifiedTo;
  }

  /** Deliveries delivered. */
  long delivered() {
    return deliveries.size() - failures.size();
  }

  /** The failed deliveries (failed_permanent, failed_exhausted, dropped), in chain order. */
  List<ExportRecord> failures() {
    return failures;
  }

  /**
   * One line: {@code notified: oncall-alertmanager, slack (all delivered)}, {@code notified:
   * oncall-alertmanager; 1 delivery failed (webhook: failed_exhausted after 8 attempts)}, {@code
   * not notified: 1 delivery failed (...)}, or {@code not notified (no notification record in the
   * period)}.
   */
  String text() {
    if (!recorded()) {
      return "not notified (no notification record in the period)";
    }
    StringBuilder b = new StringBuilder();
    if (notified()) {
      b.append("notified: ").append(String.join(", ", notifiedTo));
      if (failures.isEmpty()) {
        return b.append(" (all delivered)").toString();
      }
      b.append("; ");
    } else {
      b.append("not notified: ");
    }
    b.append(Fmt.plural(failures.size(), "delivery")).append(" failed (");
    for (int i = 0; i < Math.min(MAX_NAMED, failures.size()); i++) {
      Notification n = failures.get(i).notification();
      b.append(i == 0 ? "" : ", ").append(n.notifierName()).append(": ").append(n.outcomeText());
    }
    if (failures.size() > MAX_NAMED) {
      b.append(", and ").append(failures.size() - MAX_NAMED).append(" more");
    }
    return b.append(')').toString();
  }
}
