package io.aimon.jobs.monitor;

import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.EventDecoder;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.RawRecord;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes raw records with {@link EventDecoder}: good events go on, bad ones to the dead-letter
 * side output, counted per reason in the metric group {@code aimon.dead_letters.<reason>}.
 */
final class DecodeInference extends ProcessFunction<RawRecord, InferenceEvent> {
  private static final long serialVersionUID = 1L;
  private final MonitorPlan plan;
  private final OutputTag<DeadLetter> deadLetters;
  private transient EventDecoder decoder;
  private transient Map<DeadLetterReason, Counter> counters;
  private transient Counter decoded;

  DecodeInference(MonitorPlan plan, OutputTag<DeadLetter> deadLetters) {
    this.plan = plan;
    this.deadLetters = deadLetters;
  }

  @Override
  public void open(OpenContext context) {
    decoder = plan.decoder();
    MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("aimon");
    decoded = group.counter("events_decoded");
    counters = new EnumMap<>(DeadLetterReason.class);
    MetricGroup dl = group.addGroup("dead_letters");
    for (DeadLetterReason r : DeadLetterReason.values()) {
      counters.put(r, dl.counter(r.code()));
    }
  }

  @Override
  public void processElement(RawRecord raw, Context ctx, Collector<InferenceEvent> out) {
    Decoded<InferenceEvent> d = decoder.decodeInference(raw);
    if (d.isOk()) {
      decoded.inc();
      out.collect(d.event());
    } else {
      counters.get(reasonOf(d.deadLetter())).inc();
      ctx.output(deadLetters, d.deadLetter());
    }
  }

  private static DeadLetterReason reasonOf(DeadLetter d) {
    for (DeadLetterReason r : DeadLetterReason.values()) {
      if (r.code().equals(d.reason())) {
        return r;
      }
    }
    throw new IllegalStateException("unknown reason " + d.reason());
  }
}
