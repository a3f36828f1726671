package io.aimon.detectors.outcome;

import io.aimon.detectors.fairness.FairnessAccumulatorCodec;
import io.aimon.detectors.performance.PerformanceCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one owner of {@link OutcomeAccumulator}'s binary layout (v1): version byte, task byte (0
 * classification, 1 regression), then the length-prefixed performance state and, for
 * classification, the fairness state.
 */
public final class OutcomeAccumulatorCodec {
  public static final byte VERSION = 1;

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
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "outcome state: expected layout version " + VERSION + ", found " + version);
      }
      if (in.readByte() == 1) {
        return new OutcomeAccumulator(null, PerformanceCodec.decodeRegression(readBlock(in)), null);
      }
      return new OutcomeAccumulator(
          PerformanceCodec.decodeBinary(readBlock(in)),
          null,
          FairnessAccumulatorCodec.decode(readBlock(in)));
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
