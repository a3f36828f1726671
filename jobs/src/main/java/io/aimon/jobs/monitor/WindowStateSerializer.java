package io.aimon.jobs.monitor;

import io.aimon.detectors.profile.WindowAccumulatorCodec;
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
 * Checkpoints window state through {@link WindowAccumulatorCodec}; a window that has not seen an
 * event yet is written as zero bytes.
 *
 * <p>Layouts: 1 (savepoints of earlier builds, still read): the accumulator's bytes only. 2: byte
 * {@link #LAYOUT_2} (never a first byte of layout 1, whose codec starts with its small positive
 * version), int length and the accumulator's bytes, then the {@link SourceRanges}.
 */
public final class WindowStateSerializer extends CodecSerializer<WindowState> {
  private static final long serialVersionUID = 1L;
  public static final WindowStateSerializer INSTANCE = new WindowStateSerializer();
  public static final TypeInformation<WindowState> TYPE_INFO = INSTANCE.typeInfo();

  static final byte LAYOUT_2 = (byte) 0xF2;

  @Override
  byte[] encode(WindowState value) {
    if (value.accumulator == null) {
      return new byte[0];
    }
    byte[] accumulator = WindowAccumulatorCodec.encode(value.accumulator);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(accumulator.length + 64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(LAYOUT_2);
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
    if (bytes[0] != LAYOUT_2) {
      return new WindowState(WindowAccumulatorCodec.decode(bytes), new SourceRanges());
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      in.readByte();
      byte[] accumulator = new byte[in.readInt()];
      in.readFully(accumulator);
      return new WindowState(WindowAccumulatorCodec.decode(accumulator), SourceRanges.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
