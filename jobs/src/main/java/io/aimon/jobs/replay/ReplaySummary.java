package io.aimon.jobs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aimon.jobs.monitor.MonitorRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A one-paragraph summary of a replay's outputs: checks by status, dead letters by reason, incident
 * events by type.
 */
public final class ReplaySummary {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReplaySummary() {}

  public static String of(Path out) throws IOException {
    Map<String, Long> statuses = countBy(out.resolve(MonitorRunner.METRICS_FILE), "status");
    Map<String, Long> reasons = countBy(out.resolve(MonitorRunner.DEAD_LETTER_FILE), "reason");
    Map<String, Long> incidents = countBy(out.resolve(MonitorRunner.INCIDENTS_FILE), "type");
    long checks = statuses.values().stream().mapToLong(Long::longValue).sum();
    long dead = reasons.values().stream().mapToLong(Long::longValue).sum();
    return "replay done: "
        + checks
        + " check results "
        + statuses
        + ", "
        + dead
        + " dead letters "
        + reasons
        + ", incident events "
        + incidents
        + " -> "
        + out.toAbsolutePath();
  }

  /** Counts the values of one field over a JSON Lines file (empty when the file is absent). */
  public static Map<String, Long> countBy(Path file, String field) throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    if (!Files.exists(file)) {
      return counts;
    }
    try (BufferedReader r = Files.newBufferedReader(file)) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode n = MAPPER.readTree(line);
        counts.merge(n.path(field).asText(), 1L, Long::sum);
      }
    }
    return counts;
  }
}
