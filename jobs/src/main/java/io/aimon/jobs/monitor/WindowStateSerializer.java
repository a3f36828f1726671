package io.aimon.jobs.monitor;

import io.aimon.detectors.profile.WindowAccumulator;
import io.aimon.detectors.profile.WindowAccumulatorCodec;
import io.aimon.detectors.version.VersionSplit;
import io.aimon.detectors.version.VersionSplitCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Checkpoints window state through {@link VersionSplitCodec} (with {@link WindowAccumulatorCodec});
 * a window that has not seen an event yet is written as zero bytes.
 *
 * <p>Layouts: 1 and 2 (savepoints of earlier builds, still read, as {@link VersionSplit#ofWhole}
 * under the window's one version, or pooled): 1 is the {@link WindowAccumulatorCodec} bytes only; 2
 * is byte {@link #LAYOUT_2} (never a first byte of layout 1, whose codec starts with its small
 * positive version), int length and the accumulator's bytes, then the {@link SourceRanges}. 3: byte
 * {@link #LAYOUT_3}, int length and the version windows' bytes, then the {@link SourceRanges}.
 */
public final class WindowStateSerializer extends CodecSerializer<WindowState> {
  private static final long serialVersionUID = 1L;
  public static final WindowStateSerializer INSTANCE = new WindowStateSerializer();
  public static final TypeInformation<WindowState> TYPE_INFO = INSTANCE.typeInfo();

  static final byte LAYOUT_2 = (byte) 0xF2;
  static final byte LAYOUT_3 = (byte) 0xF3;

  @Override
  byte[] encode(WindowState value) {
    if (value.isEmpty()) {
      return new byte[0];
    }
    byte[] accumulator = VersionSplitCodec.encode(value.windows, WindowAccumulatorCodec::encode);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(accumulator.length + 64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(LAYOUT_3);
      out.writeInt(accumulator.length);
      out.write(accumulator);
      value.sources.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  WindowState decode(byte[] bytes) {
    if (bytes.length == 0) {
      return new WindowState();
    }
    if (bytes[0] != LAYOUT_2 && bytes[0] != LAYOUT_3) {
      return new WindowState(whole(WindowAccumulatorCodec.decode(bytes)), new SourceRanges());
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte layout = in.readByte();
      byte[] accumulator = new byte[in.readInt()];
      in.readFully(accumulator);
      VersionSplit<WindowAccumulator> windows =
          layout == LAYOUT_3
              ? VersionSplitCodec.decode(accumulator, WindowAccumulatorCodec::decode)
              : whole(WindowAccumulatorCodec.decode(accumulator));
      return new WindowState(windows, SourceRanges.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A window an earlier build kept whole: under its one version, else pooled. */
  private static VersionSplit<WindowAccumulator> whole(WindowAccumulator a) {
    boolean one = a.versions().size() == 1 && a.count() == a.versions().values().iterator().next();
    return VersionSplit.ofWhole(a, one ? a.versions().firstKey() : null);
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
