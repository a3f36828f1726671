package io.aimon.jobs.monitor;

import io.aimon.detectors.profile.WindowAccumulator;
import io.aimon.detectors.profile.WindowAccumulatorCodec;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Checkpoints window state through {@link WindowAccumulatorCodec}, the versioned layout owned by
 * the detectors module, instead of Kryo.
 */
public final class WindowStateSerializer extends TypeSerializerSingleton<WindowState> {
  private static final long serialVersionUID = 1L;
  public static final WindowStateSerializer INSTANCE = new WindowStateSerializer();

  /** The type information that makes Flink use this serializer. */
  public static final TypeInformation<WindowState> TYPE_INFO = new TypeInfo();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public WindowState createInstance() {
    return new WindowState();
  }

  @Override
  public WindowState copy(WindowState from) {
    return from.accumulator == null
        ? new WindowState()
        : new WindowState(
            WindowAccumulatorCodec.decode(WindowAccumulatorCodec.encode(from.accumulator)));
  }

  @Override
  public WindowState copy(WindowState from, WindowState reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(WindowState record, DataOutputView target) throws IOException {
    if (record.accumulator == null) {
      target.writeInt(0);
      return;
    }
    byte[] bytes = WindowAccumulatorCodec.encode(record.accumulator);
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  @Override
  public WindowState deserialize(DataInputView source) throws IOException {
    int len = source.readInt();
    if (len == 0) {
      return new WindowState();
    }
    byte[] bytes = new byte[len];
    source.readFully(bytes);
    WindowAccumulator acc = WindowAccumulatorCodec.decode(bytes);
    return new WindowState(acc);
  }

  @Override
  public WindowState deserialize(WindowState reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    int len = source.readInt();
    target.writeInt(len);
    target.write(source, len);
  }

  @Override
  public TypeSerializerSnapshot<WindowState> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot for savepoint compatibility; the codec's own version byte handles layout changes. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<WindowState> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  private static final class TypeInfo extends TypeInformation<WindowState> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isBasicType() {
      return false;
    }

    @Override
    public boolean isTupleType() {
      return false;
    }

    @Override
    public int getArity() {
      return 1;
    }

    @Override
    public int getTotalFields() {
      return 1;
    }

    @Override
    public Class<WindowState> getTypeClass() {
      return WindowState.class;
    }

    @Override
    public boolean isKeyType() {
      return false;
    }

    @Override
    public TypeSerializer<WindowState> createSerializer(SerializerConfig config) {
      return INSTANCE;
    }

    @Override
    public String toString() {
      return "WindowState";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TypeInfo;
    }

    @Override
    public int hashCode() {
      return WindowState.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
      return o instanceof TypeInfo;
    }
  }
}
