package io.aimon.jobs.evidence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/** Partitions the evidence archive as {@code model=<id>/date=<yyyy-MM-dd>} (UTC). */
final class EvidenceBuckets implements BucketAssigner<EvidenceLine, String> {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  @Override
  public String getBucketId(EvidenceLine line, Context context) {
    return "model=" + line.modelId() + "/date=" + DATE.format(Instant.ofEpochMilli(line.time()));
  }

  @Override
  public SimpleVersionedSerializer<String> getSerializer() {
    return SimpleVersionedStringSerializer.INSTANCE;
  }
}
