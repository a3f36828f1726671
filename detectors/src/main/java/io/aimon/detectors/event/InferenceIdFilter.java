package io.aimon.detectors.event;

import java.util.ArrayList;
import java.util.List;
import org.apache.datasketches.filters.bloomfilter.BloomFilter;
import org.apache.datasketches.filters.bloomfilter.BloomFilterBuilder;
import org.apache.datasketches.memory.XxHash;

/**
 * The inference ids seen in one model's window, in bounded memory: tells a repeated event ({@code
 * duplicate_inference}) from a new one.
 *
 * <p>It is a chain of DataSketches Bloom filters. The first holds {@value #FIRST_STAGE_IDS} ids,
 * each next one twice as many, until together they hold {@code maxIds}; a window with few events
 * costs a few KiB, not the memory of a full window. Each of the {@code S} stages is sized for a
 * false-positive rate of {@code falsePositiveRate / S}, so the chain's rate stays within {@code
 * falsePositiveRate}.
 *
 * <p>Each Bloom stage has at least {@link #FLOOR_BITS_TIMES_RATE} / rate bits: below that, the
 * filter's double hashing has a false-positive floor above the rate. The leading stages for which
 * that is more than a table of the ids' 64-bit hashes ({@link IdHashSet}, at most 16 bytes per id)
 * hold their ids exactly instead ({@link #exactStages}).
 *
 * <p>An id is hashed once, to 64 bits (XxHash64, fixed seed): the exact stages hold that hash, and
 * the Bloom stages are given it rather than the id's text, so a check costs one hash of the text
 * however many stages there are. (Filters written in layouts v1 and v2 fed their Bloom stages the
 * text; restored, they go on doing so: {@link #textKeyed()}.)
 *
 * <p>Worked example, with the defaults ({@code maxIds} 1,000,000, rate 1e-6): 8 stages at 1.25e-7
 * each; the first two (4,096 and 8,192 ids) exact: 2 KiB for a window's first 100 ids, 64 KiB for
 * 4,096, 256 KiB for 12,288; the next two (16,384 and 32,768 ids) of 1.6 million bits (200 KB)
 * each, the others about 33 bits per id: 1.5 MB for 160,000 ids, 4.5 MB for all million. Of a
 * million events with unique ids, the expected number wrongly taken for duplicates is below 1.
 *
 * <p>Invariants:
 *
 * <ol>
 *   <li>No false negatives: an id recorded before is always {@link Verdict#DUPLICATE}.
 *   <li>An id never recorded is {@link Verdict#DUPLICATE} with probability at most {@link
 *       #falsePositiveRate()} (the stages' rates sum to at most it; each stage holds at most the
 *       ids it was sized for).
 *   <li>At most {@link #maxIds()} ids are recorded. Once full, an id not found is {@link
 *       Verdict#UNRECORDED}: the event counts as new, but a later repeat of it is not caught;
 *       {@link #unrecorded()} counts them.
 *   <li>{@link #recorded()} + {@link #unrecorded()} + {@link #duplicates()} = ids checked.
 *   <li>Deterministic: the hash seed is fixed, so the same ids give the same verdicts and bytes
 *       after any number of encode/decode round trips.
 * </ol>
 */
public final class InferenceIdFilter {
  /** The outcome of {@link #check}. */
  public enum Verdict {
    /** Not seen before in this window; now recorded. */
    NEW,
    /** Seen before in this window (or, with the stated probability, a false positive). */
    DUPLICATE,
    /** Not found, and the filter is full: treated as new, not recorded. */
    UNRECORDED
  }

  /** Ids the first stage holds. */
  public static final int FIRST_STAGE_IDS = 4096;

  /**
   * Bits times rate below which a stage is not made. The filter's double hashing gives a bit array
   * of m bits a false-positive floor of about 0.1 / m whatever its load (measured here: a 4,096-id
   * stage sized for 1.25e-7 by the usual formula, 135,552 bits, gave 8.5e-7 over 40 million
   * queries; with 1,600,064 bits, none), so a stage gets at least twice the bits that floor needs.
   */
  static final double FLOOR_BITS_TIMES_RATE = 0.2;

  /** The hash seed of every stage: fixed, so verdicts are reproducible across restarts. */
  static final long SEED = 0x61696d6f6e4964L;

  private final long maxIds;
  private final double falsePositiveRate;
  private final int stageCount;
  private final int firstBloomStage;
  private final IdHashSet exact;
  private final List<BloomFilter> stages;
  private final boolean textKeyed;
  private long recorded;
  private long unrecorded;
  private long duplicates;

  /**
   * @param maxIds the most ids recorded, >= 1
   * @param falsePositiveRate the largest probability that a new id is taken for a duplicate, in (0,
   *     0.5)
   */
  public InferenceIdFilter(long maxIds, double falsePositiveRate) {
    this(
        maxIds,
        falsePositiveRate,
        exactStages(maxIds, falsePositiveRate),
        new IdHashSet(),
        new ArrayList<>(),
        false,
        0,
        0,
        0);
  }

  /**
   * @param firstBloomStage the stages before it hold their ids exactly, in {@code exact}
   * @param textKeyed the Bloom stages hold ids' text (layouts v1 and v2), not their 64-bit hashes
   */
  InferenceIdFilter(
      long maxIds,
      double falsePositiveRate,
      int firstBloomStage,
      IdHashSet exact,
      List<BloomFilter> stages,
      boolean textKeyed,
      long recorded,
      long unrecorded,
      long duplicates) {
    if (maxIds < 1) {
      throw new IllegalArgumentException("maxIds: expected >= 1, found " + maxIds);
    }
    if (!(falsePositiveRate > 0 && falsePositiveRate < 0.5)) {
      throw new IllegalArgumentException(
          "falsePositiveRate: expected a number in (0, 0.5), found " + falsePositiveRate);
    }
    this.maxIds = maxIds;
    this.falsePositiveRate = falsePositiveRate;
    this.stageCount = stageCount(maxIds);
    if (firstBloomStage < 0 || firstBloomStage + stages.size() > stageCount) {
      throw new IllegalArgumentException(
          "stages: expected at most "
              + stageCount
              + ", found "
              + firstBloomStage
              + " exact and "
              + stages.size()
              + " Bloom");
    }
    this.firstBloomStage = firstBloomStage;
    this.exact = exact;
    this.stages = stages;
    this.textKeyed = textKeyed;
    this.recorded = recorded;
    this.unrecorded = unrecorded;
    this.duplicates = duplicates;
  }

  /** Checks {@code inferenceId} against the ids recorded so far, and records it when it is new. */
  public Verdict check(String inferenceId) {
    long hash = XxHash.hashString(inferenceId, 0, inferenceId.length(), SEED);
    if (exact.contains(hash)) {
      duplicates++;
      return Verdict.DUPLICATE;
    }
    for (BloomFilter stage : stages) {
      if (textKeyed ? stage.query(inferenceId) : stage.query(hash)) {
        duplicates++;
        return Verdict.DUPLICATE;
      }
    }
    if (recorded == maxIds) {
      unrecorded++;
      return Verdict.UNRECORDED;
    }
    if (firstBloomStage > 0 && recorded < stageEnd(firstBloomStage - 1)) {
      exact.add(hash);
    } else {
      int next = firstBloomStage + stages.size();
      if (stages.isEmpty() || recorded == stageEnd(next - 1)) {
        stages.add(stage(stageCapacity(next), falsePositiveRate / stageCount));
      }
      BloomFilter last = stages.get(stages.size() - 1);
      if (textKeyed) {
        last.update(inferenceId);
      } else {
        last.update(hash);
      }
    }
    recorded++;
    return Verdict.NEW;
  }

  /**
   * How many leading stages hold their ids exactly: those for which a table of the ids' 64-bit
   * hashes (at most 16 bytes per id) is no larger than a Bloom filter of enough bits.
   */
  static int exactStages(long maxIds, double falsePositiveRate) {
    if (maxIds < 1 || !(falsePositiveRate > 0 && falsePositiveRate < 0.5)) {
      return 0; // rejected by the constructor
    }
    int stages = stageCount(maxIds);
    double rate = falsePositiveRate / stages;
    long end = 0;
    int exact = 0;
    while (exact < stages) {
      long capacity = Math.min(FIRST_STAGE_IDS * (1L << exact), maxIds - end);
      if (128 * capacity > bloomBits(capacity, rate)) {
        break;
      }
      end += capacity;
      exact++;
    }
    return exact;
  }

  /**
   * A Bloom filter for {@code ids} ids at false-positive rate {@code rate}: the usual number of
   * hashes, and the usual number of bits or, when more, {@value #FLOOR_BITS_TIMES_RATE} / rate.
   */
  static BloomFilter stage(long ids, double rate) {
    return BloomFilterBuilder.createBySize(
        bloomBits(ids, rate), BloomFilterBuilder.suggestNumHashes(rate), SEED);
  }

  private static long bloomBits(long ids, double rate) {
    return Math.max(
        BloomFilterBuilder.suggestNumFilterBits(ids, rate),
        (long) Math.ceil(FLOOR_BITS_TIMES_RATE / rate));
  }

  /** Ids recorded, at most {@link #maxIds()}. */
  public long recorded() {
    return recorded;
  }

  /** Ids not found once the filter was full: events whose repeats are not caught. */
  public long unrecorded() {
    return unrecorded;
  }

  /** Ids found: duplicates, or false positives within {@link #falsePositiveRate()}. */
  public long duplicates() {
    return duplicates;
  }

  public long maxIds() {
    return maxIds;
  }

  public double falsePositiveRate() {
    return falsePositiveRate;
  }

  /** The bytes the stages' bit arrays take (what dominates the state and checkpoint size). */
  public long sizeBytes() {
    return exact.sizeBytes() + stages.stream().mapToLong(BloomFilter::getSerializedSizeBytes).sum();
  }

  /** The Bloom stages, the first of them stage {@link #firstBloomStage()}. */
  List<BloomFilter> stages() {
    return stages;
  }

  /** The stages before this one hold their ids exactly ({@link #exact()}). */
  int firstBloomStage() {
    return firstBloomStage;
  }

  IdHashSet exact() {
    return exact;
  }

  /** Whether the Bloom stages hold ids' text (a filter restored from layout v1 or v2). */
  boolean textKeyed() {
    return textKeyed;
  }

  /** How many ids stage {@code i} holds: 4096, 8192, ..., the last one what is left of maxIds. */
  long stageCapacity(int i) {
    long before = i == 0 ? 0 : stageEnd(i - 1);
    return Math.min(FIRST_STAGE_IDS * (1L << i), maxIds - before);
  }

  /** The ids stages 0..i hold together. */
  private long stageEnd(int i) {
    return Math.min(FIRST_STAGE_IDS * ((1L << (i + 1)) - 1), maxIds);
  }

  /** The stages needed to hold maxIds: the smallest S with 4096 * (2^S - 1) >= maxIds. */
  static int stageCount(long maxIds) {
    int s = 1;
    while (FIRST_STAGE_IDS * ((1L << s) - 1) < maxIds) {
      s++;
    }
    return s;
  }
}
