package io.aimon.jobs.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.config.Text;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.InferenceEvent;
import java.time.Instant;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A decoded event that cannot count becomes a dead letter, with the source and position it was read
 * at: {@code late} (it arrived after its window was evaluated) or {@code duplicate_inference} (its
 * inference id was already seen in its window). The raw payload is gone by then, so the dead
 * letter's payload is the event's identifying fields.
 */
final class EventToDeadLetter implements MapFunction<InferenceEvent, DeadLetter> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final DeadLetterReason reason;

  private EventToDeadLetter(DeadLetterReason reason) {
    this.reason = reason;
  }

  /** Events behind the watermark. */
  static EventToDeadLetter late() {
    return new EventToDeadLetter(DeadLetterReason.LATE);
  }

  /** Second and later events with an inference id already seen in their window. */
  static EventToDeadLetter duplicate() {
    return new EventToDeadLetter(DeadLetterReason.DUPLICATE_INFERENCE);
  }

  @Override
  public DeadLetter map(InferenceEvent e) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("inference_id", e.inferenceId());
    o.put("model_id", e.modelId());
    o.put("timestamp", Instant.ofEpochMilli(e.timestamp()).toString());
    String payload = o.toString();
    return new DeadLetter(
        reason.code(), detail(e), e.source(), e.position(), payload, payload.length());
  }

  private String detail(InferenceEvent e) {
    if (reason == DeadLetterReason.DUPLICATE_INFERENCE) {
      return "inference_id: "
          + Text.abbreviate(e.inferenceId(), 64, "...")
          + " was already seen in the window of "
          + Instant.ofEpochMilli(e.timestamp())
          + "; the first event counts";
    }
    return "timestamp: "
        + Instant.ofEpochMilli(e.timestamp())
        + " is behind the watermark; its window was already evaluated";
  }
}
