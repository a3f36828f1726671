package io.aimon.jobs.monitor;

import io.aimon.alerting.policy.GroupIncident;
import io.aimon.alerting.policy.GroupIncidentCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** Checkpoints a group's open incident through {@link GroupIncidentCodec}. */
public final class GroupIncidentSerializer extends CodecSerializer<GroupIncident> {
  private static final long serialVersionUID = 1L;
  public static final GroupIncidentSerializer INSTANCE = new GroupIncidentSerializer();
  public static final TypeInformation<GroupIncident> TYPE_INFO = INSTANCE.typeInfo();

  @Override
  byte[] encode(GroupIncident value) {
    return GroupIncidentCodec.encode(value);
  }

  @Override
  GroupIncident decode(byte[] bytes) {
    return GroupIncidentCodec.decode(bytes);
  }

  @Override
  Class<GroupIncident> typeClass() {
    return GroupIncident.class;
  }

  @Override
  public GroupIncident createInstance() {
    return null;
  }

  @Override
  public TypeSerializerSnapshot<GroupIncident> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot for savepoint compatibility; the codec's own version byte handles layout changes. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<GroupIncident> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
