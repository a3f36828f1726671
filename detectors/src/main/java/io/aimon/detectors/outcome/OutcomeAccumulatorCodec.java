package io.aimon.detectors.outcome;

import io.aimon.detectors.estimate.EstimatedPerformance;
import io.aimon.detectors.estimate.EstimatedPerformanceCodec;
import io.aimon.detectors.fairness.FairnessAccumulatorCodec;
import io.aimon.detectors.performance.PerformanceCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one owner of {@link OutcomeAccumulator}'s binary layout.
 *
 * <ul>
 *   <li>v1: version byte, task byte (0 classification, 1 regression), then the length-prefixed
 *       performance state and, for classification, the fairness state.
 *   <li>v2 (current): v1 plus, for classification, a presence flag and the length-prefixed
 *       estimated-performance state ({@link EstimatedPerformanceCodec}). A v1 state reads without
 *       one.
 * </ul>
 */
public final class OutcomeAccumulatorCodec {
  public static final byte VERSION = 2;

  private static final byte V1 = 1;

  private OutcomeAccumulatorCodec() {}

  public static byte[] encode(OutcomeAccumulator a) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeByte(a.regression != null ? 1 : 0);
      if (a.regression != null) {
        writeBlock(out, PerformanceCodec.encode(a.regression));
      } else {
        writeBlock(out, PerformanceCodec.encode(a.binary));
        writeBlock(out, FairnessAccumulatorCodec.encode(a.fairness));
        out.writeBoolean(a.estimated != null);
        if (a.estimated != null) {
          writeBlock(out, EstimatedPerformanceCodec.encode(a.estimated));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * @throws IllegalArgumentException when the bytes are of an unknown layout version
   */
  public static OutcomeAccumulator decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte version = in.readByte();
      if (version != VERSION && version != V1) {
        throw new IllegalArgumentException(
            "outcome state: expected layout version "
                + V1
                + " or "
                + VERSION
                + ", found "
                + version);
      }
      if (in.readByte() == 1) {
        return new OutcomeAccumulator(
            null, PerformanceCodec.decodeRegression(readBlock(in)), null, null);
      }
      var binary = PerformanceCodec.decodeBinary(readBlock(in));
      var fairness = FairnessAccumulatorCodec.decode(readBlock(in));
      EstimatedPerformance estimated =
          version == VERSION && in.readBoolean()
              ? EstimatedPerformanceCodec.decode(readBlock(in))
              : null;
      return new OutcomeAccumulator(binary, null, fairness, estimated);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeBlock(DataOutputStream out, byte[] block) throws IOException {
    out.writeInt(block.length);
    out.write(block);
  }

  private static byte[] readBlock(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return b;
  }
}
