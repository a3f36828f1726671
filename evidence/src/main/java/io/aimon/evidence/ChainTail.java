package io.aimon.evidence;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an existing chain of one model ends: all a run needs to continue it ({@link
 * ChainState#continuing}) when the state of the run that wrote it is lost. The earlier run's
 * records after its last manifest are not lost either: their hashes are here, and the continuing
 * run's next manifest signs them with its own records, so manifests still cover the chain from seq
 * 1.
 *
 * <pre>{@code
 * ChainTail.Reader reader = new ChainTail.Reader("credit-risk");
 * linesInSeqOrder.forEach(reader::line);           // records and manifests, e.g. from a topic
 * ChainTail tail = reader.tail();
 * }</pre>
 *
 * @param head the seq and hash of the last record; {@link HashChain.State#INITIAL} without records
 * @param time the last record's time, epoch ms; {@code Long.MIN_VALUE} without records
 * @param unsealed the hashes of the records after the last manifest, in seq order
 * @param spanStart the smallest window start (or time) of those records, {@code Long.MAX_VALUE}
 *     without any
 * @param spanEnd their largest window end (or time), {@code Long.MIN_VALUE} without any
 * @param coveredUpTo the window end of the last coverage record, {@code Long.MIN_VALUE} before one
 */
public record ChainTail(
    HashChain.State head,
    long time,
    List<String> unsealed,
    long spanStart,
    long spanEnd,
    long coveredUpTo)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The tail of a chain without records. */
  public static final ChainTail NONE =
      new ChainTail(
          HashChain.State.INITIAL,
          Long.MIN_VALUE,
          List.of(),
          Long.MAX_VALUE,
          Long.MIN_VALUE,
          Long.MIN_VALUE);

  public ChainTail {
    unsealed = List.copyOf(unsealed);
    if (unsealed.size() > head.seq()) {
      throw new IllegalArgumentException(
          "unsealed: expected at most " + head.seq() + " hashes, found " + unsealed.size());
    }
  }

  /**
   * The tails of the chains of {@code models} in the archive {@code dir}, after checking that it is
   * intact ({@link ArchiveVerifier}); {@link #NONE} for a model without records there.
   *
   * @throws IllegalArgumentException naming the first integrity problem when the archive is not
   *     intact, or when it cannot be read
   */
  public static Map<String, ChainTail> ofArchive(Path dir, Collection<String> models) {
    ArchiveVerifier.Report report = ArchiveVerifier.verify(dir, null);
    if (!report.intact()) {
      throw new IllegalArgumentException(
          dir
              + " does not verify ("
              + report.integrityProblems().size()
              + " integrity problems, the first: "
              + report.integrityProblems().get(0)
              + "): a chain is continued only from an intact archive");
    }
    ArchiveReader archive = ArchiveReader.read(dir);
    Map<String, ChainTail> tails = new LinkedHashMap<>();
    for (String model : models) {
      Reader reader = new Reader(model);
      List<ArchiveReader.RecordLine> records = new ArrayList<>(archive.records(model));
      records.sort(Comparator.comparingLong(ArchiveReader.RecordLine::seq));
      List<Manifest> manifests =
          new ArrayList<>(archive.manifests(model).stream().map(m -> m.manifest()).toList());
      manifests.sort(Comparator.comparingLong(Manifest::lastSeq));
      int next = 0;
      for (ArchiveReader.RecordLine r : records) {
        reader.record(
            r.seq(), r.prev(), r.hash(), r.kind(), r.time(), r.windowStart(), r.windowEnd());
        while (next < manifests.size() && manifests.get(next).lastSeq() <= r.seq()) {
          reader.manifest(manifests.get(next++));
        }
      }
      tails.put(model, reader.tail());
    }
    return tails;
  }

  /**
   * Reads one model's chain, records and manifests in seq order (a manifest after the last record
   * it lists), keeping only the tail: its memory is the records since the last manifest.
   */
  public static final class Reader {
    private final String modelId;
    private HashChain.State head = HashChain.State.INITIAL;
    private long time = Long.MIN_VALUE;
    private long coveredUpTo = Long.MIN_VALUE;
    private long sealedUpTo;
    private final Deque<Unsealed> unsealed = new ArrayDeque<>();

    private record Unsealed(long seq, String hash, long start, long end) {}

    public Reader(String modelId) {
      this.modelId = EvidenceJson.requireText(modelId, "model_id");
    }

    /**
     * Reads one line of an archive or the evidence topic; lines of other models, time stamps and
     * gate records are skipped.
     *
     * @throws IllegalArgumentException when the line is neither a record nor a manifest, or breaks
     *     the chain
     */
    public void line(String json) {
      var o = EvidenceJson.parseObject(json);
      if (ManifestTimestamp.KIND.equals(o.path("kind").asText())
          || Gate.KIND.equals(o.path("kind").asText())) {
        return; // a manifest's time stamp or a gate record: not part of the chain
      }
      if (Deletion.KIND.equals(o.path("kind").asText())) {
        Deletion d = Deletion.fromJson(json);
        if (d.modelId().equals(modelId) && d.firstSeq() == head.seq() + 1) {
          // retention removed the chain's start: it continues after the deletion's last record
          head = new HashChain.State(d.lastSeq(), d.lastHash());
          sealedUpTo = Math.max(sealedUpTo, d.lastSeq());
        }
        return;
      }
      if (Manifest.KIND.equals(o.path("kind").asText())) {
        Manifest m = Manifest.fromNode(o);
        if (m.modelId().equals(modelId)) {
          manifest(m);
        }
        return;
      }
      EvidenceRecord r = EvidenceRecord.fromNode(o);
      if (!r.modelId().equals(modelId)) {
        return;
      }
      if (!r.hashValid()) {
        throw new IllegalArgumentException(
            "model " + modelId + " seq " + r.seq() + ": hash mismatch, the record was modified");
      }
      record(r.seq(), r.prev(), r.hash(), r.kind(), r.time(), r.windowStart(), r.windowEnd());
    }

    void record(
        long seq,
        String prev,
        String hash,
        EvidenceKind kind,
        long at,
        Long windowStart,
        Long windowEnd) {
      if (seq != head.seq() + 1 || !prev.equals(head.head())) {
        throw new IllegalArgumentException(
            "model "
                + modelId
                + " seq "
                + seq
                + ": does not follow seq "
                + head.seq()
                + " (a gap, a repeat or a broken link)");
      }
      head = new HashChain.State(seq, hash);
      time = at;
      if (kind == EvidenceKind.COVERAGE && windowEnd != null) {
        coveredUpTo = Math.max(coveredUpTo, windowEnd);
      }
      if (seq <= sealedUpTo) {
        return; // a manifest read before it signed it already
      }
      unsealed.addLast(
          new Unsealed(
              seq,
              hash,
              windowStart != null ? windowStart : at,
              windowEnd != null ? windowEnd : at));
    }

    void manifest(Manifest m) {
      sealedUpTo = Math.max(sealedUpTo, m.lastSeq());
      while (!unsealed.isEmpty() && unsealed.peekFirst().seq() <= sealedUpTo) {
        unsealed.removeFirst();
      }
    }

    /** The tail of what was read. */
    public ChainTail tail() {
      long start = Long.MAX_VALUE;
      long end = Long.MIN_VALUE;
      for (Unsealed u : unsealed) {
        start = Math.min(start, u.start());
        end = Math.max(end, u.end());
      }
      return new ChainTail(
          head, time, unsealed.stream().map(Unsealed::hash).toList(), start, end, coveredUpTo);
    }
  }
}
