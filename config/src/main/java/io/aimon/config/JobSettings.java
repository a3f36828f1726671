package io.aimon.config;

import java.time.Duration;

/**
 * The {@code job} section: Flink job settings.
 *
 * @param parallelism {@code job.parallelism}, &gt;= 1
 * @param checkpointInterval {@code job.checkpoint_interval}, &gt; 0
 * @param outOfOrderness {@code job.out_of_orderness}, &gt;= 0: the watermark bound; events behind
 *     the watermark are dead-lettered as {@code late}
 * @param idleness {@code job.idleness}, &gt; 0: a source partition idle this long stops holding
 *     back the watermark
 * @param maxRecordBytes {@code job.max_record_bytes}, in [1024, 104857600]
 * @param exactValues {@code job.exact_values}, in [0, 1000000]: distinct numeric values per feature
 *     and window counted exactly before switching to a quantile sketch
 * @param maxFutureSkew {@code job.max_future_skew}, &gt; 0: events stamped further ahead of the
 *     wall clock are dead-lettered as {@code future_timestamp}
 * @param checkpointDir {@code job.checkpoint_dir}: where {@code aimon run} keeps its checkpoints
 *     and savepoints, an absolute path or a Flink filesystem URI; null for the default {@value
 *     #DEFAULT_CHECKPOINT_DIR} under the working directory
 * @param maxEventAge {@code job.max_event_age}, &gt; 0: events stamped further behind the wall
 *     clock are dead-lettered as {@code too_old}
 * @param metricsHost {@code job.metrics_host}: the address the local jobs' Prometheus endpoint
 *     listens on, {@value #DEFAULT_METRICS_HOST} (this machine only) unless set
 * @param duplicateIdsPerWindow {@code job.duplicate_ids_per_window}, in [0, 100000000]: inference
 *     ids per model and window remembered to dead-letter repeated events; 0 turns the check off
 * @param duplicateFalsePositiveRate {@code job.duplicate_false_positive_rate}, in [1e-12, 0.01]:
 *     the largest probability that an event with a new id is taken for a duplicate
 * @param shardsPerModel {@code job.shards_per_model}, in [0, 4096]: partial windows per model; 0
 *     for the parallelism (see {@link #shards()})
 */
public record JobSettings(
    int parallelism,
    Duration checkpointInterval,
    Duration outOfOrderness,
    Duration idleness,
    int maxRecordBytes,
    int exactValues,
    Duration maxFutureSkew,
    String checkpointDir,
    Duration maxEventAge,
    String metricsHost,
    int duplicateIdsPerWindow,
    double duplicateFalsePositiveRate,
    int shardsPerModel,
    StateBackend stateBackend) {

  /** {@code job.duplicate_ids_per_window} unless set. */
  public static final int DEFAULT_DUPLICATE_IDS_PER_WINDOW = 1_000_000;

  /** {@code job.duplicate_false_positive_rate} unless set. */
  public static final double DEFAULT_DUPLICATE_FALSE_POSITIVE_RATE = 1e-6;

  /** Where the local Prometheus endpoint listens unless {@code job.metrics_host} says otherwise. */
  public static final String DEFAULT_METRICS_HOST = "127.0.0.1";

  /**
   * Where checkpoints go when {@code job.checkpoint_dir} is not set: under the working directory.
   */
  public static final String DEFAULT_CHECKPOINT_DIR = "aimon-checkpoints";

  public JobSettings {
    if (maxEventAge == null) {
      maxEventAge = ConfigKeys.JOB_MAX_EVENT_AGE.defaultValue();
    }
    requirePositive("maxEventAge", maxEventAge);
    if (stateBackend == null) {
      stateBackend = StateBackend.HASHMAP;
    }
    if (metricsHost == null || metricsHost.isBlank()) {
      metricsHost = DEFAULT_METRICS_HOST;
    }
    if (checkpointDir != null && checkpointDir.isBlank()) {
      throw new IllegalArgumentException("checkpointDir must not be blank");
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
    }
    requirePositive("checkpointInterval", checkpointInterval);
    if (outOfOrderness == null || outOfOrderness.isNegative()) {
      throw new IllegalArgumentException("outOfOrderness must be >= 0, was " + outOfOrderness);
    }
    requirePositive("idleness", idleness);
    if (maxRecordBytes < 1024 || maxRecordBytes > 104_857_600) {
      throw new IllegalArgumentException(
          "maxRecordBytes must be in [1024, 104857600], was " + maxRecordBytes);
    }
    if (exactValues < 0 || exactValues > 1_000_000) {
      throw new IllegalArgumentException("exactValues must be in [0, 1000000], was " + exactValues);
    }
    requirePositive("maxFutureSkew", maxFutureSkew);
    if (duplicateIdsPerWindow < 0 || duplicateIdsPerWindow > 100_000_000) {
      throw new IllegalArgumentException(
          "duplicateIdsPerWindow must be in [0, 100000000], was " + duplicateIdsPerWindow);
    }
    if (shardsPerModel < 0 || shardsPerModel > 4096) {
      throw new IllegalArgumentException(
          "shardsPerModel must be in [0, 4096], was " + shardsPerModel);
    }
    if (!(duplicateFalsePositiveRate >= 1e-12 && duplicateFalsePositiveRate <= 0.01)) {
      throw new IllegalArgumentException(
          "duplicateFalsePositiveRate must be in [1e-12, 0.01], was " + duplicateFalsePositiveRate);
    }
  }

  /**
   * The defaults of the registry: 1, 10s, 1m, 1m, 1048576, 10000, 1h, the default directory, the
   * default host, 1000000 ids at 1e-6, shards as the parallelism, the heap state backend.
   */
  public static JobSettings defaults() {
    return new JobSettings(
        ConfigKeys.JOB_PARALLELISM.defaultValue(),
        ConfigKeys.JOB_CHECKPOINT_INTERVAL.defaultValue(),
        ConfigKeys.JOB_OUT_OF_ORDERNESS.defaultValue(),
        ConfigKeys.JOB_IDLENESS.defaultValue(),
        ConfigKeys.JOB_MAX_RECORD_BYTES.defaultValue(),
        ConfigKeys.JOB_EXACT_VALUES.defaultValue(),
        ConfigKeys.JOB_MAX_FUTURE_SKEW.defaultValue(),
        null,
        ConfigKeys.JOB_MAX_EVENT_AGE.defaultValue(),
        DEFAULT_METRICS_HOST,
        DEFAULT_DUPLICATE_IDS_PER_WINDOW,
        DEFAULT_DUPLICATE_FALSE_POSITIVE_RATE,
        0,
        StateBackend.HASHMAP);
  }

  /** The shards per model: {@code job.shards_per_model}, or the parallelism when it is 0. */
  public int shards() {
    return shardsPerModel == 0 ? parallelism : shardsPerModel;
  }

  /** {@link #checkpointDir()}, or {@value #DEFAULT_CHECKPOINT_DIR} under the working directory. */
  public String checkpointLocation() {
    return checkpointDir != null
        ? checkpointDir
        : java.nio.file.Path.of(DEFAULT_CHECKPOINT_DIR).toAbsolutePath().normalize().toString();
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
  }
}
