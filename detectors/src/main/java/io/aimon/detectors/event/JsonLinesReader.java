package io.aimon.detectors.event;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads JSON Lines (plain or gzip) as {@link RawRecord}s with their 1-based line numbers, holding
 * at most {@code maxRecordBytes} of a line in memory: a longer line is returned with only its first
 * {@link DeadLetter#MAX_PAYLOAD_CHARS} bytes and its full size, so the decoder dead-letters it as
 * oversize. A trailing '\r' is removed, and so is a UTF-8 byte-order mark at the start of the input
 * (editors on Windows write one). Not thread-safe.
 */
public final class JsonLinesReader implements Closeable {
  private final InputStream in;
  private final String source;
  private final int maxRecordBytes;
  private final byte[] buffer = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[1024];
  private int lineLength;
  private long lineNumber;
  private long bytesBeforeBuffer;
  private boolean eof;

  /**
   * @param in the stream, already decompressed
   * @param source the name written into dead letters (e.g. the file name)
   * @param maxRecordBytes lines longer than this are truncated and flagged by their size
   */
  public JsonLinesReader(InputStream in, String source, int maxRecordBytes) {
    this.in = in;
    this.source = source;
    this.maxRecordBytes = maxRecordBytes;
  }

  /** Opens a file, decompressing it when its name ends in {@code .gz}. */
  public static JsonLinesReader open(Path file, int maxRecordBytes) throws IOException {
    InputStream raw = Files.newInputStream(file);
    InputStream in =
        file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
    return new JsonLinesReader(in, file.getFileName().toString(), maxRecordBytes);
  }

  /** Opens a stream whose name tells whether it is gzip-compressed. */
  public static InputStream decompressIfGzip(InputStream raw, String name) throws IOException {
    return name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
  }

  /** The next line, or null at the end of the input. */
  public RawRecord next() throws IOException {
    if (eof) {
      return null;
    }
    lineLength = 0;
    long size = 0;
    boolean newline = false;
    while (!newline) {
      if (pos == limit && !fill()) {
        break;
      }
      int start = pos;
      while (pos < limit && buffer[pos] != '\n') {
        pos++;
      }
      int chunk = pos - start;
      keep(start, chunk, size);
      size += chunk;
      if (pos < limit) {
        pos++; // the '\n'
        newline = true;
      }
    }
    if (!newline) {
      eof = true;
      if (size == 0) {
        return null;
      }
    } else if (lineLength > 0 && lineLength == size && line[lineLength - 1] == '\r') {
      lineLength--; // CRLF ending
      size--;
    }
    int bom = lineNumber == 0 && startsWithByteOrderMark() ? 3 : 0;
    lineNumber++;
    int len =
        size > maxRecordBytes
            ? Math.min(Math.min(lineLength, maxRecordBytes), DeadLetter.MAX_PAYLOAD_CHARS)
            : lineLength;
    return new RawRecord(
        source,
        lineNumber,
        new String(line, bom, Math.max(0, len - bom), StandardCharsets.UTF_8),
        size - bom);
  }

  /** Whether the kept line starts with the UTF-8 byte-order mark EF BB BF. */
  private boolean startsWithByteOrderMark() {
    return lineLength >= 3
        && (line[0] & 0xff) == 0xEF
        && (line[1] & 0xff) == 0xBB
        && (line[2] & 0xff) == 0xBF;
  }

  /** Keeps bytes of the current line while it is within the size limit (+1 for a CR). */
  private void keep(int from, int count, long sizeBefore) {
    long room = (long) maxRecordBytes + 1 - sizeBefore;
    int n = (int) Math.max(0, Math.min(count, room));
    if (n == 0) {
      return;
    }
    if (lineLength + n > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
    }
    System.arraycopy(buffer, from, line, lineLength, n);
    lineLength += n;
  }

  /** Lines returned so far: the number of the last one. */
  public long lines() {
    return lineNumber;
  }

  /** Bytes of the (decompressed) stream consumed so far. */
  public long bytesRead() {
    return bytesBeforeBuffer + pos;
  }

  private boolean fill() throws IOException {
    bytesBeforeBuffer += limit;
    limit = 0;
    pos = 0;
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
