package io.aimon.jobs.monitor;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.util.MathUtils;

/**
 * The keys that spread one model's events over parallel subtasks: an event goes to shard {@code
 * hash(inference_id) mod shards} of its model, so every event of one inference id (its prediction,
 * its repeats, its label) meets in the same shard, and each shard keeps a partial window that is
 * merged per model before the checks.
 *
 * <p>Flink places a key by the hash of its key group, so {@code shards} arbitrary keys could share
 * a subtask. Each shard's key is chosen instead so that shard {@code s} lands on subtask {@code s
 * mod parallelism}: with as many shards as subtasks, one model uses them all. A key is {@code
 * <model>#<n>}; {@link #modelOf} reads the model back (a key without {@code #}, from state written
 * before shards existed, is the model itself).
 */
final class ShardKeys implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int shards;
  private final Map<String, String[]> keys = new HashMap<>();

  /**
   * @param models the configured model ids
   * @param shards shards per model, >= 1
   * @param parallelism the parallelism of the keyed operators, >= 1
   */
  ShardKeys(Collection<String> models, int shards, int parallelism) {
    if (shards < 1 || parallelism < 1) {
      throw new IllegalArgumentException(
          "shards, parallelism: expected >= 1, found " + shards + ", " + parallelism);
    }
    this.shards = shards;
    int maxParallelism = KeyGroupRangeAssignment.computeDefaultMaxParallelism(parallelism);
    for (String model : models) {
      String[] k = new String[shards];
      Set<String> used = new HashSet<>();
      int n = 0;
      for (int s = 0; s < shards; s++) {
        int subtask = s % parallelism;
        String key;
        do {
          key = model + "#" + n++;
        } while (used.contains(key)
            || KeyGroupRangeAssignment.assignKeyToParallelOperator(key, maxParallelism, parallelism)
                != subtask);
        used.add(key);
        k[s] = key;
      }
      keys.put(model, k);
    }
  }

  /** The key of the shard {@code inferenceId} belongs to among {@code modelId}'s. */
  String of(String modelId, String inferenceId) {
    String[] k = keys.get(modelId);
    return k[Math.floorMod(MathUtils.murmurHash(inferenceId.hashCode()), shards)];
  }

  int shards() {
    return shards;
  }

  /** The model a shard key belongs to. */
  static String modelOf(String key) {
    int at = key.lastIndexOf('#');
    return at < 0 ? key : key.substring(0, at);
  }
}
