package io.aimon.jobs.monitor;

import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.DeadLetterReason;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts every dead letter of the job, from decoding, lateness and the label join, by reason
 * ({@code aimon.reason.<code>.dead_letters}); reasons are a fixed set of codes.
 */
final class CountDeadLetters extends RichMapFunction<DeadLetter, DeadLetter> {
  private static final long serialVersionUID = 1L;
  private transient MetricGroup aimon;
  private transient Map<String, Counter> counters;

  @Override
  public void open(OpenContext context) {
    aimon = getRuntimeContext().getMetricGroup().addGroup("aimon");
    counters = new HashMap<>();
    for (DeadLetterReason r : DeadLetterReason.values()) {
      counter(r.code());
    }
  }

  @Override
  public DeadLetter map(DeadLetter d) {
    counter(d.reason()).inc();
    return d;
  }

  private Counter counter(String reason) {
    return counters.computeIfAbsent(
        reason, r -> aimon.addGroup("reason", r).counter("dead_letters"));
  }
}
