package io.aimon.detectors.input;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The versioned binary form of {@link PairHalf}, for a waiting half in Flink state and on the way
 * to its pairing. The first byte is the layout version; {@link #decode} reads every version ever
 * written.
 *
 * <p>Version 2 (big-endian; str is an int byte length, -1 for null, then the UTF-8 bytes):
 *
 * <pre>
 * byte    version = 2
 * str     pairId, scope
 * byte    side: 0 request, 1 response
 * long    timestamp
 * str?    id, modelName, modelVersion (of the tensors)
 * int     tensor count t, then per tensor:
 *   str     name
 *   int     dimensions d, then d longs: the shape
 *   byte    datatype: 0 none (V1 JSON), else its ordinal + 1
 *   int     elements n, then n doubles: the numbers
 *   byte    texts: 0 none, 1 present, then n str? (null where the element is not a text)
 * str     excerpt, source
 * long    position, sizeBytes
 * </pre>
 *
 * <p>Version 1 is version 2 without the scope (read as empty).
 */
public final class PairHalfCodec {
  /** The version {@link #encode} writes. */
  public static final byte VERSION = 2;

  private PairHalfCodec() {}

  public static byte[] encode(PairHalf h) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + h.excerpt().length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      writeString(out, h.pairId());
      writeString(out, h.scope());
      out.writeByte(h.side().ordinal());
      out.writeLong(h.timestamp());
      InferenceTensors m = h.tensors();
      writeString(out, m.id());
      writeString(out, m.modelName());
      writeString(out, m.modelVersion());
      out.writeInt(m.tensors().size());
      for (Tensor t : m.tensors()) {
        writeString(out, t.name());
        out.writeInt(t.shape().length);
        for (long d : t.shape()) {
          out.writeLong(d);
        }
        out.writeByte(t.datatype() == null ? 0 : t.datatype().ordinal() + 1);
        out.writeInt(t.numbers().length);
        for (double v : t.numbers()) {
          out.writeDouble(v);
        }
        out.writeBoolean(t.texts() != null);
        if (t.texts() != null) {
          for (String s : t.texts()) {
            writeString(out, s);
          }
        }
      }
      writeString(out, h.excerpt());
      writeString(out, h.source());
      out.writeLong(h.position());
      out.writeLong(h.sizeBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static PairHalf decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != 1 && version != 2) {
        throw new IllegalArgumentException("unknown PairHalf layout version " + version);
      }
      String pairId = readString(in);
      String scope = version == 1 ? "" : readString(in);
      int side = in.readByte();
      if (side < 0 || side > 1) {
        throw new IllegalArgumentException("unknown PairHalf side " + side);
      }
      long timestamp = in.readLong();
      String id = readString(in);
      String model = readString(in);
      String modelVersion = readString(in);
      int count = length(in, 4);
      List<Tensor> tensors = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String name = readString(in);
        long[] shape = new long[length(in, 8)];
        for (int d = 0; d < shape.length; d++) {
          shape[d] = in.readLong();
        }
        int datatype = in.readByte();
        if (datatype < 0 || datatype > TensorDatatype.values().length) {
          throw new IllegalArgumentException("unknown tensor datatype code " + datatype);
        }
        double[] numbers = new double[length(in, 8)];
        for (int e = 0; e < numbers.length; e++) {
          numbers[e] = in.readDouble();
        }
        String[] texts = null;
        if (in.readBoolean()) {
          texts = new String[numbers.length];
          for (int e = 0; e < texts.length; e++) {
            texts[e] = readString(in);
          }
        }
        tensors.add(
            new Tensor(
                name,
                shape,
                datatype == 0 ? null : TensorDatatype.values()[datatype - 1],
                numbers,
                texts));
      }
      return new PairHalf(
          pairId,
          scope,
          PairHalf.Side.values()[side],
          timestamp,
          new InferenceTensors(id, model, modelVersion, tensors),
          readString(in),
          readString(in),
          in.readLong(),
          in.readLong());
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated PairHalf bytes", e);
    }
  }

  /** A count of items of at least {@code itemBytes} each that the remaining bytes can hold. */
  private static int length(DataInputStream in, int itemBytes) throws IOException {
    int n = in.readInt();
    if (n < 0 || (long) n * itemBytes > in.available()) {
      throw new IOException("count " + n + " beyond the bytes left");
    }
    return n;
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n == -1) {
      return null;
    }
    if (n < -1 || n > in.available()) {
      throw new IOException("length " + n + " beyond the bytes left");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
