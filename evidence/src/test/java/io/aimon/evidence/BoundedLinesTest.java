package io.aimon.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines split as they stream; a line over the cap is counted, skipped, and the rest still read. */
class BoundedLinesTest {

  /** Each line as "number:text:last", a skipped one as "number:TOO LONG length:last". */
  private static List<String> lines(String text, int cap) throws IOException {
    return lines(text.getBytes(StandardCharsets.UTF_8), cap);
  }

  private static List<String> lines(byte[] bytes, int cap) throws IOException {
    List<String> out = new ArrayList<>();
    BoundedLines.read(
        new ByteArrayInputStream(bytes),
        cap,
        new BoundedLines.Handler() {
          @Override
          public void line(byte[] b, int length, int lineNo, boolean last) {
            out.add(lineNo + ":" + new String(b, 0, length, StandardCharsets.UTF_8) + ":" + last);
          }

          @Override
          public void tooLong(long length, int lineNo, boolean last) {
            out.add(lineNo + ":TOO LONG " + length + ":" + last);
          }
        });
    return out;
  }

  @Test
  void splitsAtNewlinesDroppingACarriageReturnBeforeThem() throws IOException {
    assertEquals(
        List.of("1:a:false", "2:b:false", "3::false", "4:c\rd:true"), lines("a\nb\r\n\nc\rd", 100));
    assertEquals(List.of("1:a:false"), lines("a\n", 100), "a final newline ends the last line");
    assertEquals(List.of(), lines("", 100));
  }

  @Test
  void aLineOverTheCapIsSkippedWithItsLengthAndTheNextLinesAreRead() throws IOException {
    String exact = "x".repeat(10);
    assertEquals(
        List.of("1:" + exact + ":false", "2:TOO LONG 11:false", "3:ok:false", "4:TOO LONG 12:true"),
        lines(exact + "\n" + "y".repeat(11) + "\nok\n" + "z".repeat(12), 10));
  }

  @Test
  void aLongLineAcrossManyReadBuffersCostsNoMoreThanTheCap() throws IOException {
    byte[] bytes = new byte[1_000_003];
    java.util.Arrays.fill(bytes, (byte) 'q');
    bytes[1_000_000] = '\n';
    bytes[1_000_001] = 'o';
    bytes[1_000_002] = 'k';
    assertEquals(List.of("1:TOO LONG 1000000:false", "2:ok:true"), lines(bytes, 1000));
  }

  /**
   * A 3 GiB line with the default cap and the default test heap, from a stream that hands out zero
   * bytes without a file: no Java array can hold the line, so buffering it would be an
   * OutOfMemoryError at any heap size; it is scanned once and the line after it is read.
   */
  @Test
  void threeGibibyteLineIsSkippedWithoutBufferingIt() throws IOException {
    long huge = 3L << 30;
    byte[] tail = "\nok\n".getBytes(StandardCharsets.US_ASCII);
    InputStream zeros =
        new InputStream() {
          private long left = huge;
          private int tailAt;

          @Override
          public int read() {
            throw new UnsupportedOperationException("read in blocks");
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (left > 0) {
              int n = (int) Math.min(len, left);
              left -= n;
              return n; // the reader's buffer is never written with anything but zeros here
            }
            if (tailAt == tail.length) {
              return -1;
            }
            int n = Math.min(len, tail.length - tailAt);
            System.arraycopy(tail, tailAt, b, off, n);
            tailAt += n;
            return n;
          }
        };
    List<String> out = new ArrayList<>();
    BoundedLines.read(
        zeros,
        new BoundedLines.Handler() {
          @Override
          public void line(byte[] b, int length, int lineNo, boolean last) {
            out.add(lineNo + ":" + new String(b, 0, length, StandardCharsets.UTF_8) + ":" + last);
          }

          @Override
          public void tooLong(long length, int lineNo, boolean last) {
            out.add(lineNo + ":TOO LONG " + length + ":" + last);
          }
        });
    assertEquals(List.of("1:TOO LONG 3221225472:false", "2:ok:false"), out);
  }

  @Test
  void newlineIsFoundAtEveryOffsetOfAWord() {
    for (int at = 0; at < 20; at++) {
      byte[] b = new byte[20];
      java.util.Arrays.fill(b, (byte) 0x8B); // a high byte next to 0x0A must not hide it
      b[at] = '\n';
      if (at + 1 < 20) {
        b[at + 1] = '\n';
      }
      assertEquals(at, BoundedLines.indexOfNewline(b, 0, 20), "at " + at);
      assertEquals(-1, BoundedLines.indexOfNewline(b, 0, at), "before " + at);
    }
    assertEquals(-1, BoundedLines.indexOfNewline(new byte[16], 0, 16));
  }

  @Test
  void capMustBePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lines("a", 0));
    assertEquals("maxLineBytes: expected >= 1, found 0", e.getMessage());
  }

  @Test
  void capIsSixteenMebibytes() {
    assertEquals(16 * 1024 * 1024, BoundedLines.MAX_LINE_BYTES);
  }
}
