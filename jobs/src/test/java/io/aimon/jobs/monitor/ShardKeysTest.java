package io.aimon.jobs.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;

/** {@link ShardKeys}: each shard on its own subtask, ids spread evenly, the model read back. */
class ShardKeysTest {
  @Test
  void eachShardLandsOnItsOwnSubtask() {
    for (int p : List.of(1, 2, 3, 4, 8)) {
      ShardKeys keys = new ShardKeys(List.of("credit-risk", "churn"), p, p);
      int maxParallelism = KeyGroupRangeAssignment.computeDefaultMaxParallelism(p);
      for (String model : List.of("credit-risk", "churn")) {
        Set<Integer> subtasks = new TreeSet<>();
        Map<String, Integer> perShard = new HashMap<>();
        for (int i = 0; i < 40_000; i++) {
          String key = keys.of(model, "inf-" + i);
          assertEquals(model, ShardKeys.modelOf(key));
          perShard.merge(key, 1, Integer::sum);
          subtasks.add(KeyGroupRangeAssignment.assignKeyToParallelOperator(key, maxParallelism, p));
        }
        assertEquals(p, perShard.size(), "shards of " + model + " at parallelism " + p);
        assertEquals(p, subtasks.size(), "subtasks used at parallelism " + p);
        for (int n : perShard.values()) {
          assertTrue(Math.abs(n - 40_000.0 / p) < 40_000.0 / p * 0.05, "even spread: " + perShard);
        }
      }
    }
  }

  @Test
  void oneInferenceIdAlwaysHasTheSameShard() {
    ShardKeys a = new ShardKeys(List.of("m"), 4, 4);
    ShardKeys b = new ShardKeys(List.of("m"), 4, 4);
    assertEquals(a.of("m", "inf-17"), b.of("m", "inf-17"));
    assertEquals("m", ShardKeys.modelOf("m"), "a key from before shards is the model");
  }
}
