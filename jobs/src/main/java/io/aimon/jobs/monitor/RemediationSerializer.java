package io.aimon.jobs.monitor;

import io.aimon.alerting.remediation.Remediation;
import io.aimon.alerting.remediation.RemediationCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** Checkpoints an incident's corrective-action state through {@link RemediationCodec}. */
public final class RemediationSerializer extends CodecSerializer<Remediation> {
  private static final long serialVersionUID = 1L;
  public static final RemediationSerializer INSTANCE = new RemediationSerializer();
  public static final TypeInformation<Remediation> TYPE_INFO = INSTANCE.typeInfo();

  @Override
  byte[] encode(Remediation value) {
    return RemediationCodec.encode(value);
  }

  @Override
  Remediation decode(byte[] bytes) {
    return RemediationCodec.decode(bytes);
  }

  @Override
  Class<Remediation> typeClass() {
    return Remediation.class;
  }

  @Override
  public Remediation createInstance() {
    return null; // there is no empty incident
  }

  @Override
  public TypeSerializerSnapshot<Remediation> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot for savepoint compatibility; the codec's own version byte handles layout changes. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Remediation> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
