package io.aimon.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Expiry of evidence older than the retention ({@code evidence.retention}): per model, the whole
 * UTC days ({@code model=<id>/date=<yyyy-MM-dd>/} partitions) that ended at least the retention
 * before now are removed, and a signed {@link Deletion} record naming what went (dates, seqs, the
 * hash of the last record removed, counts) is appended to {@code model=<id>/_deletions.jsonl}
 * first. The verifier accepts a chain whose start was removed only through such records.
 *
 * <p>It refuses, changing nothing, when the archive does not verify (against the signing key), and
 * for a model whose days to remove do not hold exactly the chain's start: the seqs removed must be
 * contiguous from where the last deletion ended (or seq 1) and the first seq kept must follow them.
 */
public final class Retention {
  /**
   * What an expiry did (or, in a dry run, would do) for one model.
   *
   * @param modelId the model
   * @param deletion the deletion record written, or null when nothing was old enough
   */
  public record Outcome(String modelId, Deletion deletion) {}

  private Retention() {}

  /**
   * Expires every model of the archive in {@code dir}.
   *
   * @param retention how long evidence is kept, at least a day
   * @param now epoch ms, the expiry's time
   * @param keys the evidence signing key: the archive must verify against it, and it signs the
   *     deletion records
   * @param dryRun when true, nothing is written or removed
   * @throws IllegalStateException naming why nothing was removed: the archive does not verify, or a
   *     model's days to remove are not its chain's start
   */
  public static List<Outcome> expire(
      Path dir, Duration retention, long now, KeyPair keys, boolean dryRun) {
    if (retention.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException("retention: expected at least 1d, found " + retention);
    }
    ArchiveVerifier.Report report = ArchiveVerifier.verify(dir, keys.getPublic());
    if (!report.intact()) {
      throw new IllegalStateException(
          "refusing to expire evidence: the archive does not verify ("
              + report.summary()
              + "); run aimon evidence verify and resolve it first");
    }
    LocalDate cutoff =
        Instant.ofEpochMilli(now).minus(retention).atZone(ZoneOffset.UTC).toLocalDate();
    List<Outcome> out = new ArrayList<>();
    List<Runnable> removals = new ArrayList<>();
    try (DirectoryStream<Path> models = Files.newDirectoryStream(dir, "model=*")) {
      for (Path modelDir : sorted(models)) {
        if (!Files.isDirectory(modelDir, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String model = modelDir.getFileName().toString().substring("model=".length());
        Outcome o = plan(modelDir, model, cutoff, retention, now, keys, removals);
        out.add(o);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!dryRun) {
      removals.forEach(Runnable::run);
    }
    return out;
  }

  /**
   * The deletion of {@code model}'s days before {@code cutoff}; adds what to do to {@code work}.
   */
  private static Outcome plan(
      Path modelDir,
      String model,
      LocalDate cutoff,
      Duration retention,
      long now,
      KeyPair keys,
      List<Runnable> work)
      throws IOException {
    TreeMap<LocalDate, Path> old = new TreeMap<>();
    Path firstKept = null;
    List<Path> days;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(modelDir, "date=*")) {
      days = sorted(s);
    }
    for (Path day : days) {
      LocalDate date = LocalDate.parse(day.getFileName().toString().substring("date=".length()));
      if (date.isBefore(cutoff)) {
        old.put(date, day);
      } else if (firstKept == null) {
        firstKept = day;
      }
    }
    if (old.isEmpty()) {
      return new Outcome(model, null);
    }
    Lines removed = new Lines();
    for (Path day : old.values()) {
      removed.read(day);
    }
    if (removed.records == 0) {
      return new Outcome(model, null);
    }
    long first = previousEnd(modelDir) + 1;
    long last = removed.maxSeq;
    // the archive verified, so its seqs are unique: count == last - first + 1 means no gap
    if (removed.minSeq != first || removed.records != last - first + 1) {
      throw new IllegalStateException(
          "refusing to expire model "
              + model
              + ": the days before "
              + cutoff
              + " hold seqs "
              + removed.minSeq
              + ".."
              + last
              + " with gaps or not from seq "
              + first
              + ", so they are not the chain's start");
    }
    Lines kept = new Lines();
    if (firstKept != null) {
      kept.read(firstKept);
    }
    if (kept.records > 0 && kept.minSeq != last + 1) {
      throw new IllegalStateException(
          "refusing to expire model "
              + model
              + ": the days kept start at seq "
              + kept.minSeq
              + ", not after the last seq removed, "
              + last);
    }
    List<String> dates = old.keySet().stream().map(LocalDate::toString).toList();
    Deletion d =
        Deletion.sign(
            model,
            now,
            formatDays(retention),
            dates,
            first,
            last,
            removed.maxHash,
            removed.records,
            removed.manifests,
            removed.stamps,
            keys);
    work.add(
        () -> {
          append(modelDir.resolve(Deletion.FILE), d.toJson());
          old.values().forEach(Retention::deleteTree);
        });
    return new Outcome(model, d);
  }

  /** The last seq removed by the model's earlier deletion records, 0 without any. */
  private static long previousEnd(Path modelDir) throws IOException {
    Path file = modelDir.resolve(Deletion.FILE);
    long end = 0;
    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          end = Math.max(end, Deletion.fromJson(line).lastSeq());
        }
      }
    }
    return end;
  }

  /**
   * What the lines of some days add up to, read line by line: counts by kind, and of the records
   * the lowest and highest seq and the highest one's hash. A few numbers, whatever the days hold.
   */
  private static final class Lines {
    long records;
    long manifests;
    long stamps;
    long minSeq = Long.MAX_VALUE;
    long maxSeq = Long.MIN_VALUE;
    String maxHash;

    void read(Path day) throws IOException {
      for (Path f : files(day)) {
        try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
              add(EvidenceJson.parseObject(line));
            }
          }
        }
      }
    }

    private void add(ObjectNode o) {
      String kind = o.path("kind").asText();
      if (Manifest.KIND.equals(kind)) {
        manifests++;
      } else if (ManifestTimestamp.KIND.equals(kind)) {
        stamps++;
      } else {
        EvidenceRecord r = EvidenceRecord.fromNode(o);
        records++;
        minSeq = Math.min(minSeq, r.seq());
        if (r.seq() > maxSeq) {
          maxSeq = r.seq();
          maxHash = r.hash();
        }
      }
    }
  }

  private static List<Path> files(Path day) throws IOException {
    try (Stream<Path> s = Files.walk(day)) {
      return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> p.toString().endsWith(".jsonl"))
          .sorted()
          .toList();
    }
  }

  private static List<Path> sorted(DirectoryStream<Path> s) {
    List<Path> out = new ArrayList<>();
    s.forEach(out::add);
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** Appends {@code line} and forces it to disk before anything is removed. */
  private static void append(Path file, String line) {
    try (FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ch.write(java.nio.ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String formatDays(Duration d) {
    return d.toHours() % 24 == 0 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0
        ? d.toDays() + "d"
        : d.toString();
  }
}
