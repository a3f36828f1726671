package io.aimon.detectors.input;

import io.aimon.config.InputConfig;
import io.aimon.config.InputFormat;
import io.aimon.config.SeldonTopics;
import io.aimon.config.TensorMapping;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.EventDecoder;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.InvalidEventException;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.model.ModelSpec;
import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes the records of a paired format (a request and its response logged as two records) into
 * inference events, never throwing on bad input: every record, or every row of one, comes back as
 * an event or a dead letter.
 *
 * <p>Each record becomes a {@link PairHalf} ({@link #half}): its envelope and body read once, into
 * tensors, keeping only the tensors a configured model reads. Once {@link HalfPairing} joins a
 * request with its response, {@link #pair} maps the tensors to events by the model's {@code
 * tensors} mapping. Every event passes the checks native events do: the record's size, a configured
 * model, a time within {@code job.max_future_skew} and {@code job.max_event_age}.
 *
 * <pre>{@code
 * FormatDecoder d = new FormatDecoder(config.input(), eventDecoder, specs, mappings);
 * Decoded<PairHalf> half = d.half(raw);
 * }</pre>
 */
public final class FormatDecoder implements Serializable {
  private static final long serialVersionUID = 1L;

  private final InputFormat format;
  private final SeldonTopics seldon;
  private final EventDecoder events;
  private final Map<String, TensorEvents> models = new HashMap<>();
  // the tensors any model reads, for a half whose model only the other half names
  private final Set<String> anyRequestTensor = new HashSet<>();
  private final Set<String> anyResponseTensor = new HashSet<>();
  private boolean anyDefaultPrediction;

  /**
   * @param input the {@code input} section, of a paired format
   * @param events the native decoder, whose size, time and model checks every format applies
   * @param mappings the {@code tensors} mapping of each model; a model without one maps by name
   */
  public FormatDecoder(
      InputConfig input,
      EventDecoder events,
      Map<String, ModelSpec> specs,
      Map<String, TensorMapping> mappings) {
    if (!input.format().paired()) {
      throw new IllegalArgumentException(
          input.format().configName() + " records are not logged in halves");
    }
    this.format = input.format();
    this.seldon = input.seldon();
    this.events = events;
    specs.forEach(
        (id, spec) -> {
          TensorEvents t =
              new TensorEvents(spec, mappings.getOrDefault(id, TensorMapping.defaults()));
          models.put(id, t);
          anyRequestTensor.addAll(t.requestTensors());
          anyResponseTensor.addAll(t.responseTensors());
          anyDefaultPrediction |= t.predictsFromFirstOutput();
        });
  }

  /** Reads one record as the half of an inference. */
  public Decoded<PairHalf> half(RawRecord raw) {
    try {
      events.checkSize(raw);
      PairHalf half =
          switch (format) {
            case KSERVE -> KServeCloudEvents.half(raw);
            case OIP -> OipRecords.half(raw);
            case SELDON -> SeldonRecords.half(raw, seldon);
            case NATIVE -> throw new IllegalStateException("native records are not halves");
          };
      return Decoded.ok(kept(half));
    } catch (InvalidEventException e) {
      return Decoded.rejected(DeadLetter.of(e.reason(), e.getMessage(), raw));
    }
  }

  /** The half with only the tensors its model (or, not named yet, any model) reads. */
  private PairHalf kept(PairHalf h) {
    TensorEvents model =
        h.tensors().modelName() == null ? null : models.get(h.tensors().modelName());
    boolean response = h.side() == PairHalf.Side.RESPONSE;
    Set<String> names =
        model == null
            ? (response ? anyResponseTensor : anyRequestTensor)
            : (response ? model.responseTensors() : model.requestTensors());
    boolean first =
        response && (model == null ? anyDefaultPrediction : model.predictsFromFirstOutput());
    InferenceTensors kept = h.tensors().keep(names, first);
    return kept == h.tensors()
        ? h
        : new PairHalf(
            h.pairId(),
            h.scope(),
            h.side(),
            h.timestamp(),
            kept,
            h.excerpt(),
            h.source(),
            h.position(),
            h.sizeBytes());
  }

  /**
   * Decodes a joined request and response into events, appended to {@code out}: one per row, or one
   * dead letter of the response when the pair cannot be mapped.
   */
  public void pair(
      PairHalf request, PairHalf response, long nowMillis, List<Decoded<InferenceEvent>> out) {
    InferenceTensors in = request.tensors();
    InferenceTensors outTensors = response.tensors();
    try {
      String modelId = in.modelName() != null ? in.modelName() : outTensors.modelName();
      if (modelId == null) {
        throw new InvalidEventException(
            DeadLetterReason.MISSING_FIELD,
            "model_name: neither the request nor the response names the model");
      }
      ModelSpec spec = events.model(modelId, "model");
      String version =
          outTensors.modelVersion() != null ? outTensors.modelVersion() : in.modelVersion();
      events.checkTime(request.timestamp(), nowMillis);
      long took = response.timestamp() - request.timestamp();
      models
          .get(spec.id())
          .events(
              in,
              outTensors,
              request.pairId(),
              version,
              request.timestamp(),
              took >= 0 ? took : Double.NaN,
              response.raw(),
              out);
    } catch (InvalidEventException e) {
      out.add(
          Decoded.rejected(
              DeadLetter.of(
                  e.reason(),
                  "inference " + request.pairId() + ": " + e.getMessage(),
                  response.raw())));
    }
  }
}
