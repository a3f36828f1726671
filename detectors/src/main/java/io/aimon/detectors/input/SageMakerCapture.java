package io.aimon.detectors.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.InvalidEventException;
import io.aimon.detectors.event.JsonFields;
import io.aimon.detectors.event.RawRecord;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads SageMaker Model Monitor's data capture: one JSON Lines record per inference, its request
 * and response together.
 *
 * <pre>{@code
 * {"captureData": {
 *    "endpointInput":  {"observedContentType": "text/csv", "mode": "INPUT",
 *                       "data": "39,State-gov,77516", "encoding": "CSV"},
 *    "endpointOutput": {"observedContentType": "text/csv", "mode": "OUTPUT",
 *                       "data": "0", "encoding": "CSV"}},
 *  "eventMetadata": {"eventId": "…", "inferenceId": "…", "inferenceTime": "2024-02-01T10:00:00Z"},
 *  "eventVersion": "0"}
 * }</pre>
 *
 * <p>A payload's {@code encoding} is {@code CSV} or {@code JSON} (the text inline) or {@code
 * BASE64} (its {@code observedContentType} then says CSV or JSON). A CSV payload is one tensor,
 * {@link TensorJson#INSTANCES} for the input and {@link TensorJson#PREDICTIONS} for the output,
 * {@code [lines, fields]}: a field is a number when it reads as one, else text, and empty is
 * missing. A JSON payload is a V1 body ({@code instances} / {@code predictions}), an Open Inference
 * Protocol one ({@code inputs} / {@code outputs}), a bare array of rows, or (an output) a bare
 * value.
 */
final class SageMakerCapture {
  /** A CSV payload of more values than this is a wrong shape (as a V1 body's objects are). */
  static final long MAX_CSV_VALUES = TensorJson.MAX_V1_VALUES;

  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

  /**
   * One captured inference.
   *
   * @param id {@code eventMetadata.inferenceId} when the caller gave one, else {@code eventId}
   * @param time {@code eventMetadata.inferenceTime}, epoch milliseconds
   */
  record Capture(String id, long time, InferenceTensors request, InferenceTensors response) {}

  private SageMakerCapture() {}

  static Capture read(RawRecord raw) throws InvalidEventException {
    JsonNode record = line(raw);
    JsonNode metadata = object(record, "eventMetadata");
    String id = id(metadata);
    String time = InputJson.text(metadata, "inferenceTime");
    if (time == null) {
      throw InputJson.missing("eventMetadata.inferenceTime");
    }
    JsonNode capture = object(record, "captureData");
    JsonNode input = capture.get("endpointInput");
    if (input == null || input.isNull()) {
      throw InputJson.missing("captureData.endpointInput");
    }
    JsonNode output = capture.get("endpointOutput");
    if (output == null || output.isNull()) {
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD,
          "captureData.endpointOutput: required field is missing (capture the output too, "
              + "CaptureOptions Output, to monitor predictions)");
    }
    return new Capture(
        id,
        JsonFields.parseIso("eventMetadata.inferenceTime", time),
        payload(input, "captureData.endpointInput", false),
        payload(output, "captureData.endpointOutput", true));
  }

  /** {@code inferenceId} when given (what the caller's labels name), else {@code eventId}. */
  static String id(JsonNode metadata) throws InvalidEventException {
    String inferenceId = InputJson.text(metadata, "inferenceId");
    if (inferenceId != null && !inferenceId.isEmpty()) {
      return inferenceId;
    }
    String eventId = InputJson.text(metadata, "eventId");
    if (eventId == null || eventId.isEmpty()) {
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD,
          "eventMetadata.eventId: required field is missing (nor is there an inferenceId)");
    }
    return eventId;
  }

  /** A SageMaker JSON line (capture or ground truth): an object of event version "0". */
  static JsonNode line(RawRecord raw) throws InvalidEventException {
    if (raw.binary()) {
      throw new InvalidEventException(
          DeadLetterReason.WRONG_TYPE, "record: expected a JSON line, found binary data");
    }
    JsonNode record = InputJson.read(raw.payload(), "record");
    if (!record.isObject()) {
      throw new InvalidEventException(
          DeadLetterReason.NOT_AN_OBJECT,
          "record: expected a JSON object, found " + TensorJson.kind(record));
    }
    checkVersion(record);
    return record;
  }

  private static void checkVersion(JsonNode record) throws InvalidEventException {
    JsonNode version = record.get("eventVersion");
    if (version != null && !version.isNull() && !"0".equals(version.asText())) {
      throw new InvalidEventException(
          DeadLetterReason.UNKNOWN_EVENT_TYPE,
          "eventVersion: expected \"0\", found " + JsonFields.abbreviate(version.toString()));
    }
  }

  static JsonNode object(JsonNode parent, String field) throws InvalidEventException {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      throw InputJson.missing(field);
    }
    if (!n.isObject()) {
      throw TensorJson.wrongType(field, "an object", n);
    }
    return n;
  }

  /** A payload {@code {observedContentType, mode, data, encoding}} as tensors. */
  static InferenceTensors payload(JsonNode p, String at, boolean response)
      throws InvalidEventException {
    if (!p.isObject()) {
      throw TensorJson.wrongType(at, "an object", p);
    }
    String data = InputJson.text(p, "data");
    if (data == null) {
      throw InputJson.missing(at + ".data");
    }
    String encoding = InputJson.text(p, "encoding");
    if (encoding == null) {
      throw InputJson.missing(at + ".encoding");
    }
    String contentType = InputJson.text(p, "observedContentType");
    boolean csv;
    switch (encoding.toUpperCase(Locale.ROOT)) {
      case "CSV" -> csv = true;
      case "JSON" -> csv = false;
      case "BASE64" -> {
        data = base64(data, at);
        csv = csvContent(contentType, at);
      }
      default ->
          throw new InvalidEventException(
              DeadLetterReason.BAD_ENCODING,
              at
                  + ".encoding: expected CSV, JSON or BASE64, found "
                  + JsonFields.abbreviate(encoding));
    }
    return csv ? csv(data, at, response) : json(data, at, response);
  }

  private static boolean csvContent(String contentType, String at) throws InvalidEventException {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.contains("csv")) {
      return true;
    }
    if (type.contains("json")) {
      return false;
    }
    throw new InvalidEventException(
        DeadLetterReason.WRONG_TYPE,
        at
            + ".observedContentType: "
            + (contentType == null ? "missing" : JsonFields.abbreviate(contentType))
            + ": aimon reads CSV and JSON payloads");
  }

  private static String base64(String data, String at) throws InvalidEventException {
    byte[] bytes;
    try {
      // strict, but for line breaks: a MIME decoder would skip any stray character silently
      bytes = Base64.getDecoder().decode(data.replaceAll("[\\r\\n]", ""));
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException(
          DeadLetterReason.BAD_ENCODING, at + ".data: not base64: " + e.getMessage());
    }
    try {
      return InputJson.utf8(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new InvalidEventException(
          DeadLetterReason.BAD_ENCODING, at + ".data: the decoded bytes are not UTF-8 text");
    }
  }

  private static InferenceTensors csv(String data, String at, boolean response)
      throws InvalidEventException {
    String name = response ? TensorJson.PREDICTIONS : TensorJson.INSTANCES;
    List<double[]> numberRows = new ArrayList<>();
    List<String[]> textRows = new ArrayList<>();
    int width = -1;
    long values = 0;
    boolean anyText = false;
    try (CSVParser parser = CSVParser.parse(new StringReader(data), CSVFormat.RFC4180)) {
      for (CSVRecord row : parser) {
        if (row.size() == 1 && row.get(0).isBlank()) {
          continue; // a blank line
        }
        if (width >= 0 && row.size() != width) {
          throw new InvalidEventException(
              DeadLetterReason.WRONG_SHAPE,
              at
                  + ".data: line "
                  + (numberRows.size() + 1)
                  + " has "
                  + row.size()
                  + " fields, the lines before "
                  + width);
        }
        width = row.size();
        values += width;
        if (values > MAX_CSV_VALUES) {
          throw new InvalidEventException(
              DeadLetterReason.WRONG_SHAPE,
              at + ".data: expected at most " + MAX_CSV_VALUES + " values");
        }
        double[] numbers = new double[width];
        String[] texts = new String[width];
        for (int i = 0; i < width; i++) {
          String v = row.get(i).strip();
          if (v.isEmpty()) {
            numbers[i] = Double.NaN;
          } else if (NUMBER.matcher(v).matches()) {
            numbers[i] = Double.parseDouble(v);
          } else {
            numbers[i] = Double.NaN;
            texts[i] = v;
            anyText = true;
          }
        }
        numberRows.add(numbers);
        textRows.add(texts);
      }
    } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
      throw new InvalidEventException(
          DeadLetterReason.WRONG_SHAPE, at + ".data: not CSV: " + e.getMessage());
    }
    int rows = numberRows.size();
    int columns = Math.max(width, 0);
    double[] numbers = new double[rows * columns];
    String[] texts = anyText ? new String[rows * columns] : null;
    for (int r = 0; r < rows; r++) {
      System.arraycopy(numberRows.get(r), 0, numbers, r * columns, columns);
      if (texts != null) {
        System.arraycopy(textRows.get(r), 0, texts, r * columns, columns);
      }
    }
    return new InferenceTensors(
        null,
        null,
        null,
        List.of(new Tensor(name, new long[] {rows, columns}, null, numbers, texts)));
  }

  private static InferenceTensors json(String data, String at, boolean response)
      throws InvalidEventException {
    JsonNode body = InputJson.read(data, at + ".data");
    String v1 = response ? TensorJson.PREDICTIONS : TensorJson.INSTANCES;
    if (body.isObject()) {
      if (body.has(v1)) {
        return TensorJson.readV1(body, response);
      }
      if (body.has(response ? "outputs" : "inputs")) {
        return TensorJson.readOip(body, response);
      }
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD,
          at
              + ".data: expected a body with "
              + v1
              + " or "
              + (response ? "outputs" : "inputs")
              + ", or an array of rows");
    }
    // a bare array of rows, or an output's bare value: read as a V1 body
    if (body.isArray() || (response && body.isValueNode())) {
      ObjectNode wrapped = InputJson.MAPPER.createObjectNode();
      if (body.isArray()) {
        wrapped.set(v1, body);
      } else {
        wrapped.putArray(v1).add(body);
      }
      return TensorJson.readV1(wrapped, response);
    }
    throw TensorJson.wrongType(at + ".data", "a JSON object or array", body);
  }
}
