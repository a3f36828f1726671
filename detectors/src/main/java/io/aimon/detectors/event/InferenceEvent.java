package io.aimon.detectors.event;

import java.util.Objects;

/**
 * A decoded, validated inference event (contract v1), with its features laid out in the order of
 * the model's configured feature lists so that downstream code indexes arrays instead of maps.
 *
 * @param inferenceId the event's unique id
 * @param modelId the configured model this event belongs to
 * @param modelVersion the event's model_version, or null
 * @param timestamp event time, epoch milliseconds UTC
 * @param numeric one value per configured numeric feature; NaN means missing (absent, null, NaN or
 *     not a number)
 * @param categorical one value per configured categorical feature; {@link #MISSING} when absent,
 *     null or empty
 * @param prediction the prediction in canonical string form (integral numbers without ".0")
 * @param score the model score, NaN when absent
 * @param label the inline label in canonical string form, or null
 * @param groups one value per configured fairness attribute; {@link #MISSING} when absent
 * @param latencyMs the serving latency, NaN when absent
 * @param typeMismatches indexes (numeric features first, then categorical, in config order) of
 *     features whose value had the wrong JSON type; usually empty
 * @param source where the event was read ({@code topic/partition} or file name), for dead letters
 * @param position the Kafka offset or 1-based file line it was read at
 * @param llm what the event says about an LLM call (an OTLP span), or null for other events
 */
public record InferenceEvent(
    String inferenceId,
    String modelId,
    String modelVersion,
    long timestamp,
    double[] numeric,
    String[] categorical,
    String prediction,
    double score,
    String label,
    String[] groups,
    double latencyMs,
    int[] typeMismatches,
    String source,
    long position,
    LlmCall llm) {

  /** The category that stands for a missing categorical value (null, absent or ""). */
  public static final String MISSING = "__MISSING__";

  public InferenceEvent {
    Objects.requireNonNull(inferenceId, "inferenceId");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(numeric, "numeric");
    Objects.requireNonNull(categorical, "categorical");
    Objects.requireNonNull(prediction, "prediction");
    Objects.requireNonNull(groups, "groups");
    Objects.requireNonNull(typeMismatches, "typeMismatches");
  }

  /** An event that is no LLM call. */
  public InferenceEvent(
      String inferenceId,
      String modelId,
      String modelVersion,
      long timestamp,
      double[] numeric,
      String[] categorical,
      String prediction,
      double score,
      String label,
      String[] groups,
      double latencyMs,
      int[] typeMismatches,
      String source,
      long position) {
    this(
        inferenceId,
        modelId,
        modelVersion,
        timestamp,
        numeric,
        categorical,
        prediction,
        score,
        label,
        groups,
        latencyMs,
        typeMismatches,
        source,
        position,
        null);
  }

  /** The same event as the LLM call {@code call}. */
  public InferenceEvent withLlm(LlmCall call) {
    return new InferenceEvent(
        inferenceId,
        modelId,
        modelVersion,
        timestamp,
        numeric,
        categorical,
        prediction,
        score,
        label,
        groups,
        latencyMs,
        typeMismatches,
        source,
        position,
        call);
  }
}
