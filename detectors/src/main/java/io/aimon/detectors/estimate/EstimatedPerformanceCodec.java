package io.aimon.detectors.estimate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one owner of {@link EstimatedPerformance}'s binary layout (checkpointed window state). v1:
 * version byte; the calibration's points (count, then threshold and value per point); the
 * confusion's n, TP, FP, TN, FN (in units of 2^-30); the bins' count, then per bin the sums of p
 * and 1 - p (in those units) and the count.
 */
public final class EstimatedPerformanceCodec {
  /** Current layout version. */
  public static final byte VERSION = 1;

  private EstimatedPerformanceCodec() {}

  public static byte[] encode(EstimatedPerformance e) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 40 * e.count().length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      double[] x = e.calibration().thresholds();
      double[] y = e.calibration().values();
      out.writeInt(x.length);
      for (int i = 0; i < x.length; i++) {
        out.writeDouble(x[i]);
        out.writeDouble(y[i]);
      }
      EstimatedConfusion c = e.confusion();
      out.writeLong(c.n());
      out.writeLong(c.tpUnits());
      out.writeLong(c.fpUnits());
      out.writeLong(c.tnUnits());
      out.writeLong(c.fnUnits());
      out.writeInt(e.count().length);
      for (int b = 0; b < e.count().length; b++) {
        out.writeLong(e.positive()[b]);
        out.writeLong(e.negative()[b]);
        out.writeLong(e.count()[b]);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return bytes.toByteArray();
  }

  /**
   * @throws IllegalArgumentException when the bytes are of an unknown layout or inconsistent
   */
  public static EstimatedPerformance decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "estimated performance state: expected layout version "
                + VERSION
                + ", found "
                + version);
      }
      int points = in.readInt();
      double[] x = new double[points];
      double[] y = new double[points];
      for (int i = 0; i < points; i++) {
        x[i] = in.readDouble();
        y[i] = in.readDouble();
      }
      EstimatedConfusion c =
          new EstimatedConfusion(
              in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
      int bins = in.readInt();
      long[] positive = new long[bins];
      long[] negative = new long[bins];
      long[] count = new long[bins];
      for (int b = 0; b < bins; b++) {
        positive[b] = in.readLong();
        negative[b] = in.readLong();
        count[b] = in.readLong();
      }
      return new EstimatedPerformance(IsotonicCalibration.of(x, y), c, positive, negative, count);
    } catch (IOException ex) {
      throw new IllegalArgumentException("estimated performance state: truncated", ex);
    }
  }
}
