package io.aimon.jobs.kafka;

import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.RawRecord;
import io.aimon.jobs.io.RawRecordSerializer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns each Kafka record into a {@link RawRecord} with {@code topic/partition}, offset and the
 * record's timestamp. Never fails: a null value becomes an empty payload, an oversize value keeps
 * only its first bytes and its full size, and decoding decides the dead-letter reason.
 *
 * <p>Formats that read more get it: the headers (names in lower case, values as UTF-8 text, the
 * first of a repeated name, at most {@value #MAX_HEADERS} of at most {@value #MAX_HEADER_CHARS}
 * characters each) and the key, or the value as bytes for a binary format.
 */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
  private static final long serialVersionUID = 1L;

  /** Headers kept per record; a record with more is read with its first ones. */
  public static final int MAX_HEADERS = 64;

  /** Characters kept of a header value. */
  public static final int MAX_HEADER_CHARS = 1024;

  private final int maxRecordBytes;
  private final boolean headersAndKey;
  private final boolean binary;

  /** A deserializer of text values, without headers or key. */
  public RawRecordDeserializer(int maxRecordBytes) {
    this(maxRecordBytes, false, false);
  }

  /**
   * @param headersAndKey whether to read the headers and the key
   * @param binary whether values are bytes (protobuf) rather than UTF-8 text
   */
  public RawRecordDeserializer(int maxRecordBytes, boolean headersAndKey, boolean binary) {
    this.maxRecordBytes = maxRecordBytes;
    this.headersAndKey = headersAndKey;
    this.binary = binary;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
    byte[] value = record.value();
    int size = value == null ? 0 : value.length;
    int keep = size <= maxRecordBytes ? size : Math.min(size, DeadLetter.MAX_PAYLOAD_CHARS);
    Map<String, String> headers = Map.of();
    String key = null;
    if (headersAndKey) {
      headers = new HashMap<>();
      for (Header h : record.headers()) {
        if (headers.size() == MAX_HEADERS) {
          break;
        }
        String name = h.key().toLowerCase(Locale.ROOT);
        if (!headers.containsKey(name) && h.value() != null) {
          String v = new String(h.value(), StandardCharsets.UTF_8);
          headers.put(name, v.length() > MAX_HEADER_CHARS ? v.substring(0, MAX_HEADER_CHARS) : v);
        }
      }
      key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }
    String payload =
        binary || value == null ? "" : new String(value, 0, keep, StandardCharsets.UTF_8);
    byte[] bytes = binary ? (value == null ? new byte[0] : Arrays.copyOf(value, keep)) : null;
    out.collect(
        new RawRecord(
            record.topic() + "/" + record.partition(),
            record.offset(),
            payload,
            size,
            headers,
            record.timestamp() < 0 ? RawRecord.NO_TIMESTAMP : record.timestamp(),
            key,
            bytes));
  }

  @Override
  public TypeInformation<RawRecord> getProducedType() {
    return RawRecordSerializer.TYPE_INFO;
  }
}
