package io.aimon.evidence;

/**
 * Dead letters of one reason, counted where they arose, for a model's coverage evidence: not
 * records themselves, {@link ChainWriter} adds them to the counts of the coverage record of the
 * window their {@code time} falls in (or of the next one written, when that window's was written
 * before they came).
 *
 * @param modelId the model whose coverage counts them; non-blank
 * @param reason the dead-letter reason code ({@code late}, {@code malformed_json}, ...); non-blank
 * @param attributed whether the bad records named this model ({@code dead_letters}), or named no
 *     configured model ({@code unattributed_dead_letters}, counted in every model's coverage)
 * @param time epoch ms, the event time they are counted at: a late event's own time, or for a
 *     record without one the largest event time read before it; {@link Long#MIN_VALUE} for "the
 *     time of the stream record that carries it"
 * @param count how many, >= 1
 */
public record DeadLetterCount(
    String modelId, String reason, boolean attributed, long time, long count) {
  public DeadLetterCount {
    EvidenceJson.requireText(modelId, "model_id");
    EvidenceJson.requireText(reason, "reason");
    if (count < 1) {
      throw new IllegalArgumentException("count: expected >= 1, found " + count);
    }
  }

  /** This count timed at {@code at} instead. */
  public DeadLetterCount at(long at) {
    return new DeadLetterCount(modelId, reason, attributed, at, count);
  }
}
