package io.aimon.jobs.evidence;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * The evidence archive: JSON Lines under {@code DIR/model=<id>/date=<yyyy-MM-dd>/}, written by
 * Flink's FileSink and committed on checkpoint (exactly once: a file becomes visible, renamed from
 * its hidden in-progress name, only when the checkpoint that covers it completes).
 */
public final class EvidenceArchive {
  /** Committed archive files end with this. */
  public static final String SUFFIX = ".jsonl";

  private EvidenceArchive() {}

  /** A sink writing the archive under {@code dir} (a local path or a Flink filesystem URI). */
  public static FileSink<EvidenceLine> sink(String dir) {
    Encoder<EvidenceLine> encoder =
        (line, stream) -> {
          stream.write(line.json().getBytes(StandardCharsets.UTF_8));
          stream.write('\n');
        };
    return FileSink.forRowFormat(new Path(dir), encoder)
        .withBucketAssigner(new EvidenceBuckets())
        .withRollingPolicy(OnCheckpointRollingPolicy.build())
        .withOutputFileConfig(
            OutputFileConfig.builder().withPartPrefix("evidence").withPartSuffix(SUFFIX).build())
        .build();
  }
}
