package io.aimon.jobs.kafka;

import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.RawRecord;
import io.aimon.jobs.io.RawRecordSerializer;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns each Kafka record into a {@link RawRecord} with {@code topic/partition} and offset. Never
 * fails: a null value becomes an empty payload, an oversize value keeps only its first bytes and
 * its full size, and decoding decides the dead-letter reason.
 */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
  private static final long serialVersionUID = 1L;
  private final int maxRecordBytes;

  public RawRecordDeserializer(int maxRecordBytes) {
    this.maxRecordBytes = maxRecordBytes;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
    byte[] value = record.value();
    int size = value == null ? 0 : value.length;
    int keep = size <= maxRecordBytes ? size : Math.min(size, DeadLetter.MAX_PAYLOAD_CHARS);
    String payload = value == null ? "" : new String(value, 0, keep, StandardCharsets.UTF_8);
    out.collect(
        new RawRecord(record.topic() + "/" + record.partition(), record.offset(), payload, size));
  }

  @Override
  public TypeInformation<RawRecord> getProducedType() {
    return RawRecordSerializer.TYPE_INFO;
  }
}
