package io.aimon.jobs.monitor;

import io.aimon.detectors.input.PairHalf;
import io.aimon.detectors.input.PairHalfCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** Carries and checkpoints a half of a paired format's inference through {@link PairHalfCodec}. */
public final class PairHalfSerializer extends CodecSerializer<PairHalf> {
  private static final long serialVersionUID = 1L;
  public static final PairHalfSerializer INSTANCE = new PairHalfSerializer();
  public static final TypeInformation<PairHalf> TYPE_INFO = INSTANCE.typeInfo();

  @Override
  byte[] encode(PairHalf value) {
    return PairHalfCodec.encode(value);
  }

  @Override
  PairHalf decode(byte[] bytes) {
    return PairHalfCodec.decode(bytes);
  }

  @Override
  Class<PairHalf> typeClass() {
    return PairHalf.class;
  }

  @Override
  public PairHalf createInstance() {
    return null;
  }

  @Override
  public TypeSerializerSnapshot<PairHalf> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot for savepoint compatibility; the codec's own version byte handles layout changes. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<PairHalf> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
