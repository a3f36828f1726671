package io.aimon.evidence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The binary layout of a {@link ChainState}, version 2, the bytes a Flink checkpoint holds:
 *
 * <pre>
 * byte    version (2)
 * long    head seq, then 32 bytes head hash
 * long    span start, long span end, long covered-up-to
 * int     n, then n x 32 bytes: the hashes since the last manifest
 * int     buckets, then per bucket: long window end,
 *         int k, k x (UTF reason, long count) of the model's own dead letters,
 *         int u, u x (UTF reason, long count) of unattributed ones
 * byte    1 and 32 bytes: the digest of the last monitoring plan recorded; or 0: none
 * </pre>
 *
 * Version 1, the same without the plan digest, is read as a state that recorded no plan. About 70
 * bytes plus 32 per record since the last manifest and 20 per dead-letter counter.
 */
public final class ChainStateCodec {
  /** The layout version this class writes. */
  public static final byte VERSION = 2;

  /** The layout before the plan digest; still read. */
  static final byte V1 = 1;

  private static final HexFormat HEX = HexFormat.of();

  private ChainStateCodec() {}

  /** The bytes of {@code s}. */
  public static byte[] encode(ChainState s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(s.head().seq());
      out.write(HEX.parseHex(s.head().head()));
      out.writeLong(s.spanStart());
      out.writeLong(s.spanEnd());
      out.writeLong(s.coveredUpTo());
      out.writeInt(s.unmanifested().size());
      for (String h : s.unmanifested()) {
        out.write(HEX.parseHex(h));
      }
      out.writeInt(s.buckets().size());
      for (Map.Entry<Long, ChainState.Counts> b : s.buckets().entrySet()) {
        out.writeLong(b.getKey());
        writeCounts(out, b.getValue().own);
        writeCounts(out, b.getValue().unattributed);
      }
      if (s.planDigest() == null) {
        out.writeByte(0);
      } else {
        out.writeByte(1);
        out.write(HEX.parseHex(s.planDigest()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The state {@code bytes} hold.
   *
   * @throws IllegalArgumentException when they are not of a known version or are cut short
   */
  public static ChainState decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte v = in.readByte();
      if (v != VERSION && v != V1) {
        throw new IllegalArgumentException(
            "chain state: expected layout version " + V1 + " or " + VERSION + ", found " + v);
      }
      long seq = in.readLong();
      HashChain.State head = new HashChain.State(seq, hash(in));
      long spanStart = in.readLong();
      long spanEnd = in.readLong();
      long coveredUpTo = in.readLong();
      int n = in.readInt();
      List<String> hashes = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        hashes.add(hash(in));
      }
      int buckets = in.readInt();
      Map<Long, ChainState.Counts> counts = new TreeMap<>();
      for (int i = 0; i < buckets; i++) {
        long end = in.readLong();
        ChainState.Counts c = new ChainState.Counts();
        readCounts(in, c, true);
        readCounts(in, c, false);
        counts.put(end, c);
      }
      String plan = null;
      if (v == VERSION) {
        byte flag = in.readByte();
        if (flag == 1) {
          plan = hash(in);
        } else if (flag != 0) {
          throw new IllegalArgumentException(
              "chain state: expected a plan flag of 0 or 1, found " + flag);
        }
      }
      ChainState s = new ChainState();
      s.restore(head, hashes, spanStart, spanEnd, coveredUpTo, counts, plan);
      return s;
    } catch (IOException e) {
      throw new IllegalArgumentException("chain state: cut short (" + e + ")", e);
    }
  }

  private static String hash(DataInputStream in) throws IOException {
    byte[] h = new byte[32];
    in.readFully(h);
    return HEX.formatHex(h);
  }

  private static void writeCounts(DataOutputStream out, Map<String, Long> counts)
      throws IOException {
    out.writeInt(counts.size());
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeLong(e.getValue());
    }
  }

  private static void readCounts(DataInputStream in, ChainState.Counts c, boolean own)
      throws IOException {
    int k = in.readInt();
    for (int i = 0; i < k; i++) {
      String reason = in.readUTF();
      long n = in.readLong();
      if (n < 1) {
        throw new IllegalArgumentException(
            "chain state: expected dead-letter counts >= 1, found " + n + " for " + reason);
      }
      c.add(reason, own, n);
    }
  }
}
