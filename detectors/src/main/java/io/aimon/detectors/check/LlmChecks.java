package io.aimon.detectors.check;

import io.aimon.config.LlmPrice;
import io.aimon.config.MetricIds;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.CategoricalProfile;
import io.aimon.detectors.profile.LlmProfile;
import java.util.Map;

/**
 * The checks of a window's LLM calls (docs/metrics.md, "LLM calls"): {@code error_rate} judged by
 * the model's threshold, one {@code finish_reason_rate} per reason reported (attribute {@value
 * #ATTRIBUTE}, group the reason) judged by {@code llm.finish_reasons}, and with a price table the
 * window's {@code cost}. Rates rest on all calls and are {@code insufficient_data} below {@code
 * min_samples}; the cost rests on the calls that reported their token counts and is judged whatever
 * their number (a sum needs no sample floor).
 */
final class LlmChecks {
  /** The attribute of {@code finish_reason_rate} results; their group is the reason. */
  static final String ATTRIBUTE = "finish_reason";

  private LlmChecks() {}

  static void evaluate(ModelSpec spec, CheckEmitter model, LlmProfile llm) {
    model.feature(null, llm.calls(), null).value(MetricIds.ERROR_RATE, rate(llm.failed(), llm));
    for (Map.Entry<String, Long> r : llm.finishReasons().counts().entrySet()) {
      CheckEmitter reason =
          model.group(ATTRIBUTE, r.getKey(), llm.calls()).withCaps(llm.reasonCaps());
      double value = rate(r.getValue(), llm);
      if (r.getKey().equals(CategoricalProfile.OTHER)) {
        // pooled reasons beyond the bound are not one reason: reported, never judged
        reason.insufficient(MetricIds.FINISH_REASON_RATE, value, InsufficientReason.OVERFLOW_GROUP);
      } else {
        reason.value(
            MetricIds.FINISH_REASON_RATE, value, spec.llm().finishReasons().get(r.getKey()));
      }
    }
    LlmPrice price = spec.llm().price();
    if (price != null) {
      CheckEmitter cost = model.feature(null, llm.withUsage(), null).withMinSamples(1);
      if (llm.withUsage() == 0) {
        cost.insufficient(MetricIds.COST, null, InsufficientReason.NO_TOKEN_COUNTS);
      } else {
        cost.value(MetricIds.COST, price.cost(llm.promptTokens(), llm.completionTokens()));
      }
    }
  }

  private static double rate(long count, LlmProfile llm) {
    return llm.calls() == 0 ? Double.NaN : (double) count / llm.calls();
  }
}
