package io.aimon.detectors.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.detectors.event.LabelEvent;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.model.OutcomeSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The label join's state machine, driven with fixed instants (no Flink). */
class LabelMatcherTest {
  private static final long HOUR = 3_600_000L;

  /** 2024-02-01T00:00:00Z: the start of a 1-day window. */
  private static final long DAY_START = 1_706_745_600_000L;

  private static final long DAY = 24 * HOUR;
  private static final ModelSpec SPEC =
      new ModelSpec(
              "m",
              null,
              DAY,
              10,
              List.of("x"),
              List.of(),
              true,
              true,
              "1",
              List.of("sex"),
              100,
              Map.of())
          .withOutcomes(new OutcomeSettings(false, 6 * HOUR, false, List.of(), 30));
  private static final LabelMatcher MATCHER = new LabelMatcher(Map.of("m", SPEC));

  private static Prediction prediction(String id, long ts) {
    return new Prediction("m", id, ts, "1", 0.8, new String[] {"F"}, null);
  }

  private static LabelEvent label(String id, String label, long ts, long position) {
    return new LabelEvent(id, "m", label, ts, "labels.jsonl", position);
  }

  @Test
  void labelAfterPredictionJoinsWithThePredictionTimeAndTheLabelsPosition() {
    JoinStep waiting = MATCHER.onPrediction(null, prediction("a", DAY_START + HOUR));
    assertNull(waiting.joined());
    assertEquals(
        DAY_START + DAY + 12 * HOUR, waiting.state().expiresAt(), "window end + 2 max_delay");

    JoinStep joined = MATCHER.onLabel(waiting.state(), label("a", "0", DAY_START + 7 * HOUR, 12));
    LabelledPrediction p = joined.joined();
    assertEquals(DAY_START + HOUR, p.predictionTimestamp());
    assertEquals("0", p.label());
    assertEquals("1", p.prediction());
    assertEquals(12, p.position());
    assertTrue(joined.state().labelled());
    assertNull(joined.deadLetter());
  }

  @Test
  void secondLabelIsADuplicateAndTheFirstOneCounts() {
    JoinState labelled =
        MATCHER
            .onLabel(
                MATCHER.onPrediction(null, prediction("a", DAY_START)).state(),
                label("a", "1", DAY_START + HOUR, 1))
            .state();
    JoinStep second = MATCHER.onLabel(labelled, label("a", "0", DAY_START + 2 * HOUR, 2));
    assertNull(second.joined());
    assertEquals("duplicate_label", second.deadLetter().reason());
    assertEquals(2, second.deadLetter().position());
    assertEquals(labelled, second.state());
  }

  @Test
  void labelBeforeItsPredictionWaitsAndJoinsWhenThePredictionComes() {
    JoinStep early = MATCHER.onLabel(null, label("b", "1", DAY_START + HOUR, 3));
    assertNull(early.joined());
    assertEquals(DAY_START + 7 * HOUR, early.state().expiresAt(), "label time + max_delay");
    JoinStep joined = MATCHER.onPrediction(early.state(), prediction("b", DAY_START + 2 * HOUR));
    assertNotNull(joined.joined());
    assertEquals("1", joined.joined().label());
  }

  @Test
  void labelWithoutPredictionWithinMaxDelayIsAnOrphan() {
    JoinStep early = MATCHER.onLabel(null, label("c", "1", DAY_START + HOUR, 4));
    JoinStep expired = MATCHER.onExpiry(early.state());
    assertNull(expired.state());
    assertEquals("orphan_label", expired.deadLetter().reason());
    assertEquals(
        "inference_id: 'c' has no prediction within PT6H of the label (2024-02-01T01:00:00Z)",
        expired.deadLetter().detail());
    assertEquals(4, expired.deadLetter().position());
  }

  @Test
  void unlabelledPredictionExpiresSilently() {
    JoinStep waiting = MATCHER.onPrediction(null, prediction("d", DAY_START));
    JoinStep expired = MATCHER.onExpiry(waiting.state());
    assertNull(expired.state());
    assertNull(expired.deadLetter());
    assertNull(expired.joined());
  }

  @Test
  void repeatedPredictionIdKeepsTheFirst() {
    JoinState first = MATCHER.onPrediction(null, prediction("e", DAY_START)).state();
    JoinStep again = MATCHER.onPrediction(first, prediction("e", DAY_START + HOUR));
    assertEquals(first, again.state());
    assertNull(again.joined());
  }
}
