package io.aimon.detectors.event;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The binary form of an {@link InferenceEvent} as it travels between the monitor job's operators
 * (and sits in unaligned checkpoints' in-flight data): every field, written directly, no
 * reflection.
 *
 * <p>Layout v1: version byte 1; inference id, model id, model version (nullable); timestamp (long);
 * numeric values (int count, doubles); categorical values (int count, strings); prediction; score
 * (double); label (nullable); groups (int count, strings); latency (double); type mismatches (int
 * count, ints); source (nullable); position (long). A string is its UTF-8 length as an int (-1 for
 * null) and its bytes, so values of any length fit.
 *
 * <p>Layout v2 (current): v1 plus, last, a presence flag of the LLM call and, when present, its
 * prompt and completion tokens (longs), finish reason (nullable) and failed flag. A v1 event reads
 * without one.
 */
public final class InferenceEventCodec {
  /** Current layout version. */
  public static final byte VERSION = 2;

  private static final byte V1 = 1;

  private InferenceEventCodec() {}

  public static void write(InferenceEvent e, DataOutput out) throws IOException {
    out.writeByte(VERSION);
    writeString(e.inferenceId(), out);
    writeString(e.modelId(), out);
    writeString(e.modelVersion(), out);
    out.writeLong(e.timestamp());
    out.writeInt(e.numeric().length);
    for (double v : e.numeric()) {
      out.writeDouble(v);
    }
    writeStrings(e.categorical(), out);
    writeString(e.prediction(), out);
    out.writeDouble(e.score());
    writeString(e.label(), out);
    writeStrings(e.groups(), out);
    out.writeDouble(e.latencyMs());
    out.writeInt(e.typeMismatches().length);
    for (int i : e.typeMismatches()) {
      out.writeInt(i);
    }
    writeString(e.source(), out);
    out.writeLong(e.position());
    LlmCall llm = e.llm();
    out.writeBoolean(llm != null);
    if (llm != null) {
      out.writeLong(llm.promptTokens());
      out.writeLong(llm.completionTokens());
      writeString(llm.finishReason(), out);
      out.writeBoolean(llm.failed());
    }
  }

  public static InferenceEvent read(DataInput in) throws IOException {
    byte version = in.readByte();
    if (version != VERSION && version != V1) {
      throw new IOException(
          "inference event layout " + version + ": expected " + V1 + " to " + VERSION);
    }
    String inferenceId = readString(in);
    String modelId = readString(in);
    String modelVersion = readString(in);
    long timestamp = in.readLong();
    double[] numeric = new double[in.readInt()];
    for (int i = 0; i < numeric.length; i++) {
      numeric[i] = in.readDouble();
    }
    String[] categorical = readStrings(in);
    String prediction = readString(in);
    double score = in.readDouble();
    String label = readString(in);
    String[] groups = readStrings(in);
    double latency = in.readDouble();
    int[] mismatches = new int[in.readInt()];
    for (int i = 0; i < mismatches.length; i++) {
      mismatches[i] = in.readInt();
    }
    String source = readString(in);
    long position = in.readLong();
    LlmCall llm =
        version != V1 && in.readBoolean()
            ? new LlmCall(in.readLong(), in.readLong(), readString(in), in.readBoolean())
            : null;
    return new InferenceEvent(
        inferenceId,
        modelId,
        modelVersion,
        timestamp,
        numeric,
        categorical,
        prediction,
        score,
        label,
        groups,
        latency,
        mismatches,
        source,
        position,
        llm);
  }

  private static void writeStrings(String[] values, DataOutput out) throws IOException {
    out.writeInt(values.length);
    for (String v : values) {
      writeString(v, out);
    }
  }

  private static String[] readStrings(DataInput in) throws IOException {
    String[] out = new String[in.readInt()];
    for (int i = 0; i < out.length; i++) {
      out[i] = readString(in);
    }
    return out;
  }

  private static void writeString(String s, DataOutput out) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInput in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
