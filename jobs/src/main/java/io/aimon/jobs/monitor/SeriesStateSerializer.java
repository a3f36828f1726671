package io.aimon.jobs.monitor;

import io.aimon.alerting.policy.SeriesState;
import io.aimon.alerting.policy.SeriesStateCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** Checkpoints the alert policy's per-series state through {@link SeriesStateCodec}. */
public final class SeriesStateSerializer extends CodecSerializer<SeriesState> {
  private static final long serialVersionUID = 1L;
  public static final SeriesStateSerializer INSTANCE = new SeriesStateSerializer();
  public static final TypeInformation<SeriesState> TYPE_INFO = INSTANCE.typeInfo();

  @Override
  byte[] encode(SeriesState value) {
    return SeriesStateCodec.encode(value);
  }

  @Override
  SeriesState decode(byte[] bytes) {
    return SeriesStateCodec.decode(bytes);
  }

  @Override
  Class<SeriesState> typeClass() {
    return SeriesState.class;
  }

  @Override
  public SeriesState createInstance() {
    return SeriesState.INITIAL;
  }

  @Override
  public TypeSerializerSnapshot<SeriesState> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot for savepoint compatibility; the codec's own version byte handles layout changes. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeriesState> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
