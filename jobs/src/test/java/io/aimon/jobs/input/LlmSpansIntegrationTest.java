package io.aimon.jobs.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.jobs.AdultFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LLM calls logged as OpenTelemetry spans (OTLP/JSON, GenAI and OpenInference attributes) give
 * exactly the check results of the same calls as native events: the drift and data-quality checks
 * apply to tokens, lengths, latency, finish reason, provider and error. Two days of synthetic
 * calls, the second with longer prompts and more truncated answers. The spans also give the LLM
 * metrics (error_rate, finish_reason_rate, cost), equal to the calls' own counts.
 */
class LlmSpansIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long DAY = 86_400_000L;
  private static final long START = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
  private static final String[] PROVIDERS = {"openai", "azure.ai.openai"};

  /** One call: its id, time, tokens, text lengths, latency, finish reason, provider, error. */
  private record Call(
      String spanId,
      long time,
      int prompt,
      int completion,
      int promptChars,
      int responseChars,
      int latencyMs,
      String finish,
      String provider,
      boolean error,
      boolean openInference) {}

  private static List<Call> calls(int n, long dayStart, SplittableRandom r, boolean shifted) {
    List<Call> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int prompt = (int) Math.max(1, 200 + r.nextGaussian() * 40 + (shifted ? 120 : 0));
      boolean error = r.nextDouble() < 0.02;
      String finish = error ? null : r.nextDouble() < (shifted ? 0.25 : 0.05) ? "length" : "stop";
      out.add(
          new Call(
              String.format("%016x", r.nextLong()),
              dayStart + (long) i * (DAY / n),
              prompt,
              error ? 0 : (int) Math.max(1, 60 + r.nextGaussian() * 15),
              prompt * 4,
              error ? 0 : 240 + r.nextInt(80),
              300 + r.nextInt(900),
              finish,
              PROVIDERS[r.nextInt(PROVIDERS.length)],
              error,
              i % 2 == 0));
    }
    return out;
  }

  private static String nativeEvent(Call c) {
    ObjectNode e = JSON.createObjectNode();
    e.put("inference_id", c.spanId());
    e.put("model_id", "gpt-4o-mini");
    e.put("timestamp", Instant.ofEpochMilli(c.time()).toString());
    ObjectNode f = e.putObject("features");
    f.put("prompt_tokens", c.prompt());
    if (!c.error()) {
      f.put("completion_tokens", c.completion());
      f.put("response_chars", c.responseChars());
    }
    f.put("prompt_chars", c.promptChars());
    f.put("latency_ms", c.latencyMs());
    if (c.finish() != null) {
      f.put("finish_reason", c.finish());
    }
    f.put("provider", c.provider());
    f.put("error", Boolean.toString(c.error()));
    e.put("prediction", c.finish() != null ? c.finish() : "error");
    e.put("latency_ms", c.latencyMs());
    return e.toString();
  }

  /** The call as one OTLP/JSON export, with the attributes of its semantic conventions. */
  private static String span(Call c) {
    ObjectNode export = JSON.createObjectNode();
    ObjectNode rs = export.putArray("resourceSpans").addObject();
    attribute(rs.putObject("resource").putArray("attributes"), "service.name", "support-bot");
    ObjectNode span = rs.putArray("scopeSpans").addObject().putArray("spans").addObject();
    span.put("traceId", c.spanId() + c.spanId());
    span.put("spanId", c.spanId());
    span.put("name", "chat gpt-4o-mini");
    span.put("kind", 3);
    long nanos = c.time() * 1_000_000L;
    span.put("startTimeUnixNano", Long.toString(nanos));
    span.put("endTimeUnixNano", Long.toString(nanos + c.latencyMs() * 1_000_000L));
    ArrayNode a = span.putArray("attributes");
    String prompt = "p".repeat(c.promptChars());
    String response = "r".repeat(c.responseChars());
    if (c.openInference()) {
      attribute(a, "openinference.span.kind", "LLM");
      attribute(a, "llm.model_name", "gpt-4o-mini");
      attribute(a, "llm.provider", c.provider());
      intAttribute(a, "llm.token_count.prompt", c.prompt());
      if (!c.error()) {
        intAttribute(a, "llm.token_count.completion", c.completion());
        attribute(a, "output.value", response);
      }
      attribute(a, "input.value", prompt);
    } else {
      attribute(a, "gen_ai.operation.name", "chat");
      attribute(a, "gen_ai.request.model", "gpt-4o-mini");
      attribute(a, "gen_ai.provider.name", c.provider());
      intAttribute(a, "gen_ai.usage.input_tokens", c.prompt());
      if (!c.error()) {
        intAttribute(a, "gen_ai.usage.output_tokens", c.completion());
        attribute(a, "gen_ai.completion", response);
      }
      attribute(a, "gen_ai.prompt", prompt);
    }
    if (c.finish() != null) {
      ObjectNode reasons = a.addObject();
      reasons.put("key", "gen_ai.response.finish_reasons");
      reasons
          .putObject("value")
          .putObject("arrayValue")
          .putArray("values")
          .addObject()
          .put("stringValue", c.finish());
    }
    if (c.error()) {
      span.putObject("status").put("code", 2).put("message", "rate limited");
    }
    return export.toString();
  }

  private static void attribute(ArrayNode a, String key, String value) {
    ObjectNode kv = a.addObject();
    kv.put("key", key);
    kv.putObject("value").put("stringValue", value);
  }

  private static void intAttribute(ArrayNode a, String key, long value) {
    ObjectNode kv = a.addObject();
    kv.put("key", key);
    kv.putObject("value").put("intValue", Long.toString(value));
  }

  private static Path config(Path dir, Path reference, String top) throws Exception {
    return config(dir, reference, top, "");
  }

  private static Path config(Path dir, Path reference, String top, String llm) throws Exception {
    Path file = dir.resolve("aimon.yaml");
    Files.writeString(
        file,
        top
            + """
            job:
              parallelism: 1
            models:
              - id: gpt-4o-mini
                window: 1d
                min_samples: 100
                reference:
                  events: %s
                features:
                  numeric: [prompt_tokens, completion_tokens, prompt_chars, response_chars, latency_ms]
                  categorical: [finish_reason, provider, error]
            """
                .formatted(reference.toString().replace("\\", "/"))
            + llm);
    return file;
  }

  /** Thresholds of the truncation rate, a price table and a cost threshold. */
  private static final String LLM_SECTION =
      """
          checks:
            cost: {warning: 0.12, critical: 1.0}
          llm:
            finish_reasons:
              length: {warning: 0.10, critical: 0.20}
            price:
              prompt_per_million_tokens: 0.15
              completion_per_million_tokens: 0.60
      """;

  private static final List<String> LLM_METRICS =
      List.of("error_rate", "finish_reason_rate", "cost");

  /**
   * Per day, the LLM metrics are the calls' own counts: failed calls, calls per finish reason, and
   * the price of the tokens of the calls that reported both counts (here: those that did not fail).
   */
  private static void assertLlmMetrics(List<Call> production, List<JsonNode> results) {
    Map<String, JsonNode> byKey = new TreeMap<>();
    for (JsonNode r : results) {
      byKey.put(
          r.path("window_start").asText().substring(0, 10)
              + " "
              + r.path("metric").asText()
              + " "
              + r.path("group").asText(""),
          r);
    }
    Map<String, Object> expected = new TreeMap<>();
    Map<String, String> status = new TreeMap<>();
    for (int day = 0; day < 2; day++) {
      List<Call> calls = production.subList(day * 1500, (day + 1) * 1500);
      String d = Instant.ofEpochMilli(START + day * DAY).toString().substring(0, 10);
      long failed = calls.stream().filter(Call::error).count();
      long length = calls.stream().filter(c -> "length".equals(c.finish())).count();
      long stop = calls.stream().filter(c -> "stop".equals(c.finish())).count();
      long prompt = calls.stream().filter(c -> !c.error()).mapToLong(Call::prompt).sum();
      long completion = calls.stream().filter(c -> !c.error()).mapToLong(Call::completion).sum();
      double cost = (prompt * 0.15 + completion * 0.60) / 1e6;
      expected.put(d + " error_rate ", failed / 1500.0);
      expected.put(d + " finish_reason_rate length", length / 1500.0);
      expected.put(d + " finish_reason_rate stop", stop / 1500.0);
      expected.put(d + " cost ", cost);
      double lengthRate = length / 1500.0;
      status.put(d + " error_rate ", "ok");
      status.put(
          d + " finish_reason_rate length",
          lengthRate >= 0.20 ? "critical" : lengthRate >= 0.10 ? "warning" : "ok");
      status.put(d + " cost ", cost >= 1.0 ? "critical" : cost >= 0.12 ? "warning" : "ok");
    }
    assertEquals(expected.keySet(), byKey.keySet(), "one result per day and metric (and reason)");
    expected.forEach(
        (k, v) -> assertEquals((double) v, byKey.get(k).path("value").asDouble(), 1e-12, k));
    status.forEach((k, v) -> assertEquals(v, byKey.get(k).path("status").asText(), k));
    assertEquals("ok", status.get("2024-03-01 finish_reason_rate length"), "the first day");
    assertEquals("critical", status.get("2024-03-02 finish_reason_rate length"), "25% truncated");
    assertEquals(
        "finish_reason",
        byKey.get("2024-03-02 finish_reason_rate length").path("attribute").asText());
  }

  @Test
  void spansGiveTheResultsOfTheSameCallsAsNativeEvents(@TempDir Path dir) throws Exception {
    SplittableRandom r = new SplittableRandom(16);
    Path reference = dir.resolve("reference.jsonl");
    Files.write(
        reference,
        calls(2000, START - 7 * DAY, r, false).stream().map(c -> nativeEvent(c)).toList());
    List<Call> production = new ArrayList<>(calls(1500, START, r, false));
    production.addAll(calls(1500, START + DAY, r, true));

    Path nativeDir = Files.createDirectories(dir.resolve("native"));
    Path nativeInput = nativeDir.resolve("events.jsonl");
    Files.write(nativeInput, production.stream().map(c -> nativeEvent(c)).toList());
    List<String> expected =
        Files.readAllLines(
            AdultFixtures.replay(
                    config(nativeDir, reference, ""), nativeInput, nativeDir.resolve("out"))
                .resolve("metrics.jsonl"));
    assertTrue(expected.size() > 20, "native results: " + expected.size());
    assertTrue(
        expected.stream().anyMatch(l -> l.contains("\"status\":\"critical\"")),
        "the second day drifts");

    Path spanDir = Files.createDirectories(dir.resolve("spans"));
    Path spanInput = spanDir.resolve("spans.jsonl");
    List<String> lines = new ArrayList<>(production.stream().map(c -> span(c)).toList());
    // a call whose span names no model, and one that is no LLM call at all
    lines.add(
        span(production.get(0))
            .replace(
                "\"llm.model_name\",\"value\":{\"stringValue\":\"gpt-4o-mini\"}",
                "\"x\",\"value\":{}"));
    lines.add(
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"aa\",\"name\":\"http\","
            + "\"startTimeUnixNano\":\"1\",\"attributes\":[]}]}]}]}");
    Files.write(spanInput, lines);
    Path out =
        AdultFixtures.replay(
            config(spanDir, reference, "input:\n  format: otlp\n", LLM_SECTION),
            spanInput,
            spanDir.resolve("out"));
    List<String> actual = new ArrayList<>();
    List<JsonNode> llmResults = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
      JsonNode result = JSON.readTree(line);
      if (LLM_METRICS.contains(result.path("metric").asText())) {
        llmResults.add(result);
      } else {
        actual.add(line);
      }
    }
    assertLlmMetrics(production, llmResults);
    List<String> missing = new ArrayList<>(expected);
    missing.removeAll(actual);
    List<String> extra = new ArrayList<>(actual);
    extra.removeAll(expected);
    assertEquals(List.of(), missing, "results the spans did not give; extra: " + extra);
    assertEquals(List.of(), extra);
    Map<String, Integer> reasons = new TreeMap<>();
    for (JsonNode d : AdultFixtures.readJsonLines(out.resolve("dead-letter.jsonl"))) {
      reasons.merge(d.path("reason").asText(), 1, Integer::sum);
      assertEquals("", d.path("payload").asText(), "no prompt text in a dead letter");
    }
    assertEquals(Map.of("missing_field", 1), reasons, "the span without a model");
  }
}
