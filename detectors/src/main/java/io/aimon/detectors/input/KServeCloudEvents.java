package io.aimon.detectors.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.InvalidEventException;
import io.aimon.detectors.event.JsonFields;
import io.aimon.detectors.event.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Reads the CloudEvents KServe's inference logger sends, one per request and one per response, into
 * {@link PairHalf}s.
 *
 * <p>Binary mode (how Knative's Kafka broker and sink write by default): the attributes are Kafka
 * headers {@code ce_<name>} (the CloudEvents Kafka binding; {@code ce-<name>} as over HTTP is read
 * too), the value is the body. Structured mode: a {@code content-type} header {@code
 * application/cloudevents+json}, or any record without a {@code ce_id} header (a file line), is the
 * whole event as JSON, the body in {@code data} (JSON, or a string) or {@code data_base64}.
 *
 * <p>Attributes read: {@code id} (both halves share it), {@code type} ({@value #REQUEST_TYPE} or
 * {@value #RESPONSE_TYPE}), {@code time} (else the Kafka record's timestamp), and KServe's
 * extensions {@code inferenceservicename} (the model id) and {@code endpoint} ({@code default} or
 * {@code canary}: the model version).
 */
final class KServeCloudEvents {
  static final String REQUEST_TYPE = "org.kubeflow.serving.inference.request";
  static final String RESPONSE_TYPE = "org.kubeflow.serving.inference.response";

  private KServeCloudEvents() {}

  /** True when the record is a structured-mode CloudEvent. */
  static boolean structured(RawRecord raw) {
    String contentType = raw.header("content-type");
    if (contentType != null) {
      return contentType.toLowerCase(Locale.ROOT).startsWith("application/cloudevents");
    }
    return header(raw, "id") == null;
  }

  static PairHalf half(RawRecord raw) throws InvalidEventException {
    if (raw.binary()) {
      throw new InvalidEventException(
          DeadLetterReason.WRONG_TYPE, "record: expected a JSON body, found binary data");
    }
    return structured(raw) ? structuredHalf(raw) : binaryHalf(raw);
  }

  private static PairHalf binaryHalf(RawRecord raw) throws InvalidEventException {
    PairHalf.Side side = side(header(raw, "type"), "ce_");
    return build(
        raw,
        header(raw, "id"),
        side,
        header(raw, "time"),
        header(raw, "inferenceservicename"),
        header(raw, "endpoint"),
        InputJson.read(raw.payload(), "body"),
        "ce_");
  }

  private static PairHalf structuredHalf(RawRecord raw) throws InvalidEventException {
    JsonNode event = InputJson.read(raw.payload(), "record");
    if (!event.isObject()) {
      throw new InvalidEventException(
          DeadLetterReason.NOT_AN_OBJECT,
          "record: expected a CloudEvent JSON object, found " + TensorJson.kind(event));
    }
    PairHalf.Side side = side(InputJson.text(event, "type"), "");
    JsonNode body;
    JsonNode data = event.get("data");
    JsonNode base64 = event.get("data_base64");
    if (base64 != null && !base64.isNull()) {
      if (!base64.isTextual()) {
        throw TensorJson.wrongType("data_base64", "a Base64 string", base64);
      }
      try {
        body =
            InputJson.read(
                new String(Base64.getDecoder().decode(base64.textValue()), StandardCharsets.UTF_8),
                "data_base64");
      } catch (IllegalArgumentException e) {
        throw new InvalidEventException(
            DeadLetterReason.BAD_ENCODING, "data_base64: not Base64: " + e.getMessage());
      }
    } else if (data == null || data.isNull()) {
      throw InputJson.missing("data");
    } else {
      // JSON data is inline; other content types (KServe copies the request's) carry it as text
      body = data.isTextual() ? InputJson.read(data.textValue(), "data") : data;
    }
    return build(
        raw,
        InputJson.text(event, "id"),
        side,
        InputJson.text(event, "time"),
        InputJson.text(event, "inferenceservicename"),
        InputJson.text(event, "endpoint"),
        body,
        "");
  }

  private static PairHalf.Side side(String type, String prefix) throws InvalidEventException {
    if (type == null) {
      throw InputJson.missing(prefix + "type");
    }
    if (type.equals(REQUEST_TYPE)) {
      return PairHalf.Side.REQUEST;
    }
    if (type.equals(RESPONSE_TYPE)) {
      return PairHalf.Side.RESPONSE;
    }
    throw new InvalidEventException(
        DeadLetterReason.UNKNOWN_EVENT_TYPE,
        prefix
            + "type: expected "
            + REQUEST_TYPE
            + " or "
            + RESPONSE_TYPE
            + ", found '"
            + JsonFields.abbreviate(type)
            + "'");
  }

  /** The half, its body read as a V1 or V2 message. */
  private static PairHalf build(
      RawRecord raw,
      String id,
      PairHalf.Side side,
      String time,
      String service,
      String endpoint,
      JsonNode body,
      String prefix)
      throws InvalidEventException {
    if (id == null) {
      throw InputJson.missing(prefix + "id");
    }
    long timestamp;
    if (time != null) {
      timestamp = JsonFields.parseIso(prefix + "time", time);
    } else if (raw.timestamp() != RawRecord.NO_TIMESTAMP) {
      timestamp = raw.timestamp();
    } else {
      throw InputJson.missing(prefix + "time");
    }
    if (service == null) {
      throw InputJson.missing(prefix + "inferenceservicename");
    }
    boolean response = side == PairHalf.Side.RESPONSE;
    InferenceTensors tensors =
        (TensorJson.isV1(body)
                ? TensorJson.readV1(body, response)
                : TensorJson.readOip(body, response))
            .named(service, endpoint);
    return new PairHalf(
        id,
        "",
        side,
        timestamp,
        tensors,
        DeadLetter.excerpt(raw),
        raw.source(),
        raw.position(),
        raw.sizeBytes());
  }

  /** The binary-mode attribute {@code name}: header {@code ce_<name>}, else {@code ce-<name>}. */
  static String header(RawRecord raw, String name) {
    String v = raw.header("ce_" + name);
    if (v == null) {
      v = raw.header("ce-" + name);
    }
    return v == null || v.isEmpty() ? null : v;
  }
}
