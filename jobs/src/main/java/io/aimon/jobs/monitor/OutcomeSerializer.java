package io.aimon.jobs.monitor;

import io.aimon.detectors.outcome.OutcomeAccumulator;
import io.aimon.detectors.outcome.OutcomeAccumulatorCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** Checkpoints outcome windows through {@link OutcomeAccumulatorCodec}. */
public final class OutcomeSerializer extends CodecSerializer<OutcomeAccumulator> {
  private static final long serialVersionUID = 1L;
  public static final OutcomeSerializer INSTANCE = new OutcomeSerializer();
  public static final TypeInformation<OutcomeAccumulator> TYPE_INFO = INSTANCE.typeInfo();

  @Override
  byte[] encode(OutcomeAccumulator value) {
    return OutcomeAccumulatorCodec.encode(value);
  }

  @Override
  OutcomeAccumulator decode(byte[] bytes) {
    return OutcomeAccumulatorCodec.decode(bytes);
  }

  @Override
  Class<OutcomeAccumulator> typeClass() {
    return OutcomeAccumulator.class;
  }

  @Override
  public OutcomeAccumulator createInstance() {
    return null;
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
}
