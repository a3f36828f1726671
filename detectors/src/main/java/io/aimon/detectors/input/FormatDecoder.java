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
import io.aimon.detectors.event.LabelEvent;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.model.ModelSpec;
import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes the records serving platforms log into inference and label events, never throwing on bad
 * input: every record, or every row of one, comes back as an event or a dead letter. A paired
 * format (a request and its response logged as two records) goes through {@link #half} and {@link
 * #pair}; a record holding a whole inference (SageMaker's capture) through {@link #record};
 * SageMaker's ground truth through {@link #label}.
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
  private final String sagemakerModel;
  private final String sagemakerVariant;
  private final boolean otlpKeepText;
  private final EventDecoder events;
  private final Map<String, TensorEvents> models = new HashMap<>();
  // the tensors any model reads, for a half whose model only the other half names
  private final Set<String> anyRequestTensor = new HashSet<>();
  private final Set<String> anyResponseTensor = new HashSet<>();
  private boolean anyDefaultPrediction;

  /**
   * @param input the {@code input} section
   * @param events the native decoder, whose size, time and model checks every format applies
   * @param mappings the {@code tensors} mapping of each model; a model without one maps by name
   */
  public FormatDecoder(
      InputConfig input,
      EventDecoder events,
      Map<String, ModelSpec> specs,
      Map<String, TensorMapping> mappings) {
    this.format = input.format();
    this.seldon = input.seldon();
    this.sagemakerModel = input.sagemakerModel();
    this.sagemakerVariant = input.sagemakerVariant();
    this.otlpKeepText = input.otlp().keepText();
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
    Decoded<PairHalf> whole = wholeHalf(raw);
    return whole.isOk() ? Decoded.ok(kept(whole.event())) : whole;
  }

  /**
   * Reads one record as the half of an inference with every tensor its message holds, mapped or not
   * (for {@code aimon inspect}); {@link #half} keeps only the mapped ones.
   */
  public Decoded<PairHalf> wholeHalf(RawRecord raw) {
    try {
      events.checkSize(raw);
      PairHalf half =
          switch (format) {
            case KSERVE -> KServeCloudEvents.half(raw);
            case OIP -> OipRecords.half(raw);
            case SELDON -> SeldonRecords.half(raw, seldon);
            case NATIVE, SAGEMAKER, OTLP ->
                throw new IllegalStateException(format.configName() + " records are not halves");
          };
      return Decoded.ok(half);
    } catch (InvalidEventException e) {
      return Decoded.rejected(DeadLetter.of(e.reason(), e.getMessage(), raw));
    }
  }

  /**
   * The request (or response) tensors model {@code modelId} reads (any model, when the record names
   * none), or null for a model not configured; a response's first tensor counts when the model
   * predicts from it.
   */
  public Set<String> reads(String modelId, PairHalf.Side side, List<String> tensorNames) {
    TensorEvents model = modelId == null ? null : models.get(modelId);
    if (modelId != null && model == null) {
      return null;
    }
    boolean request = side == PairHalf.Side.REQUEST;
    Set<String> out =
        new HashSet<>(
            model == null
                ? (request ? anyRequestTensor : anyResponseTensor)
                : (request ? model.requestTensors() : model.responseTensors()));
    boolean first = model == null ? anyDefaultPrediction : model.predictsFromFirstOutput();
    if (!request && first && !tensorNames.isEmpty()) {
      out.add(tensorNames.get(0));
    }
    return out;
  }

  /** SageMaker's capture read into its request and response tensors (for {@code aimon inspect}). */
  public InferenceTensors[] captureTensors(RawRecord raw) throws InvalidEventException {
    SageMakerCapture.Capture c = SageMakerCapture.read(raw);
    return new InferenceTensors[] {c.request(), c.response()};
  }

  /** The model SageMaker's records belong to, or null. */
  public String sagemakerModel() {
    return sagemakerModel;
  }

  /**
   * The model a record belongs to when its envelope says so without a parse (a Seldon topic, the
   * configured SageMaker model, a KServe binary-mode header), or null: what a dead letter of the
   * record counts against in the coverage evidence.
   *
   * @param label whether the record is a label (ground truth) rather than an inference
   */
  public String modelOf(RawRecord raw, boolean label) {
    if (label || format == InputFormat.SAGEMAKER) {
      return sagemakerModel;
    }
    if (format == InputFormat.SELDON) {
      SeldonTopics.ModelTopic t = seldon.parse(SeldonRecords.topic(raw));
      return t == null ? null : t.model();
    }
    if (format == InputFormat.KSERVE) {
      String m = raw.header("ce_inferenceservicename");
      return m != null ? m : raw.header("ce-inferenceservicename");
    }
    return null;
  }

  /** The {@code input.format} this decoder reads. */
  public InputFormat format() {
    return format;
  }

  /**
   * Decodes a record that holds whole inferences (SageMaker's data capture, an OTLP export of LLM
   * spans) into events, appended to {@code out}: one per row or span, or dead letters.
   */
  public void record(RawRecord raw, long nowMillis, List<Decoded<InferenceEvent>> out) {
    if (format == InputFormat.OTLP) {
      spans(raw, nowMillis, out);
      return;
    }
    try {
      events.checkSize(raw);
      if (format != InputFormat.SAGEMAKER) {
        throw new IllegalStateException(format.configName() + " records are not whole inferences");
      }
      SageMakerCapture.Capture c = SageMakerCapture.read(raw);
      ModelSpec spec = events.model(sagemakerModel, "input.sagemaker.model");
      events.checkTime(c.time(), nowMillis);
      models
          .get(spec.id())
          .events(
              c.request(), c.response(), c.id(), sagemakerVariant, c.time(), Double.NaN, raw, out);
    } catch (InvalidEventException e) {
      out.add(Decoded.rejected(DeadLetter.of(e.reason(), e.getMessage(), raw)));
    }
  }

  /**
   * The LLM call spans of an OTLP/JSON export as events; a dead letter keeps no text of the record
   * (prompts and responses) unless {@code input.otlp.keep_text}.
   */
  private void spans(RawRecord raw, long nowMillis, List<Decoded<InferenceEvent>> out) {
    RawRecord kept =
        otlpKeepText ? raw : new RawRecord(raw.source(), raw.position(), "", raw.sizeBytes());
    try {
      events.checkSize(raw);
      OtlpSpans.events(
          raw,
          events,
          nowMillis,
          out,
          (e, span) ->
              Decoded.rejected(DeadLetter.of(e.reason(), span + ": " + e.getMessage(), kept)));
    } catch (InvalidEventException e) {
      // a parser's message can quote the record: withheld with the record
      String detail =
          otlpKeepText || e.reason() != DeadLetterReason.MALFORMED_JSON
              ? e.getMessage()
              : "record: invalid JSON (the parser's message is withheld: it can quote the"
                  + " record's text; input.otlp.keep_text)";
      out.add(Decoded.rejected(DeadLetter.of(e.reason(), detail, kept)));
    }
  }

  /** Decodes a ground-truth record of SageMaker's ({@code input.label_format: sagemaker}). */
  public Decoded<LabelEvent> label(RawRecord raw) {
    try {
      events.checkSize(raw);
      ModelSpec spec = events.model(sagemakerModel, "input.sagemaker.model");
      return Decoded.ok(SageMakerGroundTruth.label(raw, spec.id()));
    } catch (InvalidEventException e) {
      return Decoded.rejected(DeadLetter.of(e.reason(), e.getMessage(), raw));
    }
  }

  /** The half with only the tensors its model (or, not named yet, any model) reads. */
  public PairHalf kept(PairHalf h) {
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
