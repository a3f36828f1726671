package io.aimon.evidence.export;

import io.aimon.evidence.ArchiveFiles;
import io.aimon.evidence.BoundedLines;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.Gate;
import io.aimon.evidence.Manifest;
import io.aimon.evidence.ManifestTimestamp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads every {@code *.jsonl} file of an archive, line by line, in the verifier's file order (path
 * segments compared with digit runs as numbers), and hands each readable record or manifest with
 * its line text (and each manifest's time stamp) to a {@link Handler}. Lines that are not valid
 * UTF-8, JSON, records or manifests, or are longer than {@link BoundedLines#MAX_LINE_BYTES}, are
 * counted and skipped: the verification names them. Symbolic links are not followed ({@link
 * ArchiveFiles}).
 */
final class ArchiveScan {
  /** What the scan finds, line by line. */
  interface Handler {
    /** A valid evidence record; {@code order} is the line's position in the whole archive. */
    void record(EvidenceRecord r, String line, long order);

    /** A valid manifest; {@code order} as for records. */
    void manifest(Manifest m, String line, long order);

    /** A valid time stamp of a manifest; {@code order} as for records. */
    void timestamp(ManifestTimestamp t, String line, long order);

    /** A readable gate record (its signature unchecked); {@code order} as for records. */
    void gate(Gate g, String line, long order);

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
    return ArchiveFiles.list(dir).stream().map(dir::resolve).collect(Collectors.toList());
  }

  private static long scanFile(Path file, Handler handler, long order) {
    long[] next = {order};
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      BoundedLines.read(
          in,
          new BoundedLines.Handler() {
            @Override
            public void line(byte[] bytes, int length, int lineNo, boolean last) {
              ArchiveScan.line(bytes, length, handler, next[0]++);
            }

            @Override
            public void tooLong(long length, int lineNo, boolean last) {
              next[0]++; // unreadable: reported by the verification
              handler.lineRead();
            }
          });
      return next[0];
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + e, e);
    }
  }

  private static void line(byte[] bytes, int length, Handler handler, long order) {
    try {
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
          try {
            handler.timestamp(ManifestTimestamp.fromJson(text), text, order);
          } catch (IllegalArgumentException notAStamp) {
            try {
              handler.gate(Gate.fromJson(text), text, order);
            } catch (IllegalArgumentException notAGate) {
              // a deletion record, or unreadable: the verification reports what does not hold
            }
          }
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
