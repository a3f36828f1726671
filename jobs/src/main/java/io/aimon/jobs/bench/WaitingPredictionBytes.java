package io.aimon.jobs.bench;

import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.label.JoinState;
import io.aimon.detectors.label.Prediction;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * What one prediction waiting for its label adds to a checkpoint of the label join ({@code
 * monitor.label-join}, keyed by inference id): its {@link JoinState} as the state's own serializer
 * writes it, its key, and its expiry timer (key and time), as a full snapshot of the heap state
 * backend writes them. Snapshots frame keys per key group, not per key, so this is the figure that
 * grows with the predictions waiting (RocksDB adds a key-group prefix per key and compresses).
 */
public final class WaitingPredictionBytes {
  private WaitingPredictionBytes() {}

  /**
   * The bytes one waiting prediction of {@code event} (label due within {@code maxDelay}) takes.
   */
  public static long of(InferenceEvent event, long maxDelayMillis) throws IOException {
    JoinState waiting =
        new JoinState(Prediction.of(event), null, false, event.timestamp() + maxDelayMillis);
    DataOutputSerializer state = new DataOutputSerializer(256);
    // the same type information JoinLabels declares its state with
    TypeInformation.of(JoinState.class)
        .createSerializer(new SerializerConfigImpl())
        .serialize(waiting, state);
    DataOutputSerializer key = new DataOutputSerializer(64);
    StringSerializer.INSTANCE.serialize(event.inferenceId(), key);
    return state.length() + key.length() + (key.length() + Long.BYTES);
  }
}
