package io.aimon.jobs.alert;

import io.aimon.alerting.incident.CloudEvents;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.detectors.event.RawRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Reads incident CloudEvents; a record that is not one goes to the dead-letter output with reason
 * {@code malformed_incident}, so a bad record never stops delivery of the others.
 */
final class DecodeIncidents extends ProcessFunction<RawRecord, IncidentEvent> {
  private static final long serialVersionUID = 1L;
  private final OutputTag<KeyedJson> deadLetters;
  private transient Counter malformed;

  DecodeIncidents(OutputTag<KeyedJson> deadLetters) {
    this.deadLetters = deadLetters;
  }

  @Override
  public void open(OpenContext context) {
    malformed =
        getRuntimeContext()
            .getMetricGroup()
            .addGroup("aimon")
            .addGroup("reason", AlertJson.MALFORMED_INCIDENT)
            .counter("alert_dead_letters");
  }

  @Override
  public void processElement(RawRecord raw, Context ctx, Collector<IncidentEvent> out) {
    IncidentEvent e;
    try {
      e = CloudEvents.fromJson(raw.payload());
    } catch (RuntimeException ex) {
      malformed.inc();
      String detail = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
      ctx.output(
          deadLetters,
          new KeyedJson(raw.source() + "@" + raw.position(), AlertJson.malformed(raw, detail)));
      return;
    }
    out.collect(e);
  }
}
