package io.aimon.detectors.multivariate;

import io.aimon.detectors.common.CompensatedSum;

/**
 * A window's mean reconstruction error: a count and a compensated sum of the events' errors, so
 * that one shard's mean equals that of many to the last bit in practice. Two numbers and a count,
 * whatever the number of events.
 *
 * <p>Invariants: (1) {@code n} is the errors added or merged (NaN is not added); (2) merging adds
 * counts and sums.
 */
public final class ReconstructionMean {
  private long n;
  private final CompensatedSum sum;

  public ReconstructionMean() {
    this(0, new CompensatedSum());
  }

  ReconstructionMean(long n, CompensatedSum sum) {
    this.n = n;
    this.sum = sum;
  }

  /** A mean restored from its count and its sum's two parts (for the codec). */
  public static ReconstructionMean of(long n, double sum, double compensation) {
    return new ReconstructionMean(n, CompensatedSum.of(sum, compensation));
  }

  /** Counts one event's error; NaN is not counted. */
  public void add(double error) {
    if (!Double.isNaN(error)) {
      n++;
      sum.add(error);
    }
  }

  public void merge(ReconstructionMean other) {
    n += other.n;
    sum.add(other.sum);
  }

  public long n() {
    return n;
  }

  /** The mean error, or NaN without events. */
  public double mean() {
    return n == 0 ? Double.NaN : sum.value() / n;
  }

  /** The count and mean. */
  public WindowReconstruction summary() {
    return new WindowReconstruction(n, mean());
  }

  /** The sum's running part (for the codec). */
  public double sumPart() {
    return sum.sum();
  }

  /** The sum's compensation (for the codec). */
  public double compensationPart() {
    return sum.compensation();
  }
}
