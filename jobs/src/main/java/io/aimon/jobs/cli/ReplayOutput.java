package io.aimon.jobs.cli;

import io.aimon.evidence.Gate;
import io.aimon.jobs.monitor.MonitorRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The replay's output directory: never mixed with an earlier replay's outputs (a second evidence
 * chain in one archive would no longer verify), and marked {@value #MARKER} while it is incomplete.
 * Gate records ({@code evidence/model=<id>/_gates.jsonl}, written by {@code aimon gate} before the
 * replay) are not a replay's outputs: an archive holding only those is a new one, and {@code
 * --replace} keeps them.
 */
final class ReplayOutput {
  /** Present while a replay writes the directory, and after one failed: its outputs are partial. */
  static final String MARKER = "INCOMPLETE";

  /** The files and directories a replay writes; {@code --replace} removes only these. */
  static final Set<String> OWN =
      Set.of(
          MonitorRunner.METRICS_FILE,
          MonitorRunner.DEAD_LETTER_FILE,
          MonitorRunner.INCIDENTS_FILE,
          MonitorRunner.EVIDENCE_DIR,
          MARKER);

  private ReplayOutput() {}

  /**
   * Creates {@code out} (or, with {@code replace}, empties it of a replay's outputs) and marks it
   * incomplete.
   *
   * @return null when the replay may write there, else the one-line reason it may not
   */
  static String prepare(Path out, boolean replace) throws IOException {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      return out + " is a file, not a directory";
    }
    Files.createDirectories(out);
    List<Path> present;
    try (Stream<Path> s = Files.list(out)) {
      present = s.sorted().filter(p -> !onlyGates(p)).toList();
    }
    if (!present.isEmpty()) {
      List<String> foreign =
          present.stream()
              .map(p -> p.getFileName().toString())
              .filter(n -> !OWN.contains(n))
              .toList();
      if (!foreign.isEmpty()) {
        return out
            + " holds files a replay did not write ("
            + String.join(", ", foreign.subList(0, Math.min(3, foreign.size())))
            + (foreign.size() > 3 ? ", ..." : "")
            + "): choose an empty or new directory";
      }
      if (!replace) {
        return out
            + " holds the outputs of an earlier replay: pass --replace to replace them, or choose"
            + " an empty or new directory (a second evidence chain in one archive would not"
            + " verify)";
      }
      for (Path p : present) {
        deleteRecursively(p, out.resolve(MonitorRunner.EVIDENCE_DIR).equals(p));
      }
    }
    Files.writeString(
        out.resolve(MARKER),
        "replay started "
            + Instant.now()
            + " and has not finished: the outputs here are partial\n");
    return null;
  }

  /** Records why the replay failed in the marker, which stays. */
  static void failed(Path out, String reason) {
    try {
      Files.writeString(
          out.resolve(MARKER),
          "replay failed " + Instant.now() + ": " + reason + "\nthe outputs here are partial\n");
    } catch (IOException e) {
      // the marker from the start is still there: the outputs stay marked partial
    }
  }

  /** Removes the marker: the outputs are complete. */
  static void succeeded(Path out) throws IOException {
    Files.deleteIfExists(out.resolve(MARKER));
  }

  /** Whether {@code p} is the evidence directory holding gate records and nothing else. */
  private static boolean onlyGates(Path p) {
    if (!p.getFileName().toString().equals(MonitorRunner.EVIDENCE_DIR)
        || Files.isSymbolicLink(p)
        || !Files.isDirectory(p)) {
      return false;
    }
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(f -> !Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .allMatch(ReplayOutput::isGateFile);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isGateFile(Path f) {
    return f.getFileName().toString().equals(Gate.FILE)
        && f.getParent() != null
        && f.getParent().getFileName().toString().startsWith("model=")
        && !Files.isSymbolicLink(f);
  }

  /**
   * Deletes {@code root} and what it holds; with {@code keepGates}, gate files and their dirs stay.
   */
  private static void deleteRecursively(Path root, boolean keepGates) throws IOException {
    if (Files.isSymbolicLink(root) || !Files.isDirectory(root)) {
      Files.delete(root);
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        if (keepGates && isGateFile(p)) {
          continue;
        }
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          try (Stream<Path> left = Files.list(p)) {
            if (left.findAny().isPresent()) {
              continue; // holds a gate file
            }
          }
        }
        Files.delete(p);
      }
    }
  }
}
