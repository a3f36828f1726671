package io.aimon.jobs.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.InferenceEvent;
import java.time.Instant;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * An event that arrived after its window was evaluated becomes a {@code late} dead letter, with the
 * source and position it was read at. The raw payload is gone by then, so the dead letter's payload
 * is the event's identifying fields.
 */
final class LateEventToDeadLetter implements MapFunction<InferenceEvent, DeadLetter> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public DeadLetter map(InferenceEvent e) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("inference_id", e.inferenceId());
    o.put("model_id", e.modelId());
    o.put("timestamp", Instant.ofEpochMilli(e.timestamp()).toString());
    String payload = o.toString();
    return new DeadLetter(
        DeadLetterReason.LATE.code(),
        "timestamp: "
            + Instant.ofEpochMilli(e.timestamp())
            + " is behind the watermark; its window was already evaluated",
        e.source(),
        e.position(),
        payload,
        payload.length());
  }
}
