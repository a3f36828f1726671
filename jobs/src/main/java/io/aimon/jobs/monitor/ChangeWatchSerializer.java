package io.aimon.jobs.monitor;

import io.aimon.detectors.change.ChangeWatch;
import io.aimon.detectors.change.ChangeWatchCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** Checkpoints a model's change detectors through {@link ChangeWatchCodec}. */
public final class ChangeWatchSerializer extends CodecSerializer<ChangeWatch> {
  private static final long serialVersionUID = 1L;
  public static final ChangeWatchSerializer INSTANCE = new ChangeWatchSerializer();
  public static final TypeInformation<ChangeWatch> TYPE_INFO = INSTANCE.typeInfo();

  @Override
  byte[] encode(ChangeWatch value) {
    return ChangeWatchCodec.encode(value);
  }

  @Override
  ChangeWatch decode(byte[] bytes) {
    return ChangeWatchCodec.decode(bytes);
  }

  @Override
  Class<ChangeWatch> typeClass() {
    return ChangeWatch.class;
  }

  @Override
  public ChangeWatch createInstance() {
    return null;
  }

  @Override
  public TypeSerializerSnapshot<ChangeWatch> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot for savepoint compatibility; the codec's own version byte handles layout changes. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<ChangeWatch> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
