package io.aimon.evidence;

import io.aimon.evidence.payload.EvidenceCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The binary layout of an {@link EvidenceItem} waiting in a job's state or travelling between its
 * operators, version 1:
 *
 * <pre>
 * byte    version (1)
 * UTF     model id
 * long    time
 * byte    1 when a window follows, then long window start, long window end
 * UTF     order
 * UTF     kind code
 * int     n, then n bytes: the payload's data as UTF-8 JSON ({@link EvidenceCodec} layout v1)
 * </pre>
 */
public final class EvidenceItemCodec {
  /** The layout version this class writes. */
  public static final byte VERSION = 1;

  private EvidenceItemCodec() {}

  /** The bytes of {@code item}. */
  public static byte[] encode(EvidenceItem item) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(item.modelId());
      out.writeLong(item.time());
      out.writeBoolean(item.windowStart() != null);
      if (item.windowStart() != null) {
        out.writeLong(item.windowStart());
        out.writeLong(item.windowEnd());
      }
      out.writeUTF(item.order());
      out.writeUTF(item.kind().code());
      byte[] data = EvidenceJson.utf8(EvidenceJson.write(EvidenceCodec.encode(item.payload())));
      out.writeInt(data.length);
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The item {@code bytes} hold.
   *
   * @throws IllegalArgumentException when they are not of a known version, are cut short or hold
   *     data that does not fit its kind
   */
  public static EvidenceItem decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte v = in.readByte();
      if (v != VERSION) {
        throw new IllegalArgumentException(
            "evidence item: expected layout version " + VERSION + ", found " + v);
      }
      String model = in.readUTF();
      long time = in.readLong();
      Long start = null;
      Long end = null;
      if (in.readBoolean()) {
        start = in.readLong();
        end = in.readLong();
      }
      String order = in.readUTF();
      EvidenceKind kind = EvidenceKind.ofCode(in.readUTF());
      byte[] data = new byte[in.readInt()];
      in.readFully(data);
      String json = new String(data, java.nio.charset.StandardCharsets.UTF_8);
      return new EvidenceItem(
          model,
          time,
          start,
          end,
          order,
          EvidenceCodec.decode(EvidenceCodec.VERSION, kind, EvidenceJson.parseObject(json)));
    } catch (IOException e) {
      throw new IllegalArgumentException("evidence item: cut short (" + e + ")", e);
    }
  }
}
