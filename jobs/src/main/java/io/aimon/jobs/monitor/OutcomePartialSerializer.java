package io.aimon.jobs.monitor;

import io.aimon.detectors.outcome.OutcomeAccumulatorCodec;
import io.aimon.detectors.version.VersionSplit;
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
 * Carries {@link OutcomePartial}s between the shards and the per-model evaluation: a version byte,
 * the model id (modified UTF-8), the window start (long), then in layout 2 the outcomes split by
 * version ({@link OutcomeSplitSerializer}'s bytes), in layout 1 (still read, as pooled) one
 * accumulator as {@link OutcomeAccumulatorCodec} writes it.
 */
final class OutcomePartialSerializer extends CodecSerializer<OutcomePartial> {
  private static final long serialVersionUID = 1L;
  private static final byte VERSION = 2;
  private static final byte V1 = 1;
  static final OutcomePartialSerializer INSTANCE = new OutcomePartialSerializer();
  static final TypeInformation<OutcomePartial> TYPE_INFO = INSTANCE.typeInfo();

  @Override
  byte[] encode(OutcomePartial p) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(p.modelId());
      out.writeLong(p.windowStart());
      byte[] acc = OutcomeSplitSerializer.INSTANCE.encode(p.outcomes());
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
      if (version != VERSION && version != V1) {
        throw new IllegalArgumentException(
            "outcome partial: expected layout version " + VERSION + ", found " + version);
      }
      String model = in.readUTF();
      long start = in.readLong();
      byte[] acc = new byte[in.readInt()];
      in.readFully(acc);
      return new OutcomePartial(
          model,
          start,
          version == V1
              ? VersionSplit.ofWhole(OutcomeAccumulatorCodec.decode(acc), null)
              : OutcomeSplitSerializer.INSTANCE.decode(acc));
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
