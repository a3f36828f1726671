package io.aimon.detectors.model;

import io.aimon.config.ChangeDetectionConfig;
import io.aimon.config.CheckThreshold;
import io.aimon.config.LlmConfig;
import io.aimon.config.MetricIds;
import io.aimon.config.ModelConfig;
import io.aimon.config.MultivariateConfig;
import io.aimon.config.Task;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the monitor needs to know about one model at run time: its feature layout, window, sample
 * floor and resolved thresholds. Built once from a validated {@link ModelConfig}; immutable and
 * serializable so stream functions can carry it.
 *
 * <p>Feature order is the config's order; decoded events and window profiles use the same indexes.
 */
public final class ModelSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final String version;
  private final long windowMillis;
  private final int minSamples;
  private final List<String> numericFeatures;
  private final List<String> categoricalFeatures;
  private final boolean monitorScore;
  private final boolean monitorLabel;
  private final String positiveLabel;
  private final List<String> fairnessAttributes;
  private final int exactValues;
  private final Map<String, CheckThreshold> thresholds;
  private final OutcomeSettings outcomes;
  private MultivariateConfig multivariate = MultivariateConfig.defaults();
  private ChangeDetectionConfig changeDetection = ChangeDetectionConfig.off();
  private LlmConfig llm = LlmConfig.none();

  /** Builds the spec of one configured model; exactValues is {@code job.exact_values}. */
  public static ModelSpec from(ModelConfig config, int exactValues) {
    Map<String, CheckThreshold> resolved = new HashMap<>();
    List<String> features = new ArrayList<>(config.numericFeatures());
    features.addAll(config.categoricalFeatures());
    features.add(SCORE);
    features.add(LABEL);
    for (String metric : MetricIds.CHECKABLE) {
      CheckThreshold modelLevel = config.threshold(metric, null);
      if (modelLevel != null) {
        resolved.put(metric, modelLevel);
      }
      for (String feature : features) {
        CheckThreshold t = config.threshold(metric, feature);
        if (t != null && !t.equals(modelLevel)) {
          resolved.put(key(metric, feature), t);
        }
      }
    }
    ModelSpec spec =
        new ModelSpec(
            config.id(),
            config.version(),
            config.window().toMillis(),
            config.minSamples(),
            config.numericFeatures(),
            config.categoricalFeatures(),
            config.monitorScore(),
            config.monitorLabel(),
            config.positiveLabel(),
            config.fairness() == null ? List.of() : config.fairness().attributes(),
            exactValues,
            resolved,
            new OutcomeSettings(
                config.task() == Task.REGRESSION,
                config.labels().maxDelay().toMillis(),
                config.labels().partialResults(),
                config.fairness() == null ? List.of() : config.fairness().intersections(),
                config.fairness() == null ? 0 : config.fairness().minGroupSize()));
    spec.multivariate = config.multivariate();
    spec.changeDetection = config.changeDetection();
    spec.llm = config.llm();
    return spec;
  }

  /** Name used for the model score in check results' {@code feature} field. */
  public static final String SCORE = "score";

  /** Name used for the label in check results' {@code feature} field. */
  public static final String LABEL = "label";

  public ModelSpec(
      String id,
      String version,
      long windowMillis,
      int minSamples,
      List<String> numericFeatures,
      List<String> categoricalFeatures,
      boolean monitorScore,
      boolean monitorLabel,
      String positiveLabel,
      List<String> fairnessAttributes,
      int exactValues,
      Map<String, CheckThreshold> thresholds) {
    this(
        id,
        version,
        windowMillis,
        minSamples,
        numericFeatures,
        categoricalFeatures,
        monitorScore,
        monitorLabel,
        positiveLabel,
        fairnessAttributes,
        exactValues,
        thresholds,
        OutcomeSettings.DEFAULTS);
  }

  public ModelSpec(
      String id,
      String version,
      long windowMillis,
      int minSamples,
      List<String> numericFeatures,
      List<String> categoricalFeatures,
      boolean monitorScore,
      boolean monitorLabel,
      String positiveLabel,
      List<String> fairnessAttributes,
      int exactValues,
      Map<String, CheckThreshold> thresholds,
      OutcomeSettings outcomes) {
    this.id = Objects.requireNonNull(id, "id");
    this.version = version;
    if (windowMillis < 1000) {
      throw new IllegalArgumentException("windowMillis: expected >= 1000, found " + windowMillis);
    }
    if (minSamples < 1) {
      throw new IllegalArgumentException("minSamples: expected >= 1, found " + minSamples);
    }
    this.windowMillis = windowMillis;
    this.minSamples = minSamples;
    this.numericFeatures = List.copyOf(numericFeatures);
    this.categoricalFeatures = List.copyOf(categoricalFeatures);
    this.monitorScore = monitorScore;
    this.monitorLabel = monitorLabel;
    this.positiveLabel = positiveLabel;
    this.fairnessAttributes = List.copyOf(fairnessAttributes);
    this.exactValues = exactValues;
    this.thresholds = Map.copyOf(thresholds);
    this.outcomes = java.util.Objects.requireNonNull(outcomes, "outcomes");
  }

  private static String key(String metric, String feature) {
    return metric + "/" + feature;
  }

  public String id() {
    return id;
  }

  /** The configured model version, or null. */
  public String version() {
    return version;
  }

  public long windowMillis() {
    return windowMillis;
  }

  public int minSamples() {
    return minSamples;
  }

  public List<String> numericFeatures() {
    return numericFeatures;
  }

  public List<String> categoricalFeatures() {
    return categoricalFeatures;
  }

  public boolean monitorScore() {
    return monitorScore;
  }

  public boolean monitorLabel() {
    return monitorLabel;
  }

  public String positiveLabel() {
    return positiveLabel;
  }

  public List<String> fairnessAttributes() {
    return fairnessAttributes;
  }

  /** Distinct numeric values per feature and window counted exactly before a sketch takes over. */
  public int exactValues() {
    return exactValues;
  }

  /**
   * The threshold of a metric for a feature (or for the model when feature is null): the feature
   * override, else the model-level one, else null (the metric is reported, never breached).
   */
  public CheckThreshold threshold(String metric, String feature) {
    CheckThreshold t = feature == null ? null : thresholds.get(key(metric, feature));
    return t != null ? t : thresholds.get(metric);
  }

  /** How predictions are judged against labels (task, label delay, fairness groups). */
  public OutcomeSettings outcomes() {
    return outcomes;
  }

  /** {@code labels.max_delay} in milliseconds. */
  public long labelMaxDelayMillis() {
    return outcomes.labelMaxDelayMillis();
  }

  /** The multivariate drift check's settings (the registry defaults unless configured). */
  public MultivariateConfig multivariate() {
    return multivariate;
  }

  /** The same spec with other multivariate settings. */
  public ModelSpec withMultivariate(MultivariateConfig settings) {
    ModelSpec s = withOutcomes(outcomes);
    s.multivariate = java.util.Objects.requireNonNull(settings, "multivariate");
    return s;
  }

  /** The online change detectors' settings (off unless configured). */
  public ChangeDetectionConfig changeDetection() {
    return changeDetection;
  }

  /** The same spec with other change-detection settings. */
  public ModelSpec withChangeDetection(ChangeDetectionConfig settings) {
    ModelSpec s = withOutcomes(outcomes);
    s.changeDetection = java.util.Objects.requireNonNull(settings, "changeDetection");
    return s;
  }

  /** The LLM calls' finish-reason thresholds and price table (none unless configured). */
  public LlmConfig llm() {
    return llm;
  }

  /** The same spec with other LLM settings. */
  public ModelSpec withLlm(LlmConfig settings) {
    ModelSpec s = withOutcomes(outcomes);
    s.llm = java.util.Objects.requireNonNull(settings, "llm");
    return s;
  }

  /** The same spec with other outcome settings. */
  public ModelSpec withOutcomes(OutcomeSettings settings) {
    ModelSpec s =
        new ModelSpec(
            id,
            version,
            windowMillis,
            minSamples,
            numericFeatures,
            categoricalFeatures,
            monitorScore,
            monitorLabel,
            positiveLabel,
            fairnessAttributes,
            exactValues,
            thresholds,
            settings);
    s.multivariate = multivariate;
    s.changeDetection = changeDetection;
    s.llm = llm;
    return s;
  }
}
