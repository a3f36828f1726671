package io.aimon.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files of an evidence archive: every {@code *.jsonl} file under its directory, in path order
 * (segment by segment, digit runs compared as numbers, so {@code part-2} comes before {@code
 * part-10}). The verifier and the export read them in this order.
 */
public final class ArchiveFiles {
  private ArchiveFiles() {}

  /**
   * The archive's files, relative to {@code dir}, in path order.
   *
   * @throws UncheckedIOException when the directory cannot be listed
   */
  public static List<Path> list(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
          .filter(Files::isRegularFile)
          .map(dir::relativize)
          .sorted(ArchiveFiles::comparePaths)
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot list the archive: " + e, e);
    }
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
