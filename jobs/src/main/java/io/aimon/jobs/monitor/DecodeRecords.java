package io.aimon.jobs.monitor;

import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.EventDecoder;
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
 * side output, counted in the metric group {@code aimon.<kind>} as {@code decoded} and {@code
 * dead_letters.<reason>}.
 */
final class DecodeRecords<T> extends ProcessFunction<RawRecord, T> {
  private static final long serialVersionUID = 1L;

  /** Which contract-1 event the records hold. */
  enum Kind {
    INFERENCE("inference"),
    LABEL("labels");

    final String metricGroup;

    Kind(String metricGroup) {
      this.metricGroup = metricGroup;
    }
  }

  private final MonitorPlan plan;
  private final Kind kind;
  private final OutputTag<DeadLetter> deadLetters;
  private transient EventDecoder decoder;
  private transient Map<DeadLetterReason, Counter> counters;
  private transient Counter decoded;

  DecodeRecords(MonitorPlan plan, Kind kind, OutputTag<DeadLetter> deadLetters) {
    this.plan = plan;
    this.kind = kind;
    this.deadLetters = deadLetters;
  }

  @Override
  public void open(OpenContext context) {
    decoder = plan.decoder();
    MetricGroup group =
        getRuntimeContext().getMetricGroup().addGroup("aimon").addGroup(kind.metricGroup);
    decoded = group.counter("decoded");
    counters = new EnumMap<>(DeadLetterReason.class);
    MetricGroup dl = group.addGroup("dead_letters");
    for (DeadLetterReason r : DeadLetterReason.values()) {
      counters.put(r, dl.counter(r.code()));
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void processElement(RawRecord raw, Context ctx, Collector<T> out) {
    Decoded<?> d = kind == Kind.INFERENCE ? decoder.decodeInference(raw) : decoder.decodeLabel(raw);
    if (d.isOk()) {
      decoded.inc();
      out.collect((T) d.event());
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
