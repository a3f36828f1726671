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
      "id, version, owner, contacts, task, window, min_samples, reference, features, "
          + "score, label, positive_label, labels, fairness, multivariate, change_detection, "
          + "checks, feature_checks, llm, tensors, alerting";

  private static void assertProblem(String fixture, int line, String key, String message) {
    assertEquals(new ConfigProblem(file(fixture), line, key, message), onlyProblem(fixture));
  }

  @Test
  void unknownTopLevelKeyIsReportedWithASuggestion() {
    assertProblem(
        "unknown-key-top.yaml",
        1,
        "kafak",
        "unknown key 'kafak' (did you mean 'kafka'?); allowed keys: kafka, job, input, alerting, evidence, corrective_actions, notify, models");
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
  void stateBackendIsOneOfTheTwoWithASuggestion() throws ConfigException {
    assertProblem(
        "state-backend-typo.yaml",
        2,
        "job.state_backend",
        "expected one of hashmap, rocksdb, found 'rocks' (did you mean 'rocksdb'?)");
    assertEquals(
        StateBackend.ROCKSDB,
        ConfigFixtures.load("state-backend-rocksdb.yaml").job().stateBackend());
    assertEquals(StateBackend.HASHMAP, JobSettings.defaults().stateBackend());
  }

  @Test
  void unknownKeyWithNothingCloseListsTheAllowedKeysOnly() {
    assertProblem(
        "unknown-key-no-suggestion.yaml",
        2,
        "job.colour",
        "unknown key 'colour'; allowed keys: parallelism, checkpoint_interval, out_of_orderness, "
            + "idleness, max_record_bytes, exact_values, max_future_skew, max_event_age, checkpoint_dir, metrics_host, "
            + "duplicate_ids_per_window, duplicate_false_positive_rate, shards_per_model, state_backend");
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
        "unknown metric id 'pssi' (did you mean 'psi'?); known metric ids: accuracy, brier, "
            + "chi_square, cost, demographic_parity_difference, demographic_parity_ratio, "
            + "equal_opportunity_difference, equalized_odds_difference, equalized_odds_ratio, "
            + "error_rate, estimated_accuracy, estimated_f1, estimated_precision, estimated_recall, "
            + "estimated_roc_auc, estimated_specificity, f1, "
            + "hellinger, jensen_shannon, ks, latency_p50, latency_p95, latency_p99, log_loss, mae, "
            + "mape, missing_rate, out_of_range_rate, precision, psi, r2, recall, "
            + "reconstruction_error, rmse, roc_auc, "
            + "type_mismatch_rate, unseen_category_rate, wasserstein");
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
            + "hellinger, jensen_shannon, ks, missing_rate, out_of_range_rate, psi, "
            + "type_mismatch_rate, wasserstein");
  }

  // --- task, labels, fairness intersections ---------------------------------------------------

  @Test
  void unknownTaskIsReportedWithTheTasksAndASuggestion() {
    assertProblem(
        "bad-task.yaml",
        7,
        "models[0].task",
        "expected one of binary_classification, regression, found 'regresion' "
            + "(did you mean 'regression'?)");
  }

  @Test
  void negativeLabelMaxDelayIsReported() {
    assertProblem(
        "labels-negative-max-delay.yaml",
        8,
        "models[0].labels.max_delay",
        "expected a duration >= 0s, found '-PT1H'");
  }

  @Test
  void partialResultsMustBeABoolean() {
    assertProblem(
        "labels-partial-not-bool.yaml",
        8,
        "models[0].labels.partial_results",
        "expected true or false, found 'sometimes'");
  }

  @Test
  void unknownKeyInLabelsIsReportedWithASuggestion() {
    assertProblem(
        "labels-unknown-key.yaml",
        8,
        "models[0].labels.max_dealy",
        "unknown key 'max_dealy' (did you mean 'max_delay'?); allowed keys: max_delay, "
            + "partial_results");
  }

  // --- alerting -------------------------------------------------------------------------------

  @Test
  void alertingForAboveAnInheritedOfIsReportedAtTheRule() {
    assertProblem(
        "alerting-for-above-inherited-of.yaml",
        10,
        "models[0].alerting.warning",
        "expected for <= of, found for 4 > of 3 (inherited)");
  }

  @Test
  void alertingForAboveOfInTheTopLevelSectionIsReported() {
    assertProblem(
        "alerting-critical-for-above-of.yaml",
        2,
        "alerting.critical",
        "expected for <= of, found for 2 > of 1");
  }

  @Test
  void alertingOfAboveOneHundredIsReported() {
    assertProblem(
        "alerting-of-too-large.yaml",
        8,
        "models[0].alerting.warning.of",
        "expected an integer in [1, 100], found 101");
  }

  @Test
  void alertingResolveAfterZeroIsReported() {
    assertProblem(
        "alerting-zero-resolve-after.yaml",
        2,
        "alerting.resolve_after",
        "expected an integer in [1, 100], found 0");
  }

  @Test
  void alertingRunbookUrlMustBeAnAbsoluteHttpUrl() {
    assertProblem(
        "alerting-bad-runbook-url.yaml",
        2,
        "alerting.runbook_url",
        "expected an absolute http or https URL, found 'runbooks/aimon.md'");
  }

  @Test
  void alertingGroupByMustBeAKnownGrouping() {
    assertProblem(
        "alerting-bad-group-by.yaml",
        2,
        "alerting.group_by",
        "expected one of series, feature, model, found 'metric'");
  }

  @Test
  void alertingNegativeCooldownIsReported() {
    assertProblem(
        "alerting-negative-cooldown.yaml",
        8,
        "models[0].alerting.cooldown",
        "expected a duration >= 0s, found '-PT5M'");
  }

  @Test
  void unknownKeyInAModelsAlertingSectionListsTheSharedKeys() {
    assertProblem(
        "alerting-unknown-key.yaml",
        8,
        "models[0].alerting.resolve_afterr",
        "unknown key 'resolve_afterr' (did you mean 'resolve_after'?); allowed keys: warning, "
            + "critical, resolve_after, cooldown, runbook_url, group_by");
  }

  @Test
  void intersectionOfOneAttributeIsReported() {
    assertProblem(
        "intersection-too-short.yaml",
        9,
        "models[0].fairness.intersections[1]",
        "expected at least 2 attributes in an intersection, found 1");
  }

  @Test
  void intersectionWithAnUndeclaredAttributeIsReportedWithASuggestion() {
    assertProblem(
        "intersection-undeclared.yaml",
        10,
        "models[0].fairness.intersections[0][1]",
        "attribute 'rac' is not declared in fairness.attributes (did you mean 'race'?); "
            + "declared attributes: sex, race");
  }

  @Test
  void intersectionRepeatingAnAttributeIsReportedAtTheRepeat() {
    assertProblem(
        "intersection-repeats-attribute.yaml",
        10,
        "models[0].fairness.intersections[0][2]",
        "duplicate attribute 'sex' (already at models[0].fairness.intersections[0][0])");
  }

  @Test
  void intersectionOfTheSameAttributesInAnotherOrderIsADuplicate() {
    assertProblem(
        "intersection-twice.yaml",
        11,
        "models[0].fairness.intersections[1]",
        "duplicate intersection [sex, race] (same attributes as "
            + "models[0].fairness.intersections[0])");
  }

  @Test
  void intersectionThatIsNotAListIsAWrongType() {
    assertProblem(
        "intersections-not-nested.yaml",
        9,
        "models[0].fairness.intersections[1]",
        "expected a list of strings, found 'age'");
  }

  @Test
  void attributeNameWithTheIntersectionSeparatorIsReported() {
    assertProblem(
        "attribute-with-separator.yaml",
        8,
        "models[0].fairness.attributes[1]",
        "expected an attribute name without '|' (it joins the names of intersections), "
            + "found 'race|sex'");
  }

  @Test
  void fairnessAttributesOnARegressionModelAreReported() {
    assertProblem(
        "fairness-on-regression.yaml",
        9,
        "models[0].fairness.attributes",
        "fairness metrics need task binary_classification, but the model's task is regression");
  }

  // --- performance and fairness thresholds ----------------------------------------------------

  @Test
  void regressionMetricOnABinaryClassificationModelNamesTheTask() {
    assertProblem(
        "metric-wrong-task.yaml",
        8,
        "models[0].checks.mae",
        "metric 'mae' needs task regression, but the model's task is binary_classification");
  }

  @Test
  void fairnessMetricOnARegressionModelNamesTheTask() {
    assertProblem(
        "metric-wrong-task-regression.yaml",
        9,
        "models[0].checks.demographic_parity_ratio",
        "metric 'demographic_parity_ratio' needs task binary_classification, but the model's "
            + "task is regression");
  }

  @Test
  void performanceMetricInFeatureChecksIsReported() {
    assertProblem(
        "feature-check-performance.yaml",
        8,
        "models[0].feature_checks.age.accuracy",
        "metric 'accuracy' is a model-level performance metric and cannot be set per feature; "
            + "set it in models[0].checks");
  }

  @Test
  void categoricalDataQualityMetricOnANumericFeatureIsReported() {
    assertProblem(
        "feature-check-unseen-on-numeric.yaml",
        8,
        "models[0].feature_checks.age.unseen_category_rate",
        "metric 'unseen_category_rate' does not apply to numeric feature 'age'; applicable metric "
            + "ids: hellinger, jensen_shannon, ks, missing_rate, out_of_range_rate, psi, "
            + "type_mismatch_rate, wasserstein");
  }

  @Test
  void dropAndAbsoluteFormsTogetherAreReported() {
    assertProblem(
        "drop-both-forms.yaml",
        8,
        "models[0].checks.accuracy",
        "expected either {warning_drop, critical_drop} or {warning, critical}, found both "
            + "(warning_drop, critical)");
  }

  @Test
  void emptyThresholdOfADropMetricWithoutDefaultIsReported() {
    assertProblem(
        "drop-neither-form.yaml",
        8,
        "models[0].checks.precision",
        "expected either {warning_drop, critical_drop} or {warning, critical}, found neither "
            + "(precision has no default threshold)");
  }

  @Test
  void partialDropThresholdWithoutDefaultNeedsBothKeys() {
    assertProblem(
        "drop-missing-critical.yaml",
        8,
        "models[0].checks.precision.critical_drop",
        "missing required key 'critical_drop' (precision has no default threshold)");
  }

  @Test
  void warningDropAboveTheInheritedCriticalDropIsReported() {
    assertProblem(
        "drop-warning-above-critical.yaml",
        8,
        "models[0].checks.roc_auc",
        "expected warning_drop <= critical_drop, found warning_drop 0.2 > critical_drop 0.1 "
            + "(inherited)");
  }

  @Test
  void dropOutsideTheMetricsRangeIsReported() {
    assertProblem(
        "drop-out-of-range.yaml",
        8,
        "models[0].checks.f1.warning_drop",
        "expected a number in [0, 1], found 5");
  }

  @Test
  void unknownKeyInADropThresholdListsBothForms() {
    assertProblem(
        "drop-unknown-key.yaml",
        8,
        "models[0].checks.recall.drop",
        "unknown key 'drop'; allowed keys: warning_drop, critical_drop, warning, critical");
  }

  @Test
  void partialAbsoluteThresholdDoesNotMergeWithADropDefault() {
    assertProblem(
        "absolute-partial-over-drop-default.yaml",
        8,
        "models[0].checks.accuracy.critical",
        "missing required key 'critical' (accuracy has no default absolute threshold)");
  }

  @Test
  void lowerBoundCriticalAboveWarningIsReported() {
    assertProblem(
        "lower-bound-critical-above-warning.yaml",
        8,
        "models[0].checks.equalized_odds_ratio",
        "expected critical <= warning, found critical 0.9 > warning 0.8");
  }

  @Test
  void lowerBoundCriticalAboveTheInheritedWarningIsReported() {
    assertProblem(
        "lower-bound-above-inherited-warning.yaml",
        8,
        "models[0].checks.demographic_parity_ratio",
        "expected critical <= warning, found critical 0.95 > warning 0.9 (inherited)");
  }

  @Test
  void absoluteR2AboveOneIsReported() {
    assertProblem(
        "r2-above-one.yaml", 9, "models[0].checks.r2.warning", "expected a number <= 1, found 1.5");
  }

  @Test
  void negativeLatencyThresholdIsReported() {
    assertProblem(
        "latency-negative.yaml",
        8,
        "models[0].checks.latency_p99.warning",
        "expected a number >= 0, found -5");
  }

  @Test
  void fairnessDifferenceAboveOneIsReported() {
    assertProblem(
        "fairness-difference-out-of-range.yaml",
        8,
        "models[0].checks.equalized_odds_difference.warning",
        "expected a number in [0, 1], found 1.5");
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
