package io.aimon.detectors.profile;

import io.aimon.detectors.common.CapCounts;
import io.aimon.detectors.estimate.EstimatedPerformance;
import io.aimon.detectors.estimate.EstimatedPerformanceCodec;
import io.aimon.detectors.fairness.FairnessAccumulator;
import io.aimon.detectors.fairness.FairnessAccumulatorCodec;
import io.aimon.detectors.multivariate.ReconstructionMean;
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
import java.util.TreeMap;

/**
 * The one owner of {@link WindowAccumulator}'s binary layout, used for checkpointed window state.
 *
 * <ul>
 *   <li>v1: version byte, model id, count, versions, numeric accumulators (edges, bins, missing,
 *       value distribution), categorical counters (sorted entries), optional score and label.
 *   <li>v2: v1 plus, per numeric accumulator, the reference range and the out-of-range count, and
 *       after the label the per-feature type-mismatch counts and the latency distribution, the
 *       positive label and the selection-rate fairness state. A v1 state reads with an unbounded
 *       range, zero out-of-range and mismatch counts and no latencies.
 *   <li>v3: v2 with each remembered version followed by its event count and the versions followed
 *       by their capped and truncated counts, and each categorical counter (features and label)
 *       followed by its capped and truncated counts ({@link io.aimon.detectors.common.CapCounts}).
 *       A v1 or v2 state reads with version counts of 0 and nothing capped or truncated. The
 *       selection-rate fairness block carries its own version.
 *   <li>v4: v3 plus, last, the estimated-performance block ({@link EstimatedPerformanceCodec}, its
 *       own version) after a presence flag, then after another flag the reconstruction errors'
 *       count, sum and compensation. Earlier states read without them: their windows are not
 *       estimated and have no multivariate check.
 *   <li>v5 (current): v4 plus, last, after a presence flag, the LLM calls ({@link LlmCalls}):
 *       calls, failed, the finish reasons as a categorical counter, calls with usage, prompt and
 *       completion tokens. Earlier states read without LLM calls.
 * </ul>
 */
public final class WindowAccumulatorCodec {
  /** Current layout version. */
  public static final byte VERSION = 5;

  private static final byte V1 = 1;
  private static final byte V2 = 2;
  private static final byte V3 = 3;
  private static final byte V4 = 4;

  private WindowAccumulatorCodec() {}

  public static byte[] encode(WindowAccumulator a) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      writeString(out, a.modelId);
      out.writeLong(a.count);
      out.writeInt(a.versions.size());
      for (Map.Entry<String, Long> v : a.versions.entrySet()) {
        writeString(out, v.getKey());
        out.writeLong(v.getValue());
      }
      out.writeLong(a.versionsCapped);
      out.writeLong(a.versionsTruncated);
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
      out.writeInt(a.typeMismatches.length);
      for (long m : a.typeMismatches) {
        out.writeLong(m);
      }
      byte[] latency = ValueDistributionCodec.encode(a.latency);
      out.writeInt(latency.length);
      out.write(latency);
      writeString(out, a.positiveLabel == null ? "" : a.positiveLabel);
      out.writeBoolean(a.selection != null);
      if (a.selection != null) {
        byte[] selection = FairnessAccumulatorCodec.encode(a.selection);
        out.writeInt(selection.length);
        out.write(selection);
      }
      out.writeBoolean(a.estimated != null);
      if (a.estimated != null) {
        byte[] estimated = EstimatedPerformanceCodec.encode(a.estimated);
        out.writeInt(estimated.length);
        out.write(estimated);
      }
      out.writeBoolean(a.reconstruction != null);
      if (a.reconstruction != null) {
        out.writeLong(a.reconstruction.n());
        out.writeDouble(a.reconstruction.sumPart());
        out.writeDouble(a.reconstruction.compensationPart());
      }
      out.writeBoolean(a.llm != null);
      if (a.llm != null) {
        out.writeLong(a.llm.calls);
        out.writeLong(a.llm.failed);
        writeCategorical(out, a.llm.reasons);
        out.writeLong(a.llm.withUsage);
        out.writeLong(a.llm.promptTokens);
        out.writeLong(a.llm.completionTokens);
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
      if (version < V1 || version > VERSION) {
        throw new IllegalArgumentException(
            "window state: expected layout version "
                + V1
                + " to "
                + VERSION
                + ", found "
                + version);
      }
      String modelId = readString(in);
      long count = in.readLong();
      TreeMap<String, Long> versions = new TreeMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        versions.put(readString(in), version >= V3 ? in.readLong() : 0L);
      }
      CapCounts versionCaps =
          version >= V3 ? new CapCounts(in.readLong(), in.readLong()) : CapCounts.NONE;
      NumericAccumulator[] numeric = new NumericAccumulator[in.readInt()];
      for (int i = 0; i < numeric.length; i++) {
        numeric[i] = readNumeric(in, version);
      }
      CategoricalCounter[] categorical = new CategoricalCounter[in.readInt()];
      for (int i = 0; i < categorical.length; i++) {
        categorical[i] = readCategorical(in, version);
      }
      NumericAccumulator score = in.readBoolean() ? readNumeric(in, version) : null;
      CategoricalCounter label = in.readBoolean() ? readCategorical(in, version) : null;
      long[] mismatches = new long[numeric.length + categorical.length];
      ValueDistribution latency;
      String positiveLabel = null;
      FairnessAccumulator selection = null;
      if (version == V1) {
        latency =
            ValueDistribution.create(
                ValueDistribution.DEFAULT_EXACT_LIMIT, ValueDistribution.DEFAULT_SKETCH_K);
      } else {
        if (in.readInt() != mismatches.length) {
          throw new IllegalArgumentException("window state: type-mismatch counts do not fit");
        }
        for (int i = 0; i < mismatches.length; i++) {
          mismatches[i] = in.readLong();
        }
        byte[] latencyBytes = new byte[in.readInt()];
        in.readFully(latencyBytes);
        latency = ValueDistributionCodec.decode(latencyBytes);
        positiveLabel = readString(in);
        if (in.readBoolean()) {
          byte[] selectionBytes = new byte[in.readInt()];
          in.readFully(selectionBytes);
          selection = FairnessAccumulatorCodec.decode(selectionBytes);
        }
      }
      EstimatedPerformance estimated = null;
      if (version >= V4 && in.readBoolean()) {
        byte[] estimatedBytes = new byte[in.readInt()];
        in.readFully(estimatedBytes);
        estimated = EstimatedPerformanceCodec.decode(estimatedBytes);
      }
      ReconstructionMean reconstruction = null;
      if (version >= V4 && in.readBoolean()) {
        reconstruction = ReconstructionMean.of(in.readLong(), in.readDouble(), in.readDouble());
      }
      LlmCalls llm = null;
      if (version == VERSION && in.readBoolean()) {
        llm =
            new LlmCalls(
                in.readLong(),
                in.readLong(),
                readCategorical(in, version),
                in.readLong(),
                in.readLong(),
                in.readLong());
      }
      return new WindowAccumulator(
          modelId,
          count,
          numeric,
          categorical,
          score,
          label,
          versions,
          versionCaps,
          mismatches,
          latency,
          selection,
          positiveLabel,
          estimated,
          reconstruction,
          llm);
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
    out.writeDouble(n.rangeMin);
    out.writeDouble(n.rangeMax);
    out.writeLong(n.outOfRange);
    byte[] values = ValueDistributionCodec.encode(n.values);
    out.writeInt(values.length);
    out.write(values);
  }

  private static NumericAccumulator readNumeric(DataInputStream in, byte version)
      throws IOException {
    double[] edges = new double[in.readInt()];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = in.readDouble();
    }
    long[] bins = new long[edges.length + 1];
    for (int i = 0; i < bins.length; i++) {
      bins[i] = in.readLong();
    }
    long missing = in.readLong();
    double rangeMin = Double.NEGATIVE_INFINITY;
    double rangeMax = Double.POSITIVE_INFINITY;
    long outOfRange = 0;
    if (version != V1) {
      rangeMin = in.readDouble();
      rangeMax = in.readDouble();
      outOfRange = in.readLong();
    }
    byte[] values = new byte[in.readInt()];
    in.readFully(values);
    ValueDistribution dist = ValueDistributionCodec.decode(values);
    return new NumericAccumulator(edges, bins, dist, missing, rangeMin, rangeMax, outOfRange);
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
    out.writeLong(c.capped);
    out.writeLong(c.truncated);
  }

  private static CategoricalCounter readCategorical(DataInputStream in, byte version)
      throws IOException {
    int size = in.readInt();
    Map<String, long[]> counts = new HashMap<>();
    for (int i = 0; i < size; i++) {
      counts.put(readString(in), new long[] {in.readLong()});
    }
    if (version < V3) {
      return new CategoricalCounter(counts, 0, 0);
    }
    return new CategoricalCounter(counts, in.readLong(), in.readLong());
  }
}
