package io.aimon.detectors.event;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads JSON Lines (plain or gzip) as {@link RawRecord}s with their 1-based line numbers, holding at
 * most {@code maxRecordBytes} of a line in memory: a longer line is returned with only its first
 * {@link DeadLetter#MAX_PAYLOAD_CHARS} bytes and its full size, so the decoder dead-letters it as
 * oversize. A trailing '\r' is removed. Not thread-safe.
 */
public final class JsonLinesReader implements Closeable {
  private final InputStream in;
  private final String source;
  private final int maxRecordBytes;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
  private long lineNumber;
  private boolean eof;

  /**
   * @param in the stream, already decompressed
   * @param source the name written into dead letters (e.g. the file name)
   * @param maxRecordBytes lines longer than this are truncated and flagged by their size
   */
  public JsonLinesReader(InputStream in, String source, int maxRecordBytes) {
    this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
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
    line.reset();
    long size = 0;
    int b;
    boolean pendingCr = false; // a '\r' is held back until we know it is not the end of a CRLF
    while ((b = in.read()) != -1 && b != '\n') {
      if (pendingCr) {
        append('\r', ++size);
      }
      pendingCr = b == '\r';
      if (!pendingCr) {
        append(b, ++size);
      }
    }
    if (b == -1) {
      eof = true;
      if (pendingCr) {
        append('\r', ++size); // a '\r' at the very end of the input is content
      }
      if (size == 0) {
        return null;
      }
    }
    lineNumber++;
    byte[] bytes = line.toByteArray();
    int len = bytes.length;
    if (size > maxRecordBytes) {
      len = Math.min(len, DeadLetter.MAX_PAYLOAD_CHARS);
    }
    return new RawRecord(source, lineNumber, new String(bytes, 0, len, StandardCharsets.UTF_8), size);
  }

  private void append(int b, long sizeSoFar) {
    if (sizeSoFar <= maxRecordBytes) {
      line.write(b);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
