package io.aimon.detectors.input;

import static io.aimon.detectors.input.FormatDecoderTest.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.config.InputConfig;
import io.aimon.config.InputFormat;
import io.aimon.config.ModelConfig;
import io.aimon.config.ReferenceSource;
import io.aimon.config.TensorMapping;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.EventDecoder;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.LlmCall;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.model.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry LLM spans (src/test/resources/input/otlp-spans.jsonl): OpenInference and GenAI
 * attributes decoded field by field, other spans skipped, and no prompt or response text in any
 * dead letter.
 */
class OtlpSpansTest {
  private static final ModelSpec SPEC =
      ModelSpec.from(
          ModelConfig.builder("gpt-4o-mini")
              .reference(ReferenceSource.ofProfile(Path.of("ref.profile.json").toAbsolutePath()))
              .numericFeatures(
                  List.of(
                      "prompt_tokens",
                      "completion_tokens",
                      "total_tokens",
                      "prompt_chars",
                      "response_chars",
                      "latency_ms"))
              .categoricalFeatures(
                  List.of("finish_reason", "provider", "error", "operation", "user.tier"))
              .build(),
          10_000);
  private static final long T0 = Instant.parse("2024-02-01T10:00:00Z").toEpochMilli();
  private static final long NOW = Instant.parse("2024-02-02T00:00:00Z").toEpochMilli();

  private static List<Decoded<InferenceEvent>> decode(String line, boolean keepText) {
    InputConfig input = InputConfig.defaults().withFormat(InputFormat.OTLP);
    input =
        new InputConfig(
            input.format(),
            input.pairTimeout(),
            input.seldon(),
            input.labelFormat(),
            null,
            null,
            new io.aimon.config.OtlpInput(keepText, false));
    FormatDecoder d =
        new FormatDecoder(
            input,
            new EventDecoder(Map.of("gpt-4o-mini", SPEC), 1 << 20),
            Map.of("gpt-4o-mini", SPEC),
            Map.of("gpt-4o-mini", TensorMapping.defaults()));
    List<Decoded<InferenceEvent>> out = new ArrayList<>();
    d.record(new RawRecord("spans.jsonl", 1, line, line.length()), NOW, out);
    return out;
  }

  @Test
  void llmSpansAreEventsAndOtherSpansAreNot() throws IOException {
    List<Decoded<InferenceEvent>> out = decode(fixture("otlp-spans.jsonl").split("\n")[0], false);
    assertEquals(2, out.size(), "the CHAIN span is no inference: " + out);
    InferenceEvent oi = out.get(0).event();
    assertEquals("eee19b7ec3c1b174", oi.inferenceId(), "the span id");
    assertEquals("gpt-4o-mini", oi.modelId(), "llm.model_name");
    assertEquals(T0 + 100, oi.timestamp());
    assertEquals(1200.0, oi.latencyMs());
    // prompt, completion and total tokens (intValue as a string and as a number), the lengths
    // of input.value and output.value, the latency
    assertArrayEquals(new double[] {120, 35, 155, 23, 23, 1200}, oi.numeric());
    assertArrayEquals(
        new String[] {InferenceEvent.MISSING, "openai", "false", "LLM", "gold"},
        oi.categorical(),
        "no finish reason; llm.provider; status OK; the span kind; user.tier by its name");
    assertEquals("unknown", oi.prediction());
    assertEquals(new LlmCall(120, 35, null, false), oi.llm(), "what error and cost rates count");

    InferenceEvent genAi = out.get(1).event();
    assertEquals("b7ad6b7169203331", genAi.inferenceId());
    assertEquals("gpt-4o-mini-2024-07-18", genAi.modelVersion(), "gen_ai.response.model");
    double[] n = genAi.numeric();
    assertArrayEquals(new double[] {80, 20, 100}, new double[] {n[0], n[1], n[2]});
    assertTrue(Double.isNaN(n[3]) && Double.isNaN(n[4]), "no text attributes: no lengths");
    assertEquals(800.0, n[5]);
    assertArrayEquals(
        new String[] {"stop", "openai", "false", "chat", InferenceEvent.MISSING},
        genAi.categorical());
    assertEquals("stop", genAi.prediction(), "the finish reason");
    assertEquals(new LlmCall(80, 20, "stop", false), genAi.llm());
  }

  @Test
  void aFailedCallIsAnErrorAndASpanWithoutModelADeadLetterWithoutText() throws IOException {
    String line = fixture("otlp-spans.jsonl").split("\n")[1];
    List<Decoded<InferenceEvent>> out = decode(line, false);
    assertEquals(2, out.size());
    InferenceEvent failed = out.get(0).event();
    assertEquals("error", failed.prediction());
    assertTrue(failed.llm().failed());
    assertEquals("true", failed.categorical()[2]);
    assertEquals("openai", failed.categorical()[1], "gen_ai.system");
    DeadLetter noModel = out.get(1).deadLetter();
    assertEquals("missing_field", noModel.reason());
    assertEquals(
        "span 53995c3f42cd8ad8: attributes: no model attribute (gen_ai.request.model,"
            + " llm.model_name or gen_ai.response.model)",
        noModel.detail());
    assertEquals("", noModel.payload(), "the record's text is withheld");
    assertEquals(line.length(), noModel.payloadBytes());
    assertFalse(noModel.toString().contains("Secret prompt"), noModel.toString());
    assertTrue(
        decode(line, true).get(1).deadLetter().payload().contains("Secret prompt"),
        "input.otlp.keep_text keeps it");

    DeadLetter broken = decode(line.substring(0, 60), false).get(0).deadLetter();
    assertEquals("malformed_json", broken.reason());
    assertEquals("", broken.payload());
    DeadLetter fraction =
        decode(
                fixture("otlp-spans.jsonl")
                    .split("\n")[0]
                    .replace("\"intValue\":35", "\"doubleValue\":3.5"),
                false)
            .get(0)
            .deadLetter();
    assertEquals("wrong_type", fraction.reason(), "a token count is an integer");
    DeadLetter huge =
        decode(
                fixture("otlp-spans.jsonl")
                    .split("\n")[0]
                    .replace("\"intValue\":35", "\"intValue\":2147483648"),
                false)
            .get(0)
            .deadLetter();
    assertEquals("wrong_type", huge.reason(), "at most 2^31 - 1 tokens: no sum wraps around");
    DeadLetter unknown =
        decode(line.replace("\"gpt-4o-mini\"", "\"claude-3\""), false).get(0).deadLetter();
    assertEquals("unknown_model", unknown.reason());
  }

  @Test
  void otlpProtobufReadsAsTheJsonDoes() {
    // an ExportTraceServiceRequest written out by hand from OTLP's field numbers: resource_spans
    // (1) > scope_spans (2) > spans (2) { span_id (2), start (7) and end (8) as fixed64 nanos,
    // attributes (9) {key (1), value (2) {string_value (1) | int_value (3)}}, status (15) {code
    // (3) = 2, error} }
    byte[] wire =
        java.util.HexFormat.of()
            .parseHex(
                "0a6c126a1268120800f067aa0ba902b73900402c81d2b4af174100c40399d2b4af174a250a1467"
                    + "656e5f61692e726571756573742e6d6f64656c120d0a0b6770742d346f2d6d696e694a1f0a"
                    + "1967656e5f61692e75736167652e696e7075745f746f6b656e73120218507a021802");
    InputConfig input =
        new InputConfig(
            InputFormat.OTLP,
            java.time.Duration.ofMinutes(5),
            InputConfig.defaults().seldon(),
            io.aimon.config.LabelFormat.NATIVE,
            null,
            null,
            io.aimon.config.OtlpInput.defaults());
    FormatDecoder d =
        new FormatDecoder(
            input,
            new EventDecoder(Map.of("gpt-4o-mini", SPEC), 1 << 20),
            Map.of("gpt-4o-mini", SPEC),
            Map.of("gpt-4o-mini", TensorMapping.defaults()));
    List<Decoded<InferenceEvent>> out = new ArrayList<>();
    d.record(new RawRecord("spans/0", 3, "", wire.length, Map.of(), T0, null, wire), NOW, out);
    assertEquals(1, out.size(), out.toString());
    InferenceEvent e = out.get(0).event();
    assertEquals("00f067aa0ba902b7", e.inferenceId(), "the span id in hex");
    assertEquals(T0, e.timestamp());
    assertEquals(400.0, e.latencyMs());
    assertEquals(64.0 + 16, e.numeric()[0], "gen_ai.usage.input_tokens");
    assertEquals("true", e.categorical()[2], "status code 2: error");
    assertEquals("error", e.prediction());

    List<Decoded<InferenceEvent>> cut = new ArrayList<>();
    byte[] truncated = java.util.Arrays.copyOf(wire, wire.length - 4);
    d.record(
        new RawRecord("spans/0", 4, "", truncated.length, Map.of(), T0, null, truncated), NOW, cut);
    assertEquals("malformed_protobuf", cut.get(0).deadLetter().reason());
    assertEquals("", cut.get(0).deadLetter().payload(), "no bytes of the record either");
  }
}
