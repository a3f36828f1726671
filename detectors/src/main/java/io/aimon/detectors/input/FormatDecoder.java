package io.aimon.detectors.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.config.InputFormat;
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
import java.util.List;
import java.util.Map;

/**
 * Decodes the inference records of one {@link InputFormat} into inference events, never throwing on
 * bad input: every record, or every row of one, comes back as an event or a dead letter.
 *
 * <p>Native records decode in one step ({@link #inferences}). Paired formats take two: each record
 * becomes a {@link PairHalf} ({@link #half}), and once {@link HalfPairing} joins a request with its
 * response, {@link #pair} reads both bodies into tensors and the tensors into events by the model's
 * {@code tensors} mapping. Every event passes the checks native events do: a configured model, a
 * time within {@code job.max_future_skew} and {@code job.max_event_age}.
 *
 * <pre>{@code
 * FormatDecoder d = new FormatDecoder(InputFormat.KSERVE, eventDecoder, 1 << 20, specs, mappings);
 * Decoded<PairHalf> half = d.half(raw);
 * }</pre>
 *
 * <p>Not thread-safe (it holds the native decoder): one per stream subtask.
 */
public final class FormatDecoder implements Serializable {
  private static final long serialVersionUID = 1L;

  private final InputFormat format;
  private final EventDecoder events;
  private final int maxRecordBytes;
  private final Map<String, TensorEvents> tensors = new HashMap<>();

  /**
   * @param events the native decoder, whose time and model checks every format applies
   * @param maxRecordBytes {@code job.max_record_bytes}
   * @param mappings the {@code tensors} mapping of each model; a model without one maps by name
   */
  public FormatDecoder(
      InputFormat format,
      EventDecoder events,
      int maxRecordBytes,
      Map<String, ModelSpec> specs,
      Map<String, TensorMapping> mappings) {
    this.format = format;
    this.events = events;
    this.maxRecordBytes = maxRecordBytes;
    specs.forEach(
        (id, spec) ->
            tensors.put(
                id, new TensorEvents(spec, mappings.getOrDefault(id, TensorMapping.defaults()))));
  }

  public InputFormat format() {
    return format;
  }

  /** Decodes a record of a format that logs each inference in one record. */
  public void inferences(RawRecord raw, long nowMillis, List<Decoded<InferenceEvent>> out) {
    if (format != InputFormat.NATIVE) {
      throw new IllegalStateException(format.configName() + " records decode in halves");
    }
    out.add(events.decodeInference(raw, nowMillis));
  }

  /** Reads one record of a paired format as the half of an inference. */
  public Decoded<PairHalf> half(RawRecord raw) {
    try {
      checkSize(raw);
      return Decoded.ok(
          switch (format) {
            case KSERVE -> KServeCloudEvents.half(raw);
            case OIP -> OipRecords.half(raw);
            case NATIVE -> throw new IllegalStateException("native records are not halves");
          });
    } catch (InvalidEventException e) {
      return Decoded.rejected(DeadLetter.of(e.reason(), e.getMessage(), raw));
    }
  }

  /**
   * Decodes a joined request and response into events, appended to {@code out}: one per row, or one
   * dead letter when the pair cannot be read (it names the half at fault).
   */
  public void pair(
      PairHalf request, PairHalf response, long nowMillis, List<Decoded<InferenceEvent>> out) {
    PairHalf atFault = request;
    try {
      InferenceTensors in = body(request, false);
      atFault = response;
      InferenceTensors outTensors = body(response, true);
      String modelId = request.modelId() != null ? request.modelId() : response.modelId();
      if (modelId == null) {
        modelId = outTensors.modelName() != null ? outTensors.modelName() : in.modelName();
      }
      if (modelId == null) {
        throw new InvalidEventException(
            DeadLetterReason.MISSING_FIELD,
            "model_name: neither the request nor the response names the model");
      }
      ModelSpec spec = events.model(modelId, "model");
      String version =
          response.modelVersion() != null ? response.modelVersion() : request.modelVersion();
      long timestamp = request.timestamp();
      events.checkTime(timestamp, nowMillis);
      long took = response.timestamp() - request.timestamp();
      tensors
          .get(spec.id())
          .events(
              in,
              outTensors,
              request.pairId(),
              version,
              timestamp,
              took >= 0 ? took : Double.NaN,
              response.raw(),
              out);
    } catch (InvalidEventException e) {
      out.add(
          Decoded.rejected(
              DeadLetter.of(
                  e.reason(),
                  atFault.side().word() + " " + atFault.pairId() + ": " + e.getMessage(),
                  atFault.raw())));
    }
  }

  private InferenceTensors body(PairHalf half, boolean response) throws InvalidEventException {
    JsonNode body = InputJson.read(half.body(), "body");
    if (format == InputFormat.KSERVE && TensorJson.isV1(body)) {
      return TensorJson.readV1(body, response);
    }
    return TensorJson.readOip(body, response);
  }

  private void checkSize(RawRecord raw) throws InvalidEventException {
    if (raw.sizeBytes() > maxRecordBytes) {
      throw new InvalidEventException(
          DeadLetterReason.OVERSIZE,
          "record: expected at most " + maxRecordBytes + " bytes, found " + raw.sizeBytes());
    }
    if (raw.binary() ? raw.bytes().length == 0 : raw.payload().isBlank()) {
      throw new InvalidEventException(DeadLetterReason.EMPTY_RECORD, "record: empty payload");
    }
  }
}
