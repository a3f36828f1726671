package io.aimon.detectors.input;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.aimon.config.SeldonTopics;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.InvalidEventException;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.input.proto.ModelInferRequest;
import io.aimon.detectors.input.proto.ModelInferResponse;
import java.io.IOException;

/**
 * Reads the records of Seldon Core 2's model topics into {@link PairHalf}s: a {@code
 * ModelInferRequest} on {@code <prefix>.<namespace>.model.<model>.inputs}, the {@code
 * ModelInferResponse} on {@code ... .outputs}, both Open Inference Protocol protobuf.
 *
 * <p>The topic names the model (the aimon model id is the Seldon Model's name) and the side. The
 * request id, which both halves carry, is the {@value #REQUEST_ID_HEADER} header Seldon copies from
 * request to response, else the Kafka key; as one id runs through every model of a Seldon pipeline,
 * halves are joined within their model. The time is the Kafka record's timestamp. A value in the
 * Confluent Schema Registry framing (a zero byte, a 4-byte schema id and the message indexes) is
 * read past its frame.
 */
final class SeldonRecords {
  static final String REQUEST_ID_HEADER = "x-request-id";

  private SeldonRecords() {}

  static PairHalf half(RawRecord raw, SeldonTopics topics) throws InvalidEventException {
    if (!raw.binary()) {
      throw new InvalidEventException(
          DeadLetterReason.WRONG_TYPE,
          "record: Seldon's model topics hold protobuf bytes, this record was read as text");
    }
    String topic = topic(raw);
    SeldonTopics.ModelTopic modelTopic = topics.parse(topic);
    if (modelTopic == null) {
      throw new InvalidEventException(
          DeadLetterReason.UNKNOWN_MODEL,
          "topic: "
              + topic
              + " is not a model topic of input.seldon ("
              + topics.inputs("<model>")
              + " or .outputs)");
    }
    String id = raw.header(REQUEST_ID_HEADER);
    if (id == null || id.isBlank()) {
      id = raw.key();
    }
    if (id == null || id.isBlank()) {
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD,
          REQUEST_ID_HEADER
              + ": neither the header nor the record key gives the request id (it joins a request"
              + " with its response)");
    }
    if (raw.timestamp() == RawRecord.NO_TIMESTAMP) {
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD,
          "timestamp: a Seldon record takes its time from its Kafka record, and this one has none");
    }
    PairHalf.Side side = modelTopic.inputs() ? PairHalf.Side.REQUEST : PairHalf.Side.RESPONSE;
    InferenceTensors body = read(raw.bytes(), side);
    InferenceTensors tensors = body.named(modelTopic.model(), body.modelVersion());
    return new PairHalf(
        id,
        modelTopic.model(),
        side,
        raw.timestamp(),
        tensors,
        DeadLetter.excerpt(raw),
        raw.source(),
        raw.position(),
        raw.sizeBytes());
  }

  /** The topic a Kafka record came from: its source is {@code topic/partition}. */
  static String topic(RawRecord raw) {
    int slash = raw.source().lastIndexOf('/');
    return slash < 0 ? raw.source() : raw.source().substring(0, slash);
  }

  /** The message's tensors, with the model version it names (the topic names the model). */
  private static InferenceTensors read(byte[] value, PairHalf.Side side)
      throws InvalidEventException {
    int start = messageStart(value);
    CodedInputStream in = CodedInputStream.newInstance(value, start, value.length - start);
    try {
      return side == PairHalf.Side.REQUEST
          ? TensorProtobuf.request(ModelInferRequest.parseFrom(in))
          : TensorProtobuf.response(ModelInferResponse.parseFrom(in));
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidEventException(
          DeadLetterReason.MALFORMED_PROTOBUF,
          "record: not a "
              + (side == PairHalf.Side.REQUEST ? "ModelInferRequest" : "ModelInferResponse")
              + (value.length > 0 && value[0] == '{' ? " (the value is JSON)" : "")
              + ": "
              + e.getMessage());
    } catch (IOException e) {
      throw new InvalidEventException(
          DeadLetterReason.MALFORMED_PROTOBUF, "record: " + e.getMessage());
    }
  }

  /**
   * Where the message starts: 0, or past a Schema Registry frame. A protobuf message never starts
   * with a zero byte (field number 0 is invalid), so a leading zero can only be the frame's magic
   * byte.
   */
  private static int messageStart(byte[] value) throws InvalidEventException {
    if (value.length == 0 || value[0] != 0) {
      return 0;
    }
    if (value.length < 6) {
      throw new InvalidEventException(
          DeadLetterReason.MALFORMED_PROTOBUF,
          "record: a Schema Registry frame (magic byte 0) needs a 4-byte schema id and message"
              + " indexes, found "
              + value.length
              + " bytes");
    }
    try {
      CodedInputStream frame = CodedInputStream.newInstance(value, 5, value.length - 5);
      int indexes = frame.readSInt32(); // zigzag varints: a count, then that many indexes
      if (indexes < 0 || indexes > value.length) {
        throw new InvalidEventException(
            DeadLetterReason.MALFORMED_PROTOBUF,
            "record: a Schema Registry frame with " + indexes + " message indexes");
      }
      for (int i = 0; i < indexes; i++) {
        frame.readSInt32();
      }
      return 5 + frame.getTotalBytesRead();
    } catch (IOException e) {
      throw new InvalidEventException(
          DeadLetterReason.MALFORMED_PROTOBUF,
          "record: a Schema Registry frame cut short: " + e.getMessage());
    }
  }
}
