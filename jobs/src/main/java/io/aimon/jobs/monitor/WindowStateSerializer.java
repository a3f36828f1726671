package io.aimon.jobs.monitor;

import io.aimon.detectors.profile.WindowAccumulatorCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Checkpoints window state through {@link WindowAccumulatorCodec}; a window that has not seen an
 * event yet is written as zero bytes.
 */
public final class WindowStateSerializer extends CodecSerializer<WindowState> {
  private static final long serialVersionUID = 1L;
  public static final WindowStateSerializer INSTANCE = new WindowStateSerializer();
  public static final TypeInformation<WindowState> TYPE_INFO = INSTANCE.typeInfo();

  @Override
  byte[] encode(WindowState value) {
    return value.accumulator == null
        ? new byte[0]
        : WindowAccumulatorCodec.encode(value.accumulator);
  }

  @Override
  WindowState decode(byte[] bytes) {
    return bytes.length == 0
        ? new WindowState()
        : new WindowState(WindowAccumulatorCodec.decode(bytes));
  }

  @Override
  Class<WindowState> typeClass() {
    return WindowState.class;
  }

  @Override
  public WindowState createInstance() {
    return new WindowState();
  }

  @Override
  public TypeSerializerSnapshot<WindowState> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot for savepoint compatibility; the codec's own version byte handles layout changes. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<WindowState> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
