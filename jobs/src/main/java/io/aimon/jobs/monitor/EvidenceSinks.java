package io.aimon.jobs.monitor;

import io.aimon.jobs.evidence.EvidenceLine;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the monitor job's evidence lines go; a job with neither writes no evidence.
 *
 * @param topic the evidence Kafka topic, or null
 * @param archive the evidence archive files, or null
 * @param archiveDir the archive's directory (a Flink path), where gate records are read; null
 *     without an archive
 */
public record EvidenceSinks(
    Sink<EvidenceLine> topic, Sink<EvidenceLine> archive, String archiveDir) {
  /** Whether any sink is set. */
  public boolean any() {
    return topic != null || archive != null;
  }
}
