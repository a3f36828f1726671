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
 * @param metricsHost {@code job.metrics_host}: the address the local jobs' Prometheus endpoint
 *     listens on, {@value #DEFAULT_METRICS_HOST} (this machine only) unless set
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
    String metricsHost) {

  /** Where the local Prometheus endpoint listens unless {@code job.metrics_host} says otherwise. */
  public static final String DEFAULT_METRICS_HOST = "127.0.0.1";

  /**
   * Where checkpoints go when {@code job.checkpoint_dir} is not set: under the working directory.
   */
  public static final String DEFAULT_CHECKPOINT_DIR = "aimon-checkpoints";

  public JobSettings {
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
  }

  /** The defaults of the registry: 1, 10s, 1m, 1m, 1048576, 10000, 1h, the default directory. */
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
        DEFAULT_METRICS_HOST);
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
