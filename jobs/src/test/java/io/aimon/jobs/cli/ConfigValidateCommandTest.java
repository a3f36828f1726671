package io.aimon.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code aimon config validate FILE} and the help of every command, run through picocli. */
class ConfigValidateCommandTest {
  private static final String MODEL_KEYS =
      "id, version, owner, contacts, task, window, min_samples, reference, features, "
          + "score, label, positive_label, labels, fairness, multivariate, change_detection, "
          + "checks, feature_checks, llm, tensors, alerting";

  @TempDir Path dir;
  private Path config;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** The result of one command line run. */
  private record Run(int exit, String out, String err) {
    List<String> errLines() {
      return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
    }
  }

  @BeforeEach
  void writeReference() throws IOException {
    Files.writeString(
        dir.resolve("reference.jsonl"),
        "{\"inference_id\":\"r1\",\"model_id\":\"m1\",\"timestamp\":0,\"features\":{\"age\":30},\"prediction\":1}\n"
            + "{\"inference_id\":\"r2\",\"model_id\":\"m2\",\"timestamp\":0,\"features\":{\"sex\":\"F\"},\"prediction\":1}\n");
    config = dir.resolve("aimon.yaml");
  }

  private Run aimon(String... args) {
    CommandLine cl = new CommandLine(new AimonCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Run validate(String yaml) throws IOException {
    Files.writeString(config, yaml);
    return aimon("config", "validate", config.toString());
  }

  /** Asserts exit 2, the problem lines in order and the summary line. */
  private void assertProblems(Run run, String... problems) {
    assertEquals(2, run.exit(), run::toString);
    assertEquals("", run.out());
    List<String> expected = new ArrayList<>();
    for (String p : problems) {
      expected.add(config + ":" + p);
    }
    expected.add(
        "aimon: invalid config "
            + config
            + " ("
            + problems.length
            + " problem"
            + (problems.length == 1 ? "" : "s")
            + ")");
    assertEquals(expected, run.errLines());
  }

  private static String model(String extra) {
    return "models:\n"
        + "  - id: m1\n"
        + "    reference:\n"
        + "      events: reference.jsonl\n"
        + "    features:\n"
        + "      numeric: [age]\n"
        + extra;
  }

  // ---- valid and invalid configs ----------------------------------------------------------------

  @Test
  void validConfigExitsZeroAndSaysValid() throws IOException {
    Run run =
        validate(model("    window: 1h\n    checks:\n      psi: {warning: 0.2, critical: 0.3}\n"));
    assertEquals(0, run.exit(), run::toString);
    assertTrue(
        run.out()
            .matches(
                java.util.regex.Pattern.quote(config.toString())
                    + ": valid \\(1 model, digest [0-9a-f]{12}\\)\\R"),
        run.out());
    assertEquals("", run.err());
  }

  @Test
  void validConfigWithTwoModelsCountsThem() throws IOException {
    Run run =
        validate(
            model("")
                + "  - id: m2\n    reference:\n      events: reference.jsonl\n"
                + "    features:\n      categorical: [sex]\n");
    assertEquals(0, run.exit(), run::toString);
    assertTrue(run.out().contains(": valid (2 models, digest "), run.out());
  }

  @Test
  void unknownKeyIsReportedWithItsLineAndASuggestion() throws IOException {
    assertProblems(
        validate(model("    windw: 1d\n")),
        "7 models[0].windw: unknown key 'windw' (did you mean 'window'?); allowed keys: "
            + MODEL_KEYS);
  }

  @Test
  void wrongTypeIsReported() throws IOException {
    assertProblems(
        validate(model("    min_samples: many\n")),
        "7 models[0].min_samples: expected an integer >= 1, found 'many'");
  }

  @Test
  void badDurationIsReported() throws IOException {
    assertProblems(
        validate(model("    window: abc\n")),
        "7 models[0].window: expected a duration like 30s, 5m, 1h or 1d, found 'abc'");
  }

  @Test
  void missingReferenceFileIsReportedWithItsAbsolutePath() throws IOException {
    Files.delete(dir.resolve("reference.jsonl"));
    assertProblems(
        validate(model("")),
        "4 models[0].reference.events: reference file not found: "
            + dir.resolve("reference.jsonl").toAbsolutePath().normalize());
  }

  @Test
  void thresholdOutOfRangeIsReported() throws IOException {
    assertProblems(
        validate(model("    checks:\n      jensen_shannon: {warning: -0.2, critical: 0.5}\n")),
        "8 models[0].checks.jensen_shannon.warning: expected a number in [0, 1], found -0.2");
  }

  @Test
  void warningAboveCriticalIsReported() throws IOException {
    assertProblems(
        validate(model("    checks:\n      psi: {warning: 0.3, critical: 0.2}\n")),
        "8 models[0].checks.psi: expected warning <= critical, found warning 0.3 > critical 0.2");
  }

  @Test
  void everyProblemIsPrintedInOneRun() throws IOException {
    Run run =
        validate(
            "job:\n"
                + "  parallelism: 0\n"
                + "models:\n"
                + "  - id: m1\n"
                + "    windw: 1d\n"
                + "    reference:\n"
                + "      events: nowhere.jsonl\n"
                + "    features:\n"
                + "      numeric: [age]\n"
                + "    checks:\n"
                + "      psi: {warning: 0.5, critical: 0.25}\n");
    assertProblems(
        run,
        "2 job.parallelism: expected an integer >= 1, found 0",
        "5 models[0].windw: unknown key 'windw' (did you mean 'window'?); allowed keys: "
            + MODEL_KEYS,
        "7 models[0].reference.events: reference file not found: "
            + dir.resolve("nowhere.jsonl").toAbsolutePath().normalize(),
        "11 models[0].checks.psi: expected warning <= critical, found warning 0.5 > critical 0.25");
  }

  // ---- names against the reference -------------------------------------------------------------

  /** Three reference events of model adult carrying hours_per_week and groups.gender. */
  private static final String ADULT_REFERENCE =
      """
      {"inference_id":"r1","model_id":"adult","timestamp":0,"prediction":1,\
      "features":{"age":30,"hours_per_week":40,"workclass":"Private"},"groups":{"gender":"F"}}
      {"inference_id":"r2","model_id":"adult","timestamp":0,"prediction":0,\
      "features":{"age":41,"hours_per_week":38,"workclass":"State-gov"},"groups":{"gender":"M"}}
      {"inference_id":"r3","model_id":"adult","timestamp":0,"prediction":0,\
      "features":{"age":52,"hours_per_week":null,"workclass":"Private"},"groups":{"gender":"F"}}
      """;

  /** A config of model adult whose names are given; reference as given. */
  private static String adult(String reference, String numeric, String attributes) {
    return "models:\n"
        + "  - id: adult\n"
        + "    reference:\n"
        + "      "
        + reference
        + "\n"
        + "    features:\n"
        + "      numeric: ["
        + numeric
        + "]\n"
        + "      categorical: [workclass]\n"
        + "    fairness:\n"
        + "      attributes: ["
        + attributes
        + "]\n";
  }

  private static final String MISSPELLED_FEATURE =
      "6 models[0].features.numeric[1]: feature 'hours_per_wek' never occurs in the reference"
          + " (did you mean 'hours_per_week'?); none of the 3 events in adult-reference.jsonl has"
          + " it in 'features'";

  private static final String MISNAMED_ATTRIBUTE =
      "9 models[0].fairness.attributes[0]: attribute 'sex' never occurs in the reference; none of"
          + " the 3 events in adult-reference.jsonl has it in 'groups' (keys there: gender)";

  @Test
  void aMisnamedAttributeAndAMisspelledFeatureExitTwoNamingBoth() throws IOException {
    Files.writeString(dir.resolve("adult-reference.jsonl"), ADULT_REFERENCE);
    Run run = validate(adult("events: adult-reference.jsonl", "age, hours_per_wek", "sex"));
    assertProblems(run, MISSPELLED_FEATURE, MISNAMED_ATTRIBUTE);
  }

  @Test
  void namesTheReferenceCarriesAreValid() throws IOException {
    Files.writeString(dir.resolve("adult-reference.jsonl"), ADULT_REFERENCE);
    Run run = validate(adult("events: adult-reference.jsonl", "age, hours_per_week", "gender"));
    assertEquals(0, run.exit(), run::toString);
    assertEquals("", run.err());
  }

  @Test
  void replayRefusesToStartWithTheSameLines() throws IOException {
    Files.writeString(dir.resolve("adult-reference.jsonl"), ADULT_REFERENCE);
    Files.writeString(config, adult("events: adult-reference.jsonl", "age, hours_per_wek", "sex"));
    Path input = dir.resolve("input.jsonl");
    Files.writeString(input, ADULT_REFERENCE);
    Path outDir = dir.resolve("out");
    Run run =
        aimon(
            "replay",
            "--config",
            config.toString(),
            "--input",
            input.toString(),
            "--out",
            outDir.toString());
    assertProblems(run, MISSPELLED_FEATURE, MISNAMED_ATTRIBUTE);
    assertTrue(!Files.exists(outDir), "nothing is written when the start is refused");
  }

  @Test
  void referenceBuildRefusesANameTheEventsNeverCarry() throws IOException {
    Files.writeString(dir.resolve("adult-reference.jsonl"), ADULT_REFERENCE);
    Files.writeString(config, adult("events: adult-reference.jsonl", "age", "sex"));
    Path profile = dir.resolve("adult.profile.json");
    Run run =
        aimon(
            "reference",
            "build",
            "--config",
            config.toString(),
            "--model",
            "adult",
            "--out",
            profile.toString());
    assertProblems(run, MISNAMED_ATTRIBUTE);
    assertTrue(!Files.exists(profile));
  }

  @Test
  void aProfileIsCheckedByTheGroupCountsItRecords() throws IOException {
    Files.writeString(dir.resolve("adult-reference.jsonl"), ADULT_REFERENCE);
    Files.writeString(config, adult("events: adult-reference.jsonl", "age", "gender"));
    Path profile = dir.resolve("adult.profile.json");
    Run built =
        aimon(
            "reference",
            "build",
            "--config",
            config.toString(),
            "--model",
            "adult",
            "--out",
            profile.toString());
    assertEquals(0, built.exit(), built::toString);
    out.getBuffer().setLength(0);
    Run run = validate(adult("profile: adult.profile.json", "age", "gender"));
    assertEquals(0, run.exit(), run::toString);
    assertEquals("", run.err());
  }

  @Test
  void aReferenceWithoutAUsableEventIsOneProblemOnItsKey() throws IOException {
    Files.writeString(dir.resolve("adult-reference.jsonl"), "{\"not\": \"an event\"}\n");
    assertProblems(
        validate(adult("events: adult-reference.jsonl", "age", "sex")),
        "4 models[0].reference.events: expected at least one usable reference event of model"
            + " 'adult', found none in adult-reference.jsonl");
  }

  @Test
  void missingConfigFileExitsTwoNamingIt() {
    Path missing = dir.resolve("nope.yaml");
    Run run = aimon("config", "validate", missing.toString());
    assertEquals(2, run.exit());
    assertEquals(
        List.of(
            missing + ": file not found: " + missing.toAbsolutePath(),
            "aimon: invalid config " + missing + " (1 problem)"),
        run.errLines());
  }

  @Test
  void validateWithoutFileIsAUsageError() {
    Run run = aimon("config", "validate");
    assertEquals(2, run.exit());
    assertTrue(run.err().startsWith("Missing required parameter: 'FILE'"), run.err());
  }

  // ---- help -------------------------------------------------------------------------------------

  /** Every command of the tree, with the arguments that reach it. */
  private static void collect(CommandLine cl, List<String> path, List<List<String>> into) {
    into.add(path);
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!sub.getCommandSpec().name().equals(name)) {
                return; // an alias
              }
              List<String> p = new ArrayList<>(path);
              p.add(name);
              collect(sub, p, into);
            });
  }

  /** The text with every run of whitespace as one space (help wraps long description lines). */
  private static String squash(String text) {
    return text.trim().replaceAll("\\s+", " ");
  }

  @Test
  void everyCommandsHelpExitsZeroAndShowsItsDescriptionAndEveryOption() {
    CommandLine root = new CommandLine(new AimonCommand());
    List<List<String>> commands = new ArrayList<>();
    collect(root, List.of(), commands);
    assertTrue(commands.size() >= 10, commands::toString);
    for (List<String> path : commands) {
      CommandLine cl = root;
      for (String name : path) {
        cl = cl.getSubcommands().get(name);
      }
      out.getBuffer().setLength(0);
      err.getBuffer().setLength(0);
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      Run run = aimon(args.toArray(String[]::new));
      String what = String.join(" ", args);
      assertEquals(0, run.exit(), what);
      assertEquals("", run.err(), what);
      String help = run.out();
      assertTrue(help.contains("Usage: aimon " + String.join(" ", path)), what + ":\n" + help);
      String flat = help.replaceAll("\\s+", "");
      String[] description = cl.getCommandSpec().usageMessage().description();
      assertTrue(description.length > 0, what + " has no description");
      for (String line : description) {
        // picocli wraps lines longer than its 80 columns anywhere, even inside a word
        assertTrue(
            flat.contains(line.replace("%n", "").replaceAll("\\s+", "")),
            what + " help lacks '" + line + "':\n" + help);
      }
      for (OptionSpec o : cl.getCommandSpec().options()) {
        for (String name : o.names()) {
          assertTrue(help.contains(name), what + " help lacks option " + name + ":\n" + help);
        }
        assertTrue(o.hidden() || o.description().length > 0, what + " option " + o.longestName());
      }
      for (ArgSpec p : cl.getCommandSpec().positionalParameters()) {
        assertTrue(help.contains(p.paramLabel()), what + " help lacks " + p.paramLabel());
      }
    }
  }

  @Test
  void rootHelpListsEverySubcommand() {
    Run run = aimon("--help");
    assertEquals(0, run.exit());
    for (String command :
        List.of("demo", "run", "alert", "replay", "reference", "config", "bench", "help")) {
      assertTrue(run.out().contains("\n  " + command + " "), command + ":\n" + run.out());
    }
    assertTrue(
        squash(run.out())
            .contains(
                "Streaming production AI monitoring: drift, performance and fairness checks on Kafka"
                    + " inference logs with Apache Flink, incidents delivered to on-call tools,"
                    + " signed audit evidence."),
        run.out());
  }

  @Test
  void alertWithoutNotifiersSaysWhatIsMissing() throws IOException {
    Files.writeString(
        config,
        """
        models:
          - id: m1
            reference: {events: reference.jsonl}
            features: {numeric: [age]}
        """);
    Run run = aimon("alert", "--config", config.toString());
    assertEquals(2, run.exit(), run.err());
    assertEquals(
        List.of("aimon: " + config + ": notify.notifiers: expected at least one notifier"),
        run.errLines());
  }

  @Test
  void configValidateHelpNamesTheFileAndTheOutputFormat() {
    Run run = aimon("config", "validate", "--help");
    assertEquals(0, run.exit());
    assertTrue(run.out().startsWith("Usage: aimon config validate [-hV] FILE"), run.out());
    assertTrue(
        squash(run.out())
            .contains(
                "Prints every problem as FILE:LINE KEY: MESSAGE and exits 2 when"
                    + " there is any."),
        run.out());
  }

  @Test
  void unknownSubcommandExitsNonZeroNamingIt() {
    Run run = aimon("frobnicate");
    assertNotEquals(0, run.exit());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("Unmatched argument at index 0: 'frobnicate'"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void unknownConfigSubcommandExitsNonZeroWithASuggestion() {
    Run run = aimon("config", "validat", config.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("'validat'"), run.err());
    assertTrue(run.err().contains("validate"), run.err());
  }
}
