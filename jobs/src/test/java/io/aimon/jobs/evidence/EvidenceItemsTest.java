package io.aimon.jobs.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aimon.detectors.event.DeadLetter;
import io.aimon.evidence.DeadLetterCount;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which model a dead letter counts against in the coverage evidence. */
class EvidenceItemsTest {
  private static final Set<String> MODELS = Set.of("a", "b");

  private static DeadLetter dead(String payload) {
    return new DeadLetter("malformed_protobuf", "record: cut", "t/0", 7, payload, 10);
  }

  @Test
  void aModelTheDecoderKnewWinsOverThePayloadAndNoneCountsForEveryModel() {
    assertEquals(
        List.of(new DeadLetterCount("b", "malformed_protobuf", true, 5, 1)),
        EvidenceItems.deadLetterCounts(dead("base64:AQID"), "b", MODELS, 5),
        "a Seldon topic's model: attributed");
    assertEquals(
        List.of(new DeadLetterCount("a", "malformed_protobuf", true, 5, 1)),
        EvidenceItems.deadLetterCounts(dead("{\"model_id\":\"a\"}"), null, MODELS, 5),
        "the payload's model_id");
    assertEquals(
        2,
        EvidenceItems.deadLetterCounts(dead("base64:AQID"), "unknown", MODELS, 5).stream()
            .filter(c -> !c.attributed())
            .count(),
        "a model not configured: one unattributed count per model");
  }
}
