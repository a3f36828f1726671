package io.aimon.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aimon.detectors.event.JsonLinesReader;
import io.aimon.detectors.event.RawRecord;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * The yardstick of {@code aimon bench --input}: how fast one thread turns the same lines into
 * Jackson trees ({@code readTree}, the least any JSON consumer does), in lines per CPU-second of
 * that thread. The better of two passes is taken, the first warming the JIT.
 */
final class TreeParseRate {
  private TreeParseRate() {}

  /** Lines per CPU-second of a tree parse of every line of {@code input} (.jsonl or .jsonl.gz). */
  static double of(Path input) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double best = 0;
    for (int pass = 0; pass < 2; pass++) {
      long lines = 0;
      long nodes = 0;
      long cpu0 = threads.getCurrentThreadCpuTime();
      try (JsonLinesReader in = JsonLinesReader.open(input, Integer.MAX_VALUE)) {
        for (RawRecord line = in.next(); line != null; line = in.next()) {
          if (!line.payload().isBlank()) {
            nodes += mapper.readTree(line.payload()).size(); // used, so it is not optimised away
          }
          lines++;
        }
      }
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
      if (nodes >= 0 && cpuSeconds > 0) {
        best = Math.max(best, lines / cpuSeconds);
      }
    }
    return best;
  }
}
