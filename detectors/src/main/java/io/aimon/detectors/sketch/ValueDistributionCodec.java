package io.aimon.detectors.sketch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * The binary layout of a {@link ValueDistribution}: the one class that writes and reads it.
 *
 * <p>Layout v1 (big-endian, as {@link DataOutputStream} writes it):
 *
 * <pre>
 * offset  size  field
 * 0       1     version = 1
 * 1       1     mode: 0 = exact, 1 = sketch
 * 2       4     exactLimit (int, [0, 10,000,000])
 * 6       4     sketchK (int, [8, 65535])
 * 10      8     n (long, >= 0)
 * exact mode:
 * 18      4     d = number of distinct values (int, [0, exactLimit])
 * 22      16*d  d pairs (value: double, count: long > 0), values strictly increasing
 * sketch mode:
 * 18      4     b = length of the KLL bytes (int)
 * 22      b     KllDoublesSketch.toByteArray() (compact, DataSketches' own versioned format)
 * </pre>
 *
 * <p>Exact mode bytes are deterministic: equal multisets of values give equal bytes, whatever the
 * order they were added or merged in. Sketch mode bytes are deterministic for a given sketch state,
 * but that state depends on KLL's random compaction (see {@link ValueDistribution}). Unknown
 * versions, unknown modes, inconsistent fields and trailing bytes are rejected with {@link
 * IllegalArgumentException}. Stateless and thread-safe.
 */
public final class ValueDistributionCodec {
  /** The layout version this codec writes. */
  public static final byte VERSION_1 = 1;

  private static final byte MODE_EXACT = 0;
  private static final byte MODE_SKETCH = 1;

  private ValueDistributionCodec() {}

  /** Encodes {@code d} in layout v1; {@code d} is not changed. */
  public static byte[] encode(ValueDistribution d) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION_1);
      out.writeByte(d.isExact() ? MODE_EXACT : MODE_SKETCH);
      out.writeInt(d.exactLimit());
      out.writeInt(d.sketchK());
      out.writeLong(d.n());
      if (d.isExact()) {
        DoubleCountMap counts = d.exactCounts();
        double[] values = counts.sortedKeys();
        long[] weights = counts.countsOf(values);
        out.writeInt(values.length);
        for (int i = 0; i < values.length; i++) {
          out.writeDouble(values[i]);
          out.writeLong(weights[i]);
        }
      } else {
        byte[] kll = d.sketch().toByteArray();
        out.writeInt(kll.length);
        out.write(kll);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes bytes written by {@link #encode} (any supported version; currently v1).
   *
   * @throws IllegalArgumentException if the version or mode is unknown, a field is out of range,
   *     the exact counts do not sum to n, values are not strictly increasing, the KLL bytes are
   *     invalid, or bytes are missing or left over
   */
  public static ValueDistribution decode(byte[] bytes) {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    try {
      int version = in.readUnsignedByte();
      if (version != VERSION_1) {
        throw new IllegalArgumentException(
            "ValueDistribution bytes: expected version " + VERSION_1 + ", found " + version);
      }
      int mode = in.readUnsignedByte();
      int exactLimit = in.readInt();
      int sketchK = in.readInt();
      long n = in.readLong();
      if (n < 0) {
        throw new IllegalArgumentException("ValueDistribution bytes: expected n >= 0, found " + n);
      }
      ValueDistribution d;
      if (mode == MODE_EXACT) {
        d = readExact(in, exactLimit, sketchK, n);
      } else if (mode == MODE_SKETCH) {
        d = readSketch(in, exactLimit, sketchK, n);
      } else {
        throw new IllegalArgumentException(
            "ValueDistribution bytes: expected mode 0 (exact) or 1 (sketch), found " + mode);
      }
      if (in.available() > 0) {
        throw new IllegalArgumentException(
            "ValueDistribution bytes: expected end of data, found "
                + in.available()
                + " more bytes");
      }
      return d;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "ValueDistribution bytes: truncated (" + bytes.length + " bytes)", e);
    }
  }

  private static ValueDistribution readExact(
      DataInputStream in, int exactLimit, int sketchK, long n) throws IOException {
    ValueDistribution d = ValueDistribution.create(exactLimit, sketchK);
    int size = in.readInt();
    if (size < 0 || size > exactLimit) {
      throw new IllegalArgumentException(
          "ValueDistribution bytes: expected a distinct-value count in [0, "
              + exactLimit
              + "], found "
              + size);
    }
    double previous = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < size; i++) {
      double value = in.readDouble();
      long count = in.readLong();
      if (!Double.isFinite(value)
          || !(value > previous)
          || Double.doubleToRawLongBits(value) == Long.MIN_VALUE) {
        throw new IllegalArgumentException(
            "ValueDistribution bytes: value "
                + i
                + ": expected finite, strictly increasing, not -0.0, found "
                + value);
      }
      if (count <= 0) {
        throw new IllegalArgumentException(
            "ValueDistribution bytes: count " + i + ": expected > 0, found " + count);
      }
      d.addExact(value, count);
      previous = value;
    }
    if (d.n() != n) {
      throw new IllegalArgumentException(
          "ValueDistribution bytes: expected counts summing to n = " + n + ", found " + d.n());
    }
    return d;
  }

  private static ValueDistribution readSketch(
      DataInputStream in, int exactLimit, int sketchK, long n) throws IOException {
    ValueDistribution.create(exactLimit, sketchK); // validates both parameters
    int length = in.readInt();
    if (length <= 0 || length > in.available()) {
      throw new IllegalArgumentException(
          "ValueDistribution bytes: expected a KLL length in [1, "
              + in.available()
              + "], found "
              + length);
    }
    byte[] kll = new byte[length];
    in.readFully(kll);
    KllDoublesSketch sketch;
    try {
      sketch = KllDoublesSketch.heapify(Memory.wrap(kll));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "ValueDistribution bytes: invalid KLL sketch: " + e.getMessage(), e);
    }
    if (sketch.getN() != n || n == 0) {
      throw new IllegalArgumentException(
          "ValueDistribution bytes: expected a non-empty KLL sketch with n = "
              + n
              + ", found n = "
              + sketch.getN());
    }
    return ValueDistribution.ofSketch(exactLimit, sketchK, sketch);
  }
}
