package io.aimon.detectors.change;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one owner of {@link ChangeWatch}'s binary layout (checkpointed keyed state). v1: version
 * byte, window length, progress, the series (count, then per series its name, column and
 * length-prefixed detector, {@link ChangeDetectorCodec}), the open windows (count, then per window
 * its start, late count and per series the values fed and, after a presence flag, the first
 * change's five fields).
 */
public final class ChangeWatchCodec {
  /** Current layout version. */
  public static final byte VERSION = 1;

  private ChangeWatchCodec() {}

  public static byte[] encode(ChangeWatch w) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(w.windowMillis());
      out.writeLong(w.progress);
      int s = w.names().length;
      out.writeInt(s);
      for (int i = 0; i < s; i++) {
        byte[] name = w.names()[i].getBytes(StandardCharsets.UTF_8);
        out.writeInt(name.length);
        out.write(name);
        out.writeInt(w.columns()[i]);
        byte[] d = ChangeDetectorCodec.encode(w.detectors[i]);
        out.writeInt(d.length);
        out.write(d);
      }
      out.writeInt(w.windows.size());
      for (Map.Entry<Long, ChangeWatch.Tally> e : w.windows.entrySet()) {
        out.writeLong(e.getKey());
        ChangeWatch.Tally t = e.getValue();
        out.writeLong(t.late);
        for (int i = 0; i < s; i++) {
          out.writeLong(t.values[i]);
          ChangePoint c = t.first[i];
          out.writeBoolean(c != null);
          if (c != null) {
            out.writeLong(c.detectedAt());
            out.writeLong(c.changedAt());
            out.writeLong(c.index());
            out.writeDouble(c.before());
            out.writeDouble(c.after());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * @throws IllegalArgumentException when the bytes are of an unknown layout or truncated
   */
  public static ChangeWatch decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "change watch state: expected layout version " + VERSION + ", found " + version);
      }
      long windowMillis = in.readLong();
      long progress = in.readLong();
      int s = in.readInt();
      String[] names = new String[s];
      int[] columns = new int[s];
      ChangeDetector[] detectors = new ChangeDetector[s];
      for (int i = 0; i < s; i++) {
        byte[] name = new byte[in.readInt()];
        in.readFully(name);
        names[i] = new String(name, StandardCharsets.UTF_8);
        columns[i] = in.readInt();
        byte[] d = new byte[in.readInt()];
        in.readFully(d);
        detectors[i] = ChangeDetectorCodec.decode(d);
      }
      TreeMap<Long, ChangeWatch.Tally> windows = new TreeMap<>();
      for (int w = in.readInt(); w > 0; w--) {
        long start = in.readLong();
        ChangeWatch.Tally t = new ChangeWatch.Tally(s);
        t.late = in.readLong();
        for (int i = 0; i < s; i++) {
          t.values[i] = in.readLong();
          if (in.readBoolean()) {
            t.first[i] =
                new ChangePoint(
                    in.readLong(), in.readLong(), in.readLong(), in.readDouble(), in.readDouble());
          }
        }
        windows.put(start, t);
      }
      return new ChangeWatch(windowMillis, names, columns, detectors, windows, progress);
    } catch (IOException e) {
      throw new IllegalArgumentException("change watch state: truncated", e);
    }
  }
}
