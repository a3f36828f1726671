package io.aimon.jobs.monitor;

import io.aimon.alerting.remediation.CorrectiveAction;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.InvalidText;
import io.aimon.detectors.event.RawRecord;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Reads operators' corrective actions ({@link CorrectiveAction} JSON, one per record, as {@code
 * aimon incident ...} writes them). A record that breaks the contract is a dead letter {@code
 * malformed_action} naming the field; one dated further ahead of the wall clock than {@code
 * job.max_future_skew} is {@code future_timestamp} (it would wait for the data forever).
 */
final class DecodeActions extends ProcessFunction<RawRecord, RemediationInput> {
  private static final long serialVersionUID = 1L;
  private final long maxFutureSkewMillis;
  private final OutputTag<DeadLetter> deadLetters;

  /** Parses the action once more only to look for invalid text (actions are few). */
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  DecodeActions(long maxFutureSkewMillis, OutputTag<DeadLetter> deadLetters) {
    this.maxFutureSkewMillis = maxFutureSkewMillis;
    this.deadLetters = deadLetters;
  }

  @Override
  public void processElement(RawRecord raw, Context ctx, Collector<RemediationInput> out) {
    CorrectiveAction a;
    try {
      String invalid = InvalidText.find(JSON.readTree(raw.payload()));
      if (invalid != null) {
        ctx.output(deadLetters, DeadLetter.of(DeadLetterReason.INVALID_TEXT, invalid, raw));
        return;
      }
      a = CorrectiveAction.fromJson(raw.payload());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      ctx.output(
          deadLetters,
          DeadLetter.of(
              DeadLetterReason.MALFORMED_ACTION, "invalid JSON: " + e.getOriginalMessage(), raw));
      return;
    } catch (IllegalArgumentException e) {
      ctx.output(
          deadLetters, DeadLetter.of(DeadLetterReason.MALFORMED_ACTION, e.getMessage(), raw));
      return;
    }
    long ahead = a.time() - System.currentTimeMillis();
    if (ahead > maxFutureSkewMillis) {
      ctx.output(
          deadLetters,
          DeadLetter.of(
              DeadLetterReason.FUTURE_TIMESTAMP,
              "time: " + ahead + " ms ahead of the wall clock, more than job.max_future_skew",
              raw));
      return;
    }
    out.collect(RemediationInput.action(a, raw));
  }
}
