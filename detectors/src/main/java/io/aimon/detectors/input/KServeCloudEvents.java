package io.aimon.detectors.input;

import com.fasterxml.jackson.databind.JsonNode;
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
    return build(
        raw,
        header(raw, "id"),
        header(raw, "type"),
        header(raw, "time"),
        header(raw, "inferenceservicename"),
        header(raw, "endpoint"),
        raw.payload(),
        "ce_");
  }

  private static PairHalf structuredHalf(RawRecord raw) throws InvalidEventException {
    JsonNode event = InputJson.read(raw.payload(), "record");
    if (!event.isObject()) {
      throw new InvalidEventException(
          DeadLetterReason.NOT_AN_OBJECT,
          "record: expected a CloudEvent JSON object, found " + TensorJson.kind(event));
    }
    String body;
    JsonNode data = event.get("data");
    JsonNode base64 = event.get("data_base64");
    if (base64 != null && !base64.isNull()) {
      if (!base64.isTextual()) {
        throw TensorJson.wrongType("data_base64", "a Base64 string", base64);
      }
      try {
        body = new String(Base64.getDecoder().decode(base64.textValue()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new InvalidEventException(
            DeadLetterReason.BAD_ENCODING, "data_base64: not Base64: " + e.getMessage());
      }
    } else if (data == null || data.isNull()) {
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD, "data: required field is missing");
    } else {
      body = data.isTextual() ? data.textValue() : data.toString();
    }
    return build(
        raw,
        InputJson.text(event, "id"),
        InputJson.text(event, "type"),
        InputJson.text(event, "time"),
        InputJson.text(event, "inferenceservicename"),
        InputJson.text(event, "endpoint"),
        body,
        "");
  }

  private static PairHalf build(
      RawRecord raw,
      String id,
      String type,
      String time,
      String service,
      String endpoint,
      String body,
      String prefix)
      throws InvalidEventException {
    if (id == null) {
      throw missing(prefix + "id");
    }
    if (type == null) {
      throw missing(prefix + "type");
    }
    PairHalf.Side side;
    if (type.equals(REQUEST_TYPE)) {
      side = PairHalf.Side.REQUEST;
    } else if (type.equals(RESPONSE_TYPE)) {
      side = PairHalf.Side.RESPONSE;
    } else {
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
    long timestamp;
    if (time != null) {
      timestamp = JsonFields.parseIso(prefix + "time", time);
    } else if (raw.timestamp() != RawRecord.NO_TIMESTAMP) {
      timestamp = raw.timestamp();
    } else {
      throw missing(prefix + "time");
    }
    if (service == null) {
      throw missing(prefix + "inferenceservicename");
    }
    return new PairHalf(
        id,
        side,
        timestamp,
        service,
        endpoint,
        body,
        null,
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

  private static InvalidEventException missing(String field) {
    return new InvalidEventException(
        DeadLetterReason.MISSING_FIELD, field + ": required field is missing");
  }
}
