package io.aimon.detectors.input;

import static io.aimon.detectors.input.FormatDecoderTest.OIP_MAPPING;
import static io.aimon.detectors.input.FormatDecoderTest.SPEC;
import static io.aimon.detectors.input.FormatDecoderTest.decoder;
import static io.aimon.detectors.input.FormatDecoderTest.fixture;
import static io.aimon.detectors.input.FormatDecoderTest.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.config.InputFormat;
import io.aimon.config.TensorColumns;
import io.aimon.config.TensorMapping;
import io.aimon.detectors.event.EventDecoder;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code aimon inspect} prints for the OIP fixtures: tensors, events, what went unmapped. */
class InspectionTest {
  private static final long T = Instant.parse("2024-02-01T10:00:00Z").toEpochMilli();
  private static final long NOW = Instant.parse("2024-02-02T00:00:00Z").toEpochMilli();

  private static List<String> inspect(TensorMapping mapping) throws IOException {
    EventDecoder events = new EventDecoder(Map.of("income", SPEC), 1 << 20);
    Inspection inspection =
        new Inspection(
            InputFormat.OIP, events, decoder(InputFormat.OIP, mapping), Map.of("income", SPEC));
    List<String> out = new ArrayList<>();
    out.addAll(inspection.record(record(fixture("oip-request.json"), Map.of(), T), NOW));
    out.addAll(inspection.record(record(fixture("oip-response.json"), Map.of(), T + 45), NOW));
    out.addAll(inspection.finish());
    return out;
  }

  @Test
  void eachRecordShowsItsTensorsAndEventsAndTheEndWhatWentUnmapped() throws IOException {
    List<String> out = inspect(OIP_MAPPING);
    assertEquals("record t/0:7", out.get(0));
    assertEquals("  request 42 at 2024-02-01T10:00:00Z", out.get(1));
    assertEquals("  input tensor input-0 FP32 [2, 3]", out.get(2));
    assertEquals("  input tensor flags BOOL [2, 2]: no model reads it", out.get(5));
    assertEquals("  waits for its response", out.get(6));
    assertEquals("  response 42 of model income at 2024-02-01T10:00:00.045Z", out.get(8));
    assertEquals("  pairs with the request at t/0:7", out.get(11));
    assertEquals(
        "  event {\"inference_id\":\"42/0\",\"model_id\":\"income\",\"model_version\":\"3\","
            + "\"timestamp\":\"2024-02-01T10:00:00Z\",\"latency_ms\":45.0,\"features\":{\"age\":39.0,"
            + "\"fnlwgt\":77516.0,\"education_num\":13.0,\"workclass\":\"State-gov\",\"sex\":\"Male\"},"
            + "\"groups\":{\"sex\":\"Male\"},\"prediction\":\"0\",\"score\":0.125}",
        out.get(12));
    assertTrue(out.contains("summary: 2 events, 0 dead letters"), out.toString());
    assertTrue(
        out.contains("unmapped tensors (no model reads them): flags (input)"), out.toString());
    assertTrue(out.stream().noneMatch(l -> l.contains("no event filled")), out.toString());
  }

  @Test
  void featuresNoRecordFilledAreNamed() throws IOException {
    // input-0's columns mapped to two names only: the third column, education_num, goes unread
    TensorMapping partial =
        new TensorMapping(
            List.of(new TensorColumns("input-0", List.of("age", "fnlwgt", "_"))),
            OIP_MAPPING.prediction(),
            OIP_MAPPING.score());
    List<String> out = inspect(partial);
    assertTrue(
        out.contains(
            "model income: no event filled education_num (map them in models[].tensors, or check"
                + " the records)"),
        out.toString());
  }
}
