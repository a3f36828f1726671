package io.aimon.detectors.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.InvalidEventException;
import io.aimon.detectors.event.RawRecord;

/**
 * Reads Open Inference Protocol v2 JSON records, each a request (it has {@code inputs}) or a
 * response (it has {@code outputs} and no {@code inputs}), into {@link PairHalf}s with their
 * tensors, joined by their {@code id}. A response names the model ({@code model_name}, {@code
 * model_version}); the time is the Kafka record's timestamp, as the protocol's messages carry none.
 */
final class OipRecords {
  private OipRecords() {}

  static PairHalf half(RawRecord raw) throws InvalidEventException {
    if (raw.binary()) {
      throw new InvalidEventException(
          DeadLetterReason.WRONG_TYPE, "record: expected JSON, found binary data");
    }
    JsonNode body = InputJson.read(raw.payload(), "record");
    if (!body.isObject()) {
      throw new InvalidEventException(
          DeadLetterReason.NOT_AN_OBJECT,
          "record: expected a JSON object, found " + TensorJson.kind(body));
    }
    PairHalf.Side side;
    if (body.has("inputs")) {
      side = PairHalf.Side.REQUEST;
    } else if (body.has("outputs")) {
      side = PairHalf.Side.RESPONSE;
    } else {
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD,
          "inputs: required field is missing (a request has inputs, a response outputs)");
    }
    InferenceTensors tensors = TensorJson.readOip(body, side == PairHalf.Side.RESPONSE);
    if (tensors.id() == null) {
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD,
          "id: required field is missing (it joins a request with its response)");
    }
    if (raw.timestamp() == RawRecord.NO_TIMESTAMP) {
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD,
          "timestamp: an OIP record takes its time from its Kafka record, and this one has none");
    }
    return new PairHalf(
        tensors.id(),
        "",
        side,
        raw.timestamp(),
        tensors,
        DeadLetter.excerpt(raw),
        raw.source(),
        raw.position(),
        raw.sizeBytes());
  }
}
