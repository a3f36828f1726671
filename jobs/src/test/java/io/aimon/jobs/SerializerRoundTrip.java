package io.aimon.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Test helper: values through a Flink serializer and back, as a network edge carries them. */
public final class SerializerRoundTrip {
  private SerializerRoundTrip() {}

  /**
   * Writes {@code values} one after another, copies the bytes value by value (as Flink does when it
   * forwards a record unread) and checks the copy is the same bytes, then reads the values back
   * from the copy and checks nothing is left over.
   */
  public static <T> List<T> of(TypeSerializer<T> serializer, List<T> values) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    for (T v : values) {
      serializer.serialize(v, out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    DataOutputSerializer copied = new DataOutputSerializer(64);
    for (int i = 0; i < values.size(); i++) {
      serializer.copy(in, copied);
    }
    assertArrayEquals(out.getCopyOfBuffer(), copied.getCopyOfBuffer(), "copied bytes");
    DataInputDeserializer back = new DataInputDeserializer(copied.getCopyOfBuffer());
    List<T> read = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      read.add(serializer.deserialize(back));
    }
    assertEquals(0, back.available(), "bytes left over");
    return read;
  }
}
