package io.aimon.jobs.monitor;

import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.InferenceEventCodec;
import io.aimon.jobs.io.ImmutableTypeSerializer;
import io.aimon.jobs.io.SerializerTypeInfo;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Carries {@link InferenceEvent}s between the monitor job's operators in {@link
 * InferenceEventCodec}'s layout, written straight to Flink's buffers (no reflection, no byte array
 * per event). An event is never changed once decoded (its arrays included), so copying one between
 * chained operators hands on the same instance.
 */
final class InferenceEventSerializer extends ImmutableTypeSerializer<InferenceEvent> {
  private static final long serialVersionUID = 1L;
  static final InferenceEventSerializer INSTANCE = new InferenceEventSerializer();
  static final TypeInformation<InferenceEvent> TYPE_INFO =
      new SerializerTypeInfo<>(INSTANCE, InferenceEvent.class);

  @Override
  public void serialize(InferenceEvent record, DataOutputView target) throws IOException {
    InferenceEventCodec.write(record, target);
  }

  @Override
  public InferenceEvent deserialize(DataInputView source) throws IOException {
    return InferenceEventCodec.read(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<InferenceEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores this serializer; the layout's version byte is in every event. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<InferenceEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
