package io.aimon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReferenceCheck}: configured names judged by the keys a reference carries. */
class ReferenceCheckTest {

  private static final String YAML =
      """
      models:
        - id: adult
          reference:
            events: reference.jsonl
          features:
            numeric: [age, hours_per_wek]
            categorical: [workclass]
          fairness:
            attributes: [sex, race]
      """;

  @TempDir Path dir;
  private Path file;
  private AimonConfig config;

  @BeforeEach
  void load() throws IOException, ConfigException {
    Files.writeString(dir.resolve("reference.jsonl"), "");
    Files.writeString(dir.resolve("profile.json"), "");
    file = dir.resolve("aimon.yaml");
    Files.writeString(file, YAML);
    config = ConfigLoader.load(file);
  }

  private static Map<String, Long> counts(Object... nameThenCount) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < nameThenCount.length; i += 2) {
      out.put((String) nameThenCount[i], ((Number) nameThenCount[i + 1]).longValue());
    }
    return out;
  }

  private List<String> problems(ReferenceKeys keys) {
    return ReferenceCheck.problems(config, Map.of("adult", keys)).stream()
        .map(ConfigProblem::toString)
        .toList();
  }

  @Test
  void keyLinesGiveTheLineOfEveryKeyAndListItem() {
    KeyLines lines = config.lines();
    assertEquals(2, lines.of("models[0]"));
    assertEquals(4, lines.of("models[0].reference.events"));
    assertEquals(6, lines.of("models[0].features.numeric[0]"));
    assertEquals(6, lines.of("models[0].features.numeric[1]"));
    assertEquals(9, lines.of("models[0].fairness.attributes[1]"));
    assertEquals(0, lines.of("models[0].nothing"));
    assertEquals(0, KeyLines.none().of("models[0]"));
  }

  @Test
  void everythingCarriedGivesNoProblem() {
    ReferenceKeys keys =
        ReferenceKeys.ofEvents(
            3, counts("age", 3, "hours_per_wek", 1, "workclass", 2), counts("sex", 3, "race", 3));
    assertEquals(List.of(), problems(keys));
  }

  @Test
  void misspelledFeatureAndMisnamedAttributeAreNamedWithLineKeyAndSuggestion() {
    ReferenceKeys keys =
        ReferenceKeys.ofEvents(
            3,
            counts("age", 3, "hours_per_week", 3, "workclass", 3, "fnlwgt", 2),
            counts("gender", 3, "race", 3));
    assertEquals(
        List.of(
            file
                + ":6 models[0].features.numeric[1]: feature 'hours_per_wek' never occurs in the"
                + " reference (did you mean 'hours_per_week'?); none of the 3 events in"
                + " reference.jsonl has it in 'features'",
            file
                + ":9 models[0].fairness.attributes[0]: attribute 'sex' never occurs in the"
                + " reference; none of the 3 events in reference.jsonl has it in 'groups' (keys"
                + " there: gender)"),
        problems(keys));
  }

  @Test
  void aKeyCarriedByNoEventCountsAsNeverOccurring() {
    // present only with JSON null values: the reader counts it 0
    ReferenceKeys keys =
        ReferenceKeys.ofEvents(
            1, counts("age", 1, "hours_per_wek", 0, "workclass", 1), counts("sex", 1, "race", 1));
    assertEquals(
        List.of(
            file
                + ":6 models[0].features.numeric[1]: feature 'hours_per_wek' never occurs in the"
                + " reference; the one event in reference.jsonl does not have it in 'features'"),
        problems(keys));
  }

  @Test
  void withoutACloseKeyTheKeysThereAreListedMostCarriedFirstAtMostTen() {
    Map<String, Long> features = counts("age", 5, "hours_per_wek", 5, "workclass", 5);
    Map<String, Long> groups = new LinkedHashMap<>();
    for (int i = 0; i < 12; i++) {
      groups.put("key_" + (char) ('a' + i), (long) (i % 3 + 1));
    }
    groups.put("race", 5L);
    List<String> p = problems(ReferenceKeys.ofEvents(5, features, groups));
    assertEquals(1, p.size(), p::toString);
    assertEquals(
        file
            + ":9 models[0].fairness.attributes[0]: attribute 'sex' never occurs in the"
            + " reference; none of the 5 events in reference.jsonl has it in 'groups' (keys"
            + " there: key_c, key_f, key_i, key_l, key_b, key_e, key_h, key_k, key_a, key_d"
            + " and 2 more)",
        p.get(0));
  }

  @Test
  void configuredNamesAreNeverSuggested() {
    // 'race' is configured itself, so it is no suggestion for 'rac'; no other key is there
    ReferenceKeys keys =
        ReferenceKeys.ofEvents(
            2,
            counts("age", 2, "hours_per_wek", 2, "workclass", 2, "workclas", 2),
            counts("sex", 2, "race", 2));
    assertEquals(List.of(), problems(keys));
    Map<String, Long> noWorkclass = counts("age", 2, "hours_per_wek", 2, "hours_per_week", 2);
    assertEquals(
        List.of(
            file
                + ":7 models[0].features.categorical[0]: feature 'workclass' never occurs in"
                + " the reference; none of the 2 events in reference.jsonl has it in 'features'"
                + " (keys there: hours_per_week)"),
        problems(ReferenceKeys.ofEvents(2, noWorkclass, counts("sex", 2, "race", 2))));
  }

  @Test
  void aReferenceWithoutUsableEventsIsOneProblemOnItsKey() {
    assertEquals(
        List.of(
            file
                + ":4 models[0].reference.events: expected at least one usable reference event"
                + " of model 'adult', found none in reference.jsonl"),
        problems(ReferenceKeys.ofEvents(0, Map.of(), Map.of())));
  }

  @Test
  void aProfileIsJudgedOnlyByWhatItRecords() throws IOException, ConfigException {
    Files.writeString(file, YAML.replace("events: reference.jsonl", "profile: profile.json"));
    config = ConfigLoader.load(file);
    // hours_per_wek: every value missing; sex: no group value; race: not recorded (unknown)
    ReferenceKeys keys =
        ReferenceKeys.ofProfile(
            400, counts("age", 400, "hours_per_wek", 0, "workclass", 380), counts("sex", 0));
    assertEquals(
        List.of(
            file
                + ":6 models[0].features.numeric[1]: feature 'hours_per_wek' never occurs in the"
                + " reference; none of the 400 events in profile.json has a value for it",
            file
                + ":9 models[0].fairness.attributes[0]: attribute 'sex' never occurs in the"
                + " reference; none of the 400 events in profile.json has a group value for it"),
        problems(keys));
  }

  @Test
  void problemsOfSeveralModelsComeInLineOrderAndModelsWithoutKeysAreSkipped()
      throws IOException, ConfigException {
    Files.writeString(
        file,
        YAML
            + """
              - id: second
                reference: {events: reference.jsonl}
                features: {numeric: [x]}
            """);
    config = ConfigLoader.load(file);
    ReferenceKeys first =
        ReferenceKeys.ofEvents(
            1, counts("age", 1, "hours_per_wek", 1, "workclass", 1), counts("race", 1));
    ReferenceKeys second = ReferenceKeys.ofEvents(1, counts("y", 1), Map.of());
    List<ConfigProblem> p =
        ReferenceCheck.problems(config, Map.of("second", second, "adult", first));
    assertEquals(
        List.of("models[0].fairness.attributes[0]", "models[1].features.numeric[0]"),
        p.stream().map(ConfigProblem::key).toList());
    assertEquals(List.of(9, 12), p.stream().map(ConfigProblem::line).toList());
    assertEquals(List.of(), ReferenceCheck.problems(config, Map.of()));
  }

  @Test
  void countsOutsideTheEventsAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReferenceKeys.ofEvents(2, counts("age", 3), Map.of()));
    assertEquals("features['age'] must be in [0, 2], was 3", e.getMessage());
  }
}
