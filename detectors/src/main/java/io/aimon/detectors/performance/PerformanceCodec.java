package io.aimon.detectors.performance;

import io.aimon.detectors.common.CompensatedSum;
import io.aimon.detectors.sketch.ValueDistribution;
import io.aimon.detectors.sketch.ValueDistributionCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The binary layouts of {@link BinaryClassificationAccumulator} and {@link RegressionAccumulator}:
 * the one class that writes and reads them.
 *
 * <p>Both layouts start with a version byte and a kind byte, so bytes of one accumulator are never
 * read as the other. Layout v1 (big-endian, as {@link DataOutputStream} writes it):
 *
 * <pre>
 * binary classification (kind 1)
 * offset  size  field
 * 0       1     version = 1
 * 1       1     kind = 1
 * 2       4     exactLimit (int, [0, 10,000,000])
 * 6       32    tp, fp, tn, fn (4 longs, each >= 0)
 * 38      16    log-loss sum, its compensation (2 doubles; sum finite, >= 0)
 * 54      16    Brier sum, its compensation (2 doubles; sum finite, >= 0)
 * 70      4     p = length of the positives' score distribution (int)
 * 74      p     ValueDistributionCodec bytes (its own versioned layout)
 * 74+p    4     q = length of the negatives' score distribution (int)
 * 78+p    q     ValueDistributionCodec bytes
 *
 * regression (kind 2)
 * 0       1     version = 1
 * 1       1     kind = 2
 * 2       8     n (long, >= 0)
 * 10      8     mean of y (double, finite)
 * 18      8     M2 of y (double, >= 0)
 * 26      48    |e|, e², |e|/max(|y|, eps) sums, each followed by its compensation (6 doubles;
 *               sums >= 0, not NaN)
 * </pre>
 *
 * <p>Encoding does not change the accumulator. A decoded accumulator gives the same result as the
 * encoded one; while both score distributions are exact, re-encoding it also gives the same bytes
 * (a sketch's bytes may change layout through DataSketches' heapify, not its answers). Unknown
 * versions and kinds, out-of-range or inconsistent fields (for example more scored positives than
 * positives) and trailing bytes are rejected with an {@link IllegalArgumentException} whose message
 * names the field. Stateless and thread-safe.
 */
public final class PerformanceCodec {
  /** The layout version this codec writes. */
  public static final byte VERSION_1 = 1;

  static final byte KIND_BINARY = 1;
  static final byte KIND_REGRESSION = 2;

  private static final String BINARY = "BinaryClassificationAccumulator bytes";
  private static final String REGRESSION = "RegressionAccumulator bytes";

  private PerformanceCodec() {}

  /** Encodes {@code a} in layout v1. */
  public static byte[] encode(BinaryClassificationAccumulator a) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION_1);
      out.writeByte(KIND_BINARY);
      out.writeInt(a.exactLimit());
      out.writeLong(a.tp());
      out.writeLong(a.fp());
      out.writeLong(a.tn());
      out.writeLong(a.fn());
      writeSum(out, a.logLossSum());
      writeSum(out, a.brierSum());
      writeBlock(out, ValueDistributionCodec.encode(a.positives()));
      writeBlock(out, ValueDistributionCodec.encode(a.negatives()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Encodes {@code a} in layout v1. */
  public static byte[] encode(RegressionAccumulator a) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION_1);
      out.writeByte(KIND_REGRESSION);
      out.writeLong(a.n());
      out.writeDouble(a.meanY());
      out.writeDouble(a.m2Y());
      writeSum(out, a.absoluteErrors());
      writeSum(out, a.squaredErrors());
      writeSum(out, a.relativeErrors());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes bytes written by {@link #encode(BinaryClassificationAccumulator)} (any supported
   * version; currently v1).
   *
   * @throws IllegalArgumentException if the version or kind is unknown, a field is out of range or
   *     inconsistent with another, a score distribution is invalid, or bytes are missing or left
   *     over
   */
  public static BinaryClassificationAccumulator decodeBinary(byte[] bytes) {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    try {
      readHeader(in, BINARY, KIND_BINARY);
      int exactLimit = in.readInt();
      if (exactLimit < 0 || exactLimit > ValueDistribution.MAX_EXACT_LIMIT) {
        throw new IllegalArgumentException(
            BINARY
                + ": exactLimit: expected an integer in [0, "
                + ValueDistribution.MAX_EXACT_LIMIT
                + "], found "
                + exactLimit);
      }
      long tp = readCount(in, "tp");
      long fp = readCount(in, "fp");
      long tn = readCount(in, "tn");
      long fn = readCount(in, "fn");
      CompensatedSum logLoss = readSum(in, BINARY, "log-loss sum", false);
      CompensatedSum brier = readSum(in, BINARY, "Brier sum", false);
      ValueDistribution positives = readDistribution(in, "positives", exactLimit);
      ValueDistribution negatives = readDistribution(in, "negatives", exactLimit);
      checkEnd(in, BINARY);
      if (positives.n() > tp + fn) {
        throw new IllegalArgumentException(
            BINARY
                + ": positives: expected at most tp + fn = "
                + (tp + fn)
                + " scores, found "
                + positives.n());
      }
      if (negatives.n() > fp + tn) {
        throw new IllegalArgumentException(
            BINARY
                + ": negatives: expected at most fp + tn = "
                + (fp + tn)
                + " scores, found "
                + negatives.n());
      }
      checkScoreRange(positives, "positives");
      checkScoreRange(negatives, "negatives");
      if (positives.n() + negatives.n() == 0 && (logLoss.value() != 0 || brier.value() != 0)) {
        throw new IllegalArgumentException(
            BINARY + ": expected zero log-loss and Brier sums without scores, found non-zero");
      }
      return BinaryClassificationAccumulator.restore(
          exactLimit, tp, fp, tn, fn, logLoss, brier, positives, negatives);
    } catch (IOException e) {
      throw new IllegalArgumentException(BINARY + ": truncated (" + bytes.length + " bytes)", e);
    }
  }

  /**
   * Decodes bytes written by {@link #encode(RegressionAccumulator)} (any supported version;
   * currently v1).
   *
   * @throws IllegalArgumentException if the version or kind is unknown, a field is out of range, or
   *     bytes are missing or left over
   */
  public static RegressionAccumulator decodeRegression(byte[] bytes) {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    try {
      readHeader(in, REGRESSION, KIND_REGRESSION);
      long n = in.readLong();
      if (n < 0) {
        throw new IllegalArgumentException(REGRESSION + ": n: expected >= 0, found " + n);
      }
      double mean = in.readDouble();
      double m2 = in.readDouble();
      if (!Double.isFinite(mean)) {
        throw new IllegalArgumentException(
            REGRESSION + ": mean of y: expected a finite number, found " + mean);
      }
      if (!(m2 >= 0.0)) {
        throw new IllegalArgumentException(
            REGRESSION + ": M2 of y: expected a number >= 0, found " + m2);
      }
      CompensatedSum abs = readSum(in, REGRESSION, "|e| sum", true);
      CompensatedSum sq = readSum(in, REGRESSION, "e^2 sum", true);
      CompensatedSum rel = readSum(in, REGRESSION, "relative error sum", true);
      checkEnd(in, REGRESSION);
      if (n == 0 && (mean != 0 || m2 != 0 || abs.sum() != 0 || sq.sum() != 0 || rel.sum() != 0)) {
        throw new IllegalArgumentException(
            REGRESSION + ": expected an all-zero state for n = 0, found non-zero fields");
      }
      return RegressionAccumulator.restore(n, mean, m2, abs, sq, rel);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          REGRESSION + ": truncated (" + bytes.length + " bytes)", e);
    }
  }

  private static void readHeader(DataInputStream in, String what, byte kind) throws IOException {
    int version = in.readUnsignedByte();
    if (version != VERSION_1) {
      throw new IllegalArgumentException(
          what + ": expected version " + VERSION_1 + ", found " + version);
    }
    int found = in.readUnsignedByte();
    if (found != kind) {
      throw new IllegalArgumentException(
          what
              + ": expected kind "
              + kind
              + " ("
              + (kind == KIND_BINARY ? "binary classification" : "regression")
              + "), found "
              + found);
    }
  }

  private static void writeSum(DataOutputStream out, CompensatedSum s) throws IOException {
    out.writeDouble(s.sum());
    out.writeDouble(s.compensation());
  }

  private static void writeBlock(DataOutputStream out, byte[] block) throws IOException {
    out.writeInt(block.length);
    out.write(block);
  }

  private static long readCount(DataInputStream in, String field) throws IOException {
    long v = in.readLong();
    if (v < 0) {
      throw new IllegalArgumentException(BINARY + ": " + field + ": expected >= 0, found " + v);
    }
    return v;
  }

  private static CompensatedSum readSum(
      DataInputStream in, String what, String field, boolean infinityAllowed) throws IOException {
    double sum = in.readDouble();
    double compensation = in.readDouble();
    boolean sumOk = sum >= 0.0 && (infinityAllowed || sum != Double.POSITIVE_INFINITY);
    if (!sumOk || !Double.isFinite(compensation)) {
      throw new IllegalArgumentException(
          what
              + ": "
              + field
              + ": expected a sum >= 0"
              + (infinityAllowed ? "" : " and finite")
              + " with a finite compensation, found "
              + sum
              + " and "
              + compensation);
    }
    return CompensatedSum.of(sum, compensation);
  }

  private static ValueDistribution readDistribution(
      DataInputStream in, String field, int exactLimit) throws IOException {
    int length = in.readInt();
    if (length <= 0 || length > in.available()) {
      throw new IllegalArgumentException(
          BINARY
              + ": "
              + field
              + ": expected a length in [1, "
              + in.available()
              + "], found "
              + length);
    }
    byte[] block = new byte[length];
    in.readFully(block);
    ValueDistribution d;
    try {
      d = ValueDistributionCodec.decode(block);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(BINARY + ": " + field + ": " + e.getMessage(), e);
    }
    if (d.exactLimit() != exactLimit) {
      throw new IllegalArgumentException(
          BINARY
              + ": "
              + field
              + ": expected exactLimit "
              + exactLimit
              + ", found "
              + d.exactLimit());
    }
    return d;
  }

  private static void checkScoreRange(ValueDistribution d, String field) {
    if (d.n() > 0 && !(d.min() >= 0.0 && d.max() <= 1.0)) {
      throw new IllegalArgumentException(
          BINARY
              + ": "
              + field
              + ": expected scores in [0, 1], found ["
              + d.min()
              + ", "
              + d.max()
              + "]");
    }
  }

  private static void checkEnd(DataInputStream in, String what) throws IOException {
    if (in.available() > 0) {
      throw new IllegalArgumentException(
          what + ": expected end of data, found " + in.available() + " more bytes");
    }
  }
}
