package io.aimon.detectors.label;

import io.aimon.detectors.common.BoundedText;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.LabelEvent;
import io.aimon.detectors.model.EpochWindows;
import io.aimon.detectors.model.ModelSpec;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Joins predictions and label events of one inference id, in event time, with bounded memory.
 *
 * <ol>
 *   <li>A prediction waits for its label until its window is final plus one more {@code
 *       labels.max_delay} (window end + 2 max_delay): a label arriving in that grace period still
 *       joins and is then reported {@code label_too_late} by the window stage, instead of being
 *       mistaken for an orphan.
 *   <li>A label that comes before its prediction waits {@code max_delay} past its own timestamp; if
 *       the prediction does not come, it is dead-lettered as {@code orphan_label}.
 *   <li>The first label wins; later labels of a joined inference are {@code duplicate_label}.
 *   <li>State per inference id is one prediction or one label plus a flag, dropped at {@code
 *       expiresAt}, so the join's state is bounded by the event rate times the delay.
 * </ol>
 */
public final class LabelMatcher implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Map<String, ModelSpec> specs;

  public LabelMatcher(Map<String, ModelSpec> specs) {
    this.specs = Map.copyOf(specs);
  }

  /** A prediction without an inline label arrives (the first of its inference id). */
  public JoinStep onPrediction(JoinState state, Prediction e) {
    ModelSpec spec = specs.get(e.modelId());
    long expiresAt = predictionExpiry(spec, e.timestamp());
    if (state != null && state.earlyLabel() != null) {
      return new JoinStep(
          new JoinState(null, null, true, expiresAt), join(e, state.earlyLabel()), null);
    }
    if (state != null && (state.labelled() || state.prediction() != null)) {
      // a repeated prediction id: keep the first, the window stage has counted both
      return new JoinStep(state, null, null);
    }
    return new JoinStep(new JoinState(e, null, false, expiresAt), null, null);
  }

  /** A label event arrives. */
  public JoinStep onLabel(JoinState state, LabelEvent l) {
    if (state != null && state.labelled()) {
      return new JoinStep(
          state,
          null,
          deadLetter(
              DeadLetterReason.DUPLICATE_LABEL,
              l,
              "inference_id: '"
                  + l.inferenceId()
                  + "' is already labelled; the first label counts"));
    }
    if (state != null && state.prediction() != null) {
      return new JoinStep(
          new JoinState(null, null, true, state.expiresAt()), join(state.prediction(), l), null);
    }
    if (state != null && state.earlyLabel() != null) {
      return new JoinStep(
          state,
          null,
          deadLetter(
              DeadLetterReason.DUPLICATE_LABEL,
              l,
              "inference_id: '"
                  + l.inferenceId()
                  + "' already has a label waiting for its prediction"));
    }
    long delay = specs.get(l.modelId()).labelMaxDelayMillis();
    return new JoinStep(new JoinState(null, l, false, l.timestamp() + delay), null, null);
  }

  /** The event-time clock reached {@code state.expiresAt()}: drop the state. */
  public JoinStep onExpiry(JoinState state) {
    if (state.earlyLabel() != null) {
      LabelEvent l = state.earlyLabel();
      long delay = specs.get(l.modelId()).labelMaxDelayMillis();
      return new JoinStep(
          null,
          null,
          deadLetter(
              DeadLetterReason.ORPHAN_LABEL,
              l,
              "inference_id: '"
                  + l.inferenceId()
                  + "' has no prediction within "
                  + Duration.ofMillis(delay)
                  + " of the label ("
                  + Instant.ofEpochMilli(l.timestamp())
                  + ")"));
    }
    return new JoinStep(null, null, null);
  }

  private static long predictionExpiry(ModelSpec spec, long timestamp) {
    return EpochWindows.end(timestamp, spec.windowMillis()) + 2 * spec.labelMaxDelayMillis();
  }

  /** An inline-labelled event as a labelled prediction. */
  public static LabelledPrediction inline(InferenceEvent e) {
    return new LabelledPrediction(
        e.modelId(),
        e.inferenceId(),
        e.timestamp(),
        e.prediction(),
        e.score(),
        e.label(),
        e.groups(),
        e.timestamp(),
        e.source(),
        e.position(),
        e.modelVersion() == null ? null : BoundedText.of(e.modelVersion()));
  }

  private static LabelledPrediction join(Prediction e, LabelEvent l) {
    return new LabelledPrediction(
        e.modelId(),
        e.inferenceId(),
        e.timestamp(),
        e.prediction(),
        e.score(),
        l.label(),
        e.groups(),
        l.timestamp(),
        l.source(),
        l.position(),
        e.modelVersion());
  }

  private static DeadLetter deadLetter(DeadLetterReason reason, LabelEvent l, String detail) {
    com.fasterxml.jackson.databind.node.ObjectNode o =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    o.put("inference_id", l.inferenceId());
    o.put("model_id", l.modelId());
    o.put("label", l.label());
    o.put("timestamp", Instant.ofEpochMilli(l.timestamp()).toString());
    String payload = o.toString();
    return new DeadLetter(
        reason.code(), detail, l.source(), l.position(), payload, payload.length());
  }
}
