package io.aimon.jobs.monitor;

import io.aimon.jobs.evidence.EvidenceLine;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the monitor job's evidence lines go; a job with neither writes no evidence.
 *
 * @param topic the evidence Kafka topic, or null
 * @param archive the evidence archive files, or null
 */
public record EvidenceSinks(Sink<EvidenceLine> topic, Sink<EvidenceLine> archive) {
  /** Whether any sink is set. */
  public boolean any() {
    return topic != null || archive != null;
  }
}
