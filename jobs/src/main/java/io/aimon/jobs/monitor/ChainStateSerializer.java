package io.aimon.jobs.monitor;

import io.aimon.evidence.ChainState;
import io.aimon.evidence.ChainStateCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** Checkpoints a model's evidence chain state through {@link ChainStateCodec}. */
public final class ChainStateSerializer extends CodecSerializer<ChainState> {
  private static final long serialVersionUID = 1L;
  public static final ChainStateSerializer INSTANCE = new ChainStateSerializer();
  public static final TypeInformation<ChainState> TYPE_INFO = INSTANCE.typeInfo();

  @Override
  byte[] encode(ChainState value) {
    return ChainStateCodec.encode(value);
  }

  @Override
  ChainState decode(byte[] bytes) {
    return ChainStateCodec.decode(bytes);
  }

  @Override
  Class<ChainState> typeClass() {
    return ChainState.class;
  }

  @Override
  public ChainState createInstance() {
    return new ChainState();
  }

  @Override
  public TypeSerializerSnapshot<ChainState> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot for savepoint compatibility; the codec's own version byte handles layout changes. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<ChainState> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
