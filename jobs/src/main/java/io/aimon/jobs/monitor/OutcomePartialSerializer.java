package io.aimon.jobs.monitor;

import io.aimon.detectors.outcome.OutcomeAccumulatorCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Carries {@link OutcomePartial}s between the shards and the per-model evaluation: layout v1 is a
 * version byte, the model id (modified UTF-8), the window start (long), then the accumulator as
 * {@link OutcomeAccumulatorCodec} writes it.
 */
final class OutcomePartialSerializer extends CodecSerializer<OutcomePartial> {
  private static final long serialVersionUID = 1L;
  private static final byte VERSION = 1;
  static final OutcomePartialSerializer INSTANCE = new OutcomePartialSerializer();
  static final TypeInformation<OutcomePartial> TYPE_INFO = INSTANCE.typeInfo();

  @Override
  byte[] encode(OutcomePartial p) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(p.modelId());
      out.writeLong(p.windowStart());
      byte[] acc = OutcomeAccumulatorCodec.encode(p.accumulator());
      out.writeInt(acc.length);
      out.write(acc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  OutcomePartial decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "outcome partial: expected layout version " + VERSION + ", found " + version);
      }
      String model = in.readUTF();
      long start = in.readLong();
      byte[] acc = new byte[in.readInt()];
      in.readFully(acc);
      return new OutcomePartial(model, start, OutcomeAccumulatorCodec.decode(acc));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  Class<OutcomePartial> typeClass() {
    return OutcomePartial.class;
  }

  @Override
  public OutcomePartial createInstance() {
    return null;
  }

  @Override
  public TypeSerializerSnapshot<OutcomePartial> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot for savepoint compatibility; the layout's version byte handles changes. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<OutcomePartial> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
