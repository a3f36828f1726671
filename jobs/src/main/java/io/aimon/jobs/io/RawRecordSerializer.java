package io.aimon.jobs.io;

import io.aimon.detectors.event.RawRecord;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Carries {@link RawRecord}s from the sources to the decoder: source, position, payload and size,
 * then the headers, timestamp, key and bytes, the strings as Flink's string serializer writes them
 * (any length). A record is immutable, so handing one to a chained operator hands on the same
 * instance (no reflective copy per record).
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
    target.writeInt(r.headers().size());
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      StringValue.writeString(h.getKey(), target);
      StringValue.writeString(h.getValue(), target);
    }
    target.writeLong(r.timestamp());
    target.writeBoolean(r.key() != null);
    if (r.key() != null) {
      StringValue.writeString(r.key(), target);
    }
    target.writeInt(r.bytes() == null ? -1 : r.bytes().length);
    if (r.bytes() != null) {
      target.write(r.bytes());
    }
  }

  @Override
  public RawRecord deserialize(DataInputView source) throws IOException {
    String from = StringValue.readString(source);
    long position = source.readLong();
    String payload = StringValue.readString(source);
    long size = source.readLong();
    int headerCount = source.readInt();
    Map<String, String> headers = headerCount == 0 ? Map.of() : new HashMap<>(headerCount * 2);
    for (int i = 0; i < headerCount; i++) {
      headers.put(StringValue.readString(source), StringValue.readString(source));
    }
    long timestamp = source.readLong();
    String key = source.readBoolean() ? StringValue.readString(source) : null;
    int n = source.readInt();
    byte[] bytes = null;
    if (n >= 0) {
      bytes = new byte[n];
      source.readFully(bytes);
    }
    return new RawRecord(from, position, payload, size, headers, timestamp, key, bytes);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
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
