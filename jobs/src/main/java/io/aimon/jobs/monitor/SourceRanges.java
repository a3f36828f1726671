package io.aimon.jobs.monitor;

import io.aimon.evidence.payload.SourceRange;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a window's events were read: per source ({@code topic/partition} or file name) the first
 * and last position (Kafka offset or file line) and how many events. Coverage evidence names them,
 * so an auditor can tie a window to the input it evaluated. Memory is bounded by the number of
 * partitions and files, not events.
 */
final class SourceRanges {
  /** The most sources kept; more (a topic with thousands of partitions) are summed as "other". */
  static final int MAX_SOURCES = 1024;

  private static final String OTHER = "other";

  /** source -> {first, last, events}. Sorted, so the evidence lists sources in a stable order. */
  private final TreeMap<String, long[]> ranges = new TreeMap<>();

  /** The range of the previous event's source: consecutive events mostly share one (hot path). */
  private String lastSource;

  private long[] lastRange;

  /** Counts an event read at {@code position} of {@code source}. */
  void add(String source, long position) {
    String key = source == null ? "unknown" : source;
    long[] r = key.equals(lastSource) ? lastRange : ranges.get(key);
    if (r == null) {
      r =
          ranges.computeIfAbsent(
              ranges.size() >= MAX_SOURCES ? OTHER : key,
              k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0});
    }
    lastSource = key;
    lastRange = r;
    r[0] = Math.min(r[0], position);
    r[1] = Math.max(r[1], position);
    r[2]++;
  }

  /** Adds the ranges of {@code other} to these. */
  void merge(SourceRanges other) {
    for (Map.Entry<String, long[]> e : other.ranges.entrySet()) {
      long[] o = e.getValue();
      long[] r =
          ranges.computeIfAbsent(e.getKey(), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0});
      r[0] = Math.min(r[0], o[0]);
      r[1] = Math.max(r[1], o[1]);
      r[2] += o[2];
    }
  }

  boolean isEmpty() {
    return ranges.isEmpty();
  }

  /**
   * The ranges for coverage evidence, sources sorted, with a file's SHA-256 when {@code digests}
   * has one for the source (replay input files).
   */
  List<SourceRange> ranges(Map<String, String> digests) {
    List<SourceRange> list = new ArrayList<>();
    ranges.forEach(
        (source, r) -> list.add(new SourceRange(source, r[0], r[1], r[2], digests.get(source))));
    return list;
  }

  /** Layout: int count, then per source: UTF string, long first, long last, long events. */
  void write(DataOutputStream out) throws IOException {
    out.writeInt(ranges.size());
    for (Map.Entry<String, long[]> e : ranges.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeLong(e.getValue()[0]);
      out.writeLong(e.getValue()[1]);
      out.writeLong(e.getValue()[2]);
    }
  }

  static SourceRanges read(DataInputStream in) throws IOException {
    SourceRanges s = new SourceRanges();
    int n = in.readInt();
    if (n < 0 || n > MAX_SOURCES + 1) {
      throw new IOException("source ranges: expected at most " + MAX_SOURCES + ", found " + n);
    }
    for (int i = 0; i < n; i++) {
      s.ranges.put(in.readUTF(), new long[] {in.readLong(), in.readLong(), in.readLong()});
    }
    return s;
  }
}
