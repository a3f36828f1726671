package io.aimon.jobs.alert;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.notify.Notifications;
import io.aimon.alerting.notify.Notifier;
import io.aimon.config.KafkaSettings;
import io.aimon.config.NotifyConfig;
import io.aimon.detectors.event.RawRecord;
import io.aimon.jobs.kafka.KafkaConnectors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * The alert job graph:
 *
 * <pre>
 * incident records -> decode (bad record: dead letter)
 *   -> keyBy(incident id) -> re-send open incidents on a timer
 *   -> deliver asynchronously to the routed notifiers (retries, backoff, in order per incident)
 *   -> count -> every delivery to the deliveries sink; failed ones also to the dead-letter sink
 * </pre>
 *
 * Incidents are read with read_committed, so only what the monitor job committed is delivered.
 * Delivery is at least once: a restart sends again what was in flight, and receivers deduplicate by
 * key (Alertmanager by labels, PagerDuty by dedup_key). The monitor job never waits on it.
 */
public final class AlertJob {
  public static final String UID_SOURCE = "alert.source";
  public static final String UID_DECODE = "alert.decode";
  public static final String UID_RESEND = "alert.resend";
  public static final String UID_DELIVER = "alert.deliver";
  public static final String UID_COUNT = "alert.count";
  public static final String UID_DELIVERIES_SINK = "alert.deliveries-sink";
  public static final String UID_DEAD_LETTER_SINK = "alert.dead-letter-sink";
  public static final String UID_FAILED_JSON = "alert.failed-json";
  public static final String UID_FAILED = "alert.failed";
  public static final String UID_DELIVERIES_JSON = "alert.deliveries-json";

  private static final OutputTag<KeyedJson> DEAD_LETTERS =
      new OutputTag<>("alert-dead-letters", TypeInformation.of(KeyedJson.class));

  private final NotifyConfig notify;
  private final Source<RawRecord, ?, ?> source;
  private final Sink<KeyedJson> deliveriesSink;
  private final Sink<KeyedJson> deadLetterSink;

  public AlertJob(
      NotifyConfig notify,
      Source<RawRecord, ?, ?> source,
      Sink<KeyedJson> deliveriesSink,
      Sink<KeyedJson> deadLetterSink) {
    this.notify = notify;
    this.source = source;
    this.deliveriesSink = deliveriesSink;
    this.deadLetterSink = deadLetterSink;
  }

  /**
   * The production job: topic {@code kafka.topics.incidents} to the notifiers, deliveries to {@code
   * kafka.topics.alert_deliveries} and failures to {@code kafka.topics.alert_dead_letter}, both
   * exactly once.
   *
   * @param transactionalIdPrefix unique per running job, e.g. {@code aimon-alert}
   */
  public static AlertJob kafkaJob(
      NotifyConfig notify, KafkaSettings kafka, int maxRecordBytes, String transactionalIdPrefix) {
    return new AlertJob(
        notify,
        KafkaConnectors.rawSource(
            kafka, kafka.alertGroupId(), kafka.incidentsTopic(), maxRecordBytes, false),
        KafkaConnectors.<KeyedJson>exactlyOnceSink(
            kafka,
            kafka.alertDeliveriesTopic(),
            transactionalIdPrefix + "-deliveries",
            KeyedJson::key,
            KeyedJson::json),
        KafkaConnectors.<KeyedJson>exactlyOnceSink(
            kafka,
            kafka.alertDeadLetterTopic(),
            transactionalIdPrefix + "-dead-letter",
            KeyedJson::key,
            KeyedJson::json));
  }

  /** Adds the graph to {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    build(env, UnaryOperator.identity());
  }

  /**
   * Adds the graph, passing the raw incident records through {@code afterSource} first: the seam
   * where tests insert fault injection. Operators it adds need their own uids.
   */
  public void build(
      StreamExecutionEnvironment env, UnaryOperator<DataStream<RawRecord>> afterSource) {
    SingleOutputStreamOperator<IncidentEvent> incidents =
        afterSource
            .apply(
                env.fromSource(source, WatermarkStrategy.noWatermarks(), name(UID_SOURCE))
                    .uid(UID_SOURCE))
            .process(new DecodeIncidents(DEAD_LETTERS), TypeInformation.of(IncidentEvent.class))
            .uid(UID_DECODE)
            .name(name(UID_DECODE));
    boolean resend = Notifications.notifiers(notify).stream().anyMatch(Notifier::needsResend);
    DataStream<Dispatch> dispatches =
        incidents
            .keyBy(IncidentEvent::incidentId)
            .process(
                new ResendOpenIncidents(notify.resendInterval().toMillis(), resend),
                TypeInformation.of(Dispatch.class))
            .uid(UID_RESEND)
            .name(name(UID_RESEND));
    DataStream<AlertDelivery> deliveries =
        AsyncDataStream.unorderedWait(
                dispatches,
                new DeliverIncidents(notify),
                DeliverIncidents.asyncTimeout(notify).toMillis(),
                TimeUnit.MILLISECONDS,
                1000)
            .uid(UID_DELIVER)
            .name(name(UID_DELIVER))
            .map(new CountDeliveries(notify))
            .uid(UID_COUNT)
            .name(name(UID_COUNT));
    deliveries
        .map(AlertJob::keyedJson, TypeInformation.of(KeyedJson.class))
        .uid(UID_DELIVERIES_JSON)
        .name(name(UID_DELIVERIES_JSON))
        .sinkTo(deliveriesSink)
        .uid(UID_DELIVERIES_SINK)
        .name(name(UID_DELIVERIES_SINK));
    deliveries
        .filter(a -> !a.delivery().delivered())
        .uid(UID_FAILED)
        .name(name(UID_FAILED))
        .map(AlertJob::keyedJson, TypeInformation.of(KeyedJson.class))
        .uid(UID_FAILED_JSON)
        .name(name(UID_FAILED_JSON))
        .union(incidents.getSideOutput(DEAD_LETTERS))
        .sinkTo(deadLetterSink)
        .uid(UID_DEAD_LETTER_SINK)
        .name(name(UID_DEAD_LETTER_SINK));
  }

  /** A delivery's record, keyed by its incident. */
  private static KeyedJson keyedJson(AlertDelivery a) {
    return new KeyedJson(a.event().incidentId(), AlertJson.delivery(a));
  }

  /** An operator's name: its uid without the job prefix, so names and uids always match. */
  static String name(String uid) {
    return uid.substring(uid.indexOf('.') + 1);
  }
}
