package io.aimon.jobs.io;

import io.aimon.detectors.event.RawRecord;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Carries {@link RawRecord}s from the sources to the decoder: source, position, payload and size,
 * the strings as Flink's string serializer writes them (any length). A record is immutable, so
 * handing one to a chained operator hands on the same instance (no reflective copy per record).
 */
public final class RawRecordSerializer extends ImmutableTypeSerializer<RawRecord> {
  private static final long serialVersionUID = 1L;
  public static final RawRecordSerializer INSTANCE = new RawRecordSerializer();
  public static final TypeInformation<RawRecord> TYPE_INFO =
      new SerializerTypeInfo<>(INSTANCE, RawRecord.class);

  @Override
  public void serialize(RawRecord r, DataOutputView target) throws IOException {
    StringValue.writeString(r.source(), target);
    target.writeLong(r.position());
    StringValue.writeString(r.payload(), target);
    target.writeLong(r.sizeBytes());
  }

  @Override
  public RawRecord deserialize(DataInputView source) throws IOException {
    String from = StringValue.readString(source);
    long position = source.readLong();
    String payload = StringValue.readString(source);
    return new RawRecord(from, position, payload, source.readLong());
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    StringValue.copyString(source, target);
    target.writeLong(source.readLong());
    StringValue.copyString(source, target);
    target.writeLong(source.readLong());
  }

  @Override
  public TypeSerializerSnapshot<RawRecord> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores this serializer (raw records are never kept in state; edges only). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<RawRecord> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
