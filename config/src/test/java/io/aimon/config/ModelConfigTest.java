package io.aimon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
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
  }

  @Test
  void thresholdRecordsRejectInconsistentValues() {
    assertThrows(IllegalArgumentException.class, () -> new ValueThreshold(0.3, 0.2));
    assertThrows(IllegalArgumentException.class, () -> new ValueThreshold(Double.NaN, 0.2));
    assertThrows(IllegalArgumentException.class, () -> new PValueThreshold(0.01, 0.05, 0.1));
    assertThrows(IllegalArgumentException.class, () -> new PValueThreshold(0.05, 0.01, 1.5));
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

  @Test
  void settingsRecordsRejectOutOfRangeValues() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new JobSettings(
                0,
                Duration.ofSeconds(10),
                Duration.ZERO,
                Duration.ofMinutes(1),
                1024,
                0,
                Duration.ofHours(1)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new JobSettings(
                1,
                Duration.ZERO,
                Duration.ZERO,
                Duration.ofMinutes(1),
                1024,
                0,
                Duration.ofHours(1)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new JobSettings(
                1,
                Duration.ofSeconds(1),
                Duration.ZERO,
                Duration.ofMinutes(1),
                1023,
                0,
                Duration.ofHours(1)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new JobSettings(
                1,
                Duration.ofSeconds(1),
                Duration.ZERO,
                Duration.ofMinutes(1),
                1024,
                0,
                Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> new FairnessConfig(List.of("sex", "sex"), 30));
    assertThrows(
        IllegalArgumentException.class,
        () -> new KafkaSettings(" ", "g", "i", "l", "m", "d", Map.of()));
  }

  @Test
  void defaultThresholdsFollowMetricsMd() {
    assertEquals(
        Map.of(
            MetricIds.PSI, new ValueThreshold(0.1, 0.25),
            MetricIds.JENSEN_SHANNON, new ValueThreshold(0.1, 0.2),
            MetricIds.KS, new PValueThreshold(0.05, 0.01, 0.1),
            MetricIds.CHI_SQUARE, new PValueThreshold(0.05, 0.01, 0.1)),
        DefaultThresholds.all());
  }
}
