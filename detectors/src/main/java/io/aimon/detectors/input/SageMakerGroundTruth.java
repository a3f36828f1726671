package io.aimon.detectors.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.InvalidEventException;
import io.aimon.detectors.event.JsonFields;
import io.aimon.detectors.event.LabelEvent;
import io.aimon.detectors.event.RawRecord;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SageMaker Model Monitor's ground-truth records into label events:
 *
 * <pre>{@code
 * {"groundTruthData": {"data": "1", "encoding": "CSV"},
 *  "eventMetadata": {"eventId": "…"}, "eventVersion": "0"}
 * }</pre>
 *
 * <p>The label is {@code data} (CSV: its one field; JSON: one scalar value); it names its inference
 * by {@code eventMetadata.inferenceId}, else {@code eventId}, as the capture does. The record
 * carries no time: SageMaker keeps ground truth under an S3 prefix of the hour it was collected
 * ({@code …/yyyy/mm/dd/hh/}), so a label's time is its Kafka record's timestamp, or the start of
 * that hour taken from the file's path ({@link #hourOfPath}).
 */
public final class SageMakerGroundTruth {
  private static final Pattern HOUR_PATH =
      Pattern.compile("(?:^|/)(\\d{4})/(\\d{2})/(\\d{2})/(\\d{2})/[^/]+$");

  private SageMakerGroundTruth() {}

  static LabelEvent label(RawRecord raw, String modelId) throws InvalidEventException {
    JsonNode record = SageMakerCapture.line(raw);
    String id = SageMakerCapture.id(SageMakerCapture.object(record, "eventMetadata"));
    JsonNode truth = SageMakerCapture.object(record, "groundTruthData");
    String data = InputJson.text(truth, "data");
    if (data == null) {
      throw InputJson.missing("groundTruthData.data");
    }
    String encoding = InputJson.text(truth, "encoding");
    String label;
    if (encoding == null || encoding.equalsIgnoreCase("CSV")) {
      label = data.strip();
      if (label.contains(",") || label.contains("\n")) {
        throw new InvalidEventException(
            DeadLetterReason.WRONG_SHAPE,
            "groundTruthData.data: expected one label, found " + JsonFields.abbreviate(label));
      }
    } else if (encoding.equalsIgnoreCase("JSON")) {
      JsonNode v = InputJson.read(data, "groundTruthData.data");
      if (v.isArray() && v.size() == 1) {
        v = v.get(0);
      }
      if (!v.isValueNode() || v.isNull()) {
        throw TensorJson.wrongType("groundTruthData.data", "one label value", v);
      }
      label = v.asText();
    } else {
      throw new InvalidEventException(
          DeadLetterReason.BAD_ENCODING,
          "groundTruthData.encoding: expected CSV or JSON, found "
              + JsonFields.abbreviate(encoding));
    }
    if (label.isEmpty()) {
      throw InputJson.missing("groundTruthData.data");
    }
    if (raw.timestamp() == RawRecord.NO_TIMESTAMP) {
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD,
          "time: a ground-truth record's time is its Kafka timestamp or the hour of its file's"
              + " path (…/yyyy/mm/dd/hh/file.jsonl), and this one has neither");
    }
    return new LabelEvent(id, modelId, label, raw.timestamp(), raw.source(), raw.position());
  }

  /**
   * The start of the hour a path names as SageMaker lays out its S3 prefixes ({@code
   * …/yyyy/mm/dd/hh/<file>}), in epoch milliseconds, or {@link RawRecord#NO_TIMESTAMP}.
   */
  public static long hourOfPath(String path) {
    Matcher m = HOUR_PATH.matcher(path.replace('\\', '/'));
    if (!m.find()) {
      return RawRecord.NO_TIMESTAMP;
    }
    try {
      return Instant.parse(
              m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "T" + m.group(4) + ":00:00Z")
          .toEpochMilli();
    } catch (java.time.format.DateTimeParseException e) {
      return RawRecord.NO_TIMESTAMP;
    }
  }
}
