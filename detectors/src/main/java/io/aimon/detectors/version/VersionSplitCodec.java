package io.aimon.detectors.version;

import io.aimon.detectors.common.Mergeable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Binary form of a {@link VersionSplit}, for checkpoints and the network, with the accumulators in
 * their own codec's form. Layout 1: byte version, int number of tracked versions, then per version
 * (ascending) its UTF string and int length and bytes of its accumulator; boolean pooled present,
 * then its length and bytes.
 */
public final class VersionSplitCodec {
  /** Current layout version. */
  public static final byte VERSION = 1;

  private VersionSplitCodec() {}

  public static <A extends Mergeable<A>> byte[] encode(
      VersionSplit<A> split, Function<A, byte[]> accumulator) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeInt(split.tracked.size());
      for (Map.Entry<String, A> v : split.tracked.entrySet()) {
        out.writeUTF(v.getKey());
        write(out, accumulator.apply(v.getValue()));
      }
      out.writeBoolean(split.pooled != null);
      if (split.pooled != null) {
        write(out, accumulator.apply(split.pooled));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * @throws IllegalArgumentException when the bytes are of an unknown layout version or break the
   *     bound on tracked versions
   */
  public static <A extends Mergeable<A>> VersionSplit<A> decode(
      byte[] data, Function<byte[], A> accumulator) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "version split: expected layout " + VERSION + ", found " + version);
      }
      int n = in.readInt();
      if (n < 0 || n > VersionSplit.MAX_TRACKED) {
        throw new IllegalArgumentException(
            "version split: expected at most "
                + VersionSplit.MAX_TRACKED
                + " tracked versions, found "
                + n);
      }
      TreeMap<String, A> tracked = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        String v = in.readUTF();
        tracked.put(v, accumulator.apply(read(in)));
      }
      A pooled = in.readBoolean() ? accumulator.apply(read(in)) : null;
      return new VersionSplit<>(tracked, pooled);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] read(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return b;
  }
}
