package io.aimon.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads and validates an aimon YAML configuration, reporting every problem at once.
 *
 * <pre>{@code
 * try {
 *     AimonConfig config = ConfigLoader.load(Path.of("aimon.yaml"));
 * } catch (ConfigException e) {
 *     System.err.println(e.getMessage()); // one "file:line key: message" per line
 * }
 * }</pre>
 *
 * <p>The file is composed into a SnakeYAML node tree (so every value keeps its line), checked
 * against the key registry {@link ConfigKeys} (unknown keys with a suggestion, duplicate keys,
 * types and ranges, required keys, cross-field rules), and read into immutable records with the
 * registry's defaults applied. Reference paths are resolved against the config file's directory and
 * must exist. Messages name the file as it was given, the 1-based line and the full key.
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  /**
   * Loads {@code file}.
   *
   * @throws ConfigException listing every problem found (unreadable file, YAML syntax error, empty
   *     file, or any number of validation problems)
   */
  public static AimonConfig load(Path file) throws ConfigException {
    String display = file.toString();
    Problems problems = new Problems(display);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      problems.add(0, "", "file not found: " + file.toAbsolutePath());
      throw problems.exception();
    } catch (IOException e) {
      problems.add(0, "", "cannot read the file: " + e);
      throw problems.exception();
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      problems.add(0, "", "expected UTF-8 text, found bytes that are not valid UTF-8");
      throw problems.exception();
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    Node root = compose(text, problems);
    if (!problems.isEmpty()) {
      throw problems.exception();
    }
    if (root == null) {
      problems.add(0, "", "the file is empty; expected a map with at least a 'models' list");
      throw problems.exception();
    }
    if (!(root instanceof MappingNode)) {
      problems.add(
          ValueTypes.lineOf(root),
          "",
          "expected a map with the keys "
              + String.join(", ", ConfigKeys.childrenOf(""))
              + ", found "
              + ValueTypes.found(root));
      throw problems.exception();
    }
    MapReader top =
        new MapReader(root, "", ValueTypes.lineOf(root), ConfigKeys.childrenOf(""), problems);
    KafkaSettings kafka = readKafka(top);
    Path baseDir = file.toAbsolutePath().normalize().getParent();
    JobSettings job = readJob(top, problems, baseDir);
    AlertingConfig alerting = new AlertingParser(problems).parseTop(top);
    List<ModelConfig> models = new ModelParser(problems, baseDir, alerting).parseModels(top);
    NotifyConfig notify = new NotifyParser(problems, baseDir).parse(top);
    EvidenceConfig evidence = new EvidenceParser(problems, baseDir).parse(top);
    MapReader ca = top.section(ConfigKeys.CORRECTIVE_ACTIONS);
    MapReader serious = ca.section(ConfigKeys.CORRECTIVE_ACTIONS_SERIOUS_REPORT_WITHIN);
    Map<String, Duration> within = new LinkedHashMap<>();
    within.put("death", serious.getOrDefault(ConfigKeys.CORRECTIVE_ACTIONS_SERIOUS_DEATH));
    within.put(
        "critical_infrastructure",
        serious.getOrDefault(ConfigKeys.CORRECTIVE_ACTIONS_SERIOUS_CRITICAL_INFRASTRUCTURE));
    within.put(
        "widespread_infringement",
        serious.getOrDefault(ConfigKeys.CORRECTIVE_ACTIONS_SERIOUS_WIDESPREAD_INFRINGEMENT));
    within.put("other", serious.getOrDefault(ConfigKeys.CORRECTIVE_ACTIONS_SERIOUS_OTHER));
    CorrectiveActionConfig correctiveActions =
        new CorrectiveActionConfig(
            ca.getOrDefault(ConfigKeys.CORRECTIVE_ACTIONS_VERIFY_WINDOWS),
            ca.getOrDefault(ConfigKeys.CORRECTIVE_ACTIONS_MAJOR_AFTER),
            within);
    InputConfig input = readInput(top, models, problems);
    if (!problems.isEmpty()) {
      throw problems.exception();
    }
    try {
      return new AimonConfig(
          file,
          Digests.sha256Hex(bytes),
          kafka,
          job,
          models,
          notify,
          evidence,
          correctiveActions,
          input,
          KeyLines.of(root));
    } catch (IllegalArgumentException e) {
      // the checks above mirror the record invariants; this is a safety net
      problems.add(0, "", e.getMessage());
      throw problems.exception();
    }
  }

  private static Node compose(String text, Problems problems) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowRecursiveKeys(false);
    try {
      return new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      StringBuilder msg = new StringBuilder("invalid YAML: ");
      msg.append(e.getProblem() != null ? e.getProblem() : e.getContext());
      if (e.getProblem() != null && e.getContext() != null) {
        msg.append(" (").append(e.getContext());
        if (e.getContextMark() != null && e.getContextMark() != mark) {
          msg.append(" started at line ").append(e.getContextMark().getLine() + 1);
        }
        msg.append(')');
      }
      problems.add(mark == null ? 0 : mark.getLine() + 1, "", msg.toString());
    } catch (YAMLException e) {
      problems.add(0, "", "invalid YAML: " + e.getMessage());
    }
    return null;
  }

  private static KafkaSettings readKafka(MapReader top) {
    MapReader kafka = top.section(ConfigKeys.KAFKA);
    MapReader topics = kafka.section(ConfigKeys.KAFKA_TOPICS);
    return new KafkaSettings(
        kafka.getOrDefault(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS),
        kafka.getOrDefault(ConfigKeys.KAFKA_GROUP_ID),
        topics.getOrDefault(ConfigKeys.KAFKA_TOPICS_INFERENCE),
        topics.getOrDefault(ConfigKeys.KAFKA_TOPICS_LABELS),
        topics.getOrDefault(ConfigKeys.KAFKA_TOPICS_METRICS),
        topics.getOrDefault(ConfigKeys.KAFKA_TOPICS_DEAD_LETTER),
        kafka.getOrDefault(ConfigKeys.KAFKA_PROPERTIES),
        topics.getOrDefault(ConfigKeys.KAFKA_TOPICS_INCIDENTS),
        kafka.getOrDefault(ConfigKeys.KAFKA_ALERT_GROUP_ID),
        topics.getOrDefault(ConfigKeys.KAFKA_TOPICS_ALERT_DELIVERIES),
        topics.getOrDefault(ConfigKeys.KAFKA_TOPICS_ALERT_DEAD_LETTER),
        topics.getOrDefault(ConfigKeys.KAFKA_TOPICS_EVIDENCE),
        topics.getOrDefault(ConfigKeys.KAFKA_TOPICS_INCIDENT_ACTIONS));
  }

  private static JobSettings readJob(MapReader top, Problems problems, Path baseDir) {
    MapReader job = top.section(ConfigKeys.JOB);
    String dirName = ConfigKeys.JOB_CHECKPOINT_DIR.name();
    String dir = job.has(dirName) ? job.get(ConfigKeys.JOB_CHECKPOINT_DIR) : null;
    if (dir != null) {
      dir = Locations.resolve(problems, baseDir, dir, job.line(dirName), job.child(dirName));
    }
    return new JobSettings(
        job.getOrDefault(ConfigKeys.JOB_PARALLELISM),
        job.getOrDefault(ConfigKeys.JOB_CHECKPOINT_INTERVAL),
        job.getOrDefault(ConfigKeys.JOB_OUT_OF_ORDERNESS),
        job.getOrDefault(ConfigKeys.JOB_IDLENESS),
        job.getOrDefault(ConfigKeys.JOB_MAX_RECORD_BYTES),
        job.getOrDefault(ConfigKeys.JOB_EXACT_VALUES),
        job.getOrDefault(ConfigKeys.JOB_MAX_FUTURE_SKEW),
        dir,
        job.getOrDefault(ConfigKeys.JOB_MAX_EVENT_AGE),
        job.getOrDefault(ConfigKeys.JOB_METRICS_HOST),
        job.getOrDefault(ConfigKeys.JOB_DUPLICATE_IDS_PER_WINDOW),
        job.getOrDefault(ConfigKeys.JOB_DUPLICATE_FALSE_POSITIVE_RATE),
        job.getOrDefault(ConfigKeys.JOB_SHARDS_PER_MODEL),
        job.getOrDefault(ConfigKeys.JOB_STATE_BACKEND));
  }

  private static InputConfig readInput(MapReader top, List<ModelConfig> models, Problems problems) {
    MapReader in = top.section(ConfigKeys.INPUT);
    MapReader seldon = in.section(ConfigKeys.INPUT_SELDON);
    MapReader sagemaker = in.section(ConfigKeys.INPUT_SAGEMAKER);
    MapReader otlp = in.section(ConfigKeys.INPUT_OTLP);
    InputFormat format = in.getOrDefault(ConfigKeys.INPUT_FORMAT);
    LabelFormat labelFormat = in.getOrDefault(ConfigKeys.INPUT_LABEL_FORMAT);
    String model = sagemaker.get(ConfigKeys.INPUT_SAGEMAKER_MODEL);
    boolean usesSageMaker = format == InputFormat.SAGEMAKER || labelFormat == LabelFormat.SAGEMAKER;
    List<String> ids = models.stream().map(ModelConfig::id).toList();
    if (model != null && !ids.contains(model)) {
      problems.add(
          sagemaker.line("model"),
          ConfigKeys.INPUT_SAGEMAKER_MODEL.path(),
          "'" + model + "' is not a configured model (models: " + String.join(", ", ids) + ")");
      model = null;
    } else if (model == null && usesSageMaker) {
      if (ids.size() == 1) {
        model = ids.get(0);
      } else if (ids.size() > 1) {
        problems.add(
            in.line(),
            ConfigKeys.INPUT_SAGEMAKER_MODEL.path(),
            "required with "
                + ids.size()
                + " models: SageMaker's capture and ground-truth records name no model, so say"
                + " which one's endpoint they come from");
      }
    }
    return new InputConfig(
        format,
        in.getOrDefault(ConfigKeys.INPUT_PAIR_TIMEOUT),
        new SeldonTopics(
            seldon.getOrDefault(ConfigKeys.INPUT_SELDON_TOPIC_PREFIX),
            seldon.getOrDefault(ConfigKeys.INPUT_SELDON_NAMESPACE)),
        labelFormat,
        usesSageMaker ? model : null,
        sagemaker.get(ConfigKeys.INPUT_SAGEMAKER_VARIANT),
        new OtlpInput(
            otlp.getOrDefault(ConfigKeys.INPUT_OTLP_KEEP_TEXT),
            otlp.getOrDefault(ConfigKeys.INPUT_OTLP_ENCODING)));
  }
}
