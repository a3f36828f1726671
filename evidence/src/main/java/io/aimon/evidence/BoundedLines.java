package io.aimon.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Splits an archive file into lines as it streams, holding at most {@link #MAX_LINE_BYTES} of a
 * line: a longer line is counted and skipped to its newline, never buffered, and the lines after it
 * are read as usual. The verifier and the export read every archive file through it, so a file of
 * one multi-gigabyte line costs the same memory as a file of small ones.
 *
 * <pre>{@code
 * try (InputStream in = Files.newInputStream(file)) {
 *   BoundedLines.read(in, new BoundedLines.Handler() {
 *     public void line(byte[] bytes, int length, int lineNo, boolean last) { ... }
 *     public void tooLong(long length, int lineNo, boolean last) { ... }
 *   });
 * }
 * }</pre>
 *
 * <p>A line ends at {@code \n}; a {@code \r} right before it is dropped. The last line need not end
 * with {@code \n} ({@code last} is then true: the file may have been cut mid-line); an empty last
 * line (the file ends with {@code \n}) is not a line.
 *
 * <ol>
 *   <li>Each line is handed over once, in file order, with its 1-based number.
 *   <li>A line of at most the cap (counting a dropped {@code \r}) goes to {@link Handler#line}; a
 *       longer one to {@link Handler#tooLong} with its exact length, read but never kept.
 *   <li>Memory: the cap plus one 1 MiB read buffer, whatever the file holds.
 * </ol>
 */
public final class BoundedLines {
  /**
   * The longest line read, in bytes: 16 MiB. The lines aimon writes stay far below it: a manifest
   * takes 66 bytes per record it signs plus about 400, so 16 MiB is a manifest of about 250,000
   * records, far more than a window's checks; a record's data is a few KiB (dead-letter payloads
   * are cut at 4096 characters), the largest being an operator's corrective-action text, at most
   * one input record ({@code job.max_record_bytes}, 1 MiB by default). Only a configuration that
   * raises {@code job.max_record_bytes} above 16 MiB and an action text that long could write a
   * longer line. Anything longer is not aimon's, and buffering it would only cost memory.
   */
  public static final int MAX_LINE_BYTES = 16 << 20;

  private static final int BUFFER_BYTES = 1 << 20;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int INITIAL_LINE_BYTES = 1024;

  /** What {@link #read} finds, line by line. */
  public interface Handler {
    /**
     * A line of at most the cap.
     *
     * @param bytes the line's bytes in {@code [0, length)}; valid during this call only
     * @param length its length, without {@code \n} and a {@code \r} before it
     * @param lineNo its 1-based number in the file
     * @param last true when the file ends in this line, without {@code \n}
     */
    void line(byte[] bytes, int length, int lineNo, boolean last);

    /**
     * A line longer than the cap, skipped.
     *
     * @param length its length in bytes, without {@code \n}
     * @param lineNo its 1-based number in the file
     * @param last true when the file ends in this line, without {@code \n}
     */
    void tooLong(long length, int lineNo, boolean last);
  }

  private final int maxLineBytes;
  private byte[] line = new byte[INITIAL_LINE_BYTES];
  private int kept;
  private long length;

  private BoundedLines(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Reads {@code in} to its end with the cap {@link #MAX_LINE_BYTES}; does not close it.
   *
   * @throws IOException as {@code in} does
   */
  public static void read(InputStream in, Handler handler) throws IOException {
    read(in, MAX_LINE_BYTES, handler);
  }

  /** As {@link #read(InputStream, Handler)} with another cap, >= 1 (tests use a small one). */
  static void read(InputStream in, int maxLineBytes, Handler handler) throws IOException {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes: expected >= 1, found " + maxLineBytes);
    }
    new BoundedLines(maxLineBytes).run(in, handler);
  }

  private void run(InputStream in, Handler handler) throws IOException {
    byte[] buf = new byte[BUFFER_BYTES];
    int lineNo = 0;
    int n;
    while ((n = in.read(buf)) >= 0) {
      int start = 0;
      int newline;
      while ((newline = indexOfNewline(buf, start, n)) >= 0) {
        append(buf, start, newline - start);
        emit(handler, ++lineNo, false);
        start = newline + 1;
      }
      append(buf, start, n - start);
    }
    if (length > 0) {
      emit(handler, ++lineNo, true);
    }
  }

  /**
   * The index of the first {@code \n} in {@code b[from, to)}, or -1. Eight bytes at a time: a byte
   * of {@code x = word ^ 0x0A..0A} is zero where the word holds a newline, and {@code (x -
   * 0x01..01) & ~x & 0x80..80} sets the top bit of the lowest such byte (bits above it may be false
   * hits, below it none), so a gigabyte line is scanned at memory speed rather than byte by byte.
   */
  static int indexOfNewline(byte[] b, int from, int to) {
    int k = from;
    for (; k + Long.BYTES <= to; k += Long.BYTES) {
      long x = (long) LONGS.get(b, k) ^ 0x0A0A0A0A0A0A0A0AL;
      long hit = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
      if (hit != 0) {
        return k + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
    }
    for (; k < to; k++) {
      if (b[k] == '\n') {
        return k;
      }
    }
    return -1;
  }

  private void append(byte[] buf, int from, int n) {
    length += n;
    if (length > maxLineBytes) {
      kept = 0; // too long: count the rest, keep nothing
      return;
    }
    if (kept + n > line.length) {
      line =
          Arrays.copyOf(line, (int) Math.min(maxLineBytes, Math.max(2L * line.length, kept + n)));
    }
    System.arraycopy(buf, from, line, kept, n);
    kept += n;
  }

  private void emit(Handler handler, int lineNo, boolean last) {
    if (length > maxLineBytes) {
      handler.tooLong(length, lineNo, last);
    } else {
      int n = kept > 0 && line[kept - 1] == '\r' ? kept - 1 : kept;
      handler.line(line, n, lineNo, last);
    }
    if (line.length > INITIAL_LINE_BYTES * 64) {
      line = new byte[INITIAL_LINE_BYTES]; // a long line's buffer is not kept for the next ones
    }
    kept = 0;
    length = 0;
  }
}
