package io.aimon.jobs.monitor;

import io.aimon.detectors.outcome.OutcomeAccumulator;
import io.aimon.detectors.outcome.OutcomeAccumulatorCodec;
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
 * Checkpoints outcome windows through {@link OutcomeAccumulatorCodec}, the versioned layout owned
 * by the detectors module, instead of Kryo.
 */
public final class OutcomeSerializer extends TypeSerializerSingleton<OutcomeAccumulator> {
  private static final long serialVersionUID = 1L;
  public static final OutcomeSerializer INSTANCE = new OutcomeSerializer();

  /** The type information that makes Flink use this serializer. */
  public static final TypeInformation<OutcomeAccumulator> TYPE_INFO = new TypeInfo();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public OutcomeAccumulator createInstance() {
    return null;
  }

  @Override
  public OutcomeAccumulator copy(OutcomeAccumulator from) {
    return OutcomeAccumulatorCodec.decode(OutcomeAccumulatorCodec.encode(from));
  }

  @Override
  public OutcomeAccumulator copy(OutcomeAccumulator from, OutcomeAccumulator reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(OutcomeAccumulator record, DataOutputView target) throws IOException {
    byte[] bytes = OutcomeAccumulatorCodec.encode(record);
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  @Override
  public OutcomeAccumulator deserialize(DataInputView source) throws IOException {
    byte[] bytes = new byte[source.readInt()];
    source.readFully(bytes);
    return OutcomeAccumulatorCodec.decode(bytes);
  }

  @Override
  public OutcomeAccumulator deserialize(OutcomeAccumulator reuse, DataInputView source)
      throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    int len = source.readInt();
    target.writeInt(len);
    target.write(source, len);
  }

  @Override
  public TypeSerializerSnapshot<OutcomeAccumulator> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot for savepoint compatibility; the codec's own version byte handles layout changes. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<OutcomeAccumulator> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  private static final class TypeInfo extends TypeInformation<OutcomeAccumulator> {
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
    public Class<OutcomeAccumulator> getTypeClass() {
      return OutcomeAccumulator.class;
    }

    @Override
    public boolean isKeyType() {
      return false;
    }

    @Override
    public TypeSerializer<OutcomeAccumulator> createSerializer(SerializerConfig config) {
      return INSTANCE;
    }

    @Override
    public String toString() {
      return "OutcomeAccumulator";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TypeInfo;
    }

    @Override
    public int hashCode() {
      return OutcomeAccumulator.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
      return o instanceof TypeInfo;
    }
  }
}
