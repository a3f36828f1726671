package io.aimon.detectors.event;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.datasketches.filters.bloomfilter.BloomFilter;
import org.apache.datasketches.memory.Memory;

/**
 * The one owner of {@link InferenceIdFilter}'s binary layout.
 *
 * <ul>
 *   <li>v1 (still read): version byte, max ids (long), false-positive rate (double), recorded,
 *       unrecorded and duplicate counts (longs), the number of stages (int), then each stage as a
 *       length-prefixed DataSketches Bloom filter image. Every stage is a Bloom filter.
 *   <li>v2: v1's header; the index of the first Bloom stage (int), the exactly held ids' 64-bit
 *       hashes (int count, longs); then the Bloom stages as in v1, which hold the ids' text.
 *   <li>v3 (written): v2's layout; the Bloom stages hold the ids' 64-bit hashes, not their text. A
 *       filter read from v1 or v2 keeps feeding its stages text, and is written as v2.
 * </ul>
 */
public final class InferenceIdFilterCodec {
  public static final byte VERSION = 3;

  /** The layout of a filter whose Bloom stages hold ids' text. */
  private static final byte TEXT_KEYED = 2;

  private InferenceIdFilterCodec() {}

  public static byte[] encode(InferenceIdFilter f) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + (int) f.sizeBytes());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(f.textKeyed() ? TEXT_KEYED : VERSION);
      out.writeLong(f.maxIds());
      out.writeDouble(f.falsePositiveRate());
      out.writeLong(f.recorded());
      out.writeLong(f.unrecorded());
      out.writeLong(f.duplicates());
      out.writeInt(f.firstBloomStage());
      long[] hashes = f.exact().hashes();
      out.writeInt(hashes.length);
      for (long h : hashes) {
        out.writeLong(h);
      }
      out.writeInt(f.stages().size());
      for (BloomFilter stage : f.stages()) {
        byte[] image = stage.toByteArray();
        out.writeInt(image.length);
        out.write(image);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * @throws IllegalArgumentException when the bytes are of an unknown layout version
   */
  public static InferenceIdFilter decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte version = in.readByte();
      if (version < 1 || version > VERSION) {
        throw new IllegalArgumentException(
            "inference id filter: expected layout version 1 to " + VERSION + ", found " + version);
      }
      long maxIds = in.readLong();
      double rate = in.readDouble();
      long recorded = in.readLong();
      long unrecorded = in.readLong();
      long duplicates = in.readLong();
      int firstBloomStage = 0;
      IdHashSet exact = new IdHashSet();
      if (version >= 2) {
        firstBloomStage = in.readInt();
        long[] hashes = new long[in.readInt()];
        for (int i = 0; i < hashes.length; i++) {
          hashes[i] = in.readLong();
        }
        exact = IdHashSet.of(hashes);
      }
      int n = in.readInt();
      List<BloomFilter> stages = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        byte[] image = new byte[in.readInt()];
        in.readFully(image);
        stages.add(BloomFilter.heapify(Memory.wrap(image)));
      }
      return new InferenceIdFilter(
          maxIds,
          rate,
          firstBloomStage,
          exact,
          stages,
          version < VERSION,
          recorded,
          unrecorded,
          duplicates);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
