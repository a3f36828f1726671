package io.aimon.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.evidence.payload.EvidenceCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads every {@code *.jsonl} file of an archive into light line entries (records without their
 * data), in file and line order; lines that cannot be read (including lines longer than {@link
 * BoundedLines#MAX_LINE_BYTES}) become {@link ArchiveVerifier.Kind#UNREADABLE} findings. Symbolic
 * links are not followed: each is a {@link ArchiveVerifier.Kind#SKIPPED_FILE} finding in its place
 * in the path order, treated like a file that cannot be read (records missing where it sits are
 * attributed to it).
 */
final class ArchiveReader {
  /** A line's place: index into {@link #files} and 1-based line number. */
  record Pos(int file, int line) implements Comparable<Pos> {
    @Override
    public int compareTo(Pos o) {
      return file != o.file ? Integer.compare(file, o.file) : Integer.compare(line, o.line);
    }
  }

  /** A readable evidence record line, without its data. */
  record RecordLine(
      String modelId,
      long seq,
      EvidenceKind kind,
      long time,
      Long windowStart,
      Long windowEnd,
      String prev,
      String hash,
      boolean hashValid,
      Pos pos) {}

  /** A readable manifest line. */
  record ManifestLine(Manifest manifest, String json, Pos pos) {}

  /** A readable time stamp line. */
  record TimestampLine(ManifestTimestamp stamp, Pos pos) {}

  /** A readable deletion line (retention). */
  record DeletionLine(Deletion deletion, Pos pos) {}

  /** A readable gate line (a candidate version judged before deployment). */
  record GateLine(Gate gate, Pos pos) {}

  /**
   * An unreadable line (or a skipped file) and, when the line told, the model it is of. Its finding
   * is on line 0 when it is about the whole file.
   */
  record BadLine(Finding finding, String modelId) {}

  private final Path dir;
  private final int maxLineBytes;
  private final List<String> files = new ArrayList<>();
  private final Map<String, List<RecordLine>> recordsByModel = new HashMap<>();
  private final Map<String, List<ManifestLine>> manifestsByModel = new HashMap<>();
  private final Map<String, List<TimestampLine>> timestampsByModel = new HashMap<>();
  private final Map<String, List<DeletionLine>> deletionsByModel = new HashMap<>();
  private final List<GateLine> gates = new ArrayList<>();
  private final List<BadLine> bad = new ArrayList<>();
  private final List<Finding> malformedData = new ArrayList<>();
  private final List<Set<String>> modelsByFile = new ArrayList<>();

  private ArchiveReader(Path dir, int maxLineBytes) {
    this.dir = dir;
    this.maxLineBytes = maxLineBytes;
  }

  static ArchiveReader read(Path dir) {
    return read(dir, BoundedLines.MAX_LINE_BYTES);
  }

  /** As {@link #read(Path)} with another line cap (tests). */
  static ArchiveReader read(Path dir, int maxLineBytes) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": expected a directory of *.jsonl evidence files");
    }
    ArchiveFiles.Listing listing = ArchiveFiles.scan(dir);
    if (listing.files().isEmpty() && listing.symlinks().isEmpty()) {
      throw new IllegalArgumentException(dir + ": no *.jsonl evidence files found");
    }
    List<Path> paths = new ArrayList<>(listing.files());
    paths.addAll(listing.symlinks());
    paths.sort(ArchiveFiles::comparePaths);
    Set<Path> links = new HashSet<>(listing.symlinks());
    ArchiveReader reader = new ArchiveReader(dir, maxLineBytes);
    for (Path p : paths) {
      if (links.contains(p)) {
        reader.skipLink(p);
      } else {
        reader.readFile(p);
      }
    }
    return reader;
  }

  /** The record lines of {@code model}, in file and line order. */
  List<RecordLine> records(String model) {
    return recordsByModel.getOrDefault(model, List.of());
  }

  /** The manifest lines of {@code model}, in file and line order. */
  List<ManifestLine> manifests(String model) {
    return manifestsByModel.getOrDefault(model, List.of());
  }

  /** The time stamp lines of {@code model}, in file and line order. */
  List<TimestampLine> timestamps(String model) {
    return timestampsByModel.getOrDefault(model, List.of());
  }

  /** The deletion lines of {@code model}, in file and line order. */
  List<DeletionLine> deletions(String model) {
    return deletionsByModel.getOrDefault(model, List.of());
  }

  /** Every gate line, in file and line order. */
  List<GateLine> gates() {
    return gates;
  }

  List<BadLine> bad() {
    return bad;
  }

  /** Records whose hash holds but whose data does not fit their kind's layout. */
  List<Finding> malformedData() {
    return malformedData;
  }

  /** The findings of every unreadable line and skipped file, in reading order. */
  List<Finding> unreadable() {
    return bad.stream().map(BadLine::finding).collect(Collectors.toList());
  }

  /** Every model with a readable record or manifest, sorted. */
  Set<String> models() {
    Set<String> out = new TreeSet<>(recordsByModel.keySet());
    out.addAll(manifestsByModel.keySet());
    return out;
  }

  /** The file of {@code pos}, relative to the archive, with {@code /} separators. */
  String file(Pos pos) {
    return files.get(pos.file());
  }

  /** {@code file:line} of {@code pos}; {@code file} alone for line 0 (the whole file). */
  String where(Pos pos) {
    return pos.line() == 0 ? file(pos) : file(pos) + ":" + pos.line();
  }

  /**
   * Whether an unreadable line may hold a record of {@code model}: it says it does, or it does not
   * say and its file holds lines of {@code model} or no readable line at all.
   */
  boolean mayBeOf(BadLine b, String model) {
    if (b.modelId() != null) {
      return b.modelId().equals(model);
    }
    Set<String> inFile = modelsByFile.get(b.finding().pos.file());
    return inFile.isEmpty() || inFile.contains(model);
  }

  private int addFile(Path relative) {
    files.add(relative.toString().replace(relative.getFileSystem().getSeparator(), "/"));
    modelsByFile.add(new HashSet<>());
    return files.size() - 1;
  }

  /** A symbolic link: named, never opened, neither it nor its target. */
  private void skipLink(Path relative) {
    Pos pos = new Pos(addFile(relative), 0);
    bad.add(
        new BadLine(
            new Finding(
                ArchiveVerifier.Kind.SKIPPED_FILE,
                null,
                null,
                pos,
                "skipped: a symbolic link, not followed (an archive holds regular files only)"),
            null));
  }

  private void readFile(Path relative) {
    int index = addFile(relative);
    try (InputStream in = Files.newInputStream(dir.resolve(relative), LinkOption.NOFOLLOW_LINKS)) {
      BoundedLines.read(
          in,
          maxLineBytes,
          new BoundedLines.Handler() {
            @Override
            public void line(byte[] bytes, int length, int lineNo, boolean last) {
              readLine(bytes, length, new Pos(index, lineNo), last);
            }

            @Override
            public void tooLong(long length, int lineNo, boolean last) {
              unreadable(
                  new Pos(index, lineNo),
                  null,
                  null,
                  cut(last)
                      + "line longer than "
                      + maxLineBytes
                      + " bytes ("
                      + length
                      + " bytes): not read");
            }
          });
    } catch (IOException e) {
      bad.add(
          new BadLine(
              new Finding(
                  ArchiveVerifier.Kind.UNREADABLE,
                  null,
                  null,
                  new Pos(index, 0),
                  "cannot read the file: " + e),
              null));
    }
  }

  private void readLine(byte[] bytes, int length, Pos pos, boolean last) {
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
      unreadable(pos, null, null, cut(last) + "not valid UTF-8");
      return;
    }
    if (text.isBlank()) {
      unreadable(pos, null, null, "empty line");
      return;
    }
    ObjectNode o;
    try {
      o = EvidenceJson.parseObject(text);
    } catch (IllegalArgumentException e) {
      unreadable(pos, null, null, cut(last) + e.getMessage());
      return;
    }
    String model = o.path("model_id").isTextual() ? o.get("model_id").textValue() : null;
    Long seq = o.path("seq").canConvertToLong() ? o.get("seq").longValue() : null;
    boolean manifest = Manifest.KIND.equals(o.path("kind").asText());
    boolean stamp = ManifestTimestamp.KIND.equals(o.path("kind").asText());
    boolean deletion = Deletion.KIND.equals(o.path("kind").asText());
    boolean gate = Gate.KIND.equals(o.path("kind").asText());
    try {
      if (gate) {
        gates.add(new GateLine(Gate.fromJson(text), pos));
      } else if (deletion) {
        Deletion d = Deletion.fromJson(text);
        deletionsByModel
            .computeIfAbsent(d.modelId(), k -> new ArrayList<>())
            .add(new DeletionLine(d, pos));
      } else if (stamp) {
        ManifestTimestamp t = ManifestTimestamp.fromJson(text);
        timestampsByModel
            .computeIfAbsent(t.modelId(), k -> new ArrayList<>())
            .add(new TimestampLine(t, pos));
      } else if (manifest) {
        Manifest m = Manifest.fromNode(o);
        manifestsByModel
            .computeIfAbsent(m.modelId(), k -> new ArrayList<>())
            .add(new ManifestLine(m, text, pos));
      } else {
        EvidenceRecord r = EvidenceRecord.fromNode(o);
        recordsByModel
            .computeIfAbsent(r.modelId(), k -> new ArrayList<>())
            .add(
                new RecordLine(
                    r.modelId(),
                    r.seq(),
                    r.kind(),
                    r.time(),
                    r.windowStart(),
                    r.windowEnd(),
                    r.prev(),
                    r.hash(),
                    r.hashValid(),
                    pos));
        dataFits(r, pos);
      }
      modelsByFile.get(pos.file()).add(model);
    } catch (IllegalArgumentException e) {
      String what =
          deletion
              ? "not a valid deletion record: "
              : stamp
                  ? "not a valid time stamp: "
                  : manifest ? "not a valid manifest: " : "not a valid evidence record: ";
      unreadable(pos, model, manifest || stamp || deletion ? null : seq, what + e.getMessage());
    }
  }

  /** Reports a record whose data does not fit its kind's layout (version 2 on). */
  private void dataFits(EvidenceRecord r, Pos pos) {
    if (r.version() == EvidenceRecord.V1) {
      return;
    }
    try {
      EvidenceCodec.decode(r);
    } catch (IllegalArgumentException e) {
      malformedData.add(
          new Finding(
              ArchiveVerifier.Kind.MALFORMED_DATA,
              r.modelId(),
              r.seq(),
              pos,
              "data does not fit the "
                  + r.kind().code()
                  + " layout v"
                  + r.version()
                  + ": "
                  + e.getMessage()));
    }
  }

  private void unreadable(Pos pos, String model, Long seq, String what) {
    bad.add(
        new BadLine(new Finding(ArchiveVerifier.Kind.UNREADABLE, model, seq, pos, what), model));
  }

  private static String cut(boolean last) {
    return last ? "the file ends mid-line (cut off?): " : "";
  }
}
