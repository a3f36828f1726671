package io.aimon.config;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One monitored model ({@code models[i]} of the configuration). Collections are copied and
 * unmodifiable. Outside the loader, build one with {@link #builder(String)}, which applies the
 * registry defaults.
 *
 * @param id matches {@link #ID_PATTERN}; the {@code model_id} of events
 * @param version the model version, or null
 * @param task what the model predicts; decides which performance metrics apply
 * @param window tumbling event-time window length, &gt;= 1s, aligned to the UTC epoch
 * @param minSamples &gt;= 1: windows with fewer events get status {@code insufficient_data}
 * @param reference where the reference comes from
 * @param numericFeatures numeric features
 * @param categoricalFeatures categorical features; at least one feature overall, no duplicates
 *     within or across the two lists
 * @param monitorScore whether to monitor drift of the score
 * @param monitorLabel whether to monitor drift of the label when labels are present
 * @param positiveLabel the string form of the positive class (default "1")
 * @param labels how late labels are joined with their predictions
 * @param fairness fairness settings; no attributes unless the task is binary classification
 * @param checks model-level thresholds by metric id, each metric fitting the task and each
 *     threshold of the metric's shape (see {@link MetricIds}); partial overrides already merged
 *     with {@link DefaultThresholds}
 * @param featureChecks per-feature thresholds by feature and metric id; features are declared ones,
 *     metrics are drift and data-quality ones ({@link MetricIds#PER_FEATURE}); partial overrides
 *     already merged with the model-level threshold
 * @param alerting the alert policy: the model's {@code alerting} section over the top-level one
 *     over the registry defaults
 * @param owner who is accountable for monitoring the model and evaluates its results, or null
 * @param contacts whom to contact about its monitoring; may be empty
 * @param multivariate the multivariate drift check's settings
 * @param changeDetection the online change detectors' settings; its series are {@code score} or
 *     numeric features
 * @param tensors how the tensor formats' columns map to the features, prediction and score; names
 *     only declared features and fairness attributes
 * @param llm the finish-reason thresholds and price table of a model whose events are LLM calls
 */
public record ModelConfig(
    String id,
    String version,
    Task task,
    Duration window,
    int minSamples,
    ReferenceSource reference,
    List<String> numericFeatures,
    List<String> categoricalFeatures,
    boolean monitorScore,
    boolean monitorLabel,
    String positiveLabel,
    LabelsConfig labels,
    FairnessConfig fairness,
    Map<String, CheckThreshold> checks,
    Map<String, Map<String, CheckThreshold>> featureChecks,
    AlertingConfig alerting,
    String owner,
    List<String> contacts,
    MultivariateConfig multivariate,
    ChangeDetectionConfig changeDetection,
    TensorMapping tensors,
    LlmConfig llm) {

  /** The allowed model ids. */
  public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  public ModelConfig {
    if (id == null || !ID_PATTERN.matcher(id).matches()) {
      throw new IllegalArgumentException("id must match " + ID_PATTERN + ", was " + id);
    }
    Objects.requireNonNull(task, "task");
    if (window == null || window.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("window must be >= 1s, was " + window);
    }
    if (minSamples < 1) {
      throw new IllegalArgumentException("minSamples must be >= 1, was " + minSamples);
    }
    Objects.requireNonNull(reference, "reference");
    numericFeatures = List.copyOf(numericFeatures);
    categoricalFeatures = List.copyOf(categoricalFeatures);
    Set<String> all = new HashSet<>();
    for (String f : numericFeatures) {
      if (!all.add(f)) {
        throw new IllegalArgumentException("feature '" + f + "' is listed twice");
      }
    }
    for (String f : categoricalFeatures) {
      if (!all.add(f)) {
        throw new IllegalArgumentException("feature '" + f + "' is listed twice");
      }
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException("at least one numeric or categorical feature is required");
    }
    Objects.requireNonNull(positiveLabel, "positiveLabel");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(fairness, "fairness");
    if (task != Task.BINARY_CLASSIFICATION && !fairness.attributes().isEmpty()) {
      throw new IllegalArgumentException(
          "fairness metrics need task binary_classification, but the task is " + task.yamlName());
    }
    checks = copyChecks(checks);
    for (String metric : checks.keySet()) {
      if (!MetricIds.appliesTo(metric, task)) {
        throw new IllegalArgumentException(
            "metric '" + metric + "' does not apply to task " + task.yamlName());
      }
    }
    Map<String, Map<String, CheckThreshold>> fc = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, CheckThreshold>> e : featureChecks.entrySet()) {
      if (!all.contains(e.getKey())) {
        throw new IllegalArgumentException(
            "featureChecks names undeclared feature '" + e.getKey() + "'");
      }
      Map<String, CheckThreshold> f = copyChecks(e.getValue());
      for (String metric : f.keySet()) {
        if (!MetricIds.PER_FEATURE.contains(metric)) {
          throw new IllegalArgumentException(
              "metric '" + metric + "' is model level and cannot be set per feature");
        }
      }
      fc.put(e.getKey(), f);
    }
    featureChecks = Collections.unmodifiableMap(fc);
    Objects.requireNonNull(alerting, "alerting");
    contacts = contacts == null ? List.of() : List.copyOf(contacts);
    Objects.requireNonNull(tensors, "tensors");
    Objects.requireNonNull(llm, "llm");
    for (TensorColumns c : tensors.inputs()) {
      for (String name : c.columns()) {
        if (!name.equals(TensorColumns.SKIP)
            && !all.contains(name)
            && !fairness.attributes().contains(name)) {
          throw new IllegalArgumentException(
              "tensor '" + c.tensor() + "' maps a column to undeclared feature '" + name + "'");
        }
      }
    }
    Objects.requireNonNull(multivariate, "multivariate");
    Objects.requireNonNull(changeDetection, "changeDetection");
    for (String series : changeDetection.series()) {
      if (!series.equals(ChangeDetectionConfig.SCORE)
          && !series.equals(ChangeDetectionConfig.ERROR)
          && !numericFeatures.contains(series)) {
        throw new IllegalArgumentException(
            "change_detection.series: '"
                + series
                + "' is neither score, error nor a numeric feature");
      }
    }
  }

  /** A builder for the model {@code id} with the registry defaults. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** The numeric then the categorical features. */
  public List<String> features() {
    return java.util.stream.Stream.concat(numericFeatures.stream(), categoricalFeatures.stream())
        .toList();
  }

  /**
   * The threshold for {@code metric} on {@code feature} ({@code feature} may be null for
   * model-level metrics): the feature override, else the model override, else the default of {@link
   * DefaultThresholds}, else null (report the value without a status). Null as well when the metric
   * does not fit the model's task ({@link MetricIds#appliesTo}), e.g. {@code accuracy} on a
   * regression model.
   */
  public CheckThreshold threshold(String metric, String feature) {
    if (!MetricIds.appliesTo(metric, task)) {
      return null;
    }
    if (feature != null) {
      Map<String, CheckThreshold> f = featureChecks.get(feature);
      if (f != null && f.containsKey(metric)) {
        return f.get(metric);
      }
    }
    CheckThreshold t = checks.get(metric);
    return t != null ? t : DefaultThresholds.all().get(metric);
  }

  private static Map<String, CheckThreshold> copyChecks(Map<String, CheckThreshold> in) {
    Map<String, CheckThreshold> out = new LinkedHashMap<>();
    in.forEach(
        (metric, t) -> {
          if (!MetricIds.CHECKABLE.contains(metric)) {
            throw new IllegalArgumentException("unknown metric id '" + metric + "'");
          }
          Objects.requireNonNull(t, "threshold");
          if (!fitsShape(metric, t)) {
            throw new IllegalArgumentException(
                "metric '" + metric + "' needs a " + shapeOf(metric) + ", was " + t);
          }
          out.put(metric, t);
        });
    return Collections.unmodifiableMap(out);
  }

  private static boolean fitsShape(String metric, CheckThreshold t) {
    if (MetricIds.P_VALUE_THRESHOLD_METRICS.contains(metric)) {
      return t instanceof PValueThreshold;
    }
    if (MetricIds.LOWER_BOUND_THRESHOLD_METRICS.contains(metric)) {
      return t instanceof LowerBoundThreshold;
    }
    if (MetricIds.DROP_THRESHOLD_METRICS.contains(metric)) {
      return t instanceof DropThreshold || t instanceof LowerBoundThreshold;
    }
    return t instanceof ValueThreshold;
  }

  private static String shapeOf(String metric) {
    if (MetricIds.P_VALUE_THRESHOLD_METRICS.contains(metric)) {
      return "PValueThreshold";
    }
    if (MetricIds.LOWER_BOUND_THRESHOLD_METRICS.contains(metric)) {
      return "LowerBoundThreshold";
    }
    if (MetricIds.DROP_THRESHOLD_METRICS.contains(metric)) {
      return "DropThreshold or LowerBoundThreshold";
    }
    return "ValueThreshold";
  }

  /** Builds a {@link ModelConfig}; every setter's default is the registry default. */
  public static final class Builder {
    private final String id;
    private String version;
    private Task task = ConfigKeys.MODEL_TASK.defaultValue();
    private Duration window = ConfigKeys.MODEL_WINDOW.defaultValue();
    private int minSamples = ConfigKeys.MODEL_MIN_SAMPLES.defaultValue();
    private ReferenceSource reference;
    private List<String> numericFeatures = List.of();
    private List<String> categoricalFeatures = List.of();
    private boolean monitorScore = ConfigKeys.MODEL_SCORE.defaultValue();
    private boolean monitorLabel = ConfigKeys.MODEL_LABEL.defaultValue();
    private String positiveLabel = ConfigKeys.MODEL_POSITIVE_LABEL.defaultValue();
    private LabelsConfig labels = LabelsConfig.defaults();
    private FairnessConfig fairness = FairnessConfig.none();
    private MultivariateConfig multivariate = MultivariateConfig.defaults();
    private ChangeDetectionConfig changeDetection = ChangeDetectionConfig.off();
    private TensorMapping tensors = TensorMapping.defaults();
    private LlmConfig llm = LlmConfig.none();
    private Map<String, CheckThreshold> checks = Map.of();
    private Map<String, Map<String, CheckThreshold>> featureChecks = Map.of();
    private AlertingConfig alerting = AlertingConfig.defaults();
    private String owner;
    private List<String> contacts = List.of();

    private Builder(String id) {
      this.id = id;
    }

    /** Model version; default null. */
    public Builder version(String v) {
      this.version = v;
      return this;
    }

    /** What the model predicts; default binary_classification. */
    public Builder task(Task v) {
      this.task = v;
      return this;
    }

    /** Window length, &gt;= 1s; default 1h. */
    public Builder window(Duration v) {
      this.window = v;
      return this;
    }

    /** Minimum events per window, &gt;= 1; default 100. */
    public Builder minSamples(int v) {
      this.minSamples = v;
      return this;
    }

    /** Reference source; required. */
    public Builder reference(ReferenceSource v) {
      this.reference = v;
      return this;
    }

    /** Numeric features; default none. */
    public Builder numericFeatures(List<String> v) {
      this.numericFeatures = v;
      return this;
    }

    /** Categorical features; default none (at least one feature overall). */
    public Builder categoricalFeatures(List<String> v) {
      this.categoricalFeatures = v;
      return this;
    }

    /** Monitor score drift; default true. */
    public Builder monitorScore(boolean v) {
      this.monitorScore = v;
      return this;
    }

    /** Monitor label drift; default true. */
    public Builder monitorLabel(boolean v) {
      this.monitorLabel = v;
      return this;
    }

    /** Positive class; default "1". */
    public Builder positiveLabel(String v) {
      this.positiveLabel = v;
      return this;
    }

    /** Late-label settings; default max_delay 1d, no partial results. */
    public Builder labels(LabelsConfig v) {
      this.labels = v;
      return this;
    }

    /** Fairness settings; default no attributes, min group size 30, no intersections. */
    public Builder fairness(FairnessConfig v) {
      this.fairness = v;
      return this;
    }

    /** Model-level thresholds (complete, not merged); default none (the defaults apply). */
    public Builder checks(Map<String, CheckThreshold> v) {
      this.checks = v;
      return this;
    }

    /** Per-feature thresholds (complete, not merged); default none. */
    public Builder featureChecks(Map<String, Map<String, CheckThreshold>> v) {
      this.featureChecks = v;
      return this;
    }

    /**
     * Alert policy; default {@link AlertingConfig#defaults()}: warning 2 of 3, critical 1 of 1,
     * resolve after 2 ok windows, no cooldown, no runbook.
     */
    public Builder alerting(AlertingConfig v) {
      this.alerting = v;
      return this;
    }

    /** The multivariate drift check's settings; default the registry's. */
    public Builder multivariate(MultivariateConfig v) {
      this.multivariate = v;
      return this;
    }

    /** How the tensor formats' columns map to this model's fields; default by name. */
    /** The LLM calls' finish-reason thresholds and price table; default none. */
    public Builder llm(LlmConfig v) {
      this.llm = v;
      return this;
    }

    public Builder tensors(TensorMapping v) {
      this.tensors = v;
      return this;
    }

    /** The online change detectors' settings; default off. */
    public Builder changeDetection(ChangeDetectionConfig v) {
      this.changeDetection = v;
      return this;
    }

    /** Who is accountable for monitoring the model; default none. */
    public Builder owner(String v) {
      this.owner = v;
      return this;
    }

    /** Whom to contact about its monitoring; default none. */
    public Builder contacts(List<String> v) {
      this.contacts = v;
      return this;
    }

    /**
     * @throws IllegalArgumentException if a value is out of range
     */
    public ModelConfig build() {
      return new ModelConfig(
          id,
          version,
          task,
          window,
          minSamples,
          reference,
          numericFeatures,
          categoricalFeatures,
          monitorScore,
          monitorLabel,
          positiveLabel,
          labels,
          fairness,
          checks,
          featureChecks,
          alerting,
          owner,
          contacts,
          multivariate,
          changeDetection,
          tensors,
          llm);
    }
  }
}
