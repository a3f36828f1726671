package io.aimon.jobs.monitor;

import io.aimon.evidence.EvidenceItem;
import io.aimon.evidence.EvidenceItemCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Moves evidence items between operators and into checkpoints through {@link EvidenceItemCodec}.
 * Items are immutable, so they are not copied.
 */
public final class EvidenceItemSerializer extends CodecSerializer<EvidenceItem> {
  private static final long serialVersionUID = 1L;
  public static final EvidenceItemSerializer INSTANCE = new EvidenceItemSerializer();
  public static final TypeInformation<EvidenceItem> TYPE_INFO = INSTANCE.typeInfo();

  @Override
  byte[] encode(EvidenceItem value) {
    return EvidenceItemCodec.encode(value);
  }

  @Override
  EvidenceItem decode(byte[] bytes) {
    return EvidenceItemCodec.decode(bytes);
  }

  @Override
  Class<EvidenceItem> typeClass() {
    return EvidenceItem.class;
  }

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public EvidenceItem copy(EvidenceItem from) {
    return from;
  }

  @Override
  public EvidenceItem createInstance() {
    return null;
  }

  @Override
  public TypeSerializerSnapshot<EvidenceItem> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot for savepoint compatibility; the codec's own version byte handles layout changes. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<EvidenceItem> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
