package io.aimon.detectors.event;

/**
 * Why a record went to the dead-letter output. The {@link #code()} strings are a stable contract:
 * they appear in dead-letter records, metrics and evidence, so never rename one.
 */
public enum DeadLetterReason {
  /** The payload is empty or only whitespace. */
  EMPTY_RECORD("empty_record"),
  /** The payload is larger than {@code job.max_record_bytes}. */
  OVERSIZE("oversize"),
  /** The payload is not valid JSON (syntax error, bad UTF-8, duplicate key, trailing data). */
  MALFORMED_JSON("malformed_json"),
  /** Text in the record is not valid Unicode (a lone UTF-16 surrogate); see {@link InvalidText}. */
  INVALID_TEXT("invalid_text"),
  /** The payload is valid JSON but not an object. */
  NOT_AN_OBJECT("not_an_object"),
  /** A required field is absent, null or an empty string. */
  MISSING_FIELD("missing_field"),
  /** A field has the wrong JSON type (e.g. a string score, a non-object features). */
  WRONG_TYPE("wrong_type"),
  /** A number is NaN or infinite where a finite number is required. */
  NON_FINITE_NUMBER("non_finite_number"),
  /** The timestamp is neither ISO-8601 nor epoch milliseconds, or is out of range. */
  BAD_TIMESTAMP("bad_timestamp"),
  /** The timestamp is further ahead of the wall clock than {@code job.max_future_skew}. */
  FUTURE_TIMESTAMP("future_timestamp"),
  /** The timestamp is further behind the wall clock than {@code job.max_event_age}. */
  TOO_OLD("too_old"),
  /**
   * The event's inference_id was already seen in its model's window (see {@link
   * InferenceIdFilter}); the first event counts.
   */
  DUPLICATE_INFERENCE("duplicate_inference"),
  /** The model_id is not configured. */
  UNKNOWN_MODEL("unknown_model"),
  /** The event is behind the watermark: its window has already been evaluated. */
  LATE("late"),
  /** A label arrived after its prediction's window was final (window end + labels.max_delay). */
  LABEL_TOO_LATE("label_too_late"),
  /** A label whose prediction did not arrive within labels.max_delay. */
  ORPHAN_LABEL("orphan_label"),
  /** A second label for the same inference; the first one counts. */
  DUPLICATE_LABEL("duplicate_label"),
  /** An operator's corrective action that breaks its contract (missing field, bad type, time). */
  MALFORMED_ACTION("malformed_action"),
  /** A corrective action naming an incident the monitor job does not track (or closed). */
  UNKNOWN_INCIDENT("unknown_incident"),
  /** An alert delivery record (read back for notification evidence) that cannot be read. */
  MALFORMED_DELIVERY("malformed_delivery"),
  /**
   * A tensor whose data does not fit its shape, rows that differ between tensors, or columns that
   * differ from {@code models[].tensors}.
   */
  WRONG_SHAPE("wrong_shape"),
  /** A tensor datatype the Open Inference Protocol does not define. */
  UNKNOWN_DATATYPE("unknown_datatype"),
  /** Data that is not in its declared encoding (bad Base64, a CSV row that does not parse). */
  BAD_ENCODING("bad_encoding"),
  /** A protobuf value that does not parse (truncated, wrong wire type) as the expected message. */
  MALFORMED_PROTOBUF("malformed_protobuf"),
  /** A request or response whose other half did not arrive within {@code input.pair_timeout}. */
  UNMATCHED_HALF("unmatched_half"),
  /** A record of a type the format does not monitor (a CloudEvent of another type). */
  UNKNOWN_EVENT_TYPE("unknown_event_type");

  private final String code;

  DeadLetterReason(String code) {
    this.code = code;
  }

  /** The stable reason code written to outputs, e.g. {@code "wrong_type"}. */
  public String code() {
    return code;
  }
}
