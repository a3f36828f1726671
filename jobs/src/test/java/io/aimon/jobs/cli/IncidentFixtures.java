package io.aimon.jobs.cli;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.IncidentIds;
import io.aimon.alerting.incident.SeriesKey;
import io.aimon.alerting.incident.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * Incident events of two incidents, as the monitor job writes them, and a way to run {@code aimon}
 * through picocli: credit-risk's psi drift on income (opened, then escalated) and churn's
 * demographic parity on gender (opened).
 */
final class IncidentFixtures {
  static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  static final long WINDOW = 10_000L;

  static final SeriesKey INCOME_DRIFT = new SeriesKey("credit-risk", "psi", "income", null, null);
  static final SeriesKey GENDER_PARITY =
      new SeriesKey("churn", "demographic_parity_difference", null, "gender", null);

  static final String INCOME_DEDUP = IncidentIds.dedupKey(INCOME_DRIFT, START);
  static final String INCOME_ID = IncidentIds.incidentId(INCOME_DEDUP);
  static final String GENDER_DEDUP = IncidentIds.dedupKey(GENDER_PARITY, START + WINDOW);
  static final String GENDER_ID = IncidentIds.incidentId(GENDER_DEDUP);

  private IncidentFixtures() {}

  /** Both incidents' events in the order the job commits them. */
  static List<IncidentEvent> events() {
    return List.of(
        event(IncidentEvent.Type.OPENED, INCOME_DRIFT, INCOME_DEDUP, Severity.WARNING, 0, 0, 1),
        event(IncidentEvent.Type.OPENED, GENDER_PARITY, GENDER_DEDUP, Severity.WARNING, 1, 1, 1),
        event(
            IncidentEvent.Type.ESCALATED, INCOME_DRIFT, INCOME_DEDUP, Severity.CRITICAL, 0, 2, 2));
  }

  /** An event of the incident opened in window {@code opened}, triggered by window {@code at}. */
  static IncidentEvent event(
      IncidentEvent.Type type,
      SeriesKey series,
      String dedupKey,
      Severity severity,
      int opened,
      int at,
      int breaches) {
    long windowStart = START + at * WINDOW;
    return new IncidentEvent(
        type,
        IncidentIds.incidentId(dedupKey),
        dedupKey,
        series.modelId(),
        "3",
        series.metric(),
        series.feature(),
        series.attribute(),
        series.group(),
        severity,
        severity.code(),
        START + opened * WINDOW,
        windowStart + WINDOW,
        windowStart,
        windowStart + WINDOW,
        0.31,
        null,
        0.25,
        2000,
        breaches,
        series.asString() + " breached",
        null,
        List.of("check-" + at),
        null,
        null,
        List.of());
  }

  /** A config whose only model needs a reference file next to it; {@code kafka} is YAML. */
  static Path writeConfig(Path dir, String kafka) throws IOException {
    Files.writeString(
        dir.resolve("reference.jsonl"),
        "{\"inference_id\":\"r1\",\"model_id\":\"m1\",\"timestamp\":0,\"features\":{\"age\":30},"
            + "\"prediction\":1}\n");
    Path config = dir.resolve("aimon.yaml");
    Files.writeString(
        config,
        kafka
            + "models:\n"
            + "  - id: m1\n"
            + "    reference: {events: reference.jsonl}\n"
            + "    features: {numeric: [age]}\n");
    return config;
  }

  /** The result of one command line run. */
  record Run(int exit, String out, String err) {}

  static Run aimon(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new AimonCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
