package io.aimon.jobs.monitor;

import io.aimon.detectors.outcome.OutcomeAccumulator;
import io.aimon.detectors.outcome.OutcomeAccumulatorCodec;
import io.aimon.detectors.version.VersionSplit;
import io.aimon.detectors.version.VersionSplitCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Checkpoints outcome windows split by model version through {@link VersionSplitCodec}, each
 * version's accumulator through {@link OutcomeAccumulatorCodec}.
 */
public final class OutcomeSplitSerializer
    extends CodecSerializer<VersionSplit<OutcomeAccumulator>> {
  private static final long serialVersionUID = 1L;
  public static final OutcomeSplitSerializer INSTANCE = new OutcomeSplitSerializer();
  public static final TypeInformation<VersionSplit<OutcomeAccumulator>> TYPE_INFO =
      INSTANCE.typeInfo();

  @Override
  byte[] encode(VersionSplit<OutcomeAccumulator> value) {
    return VersionSplitCodec.encode(value, OutcomeAccumulatorCodec::encode);
  }

  @Override
  VersionSplit<OutcomeAccumulator> decode(byte[] bytes) {
    return VersionSplitCodec.decode(bytes, OutcomeAccumulatorCodec::decode);
  }

  @Override
  @SuppressWarnings("unchecked")
  Class<VersionSplit<OutcomeAccumulator>> typeClass() {
    return (Class<VersionSplit<OutcomeAccumulator>>) (Class<?>) VersionSplit.class;
  }

  @Override
  public VersionSplit<OutcomeAccumulator> createInstance() {
    return null;
  }

  @Override
  public TypeSerializerSnapshot<VersionSplit<OutcomeAccumulator>> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot for savepoint compatibility; the codec's own version byte handles layout changes. */
  public static final class Snapshot
      extends SimpleTypeSerializerSnapshot<VersionSplit<OutcomeAccumulator>> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
