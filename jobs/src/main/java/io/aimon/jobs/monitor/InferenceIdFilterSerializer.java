package io.aimon.jobs.monitor;

import io.aimon.detectors.event.InferenceIdFilter;
import io.aimon.detectors.event.InferenceIdFilterCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** Checkpoints the inference ids seen per window through {@link InferenceIdFilterCodec}. */
public final class InferenceIdFilterSerializer extends CodecSerializer<InferenceIdFilter> {
  private static final long serialVersionUID = 1L;
  public static final InferenceIdFilterSerializer INSTANCE = new InferenceIdFilterSerializer();
  public static final TypeInformation<InferenceIdFilter> TYPE_INFO = INSTANCE.typeInfo();

  @Override
  byte[] encode(InferenceIdFilter value) {
    return InferenceIdFilterCodec.encode(value);
  }

  @Override
  InferenceIdFilter decode(byte[] bytes) {
    return InferenceIdFilterCodec.decode(bytes);
  }

  @Override
  Class<InferenceIdFilter> typeClass() {
    return InferenceIdFilter.class;
  }

  @Override
  public InferenceIdFilter createInstance() {
    return null;
  }

  @Override
  public TypeSerializerSnapshot<InferenceIdFilter> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot for savepoint compatibility; the codec's own version byte handles layout changes. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<InferenceIdFilter> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
