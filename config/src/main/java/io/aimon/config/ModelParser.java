package io.aimon.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  ModelParser(Problems problems, Path baseDir) {
    this.problems = problems;
    this.baseDir = baseDir;
    this.thresholds = new ThresholdParser(problems);
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

    MapReader fairness = m.section(ConfigKeys.MODEL_FAIRNESS);
    List<String> attributes = fairness.get(ConfigKeys.MODEL_FAIRNESS_ATTRIBUTES);
    if (attributes != null) {
      checkUnique(
          fairness,
          ConfigKeys.MODEL_FAIRNESS_ATTRIBUTES.name(),
          "attribute",
          new LinkedHashMap<>());
    }
    Integer minGroupSize = fairness.get(ConfigKeys.MODEL_FAIRNESS_MIN_GROUP_SIZE);

    MapReader checkMap =
        new MapReader(
            m.get(ConfigKeys.MODEL_CHECKS), m.child("checks"), m.line("checks"), null, problems);
    Map<String, CheckThreshold> checks =
        thresholds.parseChecks(checkMap, DefaultThresholds.all()::get, null, null);

    Map<String, Map<String, CheckThreshold>> featureChecks =
        parseFeatureChecks(m, checks, numeric, categorical);

    if (problems.size() != before) {
      return null;
    }
    try {
      return new ModelConfig(
          id,
          version,
          window,
          minSamples,
          reference,
          numeric,
          categorical,
          score,
          label,
          positiveLabel,
          new FairnessConfig(attributes, minGroupSize),
          checks,
          featureChecks);
    } catch (IllegalArgumentException e) {
      problems.add(m.line(), m.path(), e.getMessage()); // safety net: mirrors the checks above
      return null;
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
      applicable.add(MetricIds.MISSING_RATE);
      Map<String, CheckThreshold> parsed =
          thresholds.parseChecks(
              checks,
              metric -> modelChecks.getOrDefault(metric, DefaultThresholds.all().get(metric)),
              applicable,
              (isNumeric ? "numeric" : "categorical") + " feature '" + feature + "'");
      out.put(feature, parsed);
    }
    return out;
  }
}
