package io.aimon.detectors.input;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The versioned binary form of {@link PairHalf}, for a waiting half in Flink state and on the way
 * to its pairing. The first byte is the layout version; {@link #decode} reads every version ever
 * written.
 *
 * <p>Version 1 (big-endian; a string as an int byte length, -1 for null, then its UTF-8 bytes, so
 * bodies of any size fit):
 *
 * <pre>
 * byte    version = 1
 * str     pairId
 * byte    side: 0 request, 1 response
 * long    timestamp
 * str?    modelId, modelVersion
 * str     body
 * bytes?  bytes (int length, -1 for null, then the bytes)
 * str     source
 * long    position, sizeBytes
 * </pre>
 */
public final class PairHalfCodec {
  /** The version {@link #encode} writes. */
  public static final byte VERSION = 1;

  private PairHalfCodec() {}

  public static byte[] encode(PairHalf h) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(h.body().length() + 128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      writeString(out, h.pairId());
      out.writeByte(h.side().ordinal());
      out.writeLong(h.timestamp());
      writeString(out, h.modelId());
      writeString(out, h.modelVersion());
      writeString(out, h.body());
      writeBytes(out, h.bytes());
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
      if (version != 1) {
        throw new IllegalArgumentException("unknown PairHalf layout version " + version);
      }
      String pairId = readString(in);
      int side = in.readByte();
      if (side < 0 || side > 1) {
        throw new IllegalArgumentException("unknown PairHalf side " + side);
      }
      return new PairHalf(
          pairId,
          PairHalf.Side.values()[side],
          in.readLong(),
          readString(in),
          readString(in),
          readString(in),
          readBytes(in),
          readString(in),
          in.readLong(),
          in.readLong());
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated PairHalf bytes", e);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    writeBytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = readBytes(in);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    if (b == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < -1 || n > in.available()) {
      throw new IOException("length " + n + " beyond the bytes left");
    }
    if (n == -1) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
