package io.aimon.jobs.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aimon.alerting.incident.CloudEvents;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.RawRecord;
import io.aimon.evidence.EvidenceItem;
import io.aimon.jobs.evidence.EvidenceItems;
import java.util.Set;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Reads the alert job's delivery records ({@code kafka.topics.alert_deliveries}) back into the
 * monitor job: the first delivery of each incident event to each notifier becomes {@code
 * notification} evidence of its model (ISO/IEC 42001 A.8.4, communication of incidents). Periodic
 * re-sends are not evidence and are skipped, as are deliveries of models this job does not monitor;
 * a record that cannot be read is a dead letter {@code malformed_delivery}.
 */
final class DecodeDeliveries extends ProcessFunction<RawRecord, EvidenceItem> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Set<String> models;
  private final OutputTag<DeadLetter> deadLetters;

  DecodeDeliveries(Set<String> models, OutputTag<DeadLetter> deadLetters) {
    this.models = Set.copyOf(models);
    this.deadLetters = deadLetters;
  }

  @Override
  public void processElement(RawRecord raw, Context ctx, Collector<EvidenceItem> out) {
    JsonNode d;
    IncidentEvent e;
    try {
      d = MAPPER.readTree(raw.payload());
      if (d == null || !d.path("notifier").isTextual() || !d.path("outcome").isTextual()) {
        throw new IllegalArgumentException("notifier, outcome: expected strings");
      }
      e = CloudEvents.fromJson(d.path("event").toString());
    } catch (Exception ex) {
      String detail = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
      ctx.output(deadLetters, DeadLetter.of(DeadLetterReason.MALFORMED_DELIVERY, detail, raw));
      return;
    }
    if (d.path("resend").asBoolean() || !models.contains(e.modelId())) {
      return;
    }
    out.collect(
        EvidenceItems.notification(
            e,
            d.path("notifier").asText(),
            d.path("outcome").asText(),
            d.path("attempts").asInt(),
            d.hasNonNull("last_status") ? d.path("last_status").asInt() : null,
            d.hasNonNull("last_error") ? d.path("last_error").asText() : null));
  }
}
