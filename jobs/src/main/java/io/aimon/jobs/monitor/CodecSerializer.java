package io.aimon.jobs.monitor;

import io.aimon.jobs.io.SerializerTypeInfo;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A Flink serializer for state whose binary layout is owned (and versioned) by a codec in the
 * detectors module, so checkpoints never fall back to Kryo. Subclasses name the codec.
 */
abstract class CodecSerializer<T> extends TypeSerializerSingleton<T> {
  private static final long serialVersionUID = 1L;

  /** The value's bytes, as its codec writes them. */
  abstract byte[] encode(T value);

  /** The value the bytes stand for. */
  abstract T decode(byte[] bytes);

  abstract Class<T> typeClass();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public T copy(T from) {
    return decode(encode(from));
  }

  @Override
  public T copy(T from, T reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(T record, DataOutputView target) throws IOException {
    byte[] bytes = encode(record);
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    byte[] bytes = new byte[source.readInt()];
    source.readFully(bytes);
    return decode(bytes);
  }

  @Override
  public T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    int len = source.readInt();
    byte[] bytes = new byte[len];
    source.readFully(bytes);
    target.writeInt(len);
    // through an array: DataOutputSerializer.write(DataInputView, n) does not grow its buffer
    target.write(bytes);
  }

  /** Type information that makes Flink use this serializer. */
  TypeInformation<T> typeInfo() {
    return new SerializerTypeInfo<>(this, typeClass());
  }
}
