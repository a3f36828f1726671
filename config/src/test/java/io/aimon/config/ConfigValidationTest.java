package io.aimon.config;

import static io.aimon.config.ConfigFixtures.absolute;
import static io.aimon.config.ConfigFixtures.file;
import static io.aimon.config.ConfigFixtures.onlyProblem;
import static io.aimon.config.ConfigFixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per kind of configuration error; each asserts the exact file, line, key and message. */
class ConfigValidationTest {

  private static final String MODEL_KEYS =
      "id, version, window, min_samples, reference, features, "
          + "score, label, positive_label, fairness, checks, feature_checks";

  private static void assertProblem(String fixture, int line, String key, String message) {
    assertEquals(new ConfigProblem(file(fixture), line, key, message), onlyProblem(fixture));
  }

  @Test
  void unknownTopLevelKeyIsReportedWithASuggestion() {
    assertProblem(
        "unknown-key-top.yaml",
        1,
        "kafak",
        "unknown key 'kafak' (did you mean 'kafka'?); allowed keys: kafka, job, models");
  }

  @Test
  void unknownNestedKeyIsReportedWithItsFullKeyAndASuggestion() {
    assertProblem(
        "unknown-key-nested.yaml",
        7,
        "models[0].windw",
        "unknown key 'windw' (did you mean 'window'?); allowed keys: " + MODEL_KEYS);
  }

  @Test
  void unknownKeyWithNothingCloseListsTheAllowedKeysOnly() {
    assertProblem(
        "unknown-key-no-suggestion.yaml",
        2,
        "job.colour",
        "unknown key 'colour'; allowed keys: parallelism, checkpoint_interval, out_of_orderness, "
            + "idleness, max_record_bytes, exact_values, max_future_skew");
  }

  @Test
  void unknownKeyInsideAThresholdIsReported() {
    assertProblem(
        "unknown-threshold-key.yaml",
        8,
        "models[0].checks.ks.warning",
        "unknown key 'warning' (did you mean 'p_warning'?); allowed keys: p_warning, p_critical, min_statistic");
  }

  @Test
  void stringWhereAnIntegerIsExpectedIsAWrongType() {
    assertProblem(
        "wrong-type-string-for-int.yaml",
        7,
        "models[0].min_samples",
        "expected an integer >= 1, found 'many'");
  }

  @Test
  void listWhereAMapIsExpectedIsAWrongType() {
    assertProblem(
        "wrong-type-list-for-map.yaml", 7, "models[0].fairness", "expected a map, found a list");
  }

  @Test
  void badDurationIsReportedWithTheAcceptedForms() {
    assertProblem(
        "bad-duration.yaml",
        7,
        "models[0].window",
        "expected a duration like 30s, 5m, 1h or 1d, found 'abc'");
  }

  @Test
  void durationBelowItsMinimumIsReported() {
    assertProblem(
        "duration-too-short.yaml",
        7,
        "models[0].window",
        "expected a duration >= 1s, found '500ms'");
  }

  @Test
  void missingReferenceFileIsReportedWithItsAbsolutePath() {
    assertProblem(
        "missing-reference-file.yaml",
        4,
        "models[0].reference.events",
        "reference file not found: " + absolute("missing/ref.jsonl"));
  }

  @Test
  void referenceEventsMustBeJsonl() {
    assertProblem(
        "reference-wrong-extension.yaml",
        4,
        "models[0].reference.events",
        "expected a .jsonl or .jsonl.gz file, found 'reference.csv'");
  }

  @Test
  void thresholdOutOfRangeIsReported() {
    assertProblem(
        "threshold-out-of-range.yaml",
        8,
        "models[0].checks.jensen_shannon.warning",
        "expected a number in [0, 1], found -0.2");
  }

  @Test
  void warningAboveCriticalIsReported() {
    assertProblem(
        "warning-above-critical.yaml",
        8,
        "models[0].checks.psi",
        "expected warning <= critical, found warning 0.3 > critical 0.2");
  }

  @Test
  void warningAboveTheInheritedDefaultCriticalIsReported() {
    assertProblem(
        "warning-above-default-critical.yaml",
        8,
        "models[0].checks.psi",
        "expected warning <= critical, found warning 0.3 > critical 0.25 (inherited)");
  }

  @Test
  void pCriticalAbovePWarningIsReported() {
    assertProblem(
        "p-critical-above-p-warning.yaml",
        8,
        "models[0].checks.ks",
        "expected p_critical <= p_warning, found p_critical 0.05 > p_warning 0.01");
  }

  @Test
  void unknownMetricIdIsReportedWithTheKnownIds() {
    assertProblem(
        "unknown-metric.yaml",
        8,
        "models[0].checks.pssi",
        "unknown metric id 'pssi' (did you mean 'psi'?); known metric ids: chi_square, hellinger, "
            + "jensen_shannon, ks, missing_rate, psi, wasserstein");
  }

  @Test
  void partialOverrideOfAMetricWithoutDefaultNeedsBothKeys() {
    assertProblem(
        "partial-override-without-default.yaml",
        8,
        "models[0].checks.hellinger.critical",
        "missing required key 'critical' (hellinger has no default threshold)");
  }

  @Test
  void featureCheckWithAMetricThatDoesNotApplyToTheFeatureTypeIsReported() {
    assertProblem(
        "metric-not-applicable.yaml",
        8,
        "models[0].feature_checks.age.chi_square",
        "metric 'chi_square' does not apply to numeric feature 'age'; applicable metric ids: "
            + "hellinger, jensen_shannon, ks, missing_rate, psi, wasserstein");
  }

  @Test
  void duplicateModelIdIsReportedWithTheFirstUse() {
    assertProblem(
        "duplicate-model-id.yaml",
        7,
        "models[1].id",
        "duplicate model id 'm1' (first used by models[0] at line 2)");
  }

  @Test
  void missingModelsIsReported() {
    assertProblem("missing-models.yaml", 1, "models", "missing required key 'models'");
  }

  @Test
  void emptyModelsListIsReported() {
    assertProblem(
        "empty-models.yaml",
        1,
        "models",
        "expected a non-empty list of models, found an empty list");
  }

  @Test
  void missingModelIdIsReportedAtTheModel() {
    assertProblem("missing-id.yaml", 2, "models[0].id", "missing required key 'id'");
  }

  @Test
  void modelIdOutsideTheAllowedCharactersIsReported() {
    assertProblem(
        "bad-model-id.yaml",
        2,
        "models[0].id",
        "expected an id matching [A-Za-z0-9._:-]{1,128}, found 'my model'");
  }

  @Test
  void missingReferenceIsReportedAtTheModel() {
    assertProblem(
        "missing-reference.yaml", 2, "models[0].reference", "missing required key 'reference'");
  }

  @Test
  void referenceWithBothEventsAndProfileIsReported() {
    assertProblem(
        "reference-both.yaml",
        3,
        "models[0].reference",
        "expected exactly one of 'events' or 'profile', found both");
  }

  @Test
  void referenceWithNeitherEventsNorProfileIsReported() {
    assertProblem(
        "reference-neither.yaml",
        3,
        "models[0].reference",
        "expected exactly one of 'events' or 'profile', found neither");
  }

  @Test
  void featureListedTwiceIsReportedAtTheRepeat() {
    assertProblem(
        "feature-twice.yaml",
        9,
        "models[0].features.numeric[2]",
        "duplicate feature 'age' (already at models[0].features.numeric[0])");
  }

  @Test
  void featureInBothListsIsReported() {
    assertProblem(
        "feature-in-both.yaml",
        7,
        "models[0].features.categorical[1]",
        "feature 'age' is listed as both numeric and categorical (also at models[0].features.numeric[0])");
  }

  @Test
  void featureChecksOnAnUndeclaredFeatureIsReportedWithASuggestion() {
    assertProblem(
        "feature-checks-undeclared.yaml",
        8,
        "models[0].feature_checks.agee",
        "feature 'agee' is not declared in features (did you mean 'age'?); declared features: age");
  }

  @Test
  void modelWithoutFeaturesIsReported() {
    assertProblem(
        "no-features.yaml",
        5,
        "models[0].features",
        "expected at least one numeric or categorical feature, found none");
  }

  @Test
  void yamlSyntaxErrorIsReportedWithSnakeYamlsProblemAndLine() {
    assertProblem(
        "syntax-error.yaml",
        7,
        "",
        "invalid YAML: expected ',' or ']', but got : (while parsing a flow sequence started at line 6)");
  }

  @Test
  void duplicateKeyIsReportedWithTheFirstDefinition() {
    assertProblem(
        "duplicate-key.yaml",
        8,
        "models[0].window",
        "duplicate key 'window' (first defined at line 3)");
  }

  @Test
  void emptyFileIsReported() {
    assertProblem(
        "empty.yaml", 0, "", "the file is empty; expected a map with at least a 'models' list");
  }

  @Test
  void fileWithOnlyCommentsIsReportedAsEmpty() {
    assertProblem(
        "comments-only.yaml",
        0,
        "",
        "the file is empty; expected a map with at least a 'models' list");
  }

  @Test
  void everyProblemIsReportedInOneRunInLineOrder() {
    String f = file("several-problems.yaml");
    assertEquals(
        List.of(
            f + ":2 job.parallelism: expected an integer >= 1, found 0",
            f + ":3 job.idleness: expected a duration like 30s, 5m, 1h or 1d, found 'soon'",
            f
                + ":6 models[0].windw: unknown key 'windw' (did you mean 'window'?); allowed keys: "
                + MODEL_KEYS,
            f
                + ":8 models[0].reference.events: reference file not found: "
                + absolute("nowhere.jsonl"),
            f
                + ":12 models[0].checks.psi: expected warning <= critical, found warning 0.5 > critical 0.25",
            f
                + ":13 models[1].features: expected at least one numeric or categorical feature, found none",
            f + ":13 models[1].id: duplicate model id 'm1' (first used by models[0] at line 5)"),
        problems("several-problems.yaml"));
  }

  @Test
  void exceptionMessageHoldsOneProblemPerLine() {
    ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ConfigException.class,
            () -> ConfigLoader.load(ConfigFixtures.fixture("several-problems.yaml")));
    assertEquals(String.join("\n", problems("several-problems.yaml")), e.getMessage());
  }
}
