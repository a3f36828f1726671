package io.aimon.evidence.export;

import io.aimon.config.Digests;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the bundle's files, UTF-8, into a directory or, when the target's name ends with {@code
 * .zip}, into a zip file whose entries all carry one fixed time (so the same content gives the same
 * bytes), and returns each file's SHA-256.
 */
final class BundleWriter implements AutoCloseable {
  /** Writes one file's text. */
  interface Content {
    void writeTo(Writer w) throws IOException;
  }

  private final Path out;
  private final ZipOutputStream zip;
  private final LocalDateTime entryTime;
  private final List<String> files = new ArrayList<>();
  private long bytes;

  private BundleWriter(Path out, ZipOutputStream zip, LocalDateTime entryTime) {
    this.out = out;
    this.zip = zip;
    this.entryTime = entryTime;
  }

  /** Whether {@code out} names a zip file: its name ends with {@code .zip}, any case. */
  static boolean isZip(Path out) {
    Path name = out.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".zip");
  }

  /**
   * Opens the target: creates the directory (and parents), or the zip file's parent directories.
   *
   * @param entryTime epoch ms written as every zip entry's time (clamped to 1980..2107, UTC)
   * @throws IllegalArgumentException when a directory target exists as a file, or a zip target as a
   *     directory
   */
  static BundleWriter open(Path out, long entryTime) throws IOException {
    if (isZip(out)) {
      if (Files.isDirectory(out)) {
        throw new IllegalArgumentException(
            out + ": expected a zip file to write, found a directory");
      }
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      long min = LocalDateTime.of(1980, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
      long max =
          LocalDateTime.of(2107, 12, 31, 23, 59, 58).toInstant(ZoneOffset.UTC).toEpochMilli();
      long t = Math.max(min, Math.min(max, entryTime));
      LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(t, 1000), 0, ZoneOffset.UTC);
      return new BundleWriter(out, new ZipOutputStream(Files.newOutputStream(out)), local);
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException(
          out + ": expected a directory (or a name ending with .zip), found a file");
    }
    Files.createDirectories(out);
    return new BundleWriter(out, null, null);
  }

  /** Writes the file {@code name}; returns its SHA-256, lower-case hex. */
  String write(String name, Content content) throws IOException {
    MessageDigest sha = Digests.sha256();
    if (zip != null) {
      ZipEntry e = new ZipEntry(name);
      e.setTimeLocal(entryTime);
      zip.putNextEntry(e);
      writeText(new DigestOutputStream(new Unclosable(zip), sha), content);
      zip.closeEntry();
    } else {
      Path file = out.resolve(name);
      try (OutputStream os = Files.newOutputStream(file)) {
        writeText(new DigestOutputStream(os, sha), content);
      }
      bytes += Files.size(file);
    }
    files.add(name);
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The names written, in order. */
  List<String> files() {
    return Collections.unmodifiableList(files);
  }

  /** Bytes written: the zip file's size after {@link #close}, or the sum of the files' sizes. */
  long bytes() throws IOException {
    return zip != null ? Files.size(out) : bytes;
  }

  @Override
  public void close() throws IOException {
    if (zip != null) {
      zip.close();
    }
  }

  private static void writeText(OutputStream os, Content content) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 64 * 1024);
    content.writeTo(w);
    w.flush();
    os.flush();
  }

  /** Keeps a writer's close from closing the zip stream. */
  private static final class Unclosable extends FilterOutputStream {
    Unclosable(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
