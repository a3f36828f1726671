package io.aimon.detectors.fairness;

import io.aimon.detectors.common.CapCounts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one owner of {@link FairnessAccumulator}'s binary layout, used for checkpointed window state.
 * Deterministic bytes.
 *
 * <ul>
 *   <li>v1: version byte, attributes, intersections, max groups, n, then per attribute (base and
 *       composite) its groups in code-point order with count, selected, tp, fp, tn, fn.
 *   <li>v2 (current): v1 with, per attribute after its groups, the capped and truncated counts
 *       ({@link FairnessAccumulator#caps}). A v1 state reads with both counts 0.
 * </ul>
 */
public final class FairnessAccumulatorCodec {
  /** Current layout version. */
  public static final byte VERSION = 2;

  private static final byte V1 = 1;

  private FairnessAccumulatorCodec() {}

  public static byte[] encode(FairnessAccumulator a) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeInt(a.attributes().size());
      for (String s : a.attributes()) {
        writeString(out, s);
      }
      out.writeInt(a.intersections().size());
      for (List<Integer> ix : a.intersections()) {
        out.writeInt(ix.size());
        for (int i : ix) {
          out.writeInt(i);
        }
      }
      out.writeInt(a.maxGroups());
      out.writeLong(a.n());
      for (String name : a.attributeNames()) {
        Map<String, GroupCounts> groups = a.groups(name);
        out.writeInt(groups.size());
        for (Map.Entry<String, GroupCounts> g : groups.entrySet()) {
          writeString(out, g.getKey());
          GroupCounts c = g.getValue();
          out.writeLong(c.count());
          out.writeLong(c.selected());
          out.writeLong(c.tp());
          out.writeLong(c.fp());
          out.writeLong(c.tn());
          out.writeLong(c.fn());
        }
        CapCounts caps = a.caps(name);
        out.writeLong(caps.capped());
        out.writeLong(caps.truncated());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * @throws IllegalArgumentException when the bytes are of an unknown layout version
   */
  public static FairnessAccumulator decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte version = in.readByte();
      if (version != VERSION && version != V1) {
        throw new IllegalArgumentException(
            "fairness state: expected layout version "
                + V1
                + " or "
                + VERSION
                + ", found "
                + version);
      }
      List<String> attributes = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        attributes.add(readString(in));
      }
      List<List<Integer>> intersections = new ArrayList<>();
      for (int k = in.readInt(); k > 0; k--) {
        List<Integer> ix = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
          ix.add(in.readInt());
        }
        intersections.add(ix);
      }
      FairnessAccumulator a = new FairnessAccumulator(attributes, intersections, in.readInt());
      long n = in.readLong();
      for (String name : a.attributeNames()) {
        Map<String, GroupCounts> groups = new TreeMap<>();
        for (int g = in.readInt(); g > 0; g--) {
          String group = readString(in);
          groups.put(
              group,
              GroupCounts.of(
                  in.readLong(),
                  in.readLong(),
                  in.readLong(),
                  in.readLong(),
                  in.readLong(),
                  in.readLong()));
        }
        CapCounts caps =
            version == V1 ? CapCounts.NONE : new CapCounts(in.readLong(), in.readLong());
        a.restore(name, groups, caps);
      }
      a.restoreCount(n);
      return a;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
