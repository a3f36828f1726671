package io.aimon.detectors.check;

import static io.aimon.detectors.check.CheckFixtures.WINDOW_END;
import static io.aimon.detectors.check.CheckFixtures.WINDOW_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.config.CheckThreshold;
import io.aimon.config.DefaultThresholds;
import io.aimon.config.LlmConfig;
import io.aimon.config.LlmPrice;
import io.aimon.config.MetricIds;
import io.aimon.config.ValueThreshold;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.LlmCall;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.CategoricalProfile;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.detectors.profile.WindowAccumulator;
import io.aimon.detectors.profile.WindowAccumulatorCodec;
import io.aimon.detectors.profile.WindowProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A window of LLM calls reports error_rate, finish_reason_rate per reason and cost, counted
 * exactly: the expected values are the calls' own counts, summed here independently.
 */
class LlmChecksTest {
  private static final LlmPrice PRICE = new LlmPrice("USD", 0.15, 0.60);

  private static ModelSpec spec() {
    Map<String, CheckThreshold> thresholds = new HashMap<>(DefaultThresholds.all());
    thresholds.put(MetricIds.COST, new ValueThreshold(0.05, 1.0));
    return new ModelSpec(
            "gpt",
            null,
            86_400_000L,
            100,
            List.of("prompt_tokens"),
            List.of(),
            false,
            false,
            "1",
            List.of(),
            10_000,
            thresholds)
        .withLlm(new LlmConfig(Map.of("length", new ValueThreshold(0.05, 0.10)), PRICE));
  }

  private static InferenceEvent call(int i, LlmCall llm) {
    return new InferenceEvent(
        "span-" + i,
        "gpt",
        null,
        WINDOW_START + i,
        new double[] {llm.promptTokens()},
        new String[0],
        llm.finishReason() == null ? "error" : llm.finishReason(),
        Double.NaN,
        null,
        new String[0],
        Double.NaN,
        new int[0],
        "spans.jsonl",
        i,
        llm);
  }

  /** 1,000 calls: 3% fail (no reason, no usage), 8% stop at the length limit, the rest stop. */
  private static List<LlmCall> calls(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<LlmCall> out = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      double u = r.nextDouble();
      out.add(
          u < 0.03
              ? new LlmCall(r.nextInt(50, 400), LlmCall.UNKNOWN, null, true)
              : new LlmCall(
                  r.nextInt(50, 400), r.nextInt(1, 200), u < 0.11 ? "length" : "stop", false));
    }
    return out;
  }

  private static ReferenceProfile reference(ModelSpec spec) {
    List<InferenceEvent> events = new ArrayList<>();
    List<LlmCall> c = calls(1);
    for (int i = 0; i < c.size(); i++) {
      events.add(call(i, c.get(i)));
    }
    return CheckFixtures.reference(spec, events);
  }

  private static Map<String, CheckResult> llmResults(ModelSpec spec, WindowProfile w) {
    Map<String, CheckResult> out = new HashMap<>();
    for (CheckResult r : DriftChecks.evaluate(spec, reference(spec), w)) {
      if (MetricIds.LLM.contains(r.metric())) {
        out.put(r.metric() + (r.group() == null ? "" : "/" + r.group()), r);
      }
    }
    return out;
  }

  @Test
  void ratesAndCostAreTheCallsOwnCounts() {
    ModelSpec spec = spec();
    List<LlmCall> calls = calls(2);
    long failed = 0;
    long length = 0;
    long stop = 0;
    long withUsage = 0;
    long prompt = 0;
    long completion = 0;
    WindowAccumulator a = WindowAccumulator.create(spec, reference(spec));
    for (int i = 0; i < calls.size(); i++) {
      LlmCall c = calls.get(i);
      a.add(call(i, c));
      failed += c.failed() ? 1 : 0;
      length += "length".equals(c.finishReason()) ? 1 : 0;
      stop += "stop".equals(c.finishReason()) ? 1 : 0;
      if (c.hasUsage()) {
        withUsage++;
        prompt += c.promptTokens();
        completion += c.completionTokens();
      }
    }
    assertTrue(failed > 10 && length > 50, failed + " failed, " + length + " length");
    Map<String, CheckResult> r = llmResults(spec, a.toProfile(spec, WINDOW_START, WINDOW_END));
    assertEquals(4, r.size(), r.keySet().toString());

    CheckResult errors = r.get(MetricIds.ERROR_RATE);
    assertEquals(failed / 1000.0, errors.value(), 0.0);
    assertEquals(1000, errors.n());
    assertEquals(CheckStatus.OK, errors.status(), "below the default warning 0.05");
    assertEquals(0.05, errors.threshold());

    CheckResult truncated = r.get(MetricIds.FINISH_REASON_RATE + "/length");
    assertEquals(length / 1000.0, truncated.value(), 0.0);
    assertEquals(LlmChecks.ATTRIBUTE, truncated.attribute());
    assertEquals(CheckStatus.WARNING, truncated.status(), length + " of 1000 >= 0.05");
    CheckResult stopped = r.get(MetricIds.FINISH_REASON_RATE + "/stop");
    assertEquals(stop / 1000.0, stopped.value(), 0.0);
    assertEquals(CheckStatus.OK, stopped.status());
    assertNull(stopped.threshold(), "no threshold for stop: reported unjudged");

    CheckResult cost = r.get(MetricIds.COST);
    assertEquals((prompt * 0.15 + completion * 0.60) / 1e6, cost.value(), 1e-15);
    assertEquals(withUsage, cost.n(), "the calls that reported their usage");
    assertEquals(CheckStatus.WARNING, cost.status(), cost.value() + " >= 0.05");
  }

  @Test
  void mergedAndCheckpointedWindowsGiveTheSameResults() {
    ModelSpec spec = spec();
    ReferenceProfile ref = reference(spec);
    List<LlmCall> calls = calls(3);
    WindowAccumulator whole = WindowAccumulator.create(spec, ref);
    WindowAccumulator first = WindowAccumulator.create(spec, ref);
    WindowAccumulator second = WindowAccumulator.create(spec, ref);
    for (int i = 0; i < calls.size(); i++) {
      whole.add(call(i, calls.get(i)));
      (i % 3 == 0 ? first : second).add(call(i, calls.get(i)));
    }
    WindowAccumulator restored =
        WindowAccumulatorCodec.decode(WindowAccumulatorCodec.encode(first));
    restored.merge(second);
    assertEquals(
        whole.toProfile(spec, WINDOW_START, WINDOW_END).llm(),
        restored.toProfile(spec, WINDOW_START, WINDOW_END).llm());
  }

  @Test
  void withoutTokenCountsThereIsNoCostAndNoLlmCallsNoLlmMetrics() {
    ModelSpec spec = spec();
    WindowAccumulator a = WindowAccumulator.create(spec, reference(spec));
    for (int i = 0; i < 200; i++) {
      a.add(call(i, new LlmCall(LlmCall.UNKNOWN, LlmCall.UNKNOWN, "stop", false)));
    }
    CheckResult cost = llmResults(spec, a.toProfile(spec, WINDOW_START, WINDOW_END)).get("cost");
    assertNull(cost.value());
    assertEquals(CheckStatus.INSUFFICIENT_DATA, cost.status());
    assertEquals(InsufficientReason.NO_TOKEN_COUNTS.code(), cost.reason());

    WindowAccumulator plain = WindowAccumulator.create(spec, reference(spec));
    plain.add(
        new InferenceEvent(
            "x",
            "gpt",
            null,
            WINDOW_START,
            new double[] {1},
            new String[0],
            "1",
            Double.NaN,
            null,
            new String[0],
            Double.NaN,
            new int[0],
            "f",
            1));
    WindowProfile w = plain.toProfile(spec, WINDOW_START, WINDOW_END);
    assertNull(w.llm());
    assertEquals(Map.of(), llmResults(spec, w), "an event that is no LLM call");
  }

  @Test
  void reasonsBeyondTheBoundArePooledCountedAndNeverJudged() {
    ModelSpec spec = spec();
    WindowAccumulator a = WindowAccumulator.create(spec, reference(spec));
    int n = CategoricalProfile.MAX_CATEGORIES + 250;
    for (int i = 0; i < n; i++) {
      a.add(call(i, new LlmCall(10, 10, "reason-" + i, false)));
    }
    WindowProfile w = a.toProfile(spec, WINDOW_START, WINDOW_END);
    Map<String, CheckResult> r = llmResults(spec, w);
    CheckResult other = r.get(MetricIds.FINISH_REASON_RATE + "/" + CategoricalProfile.OTHER);
    assertEquals(250.0 / n, other.value(), 1e-15);
    assertEquals(CheckStatus.INSUFFICIENT_DATA, other.status());
    assertEquals(InsufficientReason.OVERFLOW_GROUP.code(), other.reason());
    assertEquals(250L, other.capped());
    assertEquals(250L, w.capTotals().get(WindowProfile.CAPPED_FINISH_REASONS).capped());
    assertEquals(
        CategoricalProfile.MAX_CATEGORIES + 1 + 2, r.size(), "the kept reasons, __OTHER__, rest");
  }
}
