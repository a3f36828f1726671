package io.aimon.jobs.cli;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.remediation.ActionType;
import io.aimon.alerting.remediation.CorrectiveAction;
import io.aimon.alerting.remediation.NonconformityGrade;
import io.aimon.alerting.remediation.SeriousCategory;
import io.aimon.config.AimonConfig;
import io.aimon.config.Durations;
import io.aimon.jobs.incident.ActionLog;
import io.aimon.jobs.incident.IncidentLookup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aimon incident ack|note|root-cause|action|close|grade ID}: records an operator's
 * corrective action on an incident (ISO/IEC 42001 10.2) in Kafka or in a file.
 */
@Command(
    name = "incident",
    mixinStandardHelpOptions = true,
    description = {
      "Record what operators do about an incident (ISO/IEC 42001 10.2).",
      "",
      "Each verb records one corrective action on the incident ID, taking its model",
      "and series from the incident's latest event. With --config the incident is",
      "looked up in kafka.topics.incidents and the action written to",
      "kafka.topics.incident_actions; with --incidents FILE --actions FILE it is",
      "looked up in FILE (the incidents.jsonl of `aimon replay`) and the action",
      "appended to the actions file as one JSON line."
    },
    subcommands = {
      IncidentCommand.Ack.class,
      IncidentCommand.Note.class,
      IncidentCommand.RootCause.class,
      IncidentCommand.Action.class,
      IncidentCommand.Close.class,
      IncidentCommand.Grade.class,
      IncidentCommand.Serious.class,
      IncidentCommand.SeriousReported.class
    })
final class IncidentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /**
   * What every verb takes (the incident, who, when, the target) and does: check the options (exit 2
   * with the reason), look the incident up and record the action (exit 1 with the reason when that
   * fails).
   */
  abstract static class Verb implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The incident id (incident_id of its events).")
    String incidentId;

    @Option(
        names = "--actor",
        paramLabel = "NAME",
        defaultValue = "${sys:user.name}",
        description = "Who acts (default: the OS user name, ${DEFAULT-VALUE}).")
    String actor;

    @Option(
        names = "--time",
        paramLabel = "TIME",
        description =
            "When, an ISO-8601 instant like 2026-01-01T09:30:00Z (default: now; for backfilling"
                + " and replays).")
    String time;

    @Option(
        names = {"-c", "--config"},
        paramLabel = "FILE",
        description =
            "Kafka target: the aimon config whose kafka.topics.incidents is searched and"
                + " kafka.topics.incident_actions written.")
    Path config;

    @Option(
        names = "--incidents",
        paramLabel = "FILE",
        description = "File target: the incident events to search (incidents.jsonl of replay).")
    Path incidents;

    @Option(
        names = "--actions",
        paramLabel = "FILE",
        description = "File target: the actions file to append to (created if missing).")
    Path actions;

    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        defaultValue = "30s",
        description =
            "How long to wait for Kafka, to read and to write (default: ${DEFAULT-VALUE}).")
    String timeout;

    /** The action type this verb records. */
    abstract ActionType type();

    /** The verb's --text, or null. */
    abstract String text();

    /** The verb's --grade, or null; throws IllegalArgumentException when it is not a grade. */
    NonconformityGrade grade() {
      return null;
    }

    /** The verb's --reason, or null. */
    String reason() {
      return null;
    }

    /** The verb's --category, or null; throws IllegalArgumentException when it is not one. */
    SeriousCategory category() {
      return null;
    }

    /** The option {@link #text()} comes from, for messages. */
    String textOption() {
      return "--text";
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      long at;
      NonconformityGrade grade;
      SeriousCategory category;
      Duration wait;
      try {
        requireText("ID", incidentId, true);
        requireText("--actor", actor, true);
        requireText(textOption(), text(), type().requiresText());
        grade = grade();
        category = category();
        requireText("--reason", reason(), type() == ActionType.GRADE);
        at = time == null ? Instant.now().toEpochMilli() : instant(time);
        wait = timeout();
        checkTarget();
      } catch (IllegalArgumentException e) {
        err.println("aimon: " + e.getMessage());
        return 2;
      }
      AimonConfig cfg = null;
      if (config != null) {
        cfg = ConfigOption.load(config, err);
        if (cfg == null) {
          return 2;
        }
      } else if (!Files.isRegularFile(incidents)) {
        err.println("aimon: --incidents: file not found: " + incidents);
        return 2;
      }
      try {
        IncidentEvent incident =
            cfg != null
                ? IncidentLookup.inTopic(cfg.kafka(), incidentId, wait)
                : IncidentLookup.inFile(incidents, incidentId);
        CorrectiveAction action =
            new CorrectiveAction(
                UUID.randomUUID().toString(),
                incidentId,
                incident.modelId(),
                incident.subject(), // the subject of the incident's CloudEvents
                type(),
                actor,
                at,
                text(),
                grade,
                reason(),
                category);
        String target;
        if (cfg != null) {
          ActionLog.send(cfg.kafka(), action, wait);
          target = cfg.kafka().incidentActionsTopic();
        } else {
          ActionLog.append(actions, action);
          target = actions.toString();
        }
        out.printf(
            "recorded %s on incident %s (model %s, series %s) by %s -> %s%n",
            action.type().code(),
            action.incidentId(),
            action.modelId(),
            action.series(),
            action.actor(),
            target);
        out.flush();
        return 0;
      } catch (IOException | RuntimeException e) {
        err.println("aimon: " + AimonCommand.oneLine(e));
        return 1;
      }
    }

    /** Rejects a blank value, and a missing one when it is required. */
    private void requireText(String option, String value, boolean required) {
      if ((value == null && required) || (value != null && value.isBlank())) {
        throw new IllegalArgumentException(
            option
                + ": expected a non-blank value for incident "
                + spec.name()
                + ", found "
                + (value == null ? "nothing" : "'" + value + "'"));
      }
    }

    private static long instant(String text) {
      try {
        return Instant.parse(text).toEpochMilli();
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new IllegalArgumentException(
            "--time: expected an ISO-8601 instant like 2026-01-01T09:30:00Z, found '" + text + "'");
      }
    }

    private Duration timeout() {
      Duration d;
      try {
        d = Durations.parse(timeout);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--timeout: " + e.getMessage());
      }
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(
            "--timeout: expected a duration > 0s, found '" + timeout + "'");
      }
      return d;
    }

    /** Exactly one target: --config, or --incidents with --actions. */
    private void checkTarget() {
      boolean files = incidents != null || actions != null;
      if (config != null && files) {
        throw new IllegalArgumentException(
            "--config and --incidents/--actions exclude each other: give one target");
      }
      if (config == null && !files) {
        throw new IllegalArgumentException(
            "expected a target: --config FILE (Kafka), or --incidents FILE --actions FILE");
      }
      if (config == null && incidents == null) {
        throw new IllegalArgumentException(
            "--actions needs --incidents (the file the incident is looked up in)");
      }
      if (config == null && actions == null) {
        throw new IllegalArgumentException(
            "--incidents needs --actions (the file the action is appended to)");
      }
    }
  }

  /** A verb with a --text, required where the action type requires one. */
  abstract static class TextVerb extends Verb {
    @Option(
        names = "--text",
        paramLabel = "T",
        description =
            "What was done or found: required for note, root-cause and action, optional for ack"
                + " and close.")
    String text;

    @Override
    String text() {
      return text;
    }
  }

  /** {@code aimon incident ack}. */
  @Command(
      name = "ack",
      mixinStandardHelpOptions = true,
      description = "Acknowledge an incident: someone is on it.")
  static final class Ack extends TextVerb {
    @Override
    ActionType type() {
      return ActionType.ACK;
    }
  }

  /** {@code aimon incident note}. */
  @Command(
      name = "note",
      mixinStandardHelpOptions = true,
      description = "Add a note to an incident.")
  static final class Note extends TextVerb {
    @Override
    ActionType type() {
      return ActionType.NOTE;
    }
  }

  /** {@code aimon incident root-cause}. */
  @Command(
      name = "root-cause",
      mixinStandardHelpOptions = true,
      description = "Record the root cause of an incident as now understood; the latest counts.")
  static final class RootCause extends TextVerb {
    @Override
    ActionType type() {
      return ActionType.ROOT_CAUSE;
    }
  }

  /** {@code aimon incident action}. */
  @Command(
      name = "action",
      mixinStandardHelpOptions = true,
      description = {
        "Record a corrective action on an incident: planned, or applied (--applied).",
        "",
        "An applied action (type action_applied) starts the verification of its",
        "effectiveness on the incident's following windows."
      })
  static final class Action extends TextVerb {
    @Option(
        names = "--applied",
        description = "The action is applied now (type action_applied); else it is planned.")
    boolean applied;

    @Override
    ActionType type() {
      return applied ? ActionType.ACTION_APPLIED : ActionType.ACTION;
    }
  }

  /** {@code aimon incident close}. */
  @Command(
      name = "close",
      mixinStandardHelpOptions = true,
      description = "Close an incident, whether or not its action was verified effective.")
  static final class Close extends TextVerb {
    @Override
    ActionType type() {
      return ActionType.CLOSE;
    }
  }

  /** {@code aimon incident grade}. */
  @Command(
      name = "grade",
      mixinStandardHelpOptions = true,
      description = "Set an incident's nonconformity grade by hand, overriding the rule.")
  static final class Grade extends Verb {
    @Option(
        names = "--grade",
        paramLabel = "GRADE",
        description = "major, minor or observation (required).")
    String grade;

    @Option(names = "--reason", paramLabel = "T", description = "Why that grade (required).")
    String reason;

    @Override
    ActionType type() {
      return ActionType.GRADE;
    }

    @Override
    String text() {
      return null;
    }

    @Override
    NonconformityGrade grade() {
      try {
        return NonconformityGrade.ofCode(grade);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--grade: expected one of major, minor, observation, found "
                + (grade == null ? "nothing" : "'" + grade + "'"));
      }
    }

    @Override
    String reason() {
      return reason;
    }
  }

  /** {@code aimon incident serious}. */
  @Command(
      name = "serious",
      mixinStandardHelpOptions = true,
      description = {
        "Declare the incident a serious incident (EU AI Act Art. 73).",
        "",
        "Starts its reporting deadline: the monitor job records the declaration with",
        "the date it must be reported by, the declaration's time plus",
        "corrective_actions.serious_report_within of the category (defaults from",
        "Art. 73: death 10d, critical_infrastructure and widespread_infringement 2d,",
        "other 15d). The audit report shows it, and what is overdue."
      })
  static final class Serious extends Verb {
    @Option(
        names = "--category",
        paramLabel = "C",
        description =
            "death, critical_infrastructure, widespread_infringement or other (required).")
    String category;

    @Option(
        names = "--reason",
        paramLabel = "T",
        description = "Why it is serious: the harm, whom it affected (required).")
    String reason;

    @Override
    ActionType type() {
      return ActionType.SERIOUS;
    }

    @Override
    String text() {
      return reason;
    }

    @Override
    String textOption() {
      return "--reason";
    }

    @Override
    SeriousCategory category() {
      if (category == null) {
        throw new IllegalArgumentException(
            "--category: expected one of death, critical_infrastructure, widespread_infringement,"
                + " other, found nothing");
      }
      try {
        return SeriousCategory.ofCode(category);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--" + e.getMessage());
      }
    }
  }

  /** {@code aimon incident serious-reported}. */
  @Command(
      name = "serious-reported",
      mixinStandardHelpOptions = true,
      description = "Record that the serious incident was reported to the authority.")
  static final class SeriousReported extends Verb {
    @Option(
        names = "--text",
        paramLabel = "T",
        description = "To whom it was reported and under which reference (required).")
    String text;

    @Override
    ActionType type() {
      return ActionType.SERIOUS_REPORTED;
    }

    @Override
    String text() {
      return text;
    }
  }
}
