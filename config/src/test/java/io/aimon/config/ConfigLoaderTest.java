package io.aimon.config;

import static io.aimon.config.ConfigFixtures.absolute;
import static io.aimon.config.ConfigFixtures.fixture;
import static io.aimon.config.ConfigFixtures.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  @Test
  void fullConfigLoadsEverySectionIntoTheRecords() throws Exception {
    AimonConfig config = load("full.yaml");

    assertEquals(fixture("full.yaml"), config.source());
    assertEquals(
        KafkaSettings.builder()
            .bootstrapServers("broker-1:9093,broker-2:9093")
            .groupId("aimon-prod")
            .inferenceTopic("prod.inference")
            .labelsTopic("prod.labels")
            .metricsTopic("prod.metrics")
            .deadLetterTopic("prod.dead-letter")
            .properties(
                Map.of(
                    "security.protocol",
                    "SASL_SSL",
                    "sasl.mechanism",
                    "PLAIN",
                    "request.timeout.ms",
                    "30000",
                    "enable.auto.commit",
                    "false"))
            .build(),
        config.kafka());
    assertEquals(
        List.of("security.protocol", "sasl.mechanism", "request.timeout.ms", "enable.auto.commit"),
        List.copyOf(config.kafka().properties().keySet()));
    assertEquals(
        new JobSettings(
            4,
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            Duration.ofMinutes(2),
            2_097_152,
            5000,
            Duration.ofHours(1),
            null,
            null,
            null,
            1_000_000,
            1e-6,
            0,
            null),
        config.job());

    assertEquals(2, config.models().size());
    ModelConfig m = config.model("adult-income-logreg").orElseThrow();
    assertEquals("1", m.version());
    assertEquals(Duration.ofDays(1), m.window());
    assertEquals(200, m.minSamples());
    assertEquals(ReferenceSource.ofEvents(absolute("reference.jsonl.gz")), m.reference());
    assertEquals(List.of("age", "hours_per_week"), m.numericFeatures());
    assertEquals(List.of("workclass", "sex"), m.categoricalFeatures());
    assertTrue(m.monitorScore());
    assertFalse(m.monitorLabel());
    assertEquals("1", m.positiveLabel());
    assertEquals(new FairnessConfig(List.of("sex", "race"), 50), m.fairness());
  }

  @Test
  void checksOverrideDefaultsAndPartialOverridesMergeWithTheDefault() throws Exception {
    ModelConfig m = load("full.yaml").model("adult-income-logreg").orElseThrow();

    assertEquals(new ValueThreshold(0.15, 0.3), m.checks().get(MetricIds.PSI));
    assertEquals(new PValueThreshold(0.01, 0.01, 0.1), m.checks().get(MetricIds.KS));
    assertEquals(new ValueThreshold(0.2, 0.4), m.checks().get(MetricIds.HELLINGER));
    assertEquals(3, m.checks().size());
  }

  @Test
  void featureChecksMergeWithTheModelLevelThreshold() throws Exception {
    ModelConfig m = load("full.yaml").model("adult-income-logreg").orElseThrow();

    assertEquals(new ValueThreshold(0.2, 0.4), m.featureChecks().get("age").get(MetricIds.PSI));
    // only min_statistic given: the p-values come from the model-level ks override (0.01, 0.01)
    assertEquals(
        new PValueThreshold(0.01, 0.01, 0.2), m.featureChecks().get("age").get(MetricIds.KS));
    // only p_critical given: the rest comes from the default chi_square threshold
    assertEquals(
        new PValueThreshold(0.05, 0.001, 0.1),
        m.featureChecks().get("sex").get(MetricIds.CHI_SQUARE));
  }

  @Test
  void thresholdPrefersFeatureThenModelThenDefaultThenNone() throws Exception {
    ModelConfig m = load("full.yaml").model("adult-income-logreg").orElseThrow();

    assertEquals(new ValueThreshold(0.2, 0.4), m.threshold(MetricIds.PSI, "age"));
    assertEquals(new ValueThreshold(0.15, 0.3), m.threshold(MetricIds.PSI, "hours_per_week"));
    assertEquals(new ValueThreshold(0.15, 0.3), m.threshold(MetricIds.PSI, null));
    assertEquals(new ValueThreshold(0.1, 0.2), m.threshold(MetricIds.JENSEN_SHANNON, "age"));
    assertNull(m.threshold(MetricIds.WASSERSTEIN, "age"));
    assertNull(m.threshold(MetricIds.MISSING_RATE, null));
  }

  @Test
  void minimalConfigGetsEveryDefault() throws Exception {
    AimonConfig config = load("minimal.yaml");

    assertEquals(KafkaSettings.builder().build(), config.kafka());
    assertEquals(
        KafkaSettings.builder()
            .bootstrapServers("localhost:9092")
            .groupId("aimon-monitor")
            .inferenceTopic("aimon.inference")
            .labelsTopic("aimon.labels")
            .metricsTopic("aimon.metrics")
            .deadLetterTopic("aimon.dead-letter")
            .properties(Map.of())
            .build(),
        config.kafka());
    assertEquals(JobSettings.defaults(), config.job());
    assertEquals(
        new JobSettings(
            1,
            Duration.ofSeconds(10),
            Duration.ofMinutes(1),
            Duration.ofMinutes(1),
            1_048_576,
            10_000,
            Duration.ofHours(1),
            null,
            null,
            null,
            1_000_000,
            1e-6,
            0,
            null),
        config.job());
    ModelConfig m = config.models().get(0);
    assertEquals("m1", m.id());
    assertNull(m.version());
    assertEquals(Duration.ofHours(1), m.window());
    assertEquals(100, m.minSamples());
    assertEquals(List.of("age"), m.numericFeatures());
    assertEquals(List.of(), m.categoricalFeatures());
    assertTrue(m.monitorScore());
    assertTrue(m.monitorLabel());
    assertEquals("1", m.positiveLabel());
    assertEquals(new FairnessConfig(List.of(), 30), m.fairness());
    assertEquals(Map.of(), m.checks());
    assertEquals(Map.of(), m.featureChecks());
    assertEquals(DefaultThresholds.all().get(MetricIds.PSI), m.threshold(MetricIds.PSI, "age"));
  }

  @Test
  void minimalConfigGetsThePerformanceFairnessAndLabelDefaults() throws Exception {
    ModelConfig m = load("minimal.yaml").models().get(0);

    assertEquals(Task.BINARY_CLASSIFICATION, m.task());
    assertEquals(new LabelsConfig(Duration.ofDays(1), false), m.labels());
    assertEquals(LabelsConfig.defaults(), m.labels());
    assertEquals(List.of(), m.fairness().intersections());
    assertEquals(new DropThreshold(0.05, 0.10), m.threshold(MetricIds.ACCURACY, null));
    assertEquals(new DropThreshold(0.05, 0.10), m.threshold(MetricIds.F1, null));
    assertEquals(new DropThreshold(0.05, 0.10), m.threshold(MetricIds.ROC_AUC, null));
    assertEquals(
        new LowerBoundThreshold(0.9, 0.8), m.threshold(MetricIds.DEMOGRAPHIC_PARITY_RATIO, null));
    assertEquals(
        new ValueThreshold(0.1, 0.2), m.threshold(MetricIds.EQUALIZED_ODDS_DIFFERENCE, null));
    assertNull(m.threshold(MetricIds.PRECISION, null));
    assertNull(m.threshold(MetricIds.EQUALIZED_ODDS_RATIO, null));
    assertNull(m.threshold(MetricIds.LATENCY_P99, null));
    assertNull(m.threshold(MetricIds.MAE, null));
  }

  @Test
  void performanceConfigLoadsEveryNewKeyIntoTheRecords() throws Exception {
    ModelConfig m = load("full-performance.yaml").model("adult-income-logreg").orElseThrow();

    assertEquals(Task.BINARY_CLASSIFICATION, m.task());
    assertEquals(">50K", m.positiveLabel());
    assertEquals(new LabelsConfig(Duration.ofDays(7), true), m.labels());
    assertEquals(
        new FairnessConfig(
            List.of("sex", "race", "age_band"),
            50,
            List.of(List.of("race", "sex"), List.of("sex", "age_band", "race"))),
        m.fairness());
    assertEquals(List.of("race|sex", "sex|age_band|race"), m.fairness().intersectionNames());
    Map<String, CheckThreshold> expected = new LinkedHashMap<>();
    expected.put(MetricIds.ACCURACY, new DropThreshold(0.02, 0.10)); // critical_drop inherited
    expected.put(MetricIds.F1, new LowerBoundThreshold(0.7, 0.6)); // absolute form
    expected.put(MetricIds.ROC_AUC, new DropThreshold(0.03, 0.06));
    expected.put(MetricIds.PRECISION, new DropThreshold(0.05, 0.1));
    expected.put(MetricIds.RECALL, new LowerBoundThreshold(0.5, 0.4));
    expected.put(MetricIds.LOG_LOSS, new ValueThreshold(0.5, 0.7));
    expected.put(MetricIds.BRIER, new ValueThreshold(0.2, 0.25));
    expected.put(MetricIds.DEMOGRAPHIC_PARITY_RATIO, new LowerBoundThreshold(0.9, 0.75));
    expected.put(MetricIds.DEMOGRAPHIC_PARITY_DIFFERENCE, new ValueThreshold(0.1, 0.2));
    expected.put(MetricIds.EQUAL_OPPORTUNITY_DIFFERENCE, new ValueThreshold(0.1, 0.15));
    expected.put(MetricIds.EQUALIZED_ODDS_DIFFERENCE, new ValueThreshold(0.1, 0.3));
    expected.put(MetricIds.EQUALIZED_ODDS_RATIO, new LowerBoundThreshold(0.8, 0.7));
    expected.put(MetricIds.LATENCY_P50, new ValueThreshold(20, 50));
    expected.put(MetricIds.LATENCY_P95, new ValueThreshold(100, 250));
    expected.put(MetricIds.LATENCY_P99, new ValueThreshold(200, 500));
    expected.put(MetricIds.OUT_OF_RANGE_RATE, new ValueThreshold(0.01, 0.05));
    expected.put(MetricIds.UNSEEN_CATEGORY_RATE, new ValueThreshold(0.01, 0.05));
    expected.put(MetricIds.TYPE_MISMATCH_RATE, new ValueThreshold(0, 0.01));
    assertEquals(expected, m.checks());
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(m.checks().keySet()));
    assertEquals(
        Map.of(
            "age",
            Map.of(
                MetricIds.OUT_OF_RANGE_RATE, new ValueThreshold(0.05, 0.1),
                MetricIds.TYPE_MISMATCH_RATE, new ValueThreshold(0, 0.02)),
            "workclass",
            Map.of(MetricIds.UNSEEN_CATEGORY_RATE, new ValueThreshold(0.02, 0.05))),
        m.featureChecks());
    assertEquals(new ValueThreshold(0.05, 0.1), m.threshold(MetricIds.OUT_OF_RANGE_RATE, "age"));
    assertEquals(
        new ValueThreshold(0.01, 0.05), m.threshold(MetricIds.OUT_OF_RANGE_RATE, "hours_per_week"));
    assertNull(m.threshold(MetricIds.RMSE, null));
  }

  @Test
  void regressionModelRoundTripsToTheRecordItsBuilderMakes() throws Exception {
    ModelConfig loaded = load("full-performance.yaml").model("house-prices").orElseThrow();

    ModelConfig built =
        ModelConfig.builder("house-prices")
            .task(Task.REGRESSION)
            .reference(ReferenceSource.ofEvents(absolute("reference.jsonl.gz")))
            .numericFeatures(List.of("area", "rooms"))
            .labels(new LabelsConfig(Duration.ZERO, false))
            .checks(
                Map.of(
                    MetricIds.MAE, new ValueThreshold(10_000, 20_000),
                    MetricIds.RMSE, new ValueThreshold(15_000, 30_000),
                    MetricIds.MAPE, new ValueThreshold(0.1, 0.2),
                    MetricIds.R2, new DropThreshold(0.1, 0.2)))
            .build();
    assertEquals(built, loaded);
    // binary performance and fairness defaults do not apply to a regression model
    assertNull(loaded.threshold(MetricIds.ACCURACY, null));
    assertNull(loaded.threshold(MetricIds.DEMOGRAPHIC_PARITY_RATIO, null));
    assertEquals(new DropThreshold(0.1, 0.2), loaded.threshold(MetricIds.R2, "area"));
    assertEquals(DefaultThresholds.of(MetricIds.PSI), loaded.threshold(MetricIds.PSI, "area"));
  }

  @Test
  void referencePathsResolveAgainstTheConfigFilesDirectory() throws Exception {
    AimonConfig config = load("sub/relative.yaml");
    assertEquals(absolute("reference.jsonl.gz"), config.models().get(0).reference().events());

    ModelConfig churn = load("full.yaml").model("churn:v2").orElseThrow();
    assertEquals(
        ReferenceSource.ofProfile(absolute("profiles/adult.profile.json")), churn.reference());
    assertTrue(churn.reference().profile().isAbsolute());
  }

  @Test
  void digestIsTheSha256OfTheFileBytes() throws Exception {
    byte[] bytes = Files.readAllBytes(fixture("full.yaml"));
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

    assertEquals(expected, load("full.yaml").digest());
  }

  @Test
  void modelLookupByIdIsEmptyForAnUnknownId() throws Exception {
    AimonConfig config = load("full.yaml");

    assertSame(config.models().get(1), config.model("churn:v2").orElseThrow());
    assertTrue(config.model("nope").isEmpty());
  }

  @Test
  void loadedCollectionsAreUnmodifiable() throws Exception {
    AimonConfig config = load("full.yaml");
    ModelConfig m = config.models().get(0);

    assertThrows(UnsupportedOperationException.class, () -> config.models().clear());
    assertThrows(UnsupportedOperationException.class, () -> m.numericFeatures().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> m.checks().clear());
    assertThrows(UnsupportedOperationException.class, () -> m.featureChecks().get("age").clear());
    assertThrows(UnsupportedOperationException.class, () -> config.kafka().properties().clear());
  }

  @Test
  void missingConfigFileIsReportedWithItsAbsolutePath() {
    Path missing = Path.of("no-such-dir", "aimon.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing));

    assertEquals(
        List.of(
            new ConfigProblem(
                missing.toString(), 0, "", "file not found: " + missing.toAbsolutePath())),
        e.problems());
  }

  @Test
  void alertingDefaultsApplyWhenNoSectionIsGiven() throws Exception {
    ModelConfig m = load("minimal.yaml").models().get(0);

    assertEquals(AlertingConfig.defaults(), m.alerting());
    assertEquals(
        new AlertingConfig(2, 3, 1, 1, 2, Duration.ZERO, null, IncidentGrouping.FEATURE),
        AlertingConfig.defaults());
  }

  @Test
  void modelAlertingOverridesTopLevelKeyByKeyWhichOverridesTheDefaults() throws Exception {
    AimonConfig config = load("alerting.yaml");

    assertEquals(
        new AlertingConfig(
            3,
            5,
            1,
            1,
            3,
            Duration.ofMinutes(30),
            "https://runbooks.example.com/aimon",
            IncidentGrouping.MODEL),
        config.model("inherits").orElseThrow().alerting());
    assertEquals(
        new AlertingConfig(
            2,
            5,
            2,
            3,
            3,
            Duration.ZERO,
            "https://runbooks.example.com/overrides#psi",
            IncidentGrouping.SERIES),
        config.model("overrides").orElseThrow().alerting());
  }

  @Test
  void alertingConfigRejectsOutOfRangeValuesNamingTheField() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new AlertingConfig(4, 3, 1, 1, 2, Duration.ZERO, null, IncidentGrouping.FEATURE));
    assertEquals("warningFor must be in [1, warningOf = 3], was 4", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new AlertingConfig(
                    2, 3, 1, 1, 2, Duration.ZERO, "ftp://host/x", IncidentGrouping.FEATURE));
    assertEquals(
        "runbookUrl must be an absolute http or https URL, was 'ftp://host/x'", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new AlertingConfig(1, 1, 1, 1, 101, Duration.ZERO, null, IncidentGrouping.FEATURE));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new AlertingConfig(
                1, 1, 1, 1, 1, Duration.ofSeconds(-1), null, IncidentGrouping.FEATURE));
  }
}
