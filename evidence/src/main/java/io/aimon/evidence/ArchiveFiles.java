package io.aimon.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of an evidence archive: every {@code *.jsonl} file under its directory, in path order
 * (segment by segment, digit runs compared as numbers, so {@code part-2} comes before {@code
 * part-10}). The verifier and the export read them in this order.
 *
 * <p>Symbolic links under the directory are never followed, whether to a file or a directory: a
 * link could take the reader out of the archive (to {@code /etc/passwd}, say) and an archive aimon
 * writes holds none. {@link #scan} lists them apart, so the verifier can report each one; the
 * directory itself may be a link (the caller named it).
 */
public final class ArchiveFiles {
  private ArchiveFiles() {}

  /**
   * What an archive directory holds.
   *
   * @param files its {@code *.jsonl} regular files, relative to it, in path order
   * @param symlinks every symbolic link under it, whatever it points to or is named, relative to
   *     it, in path order; none is followed
   */
  public record Listing(List<Path> files, List<Path> symlinks) {
    public Listing {
      files = List.copyOf(files);
      symlinks = List.copyOf(symlinks);
    }
  }

  /**
   * The archive's files, relative to {@code dir}, in path order; symbolic links are left out.
   *
   * @throws UncheckedIOException when the directory cannot be listed
   */
  public static List<Path> list(Path dir) {
    return scan(dir).files();
  }

  /**
   * The archive's files and the symbolic links under it, each relative to {@code dir}, in path
   * order.
   *
   * @throws UncheckedIOException when the directory cannot be listed
   */
  public static Listing scan(Path dir) {
    List<Path> files = new ArrayList<>();
    List<Path> links = new ArrayList<>();
    try {
      // the walk itself never follows links; it starts from where the named directory really is
      Path root = dir.toRealPath();
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> !p.equals(root))
            .forEach(
                p -> {
                  if (Files.isSymbolicLink(p)) {
                    links.add(root.relativize(p));
                  } else if (p.getFileName().toString().endsWith(".jsonl")
                      && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(root.relativize(p));
                  }
                });
      }
    } catch (IOException | UncheckedIOException e) {
      throw new UncheckedIOException(
          dir + ": cannot list the archive: " + e,
          e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
    }
    files.sort(ArchiveFiles::comparePaths);
    links.sort(ArchiveFiles::comparePaths);
    return new Listing(files, links);
  }

  /**
   * Path order: segment by segment; within a segment, runs of digits compare as numbers and the
   * rest by character.
   */
  public static int comparePaths(Path a, Path b) {
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
      if (isDigit(ca) && isDigit(cb)) {
        int ei = digitsEnd(a, i);
        int ej = digitsEnd(b, j);
        String da = stripZeros(a.substring(i, ei));
        String db = stripZeros(b.substring(j, ej));
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
    int c = Integer.compare(a.length() - i, b.length() - j);
    return c != 0 ? c : a.compareTo(b);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int digitsEnd(String s, int from) {
    int k = from;
    while (k < s.length() && isDigit(s.charAt(k))) {
      k++;
    }
    return k;
  }

  private static String stripZeros(String digits) {
    int k = 0;
    while (k < digits.length() - 1 && digits.charAt(k) == '0') {
      k++;
    }
    return digits.substring(k);
  }
}
