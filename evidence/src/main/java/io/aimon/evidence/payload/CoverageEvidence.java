package io.aimon.evidence.payload;

import io.aimon.detectors.common.CapCounts;
import io.aimon.evidence.EvidenceKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One evaluated window of a model (ISO/IEC 42001 9.1, A.6.2.8, A.7.4): how many events it held,
 * where they were read, the checks it produced and the dead letters counted since the previous
 * window's coverage.
 *
 * @param windowStart epoch ms, inclusive
 * @param windowEnd epoch ms, exclusive, after {@code windowStart}
 * @param events events evaluated, >= 0
 * @param checks check results produced, >= 0
 * @param breaches of them, warning or critical, in [0, checks]
 * @param sources where the events were read, in the order first read; copied
 * @param deadLetters the dead letters counted; null while the window waits for its place in the
 *     chain, where the chain writer fills them in ({@link #withDeadLetters})
 * @param caps what the window's bounds capped, by kind ({@code categories}, {@code groups}, {@code
 *     versions}: the events pooled beyond a count bound and those whose value was kept truncated,
 *     summed over the kind's features or attributes), kinds with nothing capped left out; empty
 *     when nothing was capped; copied, order kept
 */
public record CoverageEvidence(
    long windowStart,
    long windowEnd,
    long events,
    long checks,
    long breaches,
    List<SourceRange> sources,
    DeadLetterTotals deadLetters,
    Map<String, CapCounts> caps)
    implements EvidencePayload {
  public CoverageEvidence {
    if (windowEnd <= windowStart) {
      throw new IllegalArgumentException(
          "window_end: expected after window_start " + windowStart + ", found " + windowEnd);
    }
    if (events < 0 || checks < 0 || breaches < 0 || breaches > checks) {
      throw new IllegalArgumentException(
          "events, checks, breaches: expected counts >= 0 with breaches <= checks, found "
              + events
              + ", "
              + checks
              + ", "
              + breaches);
    }
    sources = List.copyOf(sources);
    caps = Collections.unmodifiableMap(new LinkedHashMap<>(caps));
    for (Map.Entry<String, CapCounts> c : caps.entrySet()) {
      if (c.getKey() == null || c.getValue() == null || c.getValue().isNone()) {
        throw new IllegalArgumentException(
            "caps: expected kinds with something capped, found " + c.getKey() + "=" + c.getValue());
      }
    }
  }

  /** A window's coverage before dead letters are counted into it. */
  public static CoverageEvidence of(
      long windowStart,
      long windowEnd,
      long events,
      long checks,
      long breaches,
      List<SourceRange> sources) {
    return new CoverageEvidence(
        windowStart, windowEnd, events, checks, breaches, sources, null, Map.of());
  }

  /** This coverage with its dead-letter counts. */
  public CoverageEvidence withDeadLetters(DeadLetterTotals counts) {
    return new CoverageEvidence(
        windowStart, windowEnd, events, checks, breaches, sources, counts, caps);
  }

  /** This coverage with what the window's bounds capped (see {@code caps}). */
  public CoverageEvidence withCaps(Map<String, CapCounts> capped) {
    return new CoverageEvidence(
        windowStart, windowEnd, events, checks, breaches, sources, deadLetters, capped);
  }

  @Override
  public EvidenceKind kind() {
    return EvidenceKind.COVERAGE;
  }
}
