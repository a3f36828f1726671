package io.aimon.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The registry of every configuration key: each is declared here once with its type, default and
 * description, and the loader, the settings defaults and docs/configuration.md all derive from it.
 * Defaults follow docs/metrics.md.
 */
public final class ConfigKeys {

  private static final List<ConfigKey<?>> KEYS = new ArrayList<>();

  // --- kafka ---------------------------------------------------------------------------------
  public static final ConfigKey<Node> KAFKA =
      section("kafka", "Kafka connection used by `aimon run` and `aimon demo`.");
  public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS =
      key(
          "kafka.bootstrap_servers",
          ValueTypes.STRING,
          "localhost:9092",
          "Comma-separated Kafka bootstrap servers.");
  public static final ConfigKey<String> KAFKA_GROUP_ID =
      key(
          "kafka.group_id",
          ValueTypes.STRING,
          "aimon-monitor",
          "Consumer group id of the monitor job.");
  public static final ConfigKey<String> KAFKA_ALERT_GROUP_ID =
      key(
          "kafka.alert_group_id",
          ValueTypes.STRING,
          "aimon-alert",
          "Consumer group id of the alert job (`aimon alert`).");
  public static final ConfigKey<Node> KAFKA_TOPICS = section("kafka.topics", "Topic names.");
  public static final ConfigKey<String> KAFKA_TOPICS_INFERENCE =
      key(
          "kafka.topics.inference",
          ValueTypes.STRING,
          "aimon.inference",
          "Topic of inference events (contract 1).");
  public static final ConfigKey<String> KAFKA_TOPICS_LABELS =
      key(
          "kafka.topics.labels",
          ValueTypes.STRING,
          "aimon.labels",
          "Topic of label events (contract 1).");
  public static final ConfigKey<String> KAFKA_TOPICS_METRICS =
      key(
          "kafka.topics.metrics",
          ValueTypes.STRING,
          "aimon.metrics",
          "Topic the check results are written to (contract 4).");
  public static final ConfigKey<String> KAFKA_TOPICS_DEAD_LETTER =
      key(
          "kafka.topics.dead_letter",
          ValueTypes.STRING,
          "aimon.dead-letter",
          "Topic of records that break the schema, with a reason code.");
  public static final ConfigKey<String> KAFKA_TOPICS_INCIDENTS =
      key(
          "kafka.topics.incidents",
          ValueTypes.STRING,
          "aimon.incidents",
          "Topic of incident events (CloudEvents 1.0 JSON: opened, escalated, updated, resolved).");
  public static final ConfigKey<String> KAFKA_TOPICS_ALERT_DELIVERIES =
      key(
          "kafka.topics.alert_deliveries",
          ValueTypes.STRING,
          "aimon.alert-deliveries",
          "Topic where the alert job records every delivery of an incident event to a notifier: "
              + "outcome, attempts, last HTTP status and the event.");
  public static final ConfigKey<String> KAFKA_TOPICS_ALERT_DEAD_LETTER =
      key(
          "kafka.topics.alert_dead_letter",
          ValueTypes.STRING,
          "aimon.alert-dead-letter",
          "Topic of deliveries that failed after every retry (reason `delivery_exhausted`, "
              + "`delivery_rejected` or `delivery_dropped`, with the event to replay) and of "
              + "incident records the alert job could not read (`malformed_incident`).");
  public static final ConfigKey<String> KAFKA_TOPICS_EVIDENCE =
      key(
          "kafka.topics.evidence",
          ValueTypes.STRING,
          "aimon.evidence",
          "Topic of the evidence records and manifests (the same lines as the archive).");
  public static final ConfigKey<String> KAFKA_TOPICS_INCIDENT_ACTIONS =
      key(
          "kafka.topics.incident_actions",
          ValueTypes.STRING,
          "aimon.incident-actions",
          "Topic of the operators' corrective actions (`aimon incident ack|note|root-cause|action|"
              + "close|grade`), which the monitor job applies to its incidents.");
  public static final ConfigKey<Map<String, String>> KAFKA_PROPERTIES =
      key(
          "kafka.properties",
          ValueTypes.STRING_MAP,
          Map.of(),
          "Kafka client properties passed through verbatim (`security.protocol`, `sasl.*`, `ssl.*`); "
              + "values are passed as strings.");

  // --- job -----------------------------------------------------------------------------------
  public static final ConfigKey<Node> JOB = section("job", "Flink job settings.");
  public static final ConfigKey<Integer> JOB_PARALLELISM =
      key(
          "job.parallelism",
          ValueTypes.integer(1, Integer.MAX_VALUE),
          1,
          "Parallelism of the monitor job.");
  public static final ConfigKey<Duration> JOB_CHECKPOINT_INTERVAL =
      key(
          "job.checkpoint_interval",
          ValueTypes.duration(Duration.ZERO, false),
          Duration.ofSeconds(10),
          "Interval between Flink checkpoints (also the exactly-once commit interval of the sinks).");
  public static final ConfigKey<Duration> JOB_OUT_OF_ORDERNESS =
      key(
          "job.out_of_orderness",
          ValueTypes.duration(Duration.ZERO, true),
          Duration.ofMinutes(1),
          "Watermark bound: how far behind the latest event time an event may arrive; "
              + "events behind the watermark are dead-lettered as `late`.");
  public static final ConfigKey<Duration> JOB_IDLENESS =
      key(
          "job.idleness",
          ValueTypes.duration(Duration.ZERO, false),
          Duration.ofMinutes(1),
          "A source partition idle this long stops holding back the watermark.");
  public static final ConfigKey<Integer> JOB_MAX_RECORD_BYTES =
      key(
          "job.max_record_bytes",
          ValueTypes.integer(1024, 104_857_600),
          1_048_576,
          "Largest accepted record in bytes; larger records are dead-lettered.");
  public static final ConfigKey<Integer> JOB_EXACT_VALUES =
      key(
          "job.exact_values",
          ValueTypes.integer(0, 1_000_000),
          10_000,
          "Distinct numeric values per feature and window counted exactly before switching to a "
              + "quantile sketch.");
  public static final ConfigKey<Duration> JOB_MAX_FUTURE_SKEW =
      key(
          "job.max_future_skew",
          ValueTypes.duration(Duration.ZERO, false),
          Duration.ofHours(1),
          "Events stamped further than this ahead of the wall clock are dead-lettered as "
              + "`future_timestamp`, so one bad clock cannot push the watermark ahead and make "
              + "every later event late.");
  public static final ConfigKey<Duration> JOB_MAX_EVENT_AGE =
      key(
          "job.max_event_age",
          ValueTypes.duration(Duration.ZERO, false),
          Duration.ofDays(3650),
          "Events stamped further than this behind the wall clock are dead-lettered as "
              + "`too_old`: a timestamp of 0, or seconds given as milliseconds, would otherwise "
              + "open a 1970 window. The default, 3650 days, lets any backfill through; lower it "
              + "to what your data can really be.");
  public static final ConfigKey<String> JOB_CHECKPOINT_DIR =
      key(
          "job.checkpoint_dir",
          ValueTypes.STRING,
          null,
          "Where `aimon run` and `aimon alert` keep their checkpoints and savepoints, so that a "
              + "job whose process died resumes where it stopped: a path (relative to this file) "
              + "or a URI of any filesystem Flink supports. Unset: `"
              + JobSettings.DEFAULT_CHECKPOINT_DIR
              + "` under the working directory. Each job keeps its own subdirectory, named after "
              + "its Kafka cluster, consumer group, input topic and transactional id prefix.");
  public static final ConfigKey<String> JOB_METRICS_HOST =
      key(
          "job.metrics_host",
          ValueTypes.STRING,
          JobSettings.DEFAULT_METRICS_HOST,
          "The address the Prometheus endpoint of `aimon run`, `aimon alert` and `aimon demo` "
              + "listens on (first free port of 9249-9259). The default serves this machine only; "
              + "`0.0.0.0` serves every interface. On a Flink cluster, the cluster's own reporter "
              + "settings apply.");

  public static final ConfigKey<Integer> JOB_DUPLICATE_IDS_PER_WINDOW =
      key(
          "job.duplicate_ids_per_window",
          ValueTypes.integer(0, 100_000_000),
          JobSettings.DEFAULT_DUPLICATE_IDS_PER_WINDOW,
          "Inference ids per model and window remembered to catch a repeated event: a second "
              + "event with an `inference_id` already seen in its window is dead-lettered as "
              + "`duplicate_inference`. The ids are kept in filters that grow with the ids seen: "
              + "at the default rate a window's first 12,288 ids exactly (2 KiB for 100, 256 KiB "
              + "for 12,288), then Bloom filters (about 33 bits per id beyond 65,536, 4.5 MB for "
              + "a full million). Past this "
              + "many, events still count but their repeats are not caught "
              + "(metric `model_duplicate_ids_unrecorded`). 0 turns the check off.");
  public static final ConfigKey<Double> JOB_DUPLICATE_FALSE_POSITIVE_RATE =
      key(
          "job.duplicate_false_positive_rate",
          ValueTypes.number(1e-12, 0.01),
          JobSettings.DEFAULT_DUPLICATE_FALSE_POSITIVE_RATE,
          "The largest probability that an event with a new `inference_id` is taken for a "
              + "duplicate (a Bloom filter's false positive). Each tenfold lower costs about 5 "
              + "bits more per id.");

  public static final ConfigKey<Integer> JOB_SHARDS_PER_MODEL =
      key(
          "job.shards_per_model",
          ValueTypes.integer(0, 4096),
          0,
          "Parallel partial windows per model: events are spread over this many shards by a hash "
              + "of `inference_id`, each shard keeps a partial profile, and the partials are "
              + "merged per model before the checks, so one model can use many cores. 0: the "
              + "job's parallelism.");

  public static final ConfigKey<StateBackend> JOB_STATE_BACKEND =
      key(
          "job.state_backend",
          ValueTypes.oneOf(stateBackends()),
          StateBackend.HASHMAP,
          "Where the jobs keep their state: `hashmap` (objects on the heap, fastest while all open "
              + "windows and waiting predictions fit in it) or `rocksdb` (serialized in an "
              + "embedded RocksDB on local disk, with incremental checkpoints: for many models, "
              + "long label delays and large duplicate filters). A savepoint restores into either.");

  // --- input -------------------------------------------------------------------------------
  public static final ConfigKey<Node> INPUT =
      section(
          "input",
          "How the inference and label records are encoded: aimon's own events or what a serving "
              + "platform already logs (README: Platform formats).");
  public static final ConfigKey<InputFormat> INPUT_FORMAT =
      key(
          "input.format",
          ValueTypes.oneOf(inputFormats()),
          InputFormat.NATIVE,
          "The inference topic's (and replay file's) format: `native` (inference event v1), "
              + "`kserve` (KServe inference logger CloudEvents, binary or structured), `oip` "
              + "(Open Inference Protocol v2 JSON requests and responses), `seldon` (Seldon Core "
              + "2's model topics, protobuf; Kafka only), `sagemaker` (SageMaker Model Monitor "
              + "data capture JSON Lines) or `otlp` (OpenTelemetry trace exports in OTLP/JSON: one "
              + "event per LLM call span).");
  public static final ConfigKey<Duration> INPUT_PAIR_TIMEOUT =
      key(
          "input.pair_timeout",
          ValueTypes.duration(Duration.ofMillis(1), true),
          Duration.ofMinutes(5),
          "Formats logging a request and its response as two records (`kserve`, `oip`, "
              + "`seldon`): "
              + "how long in event time one half waits for the other; a half still "
              + "alone after it is a dead letter `unmatched_half`.");
  public static final ConfigKey<LabelFormat> INPUT_LABEL_FORMAT =
      key(
          "input.label_format",
          ValueTypes.oneOf(labelFormats()),
          LabelFormat.NATIVE,
          "The labels topic's (and labels file's) format: `native` (label event v1) or "
              + "`sagemaker` (SageMaker Model Monitor ground-truth records).");
  public static final ConfigKey<Node> INPUT_SAGEMAKER =
      section(
          "input.sagemaker",
          "SageMaker data capture and ground truth (`input.format` or `input.label_format` "
              + "`sagemaker`).");
  public static final ConfigKey<String> INPUT_SAGEMAKER_MODEL =
      key(
          "input.sagemaker.model",
          ValueTypes.STRING,
          null,
          "The model id of the endpoint whose capture and ground truth are read (their records "
              + "name no model). Unset: the only configured model; required with several.");
  public static final ConfigKey<String> INPUT_SAGEMAKER_VARIANT =
      key(
          "input.sagemaker.variant",
          ValueTypes.STRING,
          null,
          "The endpoint's production variant the capture comes from (the S3 path segment after "
              + "the endpoint name, e.g. `AllTraffic`): the events' `model_version`. Unset: none.");
  public static final ConfigKey<Node> INPUT_OTLP =
      section("input.otlp", "OpenTelemetry LLM spans (`input.format: otlp`).");
  public static final ConfigKey<Boolean> INPUT_OTLP_KEEP_TEXT =
      key(
          "input.otlp.keep_text",
          ValueTypes.BOOL,
          false,
          "Whether a dead letter of an OTLP record keeps the record, prompts and responses "
              + "included. Default false: the dead letter has the reason, the position and the "
              + "size, and no text of the record.");
  public static final ConfigKey<Boolean> INPUT_OTLP_ENCODING =
      key(
          "input.otlp.encoding",
          ValueTypes.oneOf(otlpEncodings()),
          true,
          "How the Kafka records of spans are encoded, as the OpenTelemetry Collector's Kafka "
              + "exporter names it: `otlp_proto` (its default) or `otlp_json`. Replay files are "
              + "OTLP/JSON, one export per line.");
  public static final ConfigKey<Node> INPUT_SELDON =
      section(
          "input.seldon",
          "Seldon Core 2's model topics, read when `input.format` is `seldon` (instead of "
              + "`kafka.topics.inference`): `<topic_prefix>.<namespace>.model.<model id>.inputs` "
              + "and `.outputs` for each configured model.");
  public static final ConfigKey<String> INPUT_SELDON_TOPIC_PREFIX =
      key(
          "input.seldon.topic_prefix",
          ValueTypes.topicName(),
          "seldon",
          "The topic prefix of the Seldon Core 2 installation (its Kafka `topicPrefix`).");
  public static final ConfigKey<String> INPUT_SELDON_NAMESPACE =
      key(
          "input.seldon.namespace",
          ValueTypes.topicName(),
          "default",
          "The Kubernetes namespace the Seldon models run in, as it appears in their topic names.");

  // --- alerting ------------------------------------------------------------------------------
  public static final ConfigKey<Node> ALERTING =
      section(
          "alerting",
          "Alert policy of every model: when a series of check results opens, escalates and "
              + "resolves an incident. `models[].alerting` overrides it key by key.");
  public static final ConfigKey<Node> ALERTING_WARNING =
      section(
          "alerting.warning",
          "The N-of-M rule that opens an incident: `for` of the last `of` evaluated windows are "
              + "warning or critical; `for` must be <= `of`.");
  public static final ConfigKey<Integer> ALERTING_WARNING_FOR =
      key(
          "alerting.warning.for",
          ValueTypes.integer(1, AlertingConfig.MAX_WINDOWS),
          2,
          "Breaching (warning or critical) windows needed among the last `warning.of`.");
  public static final ConfigKey<Integer> ALERTING_WARNING_OF =
      key(
          "alerting.warning.of",
          ValueTypes.integer(1, AlertingConfig.MAX_WINDOWS),
          3,
          "How many of the latest evaluated windows the warning rule looks at.");
  public static final ConfigKey<Node> ALERTING_CRITICAL =
      section(
          "alerting.critical",
          "The N-of-M rule that opens an incident as critical, or escalates an open warning "
              + "incident: `for` of the last `of` evaluated windows are critical; `for` must be "
              + "<= `of`.");
  public static final ConfigKey<Integer> ALERTING_CRITICAL_FOR =
      key(
          "alerting.critical.for",
          ValueTypes.integer(1, AlertingConfig.MAX_WINDOWS),
          1,
          "Critical windows needed among the last `critical.of`.");
  public static final ConfigKey<Integer> ALERTING_CRITICAL_OF =
      key(
          "alerting.critical.of",
          ValueTypes.integer(1, AlertingConfig.MAX_WINDOWS),
          1,
          "How many of the latest evaluated windows the critical rule looks at.");
  public static final ConfigKey<Integer> ALERTING_RESOLVE_AFTER =
      key(
          "alerting.resolve_after",
          ValueTypes.integer(1, AlertingConfig.MAX_WINDOWS),
          2,
          "Consecutive ok windows that resolve an open incident; `insufficient_data` windows "
              + "neither count nor break the run.");
  public static final ConfigKey<Duration> ALERTING_COOLDOWN =
      key(
          "alerting.cooldown",
          ValueTypes.duration(Duration.ZERO, true),
          Duration.ZERO,
          "Event time after the end of the resolving window during which the same series cannot "
              + "open a new incident; `0s` turns it off.");
  public static final ConfigKey<String> ALERTING_RUNBOOK_URL =
      key(
          "alerting.runbook_url",
          ValueTypes.HTTP_URL,
          null,
          "Runbook link carried by every incident event of the model.");
  public static final ConfigKey<IncidentGrouping> ALERTING_GROUP_BY =
      key(
          "alerting.group_by",
          ValueTypes.oneOf(groupings()),
          IncidentGrouping.FEATURE,
          "Which breaching series share one incident: `series` (each its own), `feature` (all "
              + "metrics of one feature or fairness attribute, and the model-level metrics, "
              + "together) or `model` (all of the model's).");

  // --- evidence ------------------------------------------------------------------------------
  public static final ConfigKey<Node> EVIDENCE =
      section(
          "evidence",
          "Tamper-evident evidence for ISO/IEC 42001 (clauses 9.1, 10.2): the monitor job writes "
              + "every check result, window coverage and incident event as a hash-chained record "
              + "per model, and a signed manifest per closed window.");
  public static final ConfigKey<String> EVIDENCE_SIGNING_KEY =
      register(
          new ConfigKey<>(
              "evidence.signing_key",
              ValueTypes.STRING,
              null,
              false,
              "secret reference (`env:NAME` or `file:PATH`)",
              null,
              "The Ed25519 key file written by `aimon evidence keygen` (PEM), as `file:PATH` or "
                  + "`env:NAME` holding its text. Without it each job run signs with a key of "
                  + "its own: the archive still verifies as intact, but not as yours "
                  + "(`evidence verify --public-key` rejects it)."));
  public static final ConfigKey<Boolean> EVIDENCE_SIGNING_KEY_OWNER_ONLY =
      key(
          "evidence.signing_key_owner_only",
          ValueTypes.BOOL,
          false,
          "Refuse to start when the `file:` signing key is readable by its group or others "
              + "(POSIX permissions; `chmod 600 FILE` fixes it). `false`: start, with a warning "
              + "naming the file. File systems without POSIX permissions are not checked.");
  public static final ConfigKey<String> EVIDENCE_DIR =
      key(
          "evidence.dir",
          ValueTypes.STRING,
          null,
          "Where `aimon run` writes the evidence archive (JSON Lines per model and date, "
              + "committed on checkpoint): a path (relative to this file) or a URI of any "
              + "filesystem Flink supports. Unset: the Kafka topic only. Replay always writes "
              + "`OUT/evidence`.");

  public static final ConfigKey<String> EVIDENCE_TIMESTAMP_URL =
      key(
          "evidence.timestamp_url",
          ValueTypes.HTTP_URL,
          null,
          "An RFC 3161 time stamping authority: every manifest gets a time stamp token from it,"
              + " stored beside the manifest and checked by `aimon evidence verify`. Unset: no"
              + " time stamps.");

  public static final ConfigKey<Duration> EVIDENCE_RETENTION =
      key(
          "evidence.retention",
          ValueTypes.duration(Duration.ofDays(1), true),
          null,
          "How long evidence is kept, at least 1d: `aimon evidence expire` removes the whole days"
              + " of the archive that ended at least this long ago, through a signed deletion"
              + " record. Unset: keep everything.");

  // --- corrective_actions ------------------------------------------------------------------
  public static final ConfigKey<Node> CORRECTIVE_ACTIONS =
      section(
          "corrective_actions",
          "How the monitor job judges the corrective actions operators record on incidents "
              + "(ISO/IEC 42001 clause 10.2): when an applied action is verified effective, and "
              + "when an incident is a major nonconformity.");
  public static final ConfigKey<Integer> CORRECTIVE_ACTIONS_VERIFY_WINDOWS =
      key(
          "corrective_actions.verify_windows",
          ValueTypes.integer(1, CorrectiveActionConfig.MAX_VERIFY_WINDOWS),
          3,
          "Consecutive ok windows of the incident's check after `aimon incident action --applied` that "
              + "verify the action as effective; a warning or critical window first makes it "
              + "ineffective.");
  public static final ConfigKey<Duration> CORRECTIVE_ACTIONS_MAJOR_AFTER =
      key(
          "corrective_actions.major_after",
          ValueTypes.duration(Duration.ZERO, false),
          Duration.ofHours(24),
          "Grade rule: an incident that reached critical and is still unresolved this long (event "
              + "time) after it opened is a major nonconformity; critical otherwise is minor, "
              + "warning only an observation. Operators can override a grade with a reason.");

  public static final ConfigKey<Node> CORRECTIVE_ACTIONS_SERIOUS_REPORT_WITHIN =
      section(
          "corrective_actions.serious_report_within",
          "How soon a serious incident must be reported to the market surveillance authority after"
              + " `aimon incident serious` declares it, per category (EU AI Act Art. 73; the"
              + " defaults are the article's latest deadlines). The deadline is recorded with the"
              + " declaration; the audit report shows what is overdue.");
  public static final ConfigKey<Duration> CORRECTIVE_ACTIONS_SERIOUS_DEATH =
      key(
          "corrective_actions.serious_report_within.death",
          ValueTypes.duration(Duration.ZERO, false),
          Duration.ofDays(10),
          "A serious incident that led to the death of a person (Art. 73(4): 10 days).");
  public static final ConfigKey<Duration> CORRECTIVE_ACTIONS_SERIOUS_CRITICAL_INFRASTRUCTURE =
      key(
          "corrective_actions.serious_report_within.critical_infrastructure",
          ValueTypes.duration(Duration.ZERO, false),
          Duration.ofDays(2),
          "A serious and irreversible disruption of critical infrastructure (Art. 73(3): 2 days).");
  public static final ConfigKey<Duration> CORRECTIVE_ACTIONS_SERIOUS_WIDESPREAD_INFRINGEMENT =
      key(
          "corrective_actions.serious_report_within.widespread_infringement",
          ValueTypes.duration(Duration.ZERO, false),
          Duration.ofDays(2),
          "A widespread infringement of obligations protecting fundamental rights (Art. 73(3): 2"
              + " days).");
  public static final ConfigKey<Duration> CORRECTIVE_ACTIONS_SERIOUS_OTHER =
      key(
          "corrective_actions.serious_report_within.other",
          ValueTypes.duration(Duration.ZERO, false),
          Duration.ofDays(15),
          "Any other serious incident (Art. 73(2): 15 days).");

  // --- notify --------------------------------------------------------------------------------
  public static final ConfigKey<Node> NOTIFY =
      section(
          "notify",
          "Where incident events are delivered: the notifiers, the routes that choose them per "
              + "event, and how hard delivery tries. With no notifiers nothing is sent (incident "
              + "events still go to `kafka.topics.incidents`).");
  public static final ConfigKey<Duration> NOTIFY_RESEND_INTERVAL =
      key(
          "notify.resend_interval",
          ValueTypes.duration(Duration.ZERO, false),
          Duration.ofSeconds(60),
          "How often the latest event of an open incident is sent again to notifiers whose "
              + "receiver forgets alerts that are not repeated (type `alertmanager`); keep it well "
              + "below Alertmanager's `resolve_timeout` (default 5m).");
  public static final ConfigKey<Duration> NOTIFY_TIMEOUT =
      key(
          "notify.timeout",
          ValueTypes.duration(Duration.ZERO, false, NotifyConfig.MAX_TIMEOUT),
          Duration.ofSeconds(5),
          "Longest wait for the response of one HTTP attempt (and for its connection).");
  public static final ConfigKey<Integer> NOTIFY_MAX_ATTEMPTS =
      key(
          "notify.max_attempts",
          ValueTypes.integer(1, NotifyConfig.MAX_ATTEMPTS),
          6,
          "Attempts per event and notifier, including the first. 2xx is delivered; 408, 429, 5xx "
              + "and I/O errors are retried; other answers fail at once.");
  public static final ConfigKey<Duration> NOTIFY_INITIAL_BACKOFF =
      key(
          "notify.initial_backoff",
          ValueTypes.duration(Duration.ZERO, false, NotifyConfig.MAX_BACKOFF),
          Duration.ofMillis(500),
          "Wait after the first failed attempt; each further wait doubles, with 20% jitter, up to "
              + "`max_backoff`.");
  public static final ConfigKey<Duration> NOTIFY_MAX_BACKOFF =
      key(
          "notify.max_backoff",
          ValueTypes.duration(Duration.ZERO, false, NotifyConfig.MAX_BACKOFF),
          Duration.ofSeconds(30),
          "Longest wait between two attempts; must be >= `initial_backoff`.");
  public static final ConfigKey<Node> NOTIFY_NOTIFIERS =
      register(
          new ConfigKey<>(
              "notify.notifiers",
              ValueTypes.MAP_LIST,
              null,
              false,
              "list of maps",
              "[]",
              "The receivers of incident events, with unique names. When notifiers are declared "
                  + "and no routes, every event goes to every notifier."));
  public static final ConfigKey<String> NOTIFY_NOTIFIER_NAME =
      register(
          new ConfigKey<>(
              "notify.notifiers[].name",
              ValueTypes.STRING,
              null,
              true,
              "string matching `[A-Za-z0-9_.-]+`",
              null,
              "The name routes refer to, e.g. `pagerduty-oncall`; it appears in logs, so it holds "
                  + "no secret."));
  public static final ConfigKey<String> NOTIFY_NOTIFIER_TYPE =
      register(
          new ConfigKey<>(
              "notify.notifiers[].type",
              ValueTypes.oneOf(notifierTypes()),
              null,
              true,
              null,
              null,
              "`alertmanager` (Alertmanager API v2; needs `url`), `pagerduty` (Events API v2; "
                  + "needs `routing_key`), `slack` (incoming webhook; needs `webhook_url`) or "
                  + "`webhook` (CloudEvents 1.0 JSON POST; needs `url`, may have `headers`)."));
  public static final ConfigKey<String> NOTIFY_NOTIFIER_URL =
      key(
          "notify.notifiers[].url",
          ValueTypes.HTTP_URL_OR_SECRET,
          null,
          "alertmanager: the base URL (`/api/v2/alerts` is appended), required. pagerduty: the "
              + "Events API URL, default `"
              + NotifierConfig.PAGERDUTY_EVENTS_URL
              + "`. webhook: the endpoint, required. Not allowed for slack. A URL that carries a "
              + "token is a secret: give it as `env:NAME` or `file:PATH` (as for `routing_key`), "
              + "read each time an event is sent, never logged or shown; it must hold an absolute "
              + "http(s) URL.");
  public static final ConfigKey<String> NOTIFY_NOTIFIER_ROUTING_KEY =
      register(
          new ConfigKey<>(
              "notify.notifiers[].routing_key",
              ValueTypes.STRING,
              null,
              false,
              "secret reference (`env:NAME` or `file:PATH`)",
              null,
              "pagerduty only, required: the integration (routing) key of the PagerDuty service. "
                  + "`env:NAME` names an environment variable, `file:PATH` a file (relative to the "
                  + "config file's directory); it is read each time an event is sent and never "
                  + "logged."));
  public static final ConfigKey<String> NOTIFY_NOTIFIER_WEBHOOK_URL =
      register(
          new ConfigKey<>(
              "notify.notifiers[].webhook_url",
              ValueTypes.STRING,
              null,
              false,
              "secret reference (`env:NAME` or `file:PATH`)",
              null,
              "slack only, required: the incoming-webhook URL, a secret (anyone holding it can post "
                  + "to the channel). `env:NAME` or `file:PATH` as for `routing_key`."));
  public static final ConfigKey<Map<String, String>> NOTIFY_NOTIFIER_HEADERS =
      register(
          new ConfigKey<>(
              "notify.notifiers[].headers",
              ValueTypes.STRING_MAP,
              Map.of(),
              false,
              "map of header name to secret reference",
              null,
              "webhook only: extra request headers (e.g. `Authorization`), each value a secret "
                  + "reference `env:NAME` or `file:PATH`. `Content-Type` and the headers the HTTP "
                  + "client sets itself (`Host`, `Content-Length`, ...) are not allowed."));
  public static final ConfigKey<Node> NOTIFY_ROUTES =
      register(
          new ConfigKey<>(
              "notify.routes",
              ValueTypes.MAP_LIST,
              null,
              false,
              "list of maps",
              "[]",
              "Which events go to which notifiers. Every matching route applies, not only the "
                  + "first: an event goes to the union of the notifiers of all routes that match "
                  + "it, each once. An event no route matches is not sent. No routes: every event "
                  + "goes to every notifier."));
  public static final ConfigKey<List<String>> NOTIFY_ROUTE_MODELS =
      register(
          new ConfigKey<>(
              "notify.routes[].models",
              ValueTypes.STRING_LIST,
              List.of(),
              false,
              "list of model ids",
              null,
              "The route matches events of these models (ids of `models`); empty matches any "
                  + "model."));
  public static final ConfigKey<List<String>> NOTIFY_ROUTE_SEVERITIES =
      register(
          new ConfigKey<>(
              "notify.routes[].severities",
              ValueTypes.STRING_LIST,
              List.of(),
              false,
              "list of `warning`, `critical`",
              null,
              "The route matches events of these incident severities; empty matches any. A "
                  + "resolved event has the highest severity its incident reached."));
  public static final ConfigKey<List<String>> NOTIFY_ROUTE_METRICS =
      register(
          new ConfigKey<>(
              "notify.routes[].metrics",
              ValueTypes.STRING_LIST,
              List.of(),
              false,
              "list of metric ids",
              null,
              "The route matches events of these metrics (ids accepted in `checks`); empty matches "
                  + "any metric."));
  public static final ConfigKey<List<String>> NOTIFY_ROUTE_NOTIFIERS =
      register(
          new ConfigKey<>(
              "notify.routes[].notifiers",
              ValueTypes.STRING_LIST,
              null,
              true,
              "list of notifier names",
              null,
              "Names of declared notifiers the matching events go to; at least one, no repeats."));

  // --- models --------------------------------------------------------------------------------
  public static final ConfigKey<Node> MODELS =
      register(
          new ConfigKey<>(
              "models",
              ValueTypes.MAP_LIST,
              null,
              true,
              null,
              null,
              "The monitored models: a non-empty list with unique ids."));
  public static final ConfigKey<String> MODEL_ID =
      register(
          new ConfigKey<>(
              "models[].id",
              ValueTypes.STRING,
              null,
              true,
              "string matching `[A-Za-z0-9._:-]{1,128}`",
              null,
              "The model id, matched against `model_id` in events."));
  public static final ConfigKey<String> MODEL_VERSION =
      key(
          "models[].version",
          ValueTypes.STRING,
          null,
          "Model version recorded in results and evidence; events are not filtered by it.");
  public static final ConfigKey<String> MODEL_OWNER =
      key(
          "models[].owner",
          ValueTypes.STRING,
          null,
          "Who is accountable for monitoring the model and evaluates its results (a team or a"
              + " person); recorded in the monitoring plan evidence (ISO/IEC 42001 9.1).");
  public static final ConfigKey<List<String>> MODEL_CONTACTS =
      key(
          "models[].contacts",
          ValueTypes.STRING_LIST,
          List.of(),
          "Whom to contact about the model's monitoring (e-mail addresses, on-call handles);"
              + " recorded in the monitoring plan evidence.");
  public static final ConfigKey<Task> MODEL_TASK =
      key(
          "models[].task",
          ValueTypes.oneOf(taskNames()),
          Task.BINARY_CLASSIFICATION,
          "What the model predicts; decides the performance metrics: accuracy, precision, recall, "
              + "f1, roc_auc, log_loss, brier and, estimated without labels, estimated_accuracy, "
              + "estimated_precision, estimated_recall, estimated_f1, estimated_specificity, "
              + "estimated_roc_auc for binary_classification (which also has the fairness "
              + "metrics), mae, rmse, mape, r2 for regression.");
  public static final ConfigKey<Duration> MODEL_WINDOW =
      key(
          "models[].window",
          ValueTypes.duration(Duration.ofSeconds(1), true),
          Duration.ofHours(1),
          "Length of the tumbling event-time window; windows are aligned to the UTC epoch.");
  public static final ConfigKey<Integer> MODEL_MIN_SAMPLES =
      key(
          "models[].min_samples",
          ValueTypes.integer(1, Integer.MAX_VALUE),
          100,
          "A window with fewer events gets status `insufficient_data`, never an alert.");
  public static final ConfigKey<Node> MODEL_REFERENCE =
      register(
          new ConfigKey<>(
              "models[].reference",
              ValueTypes.MAP,
              null,
              true,
              null,
              null,
              "The reference data: exactly one of `events` or `profile`."));
  public static final ConfigKey<String> MODEL_REFERENCE_EVENTS =
      key(
          "models[].reference.events",
          ValueTypes.STRING,
          null,
          "Canonical inference events (`.jsonl` or `.jsonl.gz`), relative to the config file's directory.");
  public static final ConfigKey<String> MODEL_REFERENCE_PROFILE =
      key(
          "models[].reference.profile",
          ValueTypes.STRING,
          null,
          "A profile from `aimon reference build`, relative to the config file's directory.");
  public static final ConfigKey<Node> MODEL_FEATURES =
      section(
          "models[].features",
          "The monitored features; at least one overall, no duplicates, no name in both lists.");
  public static final ConfigKey<List<String>> MODEL_FEATURES_NUMERIC =
      key(
          "models[].features.numeric",
          ValueTypes.STRING_LIST,
          List.of(),
          "Numeric features (keys of the event's `features`).");
  public static final ConfigKey<List<String>> MODEL_FEATURES_CATEGORICAL =
      key(
          "models[].features.categorical",
          ValueTypes.STRING_LIST,
          List.of(),
          "Categorical features; missing values become the category `__MISSING__`.");
  public static final ConfigKey<Boolean> MODEL_SCORE =
      key(
          "models[].score",
          ValueTypes.BOOL,
          true,
          "Also monitor drift of the model score (numeric drift metrics on `score`).");
  public static final ConfigKey<Boolean> MODEL_LABEL =
      key(
          "models[].label",
          ValueTypes.BOOL,
          true,
          "Also monitor drift of the label (categorical drift metrics) when labels are present.");
  public static final ConfigKey<String> MODEL_POSITIVE_LABEL =
      key(
          "models[].positive_label",
          ValueTypes.SCALAR,
          "1",
          "The positive class for performance and fairness metrics (task binary_classification); "
              + "compared with the string form of `prediction` and `label`.");
  public static final ConfigKey<Node> MODEL_LABELS =
      section(
          "models[].labels",
          "Joining late labels (from `kafka.topics.labels`) with their predictions for "
              + "performance and fairness metrics.");
  public static final ConfigKey<Duration> MODEL_LABELS_MAX_DELAY =
      key(
          "models[].labels.max_delay",
          ValueTypes.duration(Duration.ZERO, true),
          Duration.ofDays(1),
          "How long after its prediction (in event time) a label may arrive; also the time-to-live "
              + "of the join state. Performance and fairness results of a window are final at "
              + "window end + max_delay; a label arriving later is not joined.");
  public static final ConfigKey<Boolean> MODEL_LABELS_PARTIAL_RESULTS =
      key(
          "models[].labels.partial_results",
          ValueTypes.BOOL,
          false,
          "Also emit early performance and fairness results at window end, marked partial, over "
              + "the labels arrived so far; the final results follow at window end + max_delay.");
  public static final ConfigKey<Node> MODEL_FAIRNESS =
      section("models[].fairness", "Fairness monitoring.");
  public static final ConfigKey<List<String>> MODEL_FAIRNESS_ATTRIBUTES =
      key(
          "models[].fairness.attributes",
          ValueTypes.STRING_LIST,
          List.of(),
          "Sensitive attributes (keys of the event's `groups`); none turns fairness metrics off.");
  public static final ConfigKey<Integer> MODEL_FAIRNESS_MIN_GROUP_SIZE =
      key(
          "models[].fairness.min_group_size",
          ValueTypes.integer(1, Integer.MAX_VALUE),
          30,
          "Groups smaller than this are reported but left out of the fairness gaps.");
  public static final ConfigKey<List<List<String>>> MODEL_FAIRNESS_INTERSECTIONS =
      key(
          "models[].fairness.intersections",
          ValueTypes.STRING_LIST_LIST,
          List.of(),
          "Attribute combinations monitored jointly, e.g. `[[race, sex]]`: each at least 2 distinct "
              + "names from `attributes`. The combination is reported as the attribute `race|sex` "
              + "with groups like `White|Male` (values joined with `|` in the listed order).");
  public static final ConfigKey<Node> MODEL_MULTIVARIATE =
      section(
          "models[].multivariate",
          "Multivariate drift: the reconstruction error of the features by the reference's "
              + "principal components (docs/metrics.md).");
  public static final ConfigKey<Boolean> MODEL_MULTIVARIATE_ENABLED =
      key(
          "models[].multivariate.enabled",
          ValueTypes.BOOL,
          true,
          "Fit the transform on the reference and check each window's `reconstruction_error`.");
  public static final ConfigKey<Double> MODEL_MULTIVARIATE_VARIANCE =
      key(
          "models[].multivariate.variance",
          ValueTypes.number(0.01, 0.99),
          0.65,
          "The share of the standardized reference's variance the kept principal components "
              + "explain (the fewest components whose share exceeds it).");
  public static final ConfigKey<Integer> MODEL_MULTIVARIATE_MAX_CATEGORIES =
      key(
          "models[].multivariate.max_categories",
          ValueTypes.integer(0, 1000),
          20,
          "Per categorical feature, its most frequent reference categories that get a one-hot "
              + "column; other values set none; 0 leaves categorical features out.");
  public static final ConfigKey<Node> MODEL_CHANGE_DETECTION =
      section(
          "models[].change_detection",
          "Online change detection on per-event series, flagged before the window closes "
              + "(docs/metrics.md).");
  public static final ConfigKey<List<String>> MODEL_CHANGE_SERIES =
      key(
          "models[].change_detection.series",
          ValueTypes.STRING_LIST,
          List.of(),
          "The series watched, in event-time order: `score`, numeric feature names, or `error` "
              + "(the per-event error, in the order labels are joined); none turns the check "
              + "off. Each gets a `change_point` result per window.");
  public static final ConfigKey<ChangeDetectionConfig.Method> MODEL_CHANGE_METHOD =
      key(
          "models[].change_detection.method",
          ValueTypes.oneOf(changeMethods()),
          ChangeDetectionConfig.Method.ADWIN,
          "The detector: `adwin` (adaptive windowing, a change of the mean either way) or "
              + "`page_hinkley` (cumulative evidence of a shift).");
  public static final ConfigKey<String> MODEL_CHANGE_SEVERITY =
      key(
          "models[].change_detection.severity",
          ValueTypes.oneOf(names("warning", "critical")),
          "warning",
          "The status of a window in which a change is flagged.");
  public static final ConfigKey<Node> MODEL_CHANGE_ADWIN =
      section("models[].change_detection.adwin", "ADWIN's parameters.");
  public static final ConfigKey<Double> MODEL_CHANGE_ADWIN_DELTA =
      key(
          "models[].change_detection.adwin.delta",
          ValueTypes.number(1e-12, 0.5),
          0.002,
          "ADWIN's confidence: smaller flags fewer changes.");
  public static final ConfigKey<Node> MODEL_CHANGE_PAGE_HINKLEY =
      section("models[].change_detection.page_hinkley", "Page-Hinkley's parameters.");
  public static final ConfigKey<Double> MODEL_CHANGE_PH_THRESHOLD =
      key(
          "models[].change_detection.page_hinkley.threshold",
          ValueTypes.number(1e-9, Double.POSITIVE_INFINITY),
          50.0,
          "Page-Hinkley's threshold (lambda) on the cumulative evidence, in the series' units.");
  public static final ConfigKey<Double> MODEL_CHANGE_PH_DELTA =
      key(
          "models[].change_detection.page_hinkley.delta",
          ValueTypes.number(0, Double.POSITIVE_INFINITY),
          0.005,
          "Page-Hinkley's tolerated shift of the mean, in the series' units.");
  public static final ConfigKey<Double> MODEL_CHANGE_PH_ALPHA =
      key(
          "models[].change_detection.page_hinkley.alpha",
          ValueTypes.number(1e-9, 1),
          0.9999,
          "Page-Hinkley's forgetting factor of old evidence.");
  public static final ConfigKey<Integer> MODEL_CHANGE_PH_MIN_INSTANCES =
      key(
          "models[].change_detection.page_hinkley.min_instances",
          ValueTypes.integer(1, Integer.MAX_VALUE),
          30,
          "Values Page-Hinkley sees before it can flag, after the start and after each change.");
  public static final ConfigKey<String> MODEL_CHANGE_PH_DIRECTION =
      key(
          "models[].change_detection.page_hinkley.direction",
          ValueTypes.oneOf(names("up", "down", "both")),
          "both",
          "Which shifts of the mean Page-Hinkley watches.");
  public static final ConfigKey<Node> MODEL_CHECKS =
      register(
          new ConfigKey<>(
              "models[].checks",
              ValueTypes.MAP,
              null,
              false,
              "map of metric id to threshold",
              "see the defaults table",
              "Per-metric overrides of the default thresholds; keys are metric ids."));
  public static final ConfigKey<Node> MODEL_CHECK =
      register(
          new ConfigKey<>(
              "models[].checks.<metric>",
              ValueTypes.MAP,
              null,
              false,
              "threshold map",
              "see the defaults table",
              "Threshold of one metric: `warning`/`critical` (breach when value >= level) for "
                  + "distances, rates, errors, fairness differences and latencies; "
                  + "`warning`/`critical` (breach when value < level) for demographic_parity_ratio "
                  + "and equalized_odds_ratio; `p_warning`/`p_critical`/`min_statistic` for ks, "
                  + "chi_square; `warning_drop`/`critical_drop` (drop from the reference value) or "
                  + "absolute `warning`/`critical` (breach when value < level) for accuracy, "
                  + "precision, recall, f1, roc_auc, r2 and the estimated_* metrics. A partial "
                  + "override merges with the default "
                  + "of the same form. Metrics must fit the model's `task`."));
  public static final ConfigKey<Double> CHECK_WARNING =
      threshold(
          "warning",
          ValueTypes.number(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
          "number, range per metric (see the thresholds table)",
          "Status `warning` when value >= warning (must be <= critical), or for the "
              + "lower-is-worse forms when value < warning (must be >= critical).");
  public static final ConfigKey<Double> CHECK_CRITICAL =
      threshold(
          "critical",
          ValueTypes.number(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
          "number, range per metric (see the thresholds table)",
          "Status `critical` when value >= critical, or for the lower-is-worse forms when "
              + "value < critical.");
  public static final ConfigKey<Double> CHECK_P_WARNING =
      threshold(
          "p_warning",
          ValueTypes.number(0, 1),
          null,
          "Status `warning` when p < p_warning and the effect >= min_statistic.");
  public static final ConfigKey<Double> CHECK_P_CRITICAL =
      threshold(
          "p_critical",
          ValueTypes.number(0, 1),
          null,
          "Status `critical` when p < p_critical and the effect >= min_statistic; must be <= p_warning.");
  public static final ConfigKey<Double> CHECK_MIN_STATISTIC =
      threshold(
          "min_statistic",
          ValueTypes.number(0, 1),
          null,
          "Effect-size floor: D for ks, the Jensen-Shannon distance for chi_square.");
  public static final ConfigKey<Double> CHECK_WARNING_DROP =
      threshold(
          "warning_drop",
          ValueTypes.number(0, Double.POSITIVE_INFINITY),
          "number >= 0 (in [0, 1] except for r2)",
          "Status `warning` when reference value - window value >= warning_drop; must be "
              + "<= critical_drop.");
  public static final ConfigKey<Double> CHECK_CRITICAL_DROP =
      threshold(
          "critical_drop",
          ValueTypes.number(0, Double.POSITIVE_INFINITY),
          "number >= 0 (in [0, 1] except for r2)",
          "Status `critical` when reference value - window value >= critical_drop.");
  public static final ConfigKey<Node> MODEL_FEATURE_CHECKS =
      register(
          new ConfigKey<>(
              "models[].feature_checks",
              ValueTypes.MAP,
              null,
              false,
              "map of feature to checks",
              "none",
              "Per-feature overrides; each feature must be declared in `features`."));
  public static final ConfigKey<Node> MODEL_FEATURE_CHECK =
      register(
          new ConfigKey<>(
              "models[].feature_checks.<feature>",
              ValueTypes.MAP,
              null,
              false,
              "map of metric id to threshold",
              "none",
              "Thresholds for one feature, with the keys of `models[].checks.<metric>`; a partial "
                  + "override merges with the model's threshold for that metric. Drift and "
                  + "data-quality metrics only (performance, fairness and latency are model level). "
                  + "ks, wasserstein and out_of_range_rate apply to numeric features only, "
                  + "chi_square and unseen_category_rate to categorical ones only."));
  public static final ConfigKey<Node> MODEL_LLM =
      section(
          "models[].llm",
          "LLM calls (`input.format: otlp`): thresholds of the finish-reason rates and the price "
              + "table of the `cost` metric; `error_rate` and `cost` take their thresholds from "
              + "`checks`.");
  public static final ConfigKey<Node> MODEL_LLM_FINISH_REASONS =
      register(
          new ConfigKey<>(
              "models[].llm.finish_reasons",
              ValueTypes.MAP,
              null,
              false,
              "map of finish reason to threshold",
              "none",
              "The `finish_reason_rate` threshold of each finish reason as the provider reports "
                  + "it (`length`, `content_filter`, `max_tokens`, ...): `warning`/`critical`, "
                  + "breach when the share of the window's calls that ended so is >= the level. "
                  + "Reasons not listed are reported unjudged."));
  public static final ConfigKey<Node> MODEL_LLM_PRICE =
      section(
          "models[].llm.price",
          "What the model's tokens cost; with it each window reports `cost`. Both prices are "
              + "required.");
  public static final ConfigKey<String> MODEL_LLM_PRICE_CURRENCY =
      key(
          "models[].llm.price.currency",
          ValueTypes.STRING,
          "USD",
          "The currency of the prices (a label; nothing is converted).");
  public static final ConfigKey<Double> MODEL_LLM_PRICE_PROMPT =
      register(
          new ConfigKey<>(
              "models[].llm.price.prompt_per_million_tokens",
              ValueTypes.number(0, Double.MAX_VALUE),
              null,
              true,
              "number >= 0 (finite)",
              null,
              "The price of one million prompt (input) tokens."));
  public static final ConfigKey<Double> MODEL_LLM_PRICE_COMPLETION =
      register(
          new ConfigKey<>(
              "models[].llm.price.completion_per_million_tokens",
              ValueTypes.number(0, Double.MAX_VALUE),
              null,
              true,
              "number >= 0 (finite)",
              null,
              "The price of one million completion (output) tokens."));

  public static final ConfigKey<Node> MODEL_TENSORS =
      section(
          "models[].tensors",
          "Tensor formats (`kserve`, `oip`, `seldon`, `sagemaker`): which tensor columns are "
              + "this model's features, fairness attributes, prediction and score. Unlisted input "
              + "tensors named like a feature or attribute are read as that one value per row.");
  public static final ConfigKey<Node> MODEL_TENSOR_INPUTS =
      register(
          new ConfigKey<>(
              "models[].tensors.inputs",
              ValueTypes.MAP_LIST,
              null,
              false,
              "list of maps",
              "[]",
              "Input tensors read by column: an `[N, F]` tensor is N events (row-major)."));
  public static final ConfigKey<String> MODEL_TENSOR_INPUT_NAME =
      register(
          new ConfigKey<>(
              "models[].tensors.inputs[].name",
              ValueTypes.STRING,
              null,
              true,
              null,
              null,
              "The tensor's name (`instances` for a V1 body of arrays)."));
  public static final ConfigKey<List<String>> MODEL_TENSOR_INPUT_COLUMNS =
      register(
          new ConfigKey<>(
              "models[].tensors.inputs[].columns",
              ValueTypes.STRING_LIST,
              null,
              true,
              null,
              null,
              "One feature or fairness attribute name per column, in order; `_` skips a column."));
  public static final ConfigKey<String> MODEL_TENSOR_PREDICTION =
      key(
          "models[].tensors.prediction",
          ValueTypes.STRING,
          null,
          "The output column of the prediction, `tensor` or `tensor[column]`; by default column 0 "
              + "of the first output tensor.");
  public static final ConfigKey<String> MODEL_TENSOR_SCORE =
      key(
          "models[].tensors.score",
          ValueTypes.STRING,
          null,
          "The output column of the score, e.g. `predict_proba[1]`; none by default.");
  public static final ConfigKey<Node> MODEL_ALERTING =
      section(
          "models[].alerting",
          "This model's alert policy: any of the keys of the top-level `alerting` section "
              + "(`warning.for`, `warning.of`, `critical.for`, `critical.of`, `resolve_after`, "
              + "`cooldown`, `runbook_url`); a key left out inherits the top-level value, then "
              + "the default.");

  private ConfigKeys() {}

  private static Map<String, ChangeDetectionConfig.Method> changeMethods() {
    Map<String, ChangeDetectionConfig.Method> out = new LinkedHashMap<>();
    for (ChangeDetectionConfig.Method m : ChangeDetectionConfig.Method.values()) {
      out.put(m.configName(), m);
    }
    return out;
  }

  private static Map<String, Boolean> otlpEncodings() {
    Map<String, Boolean> out = new LinkedHashMap<>();
    out.put("otlp_proto", true);
    out.put("otlp_json", false);
    return out;
  }

  private static Map<String, LabelFormat> labelFormats() {
    Map<String, LabelFormat> out = new LinkedHashMap<>();
    for (LabelFormat f : LabelFormat.values()) {
      out.put(f.configName(), f);
    }
    return out;
  }

  private static Map<String, InputFormat> inputFormats() {
    Map<String, InputFormat> out = new LinkedHashMap<>();
    for (InputFormat f : InputFormat.values()) {
      out.put(f.configName(), f);
    }
    return out;
  }

  private static Map<String, IncidentGrouping> groupings() {
    Map<String, IncidentGrouping> out = new LinkedHashMap<>();
    for (IncidentGrouping g : IncidentGrouping.values()) {
      out.put(g.configName(), g);
    }
    return out;
  }

  private static Map<String, String> names(String... names) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String n : names) {
      out.put(n, n);
    }
    return out;
  }

  private static Map<String, StateBackend> stateBackends() {
    Map<String, StateBackend> out = new LinkedHashMap<>();
    for (StateBackend b : StateBackend.values()) {
      out.put(b.configName(), b);
    }
    return out;
  }

  private static Map<String, String> notifierTypes() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String t : NotifierConfig.TYPES) {
      out.put(t, t);
    }
    return out;
  }

  private static Map<String, Task> taskNames() {
    Map<String, Task> out = new LinkedHashMap<>();
    for (Task t : Task.values()) {
      out.put(t.yamlName(), t);
    }
    return out;
  }

  /** Every key, in declaration (and documentation) order. */
  public static List<ConfigKey<?>> all() {
    return List.copyOf(KEYS);
  }

  /** The key with this path, e.g. {@code models[].window}. */
  public static Optional<ConfigKey<?>> find(String path) {
    return KEYS.stream().filter(k -> k.path().equals(path)).findFirst();
  }

  /** The names of the keys directly inside {@code parent} ("" for the top level), in order. */
  public static List<String> childrenOf(String parent) {
    return KEYS.stream().filter(k -> k.parent().equals(parent)).map(ConfigKey::name).toList();
  }

  /** The reference table of docs/configuration.md: key, type, default, description. */
  public static String markdownTable() {
    StringBuilder sb = new StringBuilder();
    sb.append("| key | type | default | description |\n");
    sb.append("|---|---|---|---|\n");
    for (ConfigKey<?> k : KEYS) {
      sb.append("| `")
          .append(k.path())
          .append("` | ")
          .append(escape(k.type()))
          .append(" | ")
          .append(
              k.defaultText().equals("required")
                      || k.defaultText().equals("none")
                      || k.defaultText().startsWith("see ")
                  ? k.defaultText()
                  : "`" + k.defaultText() + "`")
          .append(" | ")
          .append(escape(k.description()))
          .append(" |\n");
    }
    return sb.toString();
  }

  private static String escape(String s) {
    return s.replace("|", "\\|");
  }

  private static <T> ConfigKey<T> key(
      String path, ValueType<T> type, T defaultValue, String description) {
    return register(new ConfigKey<>(path, type, defaultValue, false, null, null, description));
  }

  private static ConfigKey<Node> section(String path, String description) {
    return register(new ConfigKey<>(path, ValueTypes.MAP, null, false, "map", "{}", description));
  }

  private static <T> ConfigKey<T> register(ConfigKey<T> key) {
    KEYS.add(key);
    return key;
  }

  private static ConfigKey<Double> threshold(
      String name, ValueType<Double> type, String typeText, String description) {
    return register(
        new ConfigKey<>(
            "models[].checks.<metric>." + name,
            type,
            null,
            false,
            typeText,
            "see the defaults table",
            description));
  }
}
