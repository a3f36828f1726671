package io.aimon.jobs.cli;

import static io.aimon.jobs.cli.IncidentFixtures.GENDER_ID;
import static io.aimon.jobs.cli.IncidentFixtures.INCOME_ID;
import static io.aimon.jobs.cli.IncidentFixtures.aimon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.alerting.incident.CloudEvents;
import io.aimon.alerting.remediation.ActionType;
import io.aimon.alerting.remediation.CorrectiveAction;
import io.aimon.alerting.remediation.NonconformityGrade;
import io.aimon.alerting.remediation.SeriousCategory;
import io.aimon.jobs.cli.IncidentFixtures.Run;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aimon incident ...} with the file target, through picocli: the incident is looked up in an
 * incidents.jsonl and each action appended to the actions file; and every usage and lookup error
 * with its one-line reason.
 */
class IncidentCommandTest {
  private static final String INCOME_SERIES = "credit-risk/psi/feature=income";
  private static final String GENDER_SERIES =
      "churn/demographic_parity_difference/attribute=gender";

  @TempDir Path dir;
  private Path incidents;
  private Path actions;

  @BeforeEach
  void writeIncidents() throws IOException {
    List<String> lines = new ArrayList<>();
    IncidentFixtures.events().forEach(e -> lines.add(CloudEvents.toJson(e)));
    lines.add(1, "not an incident event"); // skipped: it is no incident's
    lines.add("");
    incidents = dir.resolve("out/incidents.jsonl");
    Files.createDirectories(incidents.getParent());
    Files.write(incidents, lines);
    actions = dir.resolve("actions/incident-actions.jsonl"); // neither file nor directory exist
  }

  /** Runs {@code aimon incident VERB ID ARGS --incidents F --actions F}. */
  private Run incident(String verb, String id, String... args) {
    List<String> all = new ArrayList<>(List.of("incident", verb, id));
    all.addAll(List.of(args));
    all.addAll(List.of("--incidents", incidents.toString(), "--actions", actions.toString()));
    return aimon(all.toArray(String[]::new));
  }

  private List<CorrectiveAction> recorded() throws IOException {
    return Files.readAllLines(actions).stream().map(CorrectiveAction::fromJson).toList();
  }

  private static void assertOk(Run run, String line) {
    assertEquals(0, run.exit(), run::toString);
    assertEquals(line + System.lineSeparator(), run.out());
    assertEquals("", run.err());
  }

  private static void assertError(Run run, int exit, String line) {
    assertEquals(exit, run.exit(), run::toString);
    assertEquals("", run.out());
    assertEquals("aimon: " + line + System.lineSeparator(), run.err());
  }

  @Test
  void everyVerbAppendsItsActionWithTheIncidentsModelAndSeries() throws IOException {
    String by = "(model credit-risk, series " + INCOME_SERIES + ") by ";
    assertOk(
        incident("ack", INCOME_ID, "--actor", "alice", "--time", "2026-01-01T00:05:00Z"),
        "recorded ack on incident " + INCOME_ID + " " + by + "alice -> " + actions);
    assertOk(
        incident(
            "note",
            INCOME_ID,
            "--text",
            "income shifted after the partner import",
            "--actor",
            "alice",
            "--time",
            "2026-01-01T00:06:00Z"),
        "recorded note on incident " + INCOME_ID + " " + by + "alice -> " + actions);
    assertOk(
        incident(
            "root-cause",
            INCOME_ID,
            "--text",
            "partner feed reports income in cents",
            "--actor",
            "bob",
            "--time",
            "2026-01-01T01:00:00+01:00"), // an offset: recorded in UTC
        "recorded root_cause on incident " + INCOME_ID + " " + by + "bob -> " + actions);
    assertOk(
        incident(
            "action",
            INCOME_ID,
            "--text",
            "divide partner income by 100",
            "--actor",
            "bob",
            "--time",
            "2026-01-01T00:20:00Z"),
        "recorded action on incident " + INCOME_ID + " " + by + "bob -> " + actions);
    assertOk(
        incident(
            "action",
            INCOME_ID,
            "--applied",
            "--text",
            "partner income divided by 100 since 00:30",
            "--actor",
            "bob",
            "--time",
            "2026-01-01T00:30:00.250Z"),
        "recorded action_applied on incident " + INCOME_ID + " " + by + "bob -> " + actions);
    assertOk(
        incident(
            "close",
            INCOME_ID,
            "--text",
            "verified on 3 windows",
            "--actor",
            "carol",
            "--time",
            "2026-01-01T02:00:00Z"),
        "recorded close on incident " + INCOME_ID + " " + by + "carol -> " + actions);
    assertOk(
        incident(
            "grade",
            GENDER_ID,
            "--grade",
            "major",
            "--reason",
            "affects a protected group",
            "--actor",
            "dana",
            "--time",
            "2026-01-02T00:00:00Z"),
        "recorded grade on incident "
            + GENDER_ID
            + " (model churn, series "
            + GENDER_SERIES
            + ") by dana -> "
            + actions);

    List<CorrectiveAction> got = recorded();
    assertEquals(7, got.size());
    List<CorrectiveAction> expected =
        List.of(
            action(INCOME_ID, ActionType.ACK, "alice", "2026-01-01T00:05:00Z", null, null, null),
            action(
                INCOME_ID,
                ActionType.NOTE,
                "alice",
                "2026-01-01T00:06:00Z",
                "income shifted after the partner import",
                null,
                null),
            action(
                INCOME_ID,
                ActionType.ROOT_CAUSE,
                "bob",
                "2026-01-01T00:00:00Z",
                "partner feed reports income in cents",
                null,
                null),
            action(
                INCOME_ID,
                ActionType.ACTION,
                "bob",
                "2026-01-01T00:20:00Z",
                "divide partner income by 100",
                null,
                null),
            action(
                INCOME_ID,
                ActionType.ACTION_APPLIED,
                "bob",
                "2026-01-01T00:30:00.250Z",
                "partner income divided by 100 since 00:30",
                null,
                null),
            action(
                INCOME_ID,
                ActionType.CLOSE,
                "carol",
                "2026-01-01T02:00:00Z",
                "verified on 3 windows",
                null,
                null),
            new CorrectiveAction(
                "-",
                GENDER_ID,
                "churn",
                GENDER_SERIES,
                ActionType.GRADE,
                "dana",
                Instant.parse("2026-01-02T00:00:00Z").toEpochMilli(),
                null,
                NonconformityGrade.MAJOR,
                "affects a protected group"));
    for (int i = 0; i < expected.size(); i++) {
      CorrectiveAction g = got.get(i);
      // the action id is random: compare everything else
      assertEquals(expected.get(i), withId(g, "-"), "action " + i);
      assertEquals(4, UUID.fromString(g.actionId()).version(), g.actionId());
    }
    assertEquals(7, new HashSet<>(got.stream().map(CorrectiveAction::actionId).toList()).size());
    // one compact JSON object per line, fields in contract order
    assertEquals(
        "{\"action_id\":\""
            + got.get(0).actionId()
            + "\",\"incident_id\":\""
            + INCOME_ID
            + "\",\"model_id\":\"credit-risk\",\"series\":\""
            + INCOME_SERIES
            + "\",\"type\":\"ack\",\"actor\":\"alice\",\"time\":\"2026-01-01T00:05:00Z\"}",
        Files.readAllLines(actions).get(0));
  }

  private static CorrectiveAction action(
      String incidentId,
      ActionType type,
      String actor,
      String time,
      String text,
      NonconformityGrade grade,
      String reason) {
    return new CorrectiveAction(
        "-",
        incidentId,
        "credit-risk",
        INCOME_SERIES,
        type,
        actor,
        Instant.parse(time).toEpochMilli(),
        text,
        grade,
        reason);
  }

  private static CorrectiveAction withId(CorrectiveAction a, String id) {
    return new CorrectiveAction(
        id,
        a.incidentId(),
        a.modelId(),
        a.series(),
        a.type(),
        a.actor(),
        a.time(),
        a.text(),
        a.grade(),
        a.reason());
  }

  @Test
  void actorDefaultsToTheOsUserAndTimeToNow() throws IOException {
    long before = Instant.now().toEpochMilli();
    Run run = incident("ack", GENDER_ID);
    long after = Instant.now().toEpochMilli();
    String user = System.getProperty("user.name");
    assertOk(
        run,
        "recorded ack on incident "
            + GENDER_ID
            + " (model churn, series "
            + GENDER_SERIES
            + ") by "
            + user
            + " -> "
            + actions);
    CorrectiveAction a = recorded().get(0);
    assertEquals(user, a.actor());
    assertTrue(
        a.time() >= before && a.time() <= after, a.time() + " not in " + before + ".." + after);
    assertEquals(null, a.text());
  }

  @Test
  void appendsToAnExistingActionsFile() throws IOException {
    Files.createDirectories(actions.getParent());
    Files.writeString(actions, "{\"kept\":true}\n");
    assertEquals(0, incident("ack", INCOME_ID, "--actor", "alice").exit());
    List<String> lines = Files.readAllLines(actions);
    assertEquals(2, lines.size());
    assertEquals("{\"kept\":true}", lines.get(0));
    assertEquals(ActionType.ACK, CorrectiveAction.fromJson(lines.get(1)).type());
  }

  @Test
  void unknownIncidentNamesTheFileAndHowManyEventsWereRead() {
    assertError(
        incident("ack", "0000-unknown"),
        1,
        "incident 0000-unknown not found in file " + incidents + " (3 incident events read)");
    assertFalse(Files.exists(actions), "nothing is written");
  }

  @Test
  void missingOrBlankTextIsAUsageErrorWhereTextIsRequired() {
    for (String verb : List.of("note", "root-cause", "action")) {
      assertError(
          incident(verb, INCOME_ID),
          2,
          "--text: expected a non-blank value for incident " + verb + ", found nothing");
    }
    assertError(
        incident("action", INCOME_ID, "--applied"),
        2,
        "--text: expected a non-blank value for incident action, found nothing");
    assertError(
        incident("note", INCOME_ID, "--text", "  "),
        2,
        "--text: expected a non-blank value for incident note, found '  '");
    assertError(
        incident("ack", INCOME_ID, "--text", ""),
        2,
        "--text: expected a non-blank value for incident ack, found ''");
    assertFalse(Files.exists(actions), "nothing is written");
  }

  @Test
  void badOrMissingGradeAndReasonAreUsageErrors() {
    assertError(
        incident("grade", INCOME_ID, "--grade", "severe", "--reason", "r"),
        2,
        "--grade: expected one of major, minor, observation, found 'severe'");
    assertError(
        incident("grade", INCOME_ID, "--grade", "MAJOR", "--reason", "r"),
        2,
        "--grade: expected one of major, minor, observation, found 'MAJOR'");
    assertError(
        incident("grade", INCOME_ID, "--reason", "r"),
        2,
        "--grade: expected one of major, minor, observation, found nothing");
    assertError(
        incident("grade", INCOME_ID, "--grade", "minor"),
        2,
        "--reason: expected a non-blank value for incident grade, found nothing");
    assertFalse(Files.exists(actions), "nothing is written");
  }

  @Test
  void seriousTakesACategoryAndAReasonAndTheReportATextWithoutThemNothingIsWritten()
      throws IOException {
    assertError(
        incident("serious", INCOME_ID, "--reason", "r"),
        2,
        "--category: expected one of death, critical_infrastructure, widespread_infringement,"
            + " other, found nothing");
    assertError(
        incident("serious", INCOME_ID, "--category", "flood", "--reason", "r"),
        2,
        "--category: expected one of death, critical_infrastructure, widespread_infringement,"
            + " other, found 'flood'");
    assertError(
        incident("serious", INCOME_ID, "--category", "death"),
        2,
        "--reason: expected a non-blank value for incident serious, found nothing");
    assertError(
        incident("serious-reported", INCOME_ID),
        2,
        "--text: expected a non-blank value for incident serious-reported, found nothing");
    assertFalse(Files.exists(actions), "nothing is written");

    assertEquals(
        0,
        incident(
                "serious",
                INCOME_ID,
                "--category",
                "critical_infrastructure",
                "--reason",
                "credit lines frozen for a utility's customers",
                "--actor",
                "alice")
            .exit());
    assertEquals(
        0,
        incident("serious-reported", INCOME_ID, "--text", "to the MSA, ref 42", "--actor", "alice")
            .exit());
    List<CorrectiveAction> a = recorded();
    assertEquals(2, a.size());
    assertEquals(ActionType.SERIOUS, a.get(0).type());
    assertEquals(SeriousCategory.CRITICAL_INFRASTRUCTURE, a.get(0).category());
    assertEquals("credit lines frozen for a utility's customers", a.get(0).text());
    assertEquals(ActionType.SERIOUS_REPORTED, a.get(1).type());
    assertEquals("to the MSA, ref 42", a.get(1).text());
    assertEquals(null, a.get(1).category());
  }

  @Test
  void badTimeTimeoutAndActorAreUsageErrors() {
    assertError(
        incident("ack", INCOME_ID, "--time", "yesterday"),
        2,
        "--time: expected an ISO-8601 instant like 2026-01-01T09:30:00Z, found 'yesterday'");
    assertError(
        incident("ack", INCOME_ID, "--time", "2026-01-01"),
        2,
        "--time: expected an ISO-8601 instant like 2026-01-01T09:30:00Z, found '2026-01-01'");
    assertError(
        incident("ack", INCOME_ID, "--timeout", "soon"),
        2,
        "--timeout: expected a duration like 30s, 5m, 1h or 1d, found 'soon'");
    assertError(
        incident("ack", INCOME_ID, "--timeout", "0s"),
        2,
        "--timeout: expected a duration > 0s, found '0s'");
    assertError(
        incident("ack", INCOME_ID, "--actor", " "),
        2,
        "--actor: expected a non-blank value for incident ack, found ' '");
  }

  @Test
  void exactlyOneTargetIsRequired() throws IOException {
    Path config = dir.resolve("aimon.yaml");
    assertError(
        aimon("incident", "ack", INCOME_ID),
        2,
        "expected a target: --config FILE (Kafka), or --incidents FILE --actions FILE");
    assertError(
        aimon(
            "incident",
            "ack",
            INCOME_ID,
            "--config",
            config.toString(),
            "--incidents",
            incidents.toString(),
            "--actions",
            actions.toString()),
        2,
        "--config and --incidents/--actions exclude each other: give one target");
    assertError(
        aimon("incident", "ack", INCOME_ID, "--incidents", incidents.toString()),
        2,
        "--incidents needs --actions (the file the action is appended to)");
    assertError(
        aimon("incident", "ack", INCOME_ID, "--actions", actions.toString()),
        2,
        "--actions needs --incidents (the file the incident is looked up in)");
    Path missing = dir.resolve("missing.jsonl");
    assertError(
        aimon(
            "incident",
            "ack",
            INCOME_ID,
            "--incidents",
            missing.toString(),
            "--actions",
            actions.toString()),
        2,
        "--incidents: file not found: " + missing);
    assertFalse(Files.exists(actions), "nothing is written");
  }

  @Test
  void unreachableKafkaFailsAfterTheTimeout() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    Path config =
        IncidentFixtures.writeConfig(
            dir, "kafka:\n  bootstrap_servers: \"127.0.0.1:" + port + "\"\n");
    long start = System.nanoTime();
    Run run = aimon("incident", "ack", INCOME_ID, "--config", config.toString(), "--timeout", "2s");
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertError(
        run,
        1,
        "could not read topic aimon.incidents from 127.0.0.1:"
            + port
            + " within 2s: Timeout expired while fetching topic metadata");
    assertTrue(seconds < 10, "gave up after " + seconds + " s");
  }

  @Test
  void invalidConfigIsReportedLikeEveryCommand() throws IOException {
    Path config = dir.resolve("aimon.yaml");
    Files.writeString(config, "kafka:\n  bootstrap_server: x\n");
    Run run = aimon("incident", "ack", INCOME_ID, "--config", config.toString());
    assertEquals(2, run.exit(), run::toString);
    assertEquals("", run.out());
    assertEquals(
        List.of(
            config + ":1 models: missing required key 'models'",
            config
                + ":2 kafka.bootstrap_server: unknown key 'bootstrap_server' (did you mean"
                + " 'bootstrap_servers'?); allowed keys: bootstrap_servers, group_id,"
                + " alert_group_id, topics, properties",
            "aimon: invalid config " + config + " (2 problems)"),
        run.err().lines().toList());
  }
}
