package io.aimon.detectors.profile;

import io.aimon.detectors.sketch.ValueDistribution;
import io.aimon.detectors.sketch.ValueDistributionCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The one owner of {@link WindowAccumulator}'s binary layout, used for checkpointed window state.
 * Layout v1: version byte, model id, count, versions, numeric accumulators (edges, bins, missing,
 * value distribution), categorical counters (sorted entries), optional score and label.
 */
public final class WindowAccumulatorCodec {
  /** Current layout version. */
  public static final byte VERSION = 1;

  private WindowAccumulatorCodec() {}

  public static byte[] encode(WindowAccumulator a) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      writeString(out, a.modelId);
      out.writeLong(a.count);
      out.writeInt(a.versions.size());
      for (String v : a.versions) {
        writeString(out, v);
      }
      out.writeInt(a.numeric.length);
      for (NumericAccumulator n : a.numeric) {
        writeNumeric(out, n);
      }
      out.writeInt(a.categorical.length);
      for (CategoricalCounter c : a.categorical) {
        writeCategorical(out, c);
      }
      out.writeBoolean(a.score != null);
      if (a.score != null) {
        writeNumeric(out, a.score);
      }
      out.writeBoolean(a.label != null);
      if (a.label != null) {
        writeCategorical(out, a.label);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * @throws IllegalArgumentException when the bytes are of an unknown layout version
   */
  public static WindowAccumulator decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "window state: expected layout version " + VERSION + ", found " + version);
      }
      String modelId = readString(in);
      long count = in.readLong();
      TreeSet<String> versions = new TreeSet<>();
      for (int i = in.readInt(); i > 0; i--) {
        versions.add(readString(in));
      }
      NumericAccumulator[] numeric = new NumericAccumulator[in.readInt()];
      for (int i = 0; i < numeric.length; i++) {
        numeric[i] = readNumeric(in);
      }
      CategoricalCounter[] categorical = new CategoricalCounter[in.readInt()];
      for (int i = 0; i < categorical.length; i++) {
        categorical[i] = readCategorical(in);
      }
      NumericAccumulator score = in.readBoolean() ? readNumeric(in) : null;
      CategoricalCounter label = in.readBoolean() ? readCategorical(in) : null;
      return new WindowAccumulator(modelId, count, numeric, categorical, score, label, versions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Length-prefixed UTF-8 (writeUTF is limited to 64 KiB). */
  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void writeNumeric(DataOutputStream out, NumericAccumulator n) throws IOException {
    out.writeInt(n.edges.length);
    for (double e : n.edges) {
      out.writeDouble(e);
    }
    for (long b : n.bins) {
      out.writeLong(b);
    }
    out.writeLong(n.missing);
    byte[] values = ValueDistributionCodec.encode(n.values);
    out.writeInt(values.length);
    out.write(values);
  }

  private static NumericAccumulator readNumeric(DataInputStream in) throws IOException {
    double[] edges = new double[in.readInt()];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = in.readDouble();
    }
    long[] bins = new long[edges.length + 1];
    for (int i = 0; i < bins.length; i++) {
      bins[i] = in.readLong();
    }
    long missing = in.readLong();
    byte[] values = new byte[in.readInt()];
    in.readFully(values);
    ValueDistribution dist = ValueDistributionCodec.decode(values);
    return new NumericAccumulator(edges, bins, dist, missing);
  }

  private static void writeCategorical(DataOutputStream out, CategoricalCounter c)
      throws IOException {
    Map<String, Long> sorted = new java.util.TreeMap<>();
    c.counts.forEach((k, v) -> sorted.put(k, v[0]));
    out.writeInt(sorted.size());
    for (Map.Entry<String, Long> e : sorted.entrySet()) {
      writeString(out, e.getKey());
      out.writeLong(e.getValue());
    }
  }

  private static CategoricalCounter readCategorical(DataInputStream in) throws IOException {
    int size = in.readInt();
    Map<String, long[]> counts = new HashMap<>();
    for (int i = 0; i < size; i++) {
      counts.put(readString(in), new long[] {in.readLong()});
    }
    return new CategoricalCounter(counts);
  }
}
