package io.aimon.jobs.monitor;

import io.aimon.alerting.incident.SeriesKey;
import io.aimon.alerting.policy.AlertPolicy;
import io.aimon.alerting.remediation.RemediationPolicy;
import io.aimon.alerting.remediation.SeriousCategory;
import io.aimon.config.AimonConfig;
import io.aimon.config.CorrectiveActionConfig;
import io.aimon.config.Digests;
import io.aimon.config.EvidenceConfig;
import io.aimon.config.InputConfig;
import io.aimon.config.JobSettings;
import io.aimon.config.ModelConfig;
import io.aimon.config.StateBackend;
import io.aimon.config.TensorMapping;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.event.EventDecoder;
import io.aimon.detectors.input.FormatDecoder;
import io.aimon.detectors.input.HalfPairing;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.evidence.payload.MonitoringPlanEvidence;
import io.aimon.evidence.plan.MonitoringPlans;
import io.aimon.jobs.evidence.EvidenceItems;
import io.aimon.jobs.state.ChainContinuation;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the monitor job's functions need, resolved before the job starts: the model specs,
 * their reference profiles and the job settings. Serializable, so it travels with the job graph.
 */
public final class MonitorPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, ModelSpec> specs;
  private final Map<String, ReferenceProfile> references;
  private final int maxRecordBytes;
  private final long maxFutureSkewMillis;
  private final long maxEventAgeMillis;
  private final long outOfOrdernessMillis;
  private final long idlenessMillis;
  private final long checkpointIntervalMillis;
  private final int parallelism;
  private final StateBackend stateBackend;
  private final int duplicateIdsPerWindow;
  private final double duplicateFalsePositiveRate;
  private final ShardKeys shardKeys;
  private final Map<String, AlertPolicy> policies;
  private String configDigest = "0".repeat(64);
  private EvidenceConfig evidence = EvidenceConfig.defaults();
  private CorrectiveActionConfig correctiveActions = CorrectiveActionConfig.defaults();
  private LinkedHashMap<String, String> inputDigests = new LinkedHashMap<>();
  private ChainContinuation continuation;
  private LinkedHashMap<String, MonitoringPlanEvidence> monitoringPlans = new LinkedHashMap<>();
  private InputConfig input = InputConfig.defaults();
  private LinkedHashMap<String, TensorMapping> tensorMappings = new LinkedHashMap<>();

  public MonitorPlan(
      Map<String, ModelSpec> specs, Map<String, ReferenceProfile> references, JobSettings job) {
    this(specs, references, job, Map.of());
  }

  /**
   * @param policies the alert policy per model; models without one use {@link AlertPolicy#DEFAULT}
   */
  public MonitorPlan(
      Map<String, ModelSpec> specs,
      Map<String, ReferenceProfile> references,
      JobSettings job,
      Map<String, AlertPolicy> policies) {
    this.specs = new LinkedHashMap<>(specs);
    this.references = new LinkedHashMap<>(references);
    for (String id : specs.keySet()) {
      Objects.requireNonNull(references.get(id), "no reference profile for model " + id);
    }
    this.maxRecordBytes = job.maxRecordBytes();
    this.maxFutureSkewMillis = job.maxFutureSkew().toMillis();
    this.maxEventAgeMillis = job.maxEventAge().toMillis();
    this.outOfOrdernessMillis = job.outOfOrderness().toMillis();
    this.idlenessMillis = job.idleness().toMillis();
    this.checkpointIntervalMillis = job.checkpointInterval().toMillis();
    this.parallelism = job.parallelism();
    this.stateBackend = job.stateBackend();
    this.duplicateIdsPerWindow = job.duplicateIdsPerWindow();
    this.duplicateFalsePositiveRate = job.duplicateFalsePositiveRate();
    this.shardKeys = new ShardKeys(specs.keySet(), job.shards(), job.parallelism());
    this.policies = new LinkedHashMap<>(policies);
  }

  /** Specs of the config's models, with the given reference profiles. */
  public static MonitorPlan of(AimonConfig config, Map<String, ReferenceProfile> references) {
    Map<String, ModelSpec> specs = new LinkedHashMap<>();
    Map<String, AlertPolicy> policies = new LinkedHashMap<>();
    config
        .models()
        .forEach(
            m -> {
              specs.put(m.id(), ModelSpec.from(m, config.job().exactValues()));
              policies.put(m.id(), AlertPolicy.from(m.alerting()));
            });
    MonitorPlan plan = new MonitorPlan(specs, references, config.job(), policies);
    plan.configDigest = config.digest();
    plan.evidence = config.evidence();
    plan.correctiveActions = config.correctiveActions();
    plan.input = config.input();
    for (ModelConfig m : config.models()) {
      plan.tensorMappings.put(m.id(), m.tensors());
    }
    for (ModelConfig m : config.models()) {
      plan.monitoringPlans.put(
          m.id(),
          MonitoringPlans.of(
              config, m, references.get(m.id()).digest(), EvidenceItems.aimonVersion()));
    }
    return plan;
  }

  /**
   * The monitoring plan of each model, recorded in its evidence chain and named by its check
   * records; empty for a plan not made from a config file.
   */
  public Map<String, MonitoringPlanEvidence> monitoringPlans() {
    return monitoringPlans;
  }

  /** The digest of {@code modelId}'s monitoring plan, or null without one. */
  public String planDigest(String modelId) {
    MonitoringPlanEvidence p = monitoringPlans.get(modelId);
    return p == null ? null : p.planDigest();
  }

  /** The SHA-256 of the config file the plan was made from (recorded in evidence). */
  public String configDigest() {
    return configDigest;
  }

  /**
   * The SHA-256 of each input file by its name (replay), recorded in coverage evidence next to the
   * lines read from it; empty for Kafka.
   */
  public Map<String, String> inputDigests() {
    return inputDigests;
  }

  /** Records the SHA-256 of {@code file}'s bytes as the digest of the source named after it. */
  public MonitorPlan withInputDigest(Path file) throws IOException {
    MessageDigest sha = Digests.sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
    }
    inputDigests.put(file.getFileName().toString(), HexFormat.of().formatHex(sha.digest()));
    return this;
  }

  /**
   * Continues the evidence chains where {@code c} says they end, opening each with a {@code
   * state_loss} record ({@code aimon run --continue-chain}); only for a start with empty state.
   */
  public MonitorPlan withContinuation(ChainContinuation c) {
    this.continuation = c;
    return this;
  }

  /** Where the evidence chains continue, or null when a new chain starts at seq 1. */
  public ChainContinuation continuation() {
    return continuation;
  }

  /** How corrective actions are judged ({@code corrective_actions}). */
  public RemediationPolicy remediationPolicy() {
    java.util.Map<SeriousCategory, java.time.Duration> within =
        new java.util.EnumMap<>(SeriousCategory.class);
    correctiveActions
        .seriousReportWithin()
        .forEach((code, d) -> within.put(SeriousCategory.ofCode(code), d));
    return new RemediationPolicy(
        correctiveActions.verifyWindows(), correctiveActions.majorAfter(), within);
  }

  /** {@code job.max_future_skew} in ms. */
  public long maxFutureSkewMillis() {
    return maxFutureSkewMillis;
  }

  /** The evidence settings. */
  public EvidenceConfig evidence() {
    return evidence;
  }

  public Map<String, ModelSpec> specs() {
    return specs;
  }

  public ModelSpec spec(String modelId) {
    return specs.get(modelId);
  }

  public ReferenceProfile reference(String modelId) {
    return references.get(modelId);
  }

  public EventDecoder decoder() {
    return new EventDecoder(specs, maxRecordBytes, maxFutureSkewMillis, maxEventAgeMillis);
  }

  /** The {@code input} section: the inference records' format. */
  public InputConfig input() {
    return input;
  }

  /** Reads records of another format than the config's (tests, benchmarks). */
  public MonitorPlan withInput(InputConfig input) {
    this.input = input;
    return this;
  }

  /** A decoder of a paired format's records (one per subtask: it is not thread-safe). */
  public FormatDecoder formatDecoder() {
    return new FormatDecoder(input, decoder(), specs, tensorMappings);
  }

  /** Joins the two halves of a paired format's inferences. */
  public HalfPairing pairing() {
    return new HalfPairing(input.pairTimeout());
  }

  public int maxRecordBytes() {
    return maxRecordBytes;
  }

  public Duration outOfOrderness() {
    return Duration.ofMillis(outOfOrdernessMillis);
  }

  public Duration idleness() {
    return Duration.ofMillis(idlenessMillis);
  }

  public Duration checkpointInterval() {
    return Duration.ofMillis(checkpointIntervalMillis);
  }

  /** {@code job.duplicate_ids_per_window}: ids remembered per model and window; 0 for no check. */
  public int duplicateIdsPerWindow() {
    return duplicateIdsPerWindow;
  }

  /** The shard keys of the models' events ({@code job.shards_per_model}). */
  ShardKeys shardKeys() {
    return shardKeys;
  }

  /** {@code job.duplicate_false_positive_rate}. */
  public double duplicateFalsePositiveRate() {
    return duplicateFalsePositiveRate;
  }

  public int parallelism() {
    return parallelism;
  }

  /** {@code job.state_backend}. */
  public StateBackend stateBackend() {
    return stateBackend;
  }

  /** The model's alert policy. */
  public AlertPolicy policy(String modelId) {
    return policies.getOrDefault(modelId, AlertPolicy.DEFAULT);
  }

  /**
   * The incident group of a check result under its model's {@code alerting.group_by} ({@link
   * SeriesKey#groupKey}): what {@link RaiseIncidents} is keyed by.
   */
  public String incidentGroup(CheckResult r) {
    return SeriesKey.of(r).groupKey(policy(r.modelId()).groupBy());
  }
}
