package io.aimon.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the {@code models} list into {@link ModelConfig}s. Package-private helper of the loader.
 */
final class ModelParser {

  private final Problems problems;
  private final Path baseDir;
  private final ThresholdParser thresholds;
  private final AlertingParser alerting;
  private final AlertingConfig alertingDefaults;

  /**
   * @param alertingDefaults the top-level {@code alerting} section, inherited by every model
   */
  ModelParser(Problems problems, Path baseDir, AlertingConfig alertingDefaults) {
    this.problems = problems;
    this.baseDir = baseDir;
    this.thresholds = new ThresholdParser(problems);
    this.alerting = new AlertingParser(problems);
    this.alertingDefaults = alertingDefaults;
  }

  /** The valid models; problems are added for the others. */
  List<ModelConfig> parseModels(MapReader top) {
    String name = ConfigKeys.MODELS.name();
    Node node = top.get(ConfigKeys.MODELS);
    List<ModelConfig> out = new ArrayList<>();
    if (!top.has(name) || (node == null && !ValueTypes.isNull(top.value(name)))) {
      return out; // missing (reported) or not a list (reported)
    }
    if (ValueTypes.isNull(node) || ((SequenceNode) node).getValue().isEmpty()) {
      problems.add(
          top.line(name),
          name,
          "expected a non-empty list of models, found "
              + (ValueTypes.isNull(node) ? "nothing" : "an empty list"));
      return out;
    }
    Map<String, String> firstIds = new LinkedHashMap<>();
    List<Node> items = ((SequenceNode) node).getValue();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String path = name + "[" + i + "]";
      if (!(item instanceof MappingNode)) {
        problems.add(
            ValueTypes.lineOf(item),
            path,
            "expected a map describing a model, found " + ValueTypes.found(item));
        continue;
      }
      MapReader m =
          new MapReader(
              item, path, ValueTypes.lineOf(item), ConfigKeys.childrenOf("models[]"), problems);
      ModelConfig model = parseModel(m);
      String id = model != null ? model.id() : idOf(m);
      if (id != null) {
        String first = firstIds.putIfAbsent(id, path + " at line " + m.line("id"));
        if (first != null) {
          problems.add(
              m.line("id"),
              m.child("id"),
              "duplicate model id '" + id + "' (first used by " + first + ")");
          continue;
        }
      }
      if (model != null) {
        out.add(model);
      }
    }
    return out;
  }

  private String idOf(MapReader m) {
    Node n = m.value("id");
    String text = ValueTypes.scalarText(n);
    return text != null && ModelConfig.ID_PATTERN.matcher(text).matches() ? text : null;
  }

  private ModelConfig parseModel(MapReader m) {
    int before = problems.size();
    String id = m.get(ConfigKeys.MODEL_ID);
    if (id != null && !ModelConfig.ID_PATTERN.matcher(id).matches()) {
      problems.add(
          m.line("id"),
          m.child("id"),
          "expected an id matching " + ModelConfig.ID_PATTERN.pattern() + ", found '" + id + "'");
    }
    String version = m.get(ConfigKeys.MODEL_VERSION);
    String owner = m.get(ConfigKeys.MODEL_OWNER);
    List<String> contacts = m.get(ConfigKeys.MODEL_CONTACTS);
    Task task = m.get(ConfigKeys.MODEL_TASK);
    var window = m.get(ConfigKeys.MODEL_WINDOW);
    Integer minSamples = m.get(ConfigKeys.MODEL_MIN_SAMPLES);
    ReferenceSource reference = parseReference(m);

    MapReader features = m.section(ConfigKeys.MODEL_FEATURES);
    List<String> numeric = features.get(ConfigKeys.MODEL_FEATURES_NUMERIC);
    List<String> categorical = features.get(ConfigKeys.MODEL_FEATURES_CATEGORICAL);
    if (numeric != null && categorical != null) {
      checkFeatures(features, numeric, categorical);
    }
    Boolean score = m.get(ConfigKeys.MODEL_SCORE);
    Boolean label = m.get(ConfigKeys.MODEL_LABEL);
    String positiveLabel = m.get(ConfigKeys.MODEL_POSITIVE_LABEL);

    MapReader labels = m.section(ConfigKeys.MODEL_LABELS);
    Duration maxDelay = labels.get(ConfigKeys.MODEL_LABELS_MAX_DELAY);
    Boolean partialResults = labels.get(ConfigKeys.MODEL_LABELS_PARTIAL_RESULTS);

    MapReader fairness = m.section(ConfigKeys.MODEL_FAIRNESS);
    List<String> attributes = fairness.get(ConfigKeys.MODEL_FAIRNESS_ATTRIBUTES);
    if (attributes != null) {
      checkAttributes(fairness, attributes, task);
    }
    Integer minGroupSize = fairness.get(ConfigKeys.MODEL_FAIRNESS_MIN_GROUP_SIZE);
    List<List<String>> intersections = fairness.get(ConfigKeys.MODEL_FAIRNESS_INTERSECTIONS);
    if (intersections != null && attributes != null) {
      checkIntersections(fairness, attributes);
    }

    MapReader multivariate = m.section(ConfigKeys.MODEL_MULTIVARIATE);
    Boolean multivariateOn = multivariate.get(ConfigKeys.MODEL_MULTIVARIATE_ENABLED);
    Double variance = multivariate.get(ConfigKeys.MODEL_MULTIVARIATE_VARIANCE);
    Integer maxCategories = multivariate.get(ConfigKeys.MODEL_MULTIVARIATE_MAX_CATEGORIES);

    MapReader change = m.section(ConfigKeys.MODEL_CHANGE_DETECTION);
    List<String> changeSeries = change.get(ConfigKeys.MODEL_CHANGE_SERIES);
    if (changeSeries != null && numeric != null) {
      for (String series : changeSeries) {
        if (!series.equals(ChangeDetectionConfig.SCORE)
            && !series.equals(ChangeDetectionConfig.ERROR)
            && !numeric.contains(series)) {
          problems.add(
              change.line("series"),
              change.child("series"),
              "'"
                  + series
                  + "' is neither score, error nor a numeric feature; numeric features: "
                  + String.join(", ", numeric));
        }
      }
    }
    ChangeDetectionConfig.Method method = change.get(ConfigKeys.MODEL_CHANGE_METHOD);
    String severity = change.get(ConfigKeys.MODEL_CHANGE_SEVERITY);
    MapReader adwin = change.section(ConfigKeys.MODEL_CHANGE_ADWIN);
    Double adwinDelta = adwin.get(ConfigKeys.MODEL_CHANGE_ADWIN_DELTA);
    MapReader ph = change.section(ConfigKeys.MODEL_CHANGE_PAGE_HINKLEY);
    Double phThreshold = ph.get(ConfigKeys.MODEL_CHANGE_PH_THRESHOLD);
    Double phDelta = ph.get(ConfigKeys.MODEL_CHANGE_PH_DELTA);
    Double phAlpha = ph.get(ConfigKeys.MODEL_CHANGE_PH_ALPHA);
    Integer phMin = ph.get(ConfigKeys.MODEL_CHANGE_PH_MIN_INSTANCES);
    String phDirection = ph.get(ConfigKeys.MODEL_CHANGE_PH_DIRECTION);

    MapReader checkMap =
        new MapReader(
            m.get(ConfigKeys.MODEL_CHECKS), m.child("checks"), m.line("checks"), null, problems);
    Map<String, CheckThreshold> checks =
        thresholds.parseChecks(
            checkMap, DefaultThresholds.all()::get, metric -> taskProblem(metric, task));

    Map<String, Map<String, CheckThreshold>> featureChecks =
        parseFeatureChecks(m, checks, numeric, categorical);
    AlertingConfig alertingConfig = alerting.parseModel(m, alertingDefaults);
    Set<String> mappable = null;
    if (numeric != null && categorical != null && attributes != null) {
      mappable = new LinkedHashSet<>(numeric);
      mappable.addAll(categorical);
      mappable.addAll(attributes);
    }
    TensorMapping tensors = new TensorParser(problems).parse(m, mappable);
    LlmConfig llm = parseLlm(m);

    if (problems.size() != before) {
      return null;
    }
    try {
      return new ModelConfig(
          id,
          version,
          task,
          window,
          minSamples,
          reference,
          numeric,
          categorical,
          score,
          label,
          positiveLabel,
          new LabelsConfig(maxDelay, partialResults),
          new FairnessConfig(attributes, minGroupSize, intersections),
          checks,
          featureChecks,
          alertingConfig,
          owner,
          contacts,
          new MultivariateConfig(multivariateOn, variance, maxCategories),
          new ChangeDetectionConfig(
              changeSeries,
              method,
              severity,
              adwinDelta,
              phThreshold,
              phDelta,
              phAlpha,
              phMin,
              phDirection),
          tensors,
          llm);
    } catch (IllegalArgumentException e) {
      problems.add(m.line(), m.path(), e.getMessage()); // safety net: mirrors the checks above
      return null;
    }
  }

  /** The {@code llm} section: finish-reason thresholds and the price table (both optional). */
  private LlmConfig parseLlm(MapReader m) {
    MapReader llm = m.section(ConfigKeys.MODEL_LLM);
    MapReader reasons =
        new MapReader(
            llm.get(ConfigKeys.MODEL_LLM_FINISH_REASONS),
            llm.child(ConfigKeys.MODEL_LLM_FINISH_REASONS.name()),
            llm.line(ConfigKeys.MODEL_LLM_FINISH_REASONS.name()),
            null,
            problems);
    Map<String, ValueThreshold> finishReasons = new LinkedHashMap<>();
    for (String reason : reasons.names()) {
      CheckThreshold t =
          thresholds.parseThreshold(
              reasons.value(reason),
              reasons.child(reason),
              reasons.line(reason),
              MetricIds.FINISH_REASON_RATE,
              null);
      if (t instanceof ValueThreshold v) {
        finishReasons.put(reason, v);
      }
    }
    LlmPrice price = null;
    if (llm.has(ConfigKeys.MODEL_LLM_PRICE.name())) {
      MapReader p = llm.section(ConfigKeys.MODEL_LLM_PRICE);
      String currency = p.get(ConfigKeys.MODEL_LLM_PRICE_CURRENCY);
      Double prompt = p.get(ConfigKeys.MODEL_LLM_PRICE_PROMPT);
      Double completion = p.get(ConfigKeys.MODEL_LLM_PRICE_COMPLETION);
      if (currency != null && prompt != null && completion != null) {
        price = new LlmPrice(currency, prompt, completion);
      }
    }
    return new LlmConfig(finishReasons, price);
  }

  /** The problem of a model-level check whose metric does not fit the task, else null. */
  private static String taskProblem(String metric, Task task) {
    Task needed = MetricIds.taskOf(metric);
    if (task == null || needed == null || needed == task) {
      return null;
    }
    return "metric '"
        + metric
        + "' needs task "
        + needed.yamlName()
        + ", but the model's task is "
        + task.yamlName();
  }

  /** Repeats, names with '|', and attributes on a task without fairness metrics. */
  private void checkAttributes(MapReader fairness, List<String> attributes, Task task) {
    String name = ConfigKeys.MODEL_FAIRNESS_ATTRIBUTES.name();
    checkUnique(fairness, name, "attribute", new LinkedHashMap<>());
    if (fairness.value(name) instanceof SequenceNode seq) {
      for (int i = 0; i < seq.getValue().size(); i++) {
        Node item = seq.getValue().get(i);
        if (attributes.get(i).contains(FairnessConfig.SEPARATOR)) {
          problems.add(
              ValueTypes.lineOf(item),
              fairness.child(name) + "[" + i + "]",
              "expected an attribute name without '|' (it joins the names of intersections), "
                  + "found "
                  + ValueTypes.found(item));
        }
      }
    }
    if (task != null && task != Task.BINARY_CLASSIFICATION && !attributes.isEmpty()) {
      problems.add(
          fairness.line(name),
          fairness.child(name),
          "fairness metrics need task "
              + Task.BINARY_CLASSIFICATION.yamlName()
              + ", but the model's task is "
              + task.yamlName());
    }
  }

  /**
   * Each intersection: at least 2 names, each declared in {@code attributes} and not repeated; no
   * two intersections with the same attributes.
   */
  private void checkIntersections(MapReader fairness, List<String> attributes) {
    String name = ConfigKeys.MODEL_FAIRNESS_INTERSECTIONS.name();
    if (!(fairness.value(name) instanceof SequenceNode outer)) {
      return;
    }
    String listKey = fairness.child(name);
    String declared = attributes.isEmpty() ? "none" : String.join(", ", attributes);
    Map<Set<String>, String> firstSets = new HashMap<>();
    for (int i = 0; i < outer.getValue().size(); i++) {
      Node item = outer.getValue().get(i);
      String where = listKey + "[" + i + "]";
      List<Node> names = item instanceof SequenceNode inner ? inner.getValue() : List.of();
      boolean ok = true;
      Map<String, String> seen = new LinkedHashMap<>();
      for (int j = 0; j < names.size(); j++) {
        Node n = names.get(j);
        String attribute = ValueTypes.scalarText(n);
        String at = where + "[" + j + "]";
        if (!attributes.contains(attribute)) {
          problems.add(
              ValueTypes.lineOf(n),
              at,
              "attribute '"
                  + attribute
                  + "' is not declared in fairness.attributes"
                  + Suggestions.didYouMean(attribute, attributes)
                  + "; declared attributes: "
                  + declared);
          ok = false;
          continue;
        }
        String first = seen.putIfAbsent(attribute, at);
        if (first != null) {
          problems.add(
              ValueTypes.lineOf(n),
              at,
              "duplicate attribute '" + attribute + "' (already at " + first + ")");
          ok = false;
        }
      }
      if (names.size() < 2) {
        problems.add(
            ValueTypes.lineOf(item),
            where,
            "expected at least 2 attributes in an intersection, found " + names.size());
        continue;
      }
      if (ok) {
        String first = firstSets.putIfAbsent(Set.copyOf(seen.keySet()), where);
        if (first != null) {
          problems.add(
              ValueTypes.lineOf(item),
              where,
              "duplicate intersection ["
                  + String.join(", ", seen.keySet())
                  + "] (same attributes as "
                  + first
                  + ")");
        }
      }
    }
  }

  private ReferenceSource parseReference(MapReader m) {
    if (!m.has(ConfigKeys.MODEL_REFERENCE.name())) {
      m.get(ConfigKeys.MODEL_REFERENCE); // reports the missing required key
      return null;
    }
    MapReader ref = m.section(ConfigKeys.MODEL_REFERENCE);
    String events = ConfigKeys.MODEL_REFERENCE_EVENTS.name();
    String profile = ConfigKeys.MODEL_REFERENCE_PROFILE.name();
    if (ref.has(events) == ref.has(profile)) {
      if (ValueTypes.isNull(m.value("reference")) || m.value("reference") instanceof MappingNode) {
        problems.add(
            m.line("reference"),
            ref.path(),
            "expected exactly one of '"
                + events
                + "' or '"
                + profile
                + "', found "
                + (ref.has(events) ? "both" : "neither"));
      }
      return null;
    }
    boolean isEvents = ref.has(events);
    ConfigKey<String> key =
        isEvents ? ConfigKeys.MODEL_REFERENCE_EVENTS : ConfigKeys.MODEL_REFERENCE_PROFILE;
    String text = ref.get(key);
    if (text == null) {
      return null;
    }
    int line = ref.line(key.name());
    String k = ref.child(key.name());
    if (isEvents && !(text.endsWith(".jsonl") || text.endsWith(".jsonl.gz"))) {
      problems.add(line, k, "expected a .jsonl or .jsonl.gz file, found '" + text + "'");
      return null;
    }
    Path path;
    try {
      path = baseDir.resolve(text).normalize();
    } catch (InvalidPathException e) {
      problems.add(line, k, "expected a file path, found '" + text + "'");
      return null;
    }
    if (!Files.exists(path)) {
      problems.add(line, k, "reference file not found: " + path);
      return null;
    }
    if (!Files.isRegularFile(path)) {
      problems.add(line, k, "expected a file, found a directory: " + path);
      return null;
    }
    return isEvents ? ReferenceSource.ofEvents(path) : ReferenceSource.ofProfile(path);
  }

  private void checkFeatures(MapReader features, List<String> numeric, List<String> categorical) {
    Map<String, String> seen = new LinkedHashMap<>();
    checkUnique(features, ConfigKeys.MODEL_FEATURES_NUMERIC.name(), "feature", seen);
    checkUnique(features, ConfigKeys.MODEL_FEATURES_CATEGORICAL.name(), "feature", seen);
    if (numeric.isEmpty() && categorical.isEmpty()) {
      problems.add(
          features.line(),
          features.path(),
          "expected at least one numeric or categorical feature, found none");
    }
  }

  /**
   * Reports repeats in the string list {@code name} of {@code map}, across calls sharing {@code
   * seen} (name to where it was first listed, e.g. {@code models[0].features.numeric[0]}).
   */
  private void checkUnique(MapReader map, String name, String what, Map<String, String> seen) {
    if (!(map.value(name) instanceof SequenceNode seq)) {
      return;
    }
    for (int i = 0; i < seq.getValue().size(); i++) {
      Node item = seq.getValue().get(i);
      String value = ValueTypes.scalarText(item);
      String where = map.child(name) + "[" + i + "]";
      String first = seen.putIfAbsent(value, where);
      if (first == null) {
        continue;
      }
      String firstList = first.substring(0, first.lastIndexOf('['));
      if (firstList.equals(map.child(name))) {
        problems.add(
            ValueTypes.lineOf(item),
            where,
            "duplicate " + what + " '" + value + "' (already at " + first + ")");
      } else {
        problems.add(
            ValueTypes.lineOf(item),
            where,
            what
                + " '"
                + value
                + "' is listed as both numeric and categorical (also at "
                + first
                + ")");
      }
    }
  }

  private Map<String, Map<String, CheckThreshold>> parseFeatureChecks(
      MapReader m,
      Map<String, CheckThreshold> modelChecks,
      List<String> numeric,
      List<String> categorical) {
    MapReader fc =
        new MapReader(
            m.get(ConfigKeys.MODEL_FEATURE_CHECKS),
            m.child("feature_checks"),
            m.line("feature_checks"),
            null,
            problems);
    Map<String, Map<String, CheckThreshold>> out = new LinkedHashMap<>();
    if (fc.names().isEmpty()) {
      return out;
    }
    Set<String> num = new HashSet<>(numeric == null ? List.of() : numeric);
    Set<String> cat = new HashSet<>(categorical == null ? List.of() : categorical);
    List<String> declared = new ArrayList<>(num.size() + cat.size());
    if (numeric != null) {
      declared.addAll(numeric);
    }
    if (categorical != null) {
      declared.addAll(categorical);
    }
    for (String feature : fc.names()) {
      boolean isNumeric = num.contains(feature);
      if (!isNumeric && !cat.contains(feature)) {
        if (numeric != null && categorical != null) {
          problems.add(
              fc.line(feature),
              fc.child(feature),
              "feature '"
                  + feature
                  + "' is not declared in features"
                  + Suggestions.didYouMean(feature, declared)
                  + "; declared features: "
                  + (declared.isEmpty() ? "none" : String.join(", ", declared)));
        }
        continue;
      }
      Node node =
          ValueTypes.MAP.read(fc.value(feature), fc.line(feature), fc.child(feature), problems);
      MapReader checks = new MapReader(node, fc.child(feature), fc.line(feature), null, problems);
      Set<String> applicable =
          new HashSet<>(isNumeric ? MetricIds.NUMERIC_DRIFT : MetricIds.CATEGORICAL_DRIFT);
      applicable.addAll(
          isNumeric ? MetricIds.NUMERIC_DATA_QUALITY : MetricIds.CATEGORICAL_DATA_QUALITY);
      String what = (isNumeric ? "numeric" : "categorical") + " feature '" + feature + "'";
      Map<String, CheckThreshold> parsed =
          thresholds.parseChecks(
              checks,
              metric -> modelChecks.getOrDefault(metric, DefaultThresholds.all().get(metric)),
              metric -> featureProblem(metric, applicable, what, m.child("checks")));
      out.put(feature, parsed);
    }
    return out;
  }

  /** The problem of a per-feature check of {@code metric}, else null. */
  private static String featureProblem(
      String metric, Set<String> applicable, String what, String modelChecks) {
    if (!MetricIds.PER_FEATURE.contains(metric)) {
      String kind =
          MetricIds.FAIRNESS.contains(metric)
              ? "fairness"
              : MetricIds.LATENCY.contains(metric) ? "latency" : "performance";
      return "metric '"
          + metric
          + "' is a model-level "
          + kind
          + " metric and cannot be set per feature; set it in "
          + modelChecks;
    }
    if (!applicable.contains(metric)) {
      return "metric '"
          + metric
          + "' does not apply to "
          + what
          + "; applicable metric ids: "
          + String.join(", ", new TreeSet<>(applicable));
    }
    return null;
  }
}
