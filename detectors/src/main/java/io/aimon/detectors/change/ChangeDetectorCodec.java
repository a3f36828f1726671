package io.aimon.detectors.change;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one owner of the change detectors' binary layout (checkpointed keyed state). v1: version
 * byte, kind byte (1 Page-Hinkley, 2 ADWIN), then Page-Hinkley's parameters (min instances, delta,
 * threshold, alpha, direction ordinal) and its {@link PageHinkley#STATE_SIZE} state numbers, or
 * ADWIN's delta, width, total, squares, ticks, dropped and rows (count, then per row its bucket
 * count and per bucket total, squares and oldest time).
 */
public final class ChangeDetectorCodec {
  /** Current layout version. */
  public static final byte VERSION = 1;

  private static final byte PAGE_HINKLEY = 1;
  private static final byte ADWIN = 2;

  private ChangeDetectorCodec() {}

  public static byte[] encode(ChangeDetector d) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      if (d instanceof PageHinkley p) {
        out.writeByte(PAGE_HINKLEY);
        out.writeInt(p.minInstances());
        out.writeDouble(p.delta());
        out.writeDouble(p.threshold());
        out.writeDouble(p.alpha());
        out.writeByte(p.direction().ordinal());
        for (double v : p.state()) {
          out.writeDouble(v);
        }
      } else {
        Adwin a = (Adwin) d;
        out.writeByte(ADWIN);
        out.writeDouble(a.delta());
        out.writeLong(a.width());
        out.writeDouble(a.total());
        out.writeDouble(a.squares());
        out.writeLong(a.ticks());
        out.writeLong(a.dropped());
        out.writeInt(a.rows().size());
        for (Adwin.Row r : a.rows()) {
          out.writeInt(r.size);
          for (int k = 0; k < r.size; k++) {
            out.writeDouble(r.totals[k]);
            out.writeDouble(r.squares[k]);
            out.writeLong(r.since[k]);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * @throws IllegalArgumentException when the bytes are of an unknown layout, kind or shape
   */
  public static ChangeDetector decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "change detector state: expected layout version " + VERSION + ", found " + version);
      }
      byte kind = in.readByte();
      if (kind == PAGE_HINKLEY) {
        PageHinkley p =
            new PageHinkley(
                in.readInt(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                PageHinkley.Direction.values()[in.readByte()]);
        double[] s = new double[PageHinkley.STATE_SIZE];
        for (int i = 0; i < s.length; i++) {
          s[i] = in.readDouble();
        }
        p.restore(s);
        return p;
      }
      if (kind != ADWIN) {
        throw new IllegalArgumentException("change detector state: unknown kind " + kind);
      }
      Adwin a = new Adwin(in.readDouble());
      a.restore(in.readLong(), in.readDouble(), in.readDouble(), in.readLong(), in.readLong());
      int rows = in.readInt();
      if (rows < 0 || rows > Adwin.MAX_ROWS) {
        throw new IllegalArgumentException("change detector state: " + rows + " rows");
      }
      for (int r = 0; r < rows; r++) {
        Adwin.Row row = new Adwin.Row();
        int size = in.readInt();
        if (size < 0 || size > Adwin.MAX_BUCKETS + 1) {
          throw new IllegalArgumentException("change detector state: a row of " + size);
        }
        for (int k = 0; k < size; k++) {
          row.add(in.readDouble(), in.readDouble(), in.readLong());
        }
        a.rows().add(row);
      }
      return a;
    } catch (IOException e) {
      throw new IllegalArgumentException("change detector state: truncated", e);
    }
  }
}
