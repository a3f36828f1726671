package io.aimon.evidence.export;

import io.aimon.evidence.EvidenceKind;

/** Counts of one period for the trend of the executive summary. */
final class PeriodTotals {
  private long records;
  private long checks;
  private long breachingChecks;
  private long windowsCovered;
  private long incidentsOpened;
  private long incidentsResolved;

  /**
   * Counts one record.
   *
   * @param status a check's status, else ignored
   * @param lifecycleStep an incident event's step (opened, resolved, ...), else ignored
   */
  void add(EvidenceKind kind, String status, String lifecycleStep) {
    records++;
    switch (kind) {
      case CHECK -> {
        checks++;
        if ("warning".equals(status) || "critical".equals(status)) {
          breachingChecks++;
        }
      }
      case COVERAGE -> windowsCovered++;
      case INCIDENT -> {
        if ("opened".equals(lifecycleStep)) {
          incidentsOpened++;
        } else if ("resolved".equals(lifecycleStep)) {
          incidentsResolved++;
        }
      }
      default -> {}
    }
  }

  void addAll(PeriodTotals o) {
    records += o.records;
    checks += o.checks;
    breachingChecks += o.breachingChecks;
    windowsCovered += o.windowsCovered;
    incidentsOpened += o.incidentsOpened;
    incidentsResolved += o.incidentsResolved;
  }

  long records() {
    return records;
  }

  long checks() {
    return checks;
  }

  long breachingChecks() {
    return breachingChecks;
  }

  long windowsCovered() {
    return windowsCovered;
  }

  long incidentsOpened() {
    return incidentsOpened;
  }

  long incidentsResolved() {
    return incidentsResolved;
  }
}
