package io.aimon.evidence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where one model's evidence chain stands, all that {@link ChainWriter} keeps between calls (a
 * Flink job keeps it in keyed state through {@link ChainStateCodec}): the chain head, the hashes
 * (never the bodies) of the records written since the last manifest, and dead-letter counters.
 *
 * <p>Invariants:
 *
 * <ol>
 *   <li>{@link #unmanifested()} holds the hashes of the records {@code head.seq() -
 *       unmanifested().size() + 1 .. head.seq()} in seq order; empty right after a manifest.
 *   <li>The span ({@link #spanStart()}, {@link #spanEnd()}) is the smallest window start or time
 *       and the largest window end or time of those records; ({@code Long.MAX_VALUE}, {@code
 *       Long.MIN_VALUE}) when there are none.
 *   <li>Dead-letter counters are kept per bucket, the window end a coverage record counts them in,
 *       and no bucket is before {@link #coveredUpTo()} (the last coverage record's window end):
 *       counts for a window already covered go into the {@code coveredUpTo} bucket, which the next
 *       coverage record takes. So there are at most (windows between the last coverage and the
 *       newest dead letter) + 1 buckets, and never more than {@link #MAX_BUCKETS}, each with one
 *       counter per reason: the size does not depend on how many events, late records or dead
 *       letters came.
 *   <li>Every counter is >= 1; a bucket with no counter is removed.
 * </ol>
 */
public final class ChainState {
  /**
   * At most this many buckets are kept: past it, the oldest bucket's counts move into the next one,
   * so they are counted one coverage record later, never lost.
   */
  public static final int MAX_BUCKETS = 64;

  private HashChain.State head = HashChain.State.INITIAL;
  private final List<String> unmanifested = new ArrayList<>();
  private long spanStart = Long.MAX_VALUE;
  private long spanEnd = Long.MIN_VALUE;
  private long coveredUpTo = Long.MIN_VALUE;
  private final TreeMap<Long, Counts> deadLetters = new TreeMap<>();
  private String planDigest;

  /** The counters of one bucket: by reason, of the model's own records and of unattributed ones. */
  static final class Counts {
    final TreeMap<String, Long> own = new TreeMap<>();
    final TreeMap<String, Long> unattributed = new TreeMap<>();

    void add(String reason, boolean attributed, long n) {
      (attributed ? own : unattributed).merge(reason, n, Long::sum);
    }

    void addAll(Counts other) {
      other.own.forEach((r, n) -> add(r, true, n));
      other.unattributed.forEach((r, n) -> add(r, false, n));
    }
  }

  /** The state of a model before its first record. */
  public ChainState() {}

  /**
   * The state that continues the chain ending in {@code tail} (the earlier run's state lost): its
   * head, and its records since the last manifest still to be signed; no dead-letter counts.
   */
  public static ChainState continuing(ChainTail tail) {
    ChainState s = new ChainState();
    s.restore(
        tail.head(),
        tail.unsealed(),
        tail.spanStart(),
        tail.spanEnd(),
        tail.coveredUpTo(),
        Map.of(),
        null);
    return s;
  }

  /** The seq and hash of the last record. */
  public HashChain.State head() {
    return head;
  }

  /** The hashes of the records since the last manifest, in seq order (unmodifiable). */
  public List<String> unmanifested() {
    return Collections.unmodifiableList(unmanifested);
  }

  /** The smallest window start (or time) of the records since the last manifest. */
  public long spanStart() {
    return spanStart;
  }

  /** The largest window end (or time) of the records since the last manifest. */
  public long spanEnd() {
    return spanEnd;
  }

  /** The window end of the last coverage record, {@code Long.MIN_VALUE} before the first. */
  public long coveredUpTo() {
    return coveredUpTo;
  }

  /** The digest of the last monitoring plan recorded in the chain, or null before the first. */
  public String planDigest() {
    return planDigest;
  }

  void planRecorded(String digest) {
    this.planDigest = Objects.requireNonNull(digest, "digest");
  }

  /** How many dead-letter counters are kept (buckets times reasons): the state's variable part. */
  public int counters() {
    return deadLetters.values().stream().mapToInt(c -> c.own.size() + c.unattributed.size()).sum();
  }

  /** The dead letters counted and not yet in a coverage record, of all buckets. */
  public long pendingDeadLetters() {
    long n = 0;
    for (Counts c : deadLetters.values()) {
      n += c.own.values().stream().mapToLong(Long::longValue).sum();
      n += c.unattributed.values().stream().mapToLong(Long::longValue).sum();
    }
    return n;
  }

  void appended(EvidenceRecord r) {
    head = HashChain.after(r);
    unmanifested.add(r.hash());
    spanStart = Math.min(spanStart, r.windowStart() != null ? r.windowStart() : r.time());
    spanEnd = Math.max(spanEnd, r.windowEnd() != null ? r.windowEnd() : r.time());
  }

  /** Forgets the records' hashes once a manifest lists them. */
  void manifested() {
    unmanifested.clear();
    spanStart = Long.MAX_VALUE;
    spanEnd = Long.MIN_VALUE;
  }

  void count(long bucket, String reason, boolean attributed, long n) {
    deadLetters
        .computeIfAbsent(Math.max(bucket, coveredUpTo), b -> new Counts())
        .add(reason, attributed, n);
    while (deadLetters.size() > MAX_BUCKETS) {
      Counts oldest = deadLetters.pollFirstEntry().getValue();
      deadLetters.firstEntry().getValue().addAll(oldest);
    }
  }

  /** Removes and returns the counts of every bucket up to {@code windowEnd}, merged. */
  Counts takeCountsUpTo(long windowEnd) {
    Counts taken = new Counts();
    NavigableMap<Long, Counts> due = deadLetters.headMap(windowEnd, true);
    due.values().forEach(taken::addAll);
    due.clear();
    coveredUpTo = Math.max(coveredUpTo, windowEnd);
    return taken;
  }

  // The codec's access: the raw parts.

  NavigableMap<Long, Counts> buckets() {
    return deadLetters;
  }

  void restore(
      HashChain.State head,
      List<String> unmanifested,
      long spanStart,
      long spanEnd,
      long coveredUpTo,
      Map<Long, Counts> buckets,
      String planDigest) {
    this.head = Objects.requireNonNull(head, "head");
    this.planDigest = planDigest;
    if (unmanifested.size() > head.seq()) {
      throw new IllegalArgumentException(
          "unmanifested: expected at most seq "
              + head.seq()
              + " hashes, found "
              + unmanifested.size());
    }
    this.unmanifested.clear();
    this.unmanifested.addAll(unmanifested);
    this.spanStart = spanStart;
    this.spanEnd = spanEnd;
    this.coveredUpTo = coveredUpTo;
    this.deadLetters.clear();
    this.deadLetters.putAll(buckets);
  }
}
