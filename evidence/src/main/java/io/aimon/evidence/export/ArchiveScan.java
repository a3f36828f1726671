package io.aimon.evidence.export;

import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads every {@code *.jsonl} file of an archive, line by line, in the verifier's file order (path
 * segments compared with digit runs as numbers), and hands each readable record or manifest with
 * its line text to a {@link Handler}. Lines that are not valid UTF-8, JSON, records or manifests
 * are counted and skipped: the verification names them.
 */
final class ArchiveScan {
  /** What the scan finds, line by line. */
  interface Handler {
    /** A valid evidence record; {@code order} is the line's position in the whole archive. */
    void record(EvidenceRecord r, String line, long order);

    /** A valid manifest; {@code order} as for records. */
    void manifest(Manifest m, String line, long order);

    /** Any line, readable or not, once it was handled. */
    void lineRead();
  }

  private ArchiveScan() {}

  /**
   * Scans {@code dir}.
   *
   * @throws UncheckedIOException when a file cannot be listed or read
   */
  static void scan(Path dir, Handler handler) {
    long order = 0;
    for (Path file : files(dir)) {
      order = scanFile(file, handler, order);
    }
  }

  /** The {@code *.jsonl} files under {@code dir}, in the verifier's order. */
  static List<Path> files(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
          .filter(Files::isRegularFile)
          .sorted((a, b) -> comparePaths(dir.relativize(a), dir.relativize(b)))
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot list the archive: " + e, e);
    }
  }

  /** Path order: segment by segment, digit runs compared as numbers ({@code part-2 < part-10}). */
  static int comparePaths(Path a, Path b) {
    int n = Math.min(a.getNameCount(), b.getNameCount());
    for (int i = 0; i < n; i++) {
      int c = compareNatural(a.getName(i).toString(), b.getName(i).toString());
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.getNameCount(), b.getNameCount());
  }

  static int compareNatural(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int ei = i;
        while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
          ei++;
        }
        int ej = j;
        while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
          ej++;
        }
        String da = a.substring(i, ei).replaceFirst("^0+(?=.)", "");
        String db = b.substring(j, ej).replaceFirst("^0+(?=.)", "");
        int c =
            da.length() != db.length()
                ? Integer.compare(da.length(), db.length())
                : da.compareTo(db);
        if (c != 0) {
          return c;
        }
        i = ei;
        j = ej;
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static long scanFile(Path file, Handler handler, long order) {
    try (InputStream in = Files.newInputStream(file)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) >= 0) {
        int start = 0;
        for (int k = 0; k < n; k++) {
          if (buf[k] == '\n') {
            line.write(buf, start, k - start);
            line(line.toByteArray(), handler, order++);
            line.reset();
            start = k + 1;
          }
        }
        line.write(buf, start, n - start);
      }
      if (line.size() > 0) {
        line(line.toByteArray(), handler, order++);
      }
      return order;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + e, e);
    }
  }

  private static void line(byte[] bytes, Handler handler, long order) {
    try {
      int length = bytes.length;
      if (length > 0 && bytes[length - 1] == '\r') {
        length--;
      }
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, 0, length))
                .toString();
      } catch (CharacterCodingException e) {
        return;
      }
      if (text.isBlank()) {
        return;
      }
      EvidenceRecord r = null;
      try {
        r = EvidenceRecord.fromJson(text);
      } catch (IllegalArgumentException notARecord) {
        try {
          handler.manifest(Manifest.fromJson(text), text, order);
        } catch (IllegalArgumentException notAManifest) {
          // unreadable: reported by the verification
        }
      }
      if (r != null) {
        handler.record(r, text, order);
      }
    } finally {
      handler.lineRead();
    }
  }
}
