package io.aimon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The records validate in their compact constructors; the builder applies the registry defaults.
 */
class ModelConfigTest {

  private static final ReferenceSource REFERENCE =
      ReferenceSource.ofEvents(Path.of("/data/ref.jsonl"));

  private static ModelConfig.Builder model() {
    return ModelConfig.builder("m1").reference(REFERENCE).numericFeatures(List.of("age"));
  }

  @Test
  void builderAppliesTheRegistryDefaults() {
    ModelConfig m = model().build();

    assertEquals(Duration.ofHours(1), m.window());
    assertEquals(100, m.minSamples());
    assertEquals("1", m.positiveLabel());
    assertEquals(FairnessConfig.none(), m.fairness());
    assertNull(m.version());
    assertEquals(Task.BINARY_CLASSIFICATION, m.task());
    assertEquals(new LabelsConfig(Duration.ofDays(1), false), m.labels());
  }

  @Test
  void taskNamesAreTheYamlNames() {
    assertEquals(List.of("binary_classification", "regression"), Task.yamlNames());
    assertEquals(Task.REGRESSION, Task.fromYamlName("regression").orElseThrow());
    assertTrue(Task.fromYamlName("REGRESSION").isEmpty());
    assertEquals("binary_classification", ConfigKeys.MODEL_TASK.defaultText());
  }

  @Test
  void metricsApplyToTheirTaskOnly() {
    for (String metric : MetricIds.PERFORMANCE_BINARY) {
      assertTrue(MetricIds.appliesTo(metric, Task.BINARY_CLASSIFICATION), metric);
      assertFalse(MetricIds.appliesTo(metric, Task.REGRESSION), metric);
    }
    for (String metric : MetricIds.FAIRNESS) {
      assertFalse(MetricIds.appliesTo(metric, Task.REGRESSION), metric);
    }
    for (String metric : MetricIds.PERFORMANCE_REGRESSION) {
      assertTrue(MetricIds.appliesTo(metric, Task.REGRESSION), metric);
      assertFalse(MetricIds.appliesTo(metric, Task.BINARY_CLASSIFICATION), metric);
    }
    for (String metric : List.of(MetricIds.PSI, MetricIds.MISSING_RATE, MetricIds.LATENCY_P95)) {
      assertTrue(MetricIds.appliesTo(metric, Task.BINARY_CLASSIFICATION), metric);
      assertTrue(MetricIds.appliesTo(metric, Task.REGRESSION), metric);
    }
  }

  @Test
  void everyCheckableMetricHasExactlyOneThresholdShape() {
    for (String metric : MetricIds.CHECKABLE) {
      int shapes =
          (MetricIds.VALUE_THRESHOLD_METRICS.contains(metric) ? 1 : 0)
              + (MetricIds.P_VALUE_THRESHOLD_METRICS.contains(metric) ? 1 : 0)
              + (MetricIds.LOWER_BOUND_THRESHOLD_METRICS.contains(metric) ? 1 : 0)
              + (MetricIds.DROP_THRESHOLD_METRICS.contains(metric) ? 1 : 0);
      assertEquals(1, shapes, metric);
    }
    assertEquals(38, MetricIds.CHECKABLE.size());
  }

  @Test
  void thresholdFallsBackFromFeatureToModelToDefault() {
    ModelConfig m =
        model()
            .categoricalFeatures(List.of("sex"))
            .checks(Map.of(MetricIds.PSI, new ValueThreshold(0.2, 0.3)))
            .featureChecks(Map.of("age", Map.of(MetricIds.PSI, new ValueThreshold(0.4, 0.5))))
            .build();

    assertEquals(new ValueThreshold(0.4, 0.5), m.threshold(MetricIds.PSI, "age"));
    assertEquals(new ValueThreshold(0.2, 0.3), m.threshold(MetricIds.PSI, "sex"));
    assertEquals(DefaultThresholds.all().get(MetricIds.KS), m.threshold(MetricIds.KS, "age"));
    assertNull(m.threshold(MetricIds.HELLINGER, null));
  }

  @Test
  void constructorRejectsInvalidModels() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ModelConfig.builder("a b")
                .reference(REFERENCE)
                .numericFeatures(List.of("age"))
                .build());
    assertThrows(
        IllegalArgumentException.class, () -> model().window(Duration.ofMillis(999)).build());
    assertThrows(IllegalArgumentException.class, () -> model().minSamples(0).build());
    assertThrows(IllegalArgumentException.class, () -> model().numericFeatures(List.of()).build());
    assertThrows(
        IllegalArgumentException.class, () -> model().categoricalFeatures(List.of("age")).build());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            model()
                .featureChecks(
                    Map.of("income", Map.of(MetricIds.PSI, new ValueThreshold(0.1, 0.2))))
                .build());
    assertThrows(
        IllegalArgumentException.class,
        () -> model().checks(Map.of(MetricIds.KS, new ValueThreshold(0.1, 0.2))).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> model().checks(Map.of("accuracy", new ValueThreshold(0.1, 0.2))).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> model().checks(Map.of("no_such_metric", new ValueThreshold(0.1, 0.2))).build());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            model()
                .checks(Map.of(MetricIds.DEMOGRAPHIC_PARITY_RATIO, new DropThreshold(0.1, 0.2)))
                .build());
    assertThrows(
        IllegalArgumentException.class,
        () -> model().checks(Map.of(MetricIds.MAE, new ValueThreshold(1, 2))).build());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            model()
                .task(Task.REGRESSION)
                .checks(Map.of(MetricIds.ACCURACY, new DropThreshold(0.1, 0.2)))
                .build());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            model()
                .featureChecks(
                    Map.of("age", Map.of(MetricIds.ACCURACY, new DropThreshold(0.1, 0.2))))
                .build());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            model().task(Task.REGRESSION).fairness(new FairnessConfig(List.of("sex"), 30)).build());
    assertThrows(NullPointerException.class, () -> model().task(null).build());
    assertThrows(NullPointerException.class, () -> model().labels(null).build());
  }

  @Test
  void dropMetricsAcceptBothTheDropAndTheAbsoluteForm() {
    ModelConfig m =
        model()
            .checks(
                Map.of(
                    MetricIds.ACCURACY, new DropThreshold(0.01, 0.02),
                    MetricIds.F1, new LowerBoundThreshold(0.8, 0.7)))
            .build();

    assertEquals(new DropThreshold(0.01, 0.02), m.threshold(MetricIds.ACCURACY, null));
    assertEquals(new LowerBoundThreshold(0.8, 0.7), m.threshold(MetricIds.F1, "age"));
    assertEquals(new DropThreshold(0.05, 0.10), m.threshold(MetricIds.ROC_AUC, null));
  }

  @Test
  void thresholdIsNullForMetricsOutsideTheTask() {
    ModelConfig m =
        model()
            .task(Task.REGRESSION)
            .checks(Map.of(MetricIds.R2, new LowerBoundThreshold(0.5, -0.5)))
            .build();

    assertEquals(new LowerBoundThreshold(0.5, -0.5), m.threshold(MetricIds.R2, null));
    assertNull(m.threshold(MetricIds.ACCURACY, null));
    assertNull(m.threshold(MetricIds.EQUALIZED_ODDS_DIFFERENCE, null));
    assertEquals(DefaultThresholds.of(MetricIds.PSI), m.threshold(MetricIds.PSI, "age"));
  }

  /** ValueThreshold: higher is worse; a value equal to a level breaches it. */
  @Test
  void valueThresholdBreachesAtOrAboveItsLevels() {
    ValueThreshold t = new ValueThreshold(0.1, 0.2);

    assertFalse(t.breachesWarning(0.09));
    assertTrue(t.breachesWarning(0.1));
    assertFalse(t.breachesCritical(0.19));
    assertTrue(t.breachesCritical(0.2));
    assertFalse(t.breachesWarning(Double.NaN));
  }

  /** PValueThreshold: p below the level and an effect at or above min_statistic. */
  @Test
  void pValueThresholdNeedsASmallPAndALargeEnoughEffect() {
    PValueThreshold t = new PValueThreshold(0.05, 0.01, 0.1);

    assertTrue(t.breachesWarning(0.04, 0.1));
    assertFalse(t.breachesWarning(0.05, 0.5));
    assertFalse(t.breachesWarning(0.001, 0.09));
    assertTrue(t.breachesCritical(0.001, 0.2));
    assertFalse(t.breachesCritical(0.01, 0.2));
  }

  /** LowerBoundThreshold: lower is worse; a value equal to a level does not breach it. */
  @Test
  void lowerBoundThresholdBreachesBelowItsLevels() {
    LowerBoundThreshold t = new LowerBoundThreshold(0.9, 0.8);

    assertFalse(t.breachesWarning(0.9));
    assertTrue(t.breachesWarning(0.89));
    assertFalse(t.breachesCritical(0.8));
    assertTrue(t.breachesCritical(0.79));
    assertFalse(t.breachesWarning(Double.NaN));
  }

  /** DropThreshold: reference - value at or above the drop; improvements never breach. */
  @Test
  void dropThresholdBreachesWhenTheDropFromTheReferenceReachesItsLevels() {
    DropThreshold t = new DropThreshold(0.05, 0.10);

    assertFalse(t.breachesWarning(0.80, 0.76));
    assertTrue(t.breachesWarning(0.80, 0.75));
    assertFalse(t.breachesCritical(0.80, 0.71));
    assertTrue(t.breachesCritical(0.80, 0.70));
    assertFalse(t.breachesWarning(0.80, 0.95));
    assertFalse(t.breachesWarning(Double.NaN, 0.5));
  }

  @Test
  void labelsConfigRejectsNegativeDelaysAndComputesWhenResultsAreFinal() {
    assertThrows(
        IllegalArgumentException.class, () -> new LabelsConfig(Duration.ofSeconds(-1), false));
    assertThrows(NullPointerException.class, () -> new LabelsConfig(null, false));
    assertEquals(
        Instant.parse("2024-02-03T00:00:00Z"),
        new LabelsConfig(Duration.ofDays(1), false).finalAt(Instant.parse("2024-02-02T00:00:00Z")));
  }

  @Test
  void fairnessConfigValidatesIntersectionsAndNamesThem() {
    FairnessConfig f =
        new FairnessConfig(List.of("race", "sex", "age_band"), 30, List.of(List.of("race", "sex")));

    assertEquals(List.of("race|sex"), f.intersectionNames());
    assertEquals("White|Male", FairnessConfig.compositeGroup(List.of("White", "Male")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new FairnessConfig(List.of("race", "sex"), 30, List.of(List.of("race"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> new FairnessConfig(List.of("race", "sex"), 30, List.of(List.of("race", "race"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> new FairnessConfig(List.of("race", "sex"), 30, List.of(List.of("race", "age"))));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new FairnessConfig(
                List.of("race", "sex"),
                30,
                List.of(List.of("race", "sex"), List.of("sex", "race"))));
    assertThrows(IllegalArgumentException.class, () -> new FairnessConfig(List.of("race|sex"), 30));
  }

  @Test
  void thresholdRecordsRejectInconsistentValues() {
    assertThrows(IllegalArgumentException.class, () -> new ValueThreshold(0.3, 0.2));
    assertThrows(IllegalArgumentException.class, () -> new ValueThreshold(Double.NaN, 0.2));
    assertThrows(IllegalArgumentException.class, () -> new PValueThreshold(0.01, 0.05, 0.1));
    assertThrows(IllegalArgumentException.class, () -> new PValueThreshold(0.05, 0.01, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new LowerBoundThreshold(0.8, 0.9));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LowerBoundThreshold(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> new DropThreshold(0.2, 0.1));
    assertThrows(IllegalArgumentException.class, () -> new DropThreshold(-0.1, 0.1));
    assertThrows(IllegalArgumentException.class, () -> new DropThreshold(0.1, Double.NaN));
  }

  @Test
  void referenceSourceNeedsExactlyOneAbsolutePath() {
    assertThrows(IllegalArgumentException.class, () -> new ReferenceSource(null, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ReferenceSource(Path.of("/a.jsonl"), Path.of("/b.json")));
    assertThrows(
        IllegalArgumentException.class, () -> ReferenceSource.ofProfile(Path.of("b.json")));
  }

  /** Job settings that are the defaults but for the values given. */
  private static JobSettings job(
      int parallelism,
      Duration checkpointInterval,
      int maxRecordBytes,
      Duration maxFutureSkew,
      int duplicateIds,
      double duplicateRate,
      int shards) {
    JobSettings d = JobSettings.defaults();
    return new JobSettings(
        parallelism,
        checkpointInterval,
        d.outOfOrderness(),
        d.idleness(),
        maxRecordBytes,
        d.exactValues(),
        maxFutureSkew,
        null,
        null,
        null,
        duplicateIds,
        duplicateRate,
        shards,
        d.stateBackend());
  }

  @Test
  void settingsRecordsRejectOutOfRangeValues() {
    Duration s = Duration.ofSeconds(1);
    Duration h = Duration.ofHours(1);
    assertEquals(
        JobSettings.defaults(), job(1, Duration.ofSeconds(10), 1_048_576, h, 1_000_000, 1e-6, 0));
    assertThrows(IllegalArgumentException.class, () -> job(0, s, 1024, h, 1_000_000, 1e-6, 0));
    assertThrows(
        IllegalArgumentException.class, () -> job(1, Duration.ZERO, 1024, h, 1_000_000, 1e-6, 0));
    assertThrows(IllegalArgumentException.class, () -> job(1, s, 1023, h, 1_000_000, 1e-6, 0));
    assertThrows(
        IllegalArgumentException.class, () -> job(1, s, 1024, Duration.ZERO, 1_000_000, 1e-6, 0));
    assertThrows(IllegalArgumentException.class, () -> job(1, s, 1024, h, -1, 1e-6, 0));
    assertThrows(IllegalArgumentException.class, () -> job(1, s, 1024, h, 1_000_000, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> job(1, s, 1024, h, 1_000_000, 0.02, 0));
    assertThrows(IllegalArgumentException.class, () -> job(1, s, 1024, h, 1_000_000, 1e-6, -1));
    assertEquals(3, job(3, s, 1024, h, 1_000_000, 1e-6, 0).shards(), "0 shards: the parallelism");
    assertEquals(8, job(3, s, 1024, h, 1_000_000, 1e-6, 8).shards());
    assertThrows(
        IllegalArgumentException.class, () -> new FairnessConfig(List.of("sex", "sex"), 30));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            KafkaSettings.builder()
                .bootstrapServers(" ")
                .groupId("g")
                .inferenceTopic("i")
                .labelsTopic("l")
                .metricsTopic("m")
                .deadLetterTopic("d")
                .properties(Map.of())
                .build());
  }

  /**
   * The estimated metrics take their realized counterparts' defaults; reconstruction_error's are in
   * bands (docs/metrics.md).
   */
  @Test
  void defaultThresholdsFollowMetricsMd() {
    assertEquals(
        Map.ofEntries(
            Map.entry(MetricIds.ESTIMATED_ACCURACY, new DropThreshold(0.05, 0.10)),
            Map.entry(MetricIds.ESTIMATED_F1, new DropThreshold(0.05, 0.10)),
            Map.entry(MetricIds.ESTIMATED_ROC_AUC, new DropThreshold(0.05, 0.10)),
            Map.entry(MetricIds.RECONSTRUCTION_ERROR, new ValueThreshold(3, 4)),
            Map.entry(MetricIds.ERROR_RATE, new ValueThreshold(0.05, 0.10)),
            Map.entry(MetricIds.PSI, new ValueThreshold(0.1, 0.25)),
            Map.entry(MetricIds.JENSEN_SHANNON, new ValueThreshold(0.1, 0.2)),
            Map.entry(MetricIds.KS, new PValueThreshold(0.05, 0.01, 0.1)),
            Map.entry(MetricIds.CHI_SQUARE, new PValueThreshold(0.05, 0.01, 0.1)),
            Map.entry(MetricIds.DEMOGRAPHIC_PARITY_RATIO, new LowerBoundThreshold(0.9, 0.8)),
            Map.entry(MetricIds.EQUALIZED_ODDS_DIFFERENCE, new ValueThreshold(0.1, 0.2)),
            Map.entry(MetricIds.ACCURACY, new DropThreshold(0.05, 0.10)),
            Map.entry(MetricIds.F1, new DropThreshold(0.05, 0.10)),
            Map.entry(MetricIds.ROC_AUC, new DropThreshold(0.05, 0.10))),
        DefaultThresholds.all());
  }
}
