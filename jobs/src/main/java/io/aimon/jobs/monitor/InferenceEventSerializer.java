package io.aimon.jobs.monitor;

import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.InferenceEventCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
final class InferenceEventSerializer extends CodecSerializer<InferenceEvent> {
  private static final long serialVersionUID = 1L;
  static final InferenceEventSerializer INSTANCE = new InferenceEventSerializer();
  static final TypeInformation<InferenceEvent> TYPE_INFO = INSTANCE.typeInfo();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public InferenceEvent copy(InferenceEvent from) {
    return from;
  }

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
  byte[] encode(InferenceEvent value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      InferenceEventCodec.write(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  InferenceEvent decode(byte[] bytes) {
    try {
      return InferenceEventCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  Class<InferenceEvent> typeClass() {
    return InferenceEvent.class;
  }

  @Override
  public InferenceEvent createInstance() {
    return null;
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
