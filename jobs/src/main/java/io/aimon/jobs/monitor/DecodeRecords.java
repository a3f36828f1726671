package io.aimon.jobs.monitor;

import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.EventDecoder;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.LabelEvent;
import io.aimon.detectors.event.RawRecord;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes raw records with {@link EventDecoder}: good events go on, bad ones to the dead-letter
 * side output ({@link CountDeadLetters} counts them). Decoded events are counted per configured
 * model as {@code aimon.model.<id>.events} (inference) or {@code .labels}; an unknown model's
 * events are dead-lettered, so the model label stays bounded.
 */
final class DecodeRecords<T> extends ProcessFunction<RawRecord, T> {
  private static final long serialVersionUID = 1L;

  /** Which contract-1 event the records hold. */
  enum Kind {
    INFERENCE("events"),
    LABEL("labels");

    final String metricName;

    Kind(String metricName) {
      this.metricName = metricName;
    }
  }

  private final MonitorPlan plan;
  private final Kind kind;
  private final OutputTag<DeadLetter> deadLetters;
  private transient EventDecoder decoder;
  private transient Map<String, Counter> decoded;

  DecodeRecords(MonitorPlan plan, Kind kind, OutputTag<DeadLetter> deadLetters) {
    this.plan = plan;
    this.kind = kind;
    this.deadLetters = deadLetters;
  }

  @Override
  public void open(OpenContext context) {
    decoder = plan.decoder();
    decoded = new HashMap<>();
    MetricGroup aimon = getRuntimeContext().getMetricGroup().addGroup("aimon");
    for (String model : plan.specs().keySet()) {
      decoded.put(model, aimon.addGroup("model", model).counter(kind.metricName));
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void processElement(RawRecord raw, Context ctx, Collector<T> out) {
    Decoded<?> d = kind == Kind.INFERENCE ? decoder.decodeInference(raw) : decoder.decodeLabel(raw);
    if (d.isOk()) {
      T event = (T) d.event();
      Counter c =
          decoded.get(
              event instanceof InferenceEvent e ? e.modelId() : ((LabelEvent) event).modelId());
      if (c != null) {
        c.inc();
      }
      out.collect(event);
    } else {
      ctx.output(deadLetters, d.deadLetter());
    }
  }
}
