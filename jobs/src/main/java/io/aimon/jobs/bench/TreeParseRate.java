package io.aimon.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

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
      try (BufferedReader in = reader(input)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (!line.isBlank()) {
            nodes += mapper.readTree(line).size(); // used, so the parse is not optimised away
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

  private static BufferedReader reader(Path input) throws IOException {
    InputStream in = Files.newInputStream(input);
    if (input.toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }
}
