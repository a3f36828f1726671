package io.aimon.config;

/**
 * Where a job keeps its keyed state between checkpoints ({@code job.state_backend}).
 *
 * <p>{@link #HASHMAP} holds state as objects on the JVM heap: fastest, and right while the state of
 * all open windows and waiting predictions fits in the TaskManagers' heap. {@link #ROCKSDB} holds
 * it serialized in an embedded RocksDB on local disk, bounded by disk rather than heap, with
 * incremental checkpoints (only the files changed since the last checkpoint are uploaded): for many
 * models, long label delays and large duplicate filters.
 */
public enum StateBackend {
  HASHMAP("hashmap"),
  ROCKSDB("rocksdb");

  private final String configName;

  StateBackend(String configName) {
    this.configName = configName;
  }

  /** The name in the config file, which is also Flink's {@code state.backend.type}. */
  public String configName() {
    return configName;
  }
}
