package io.aimon.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aimon.detectors.event.EventDecoder;
import io.aimon.detectors.event.JsonLinesReader;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.input.FormatDecoder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.function.ToLongFunction;

/**
 * The yardsticks of {@code aimon bench --input}, each on one thread over the same lines, in lines
 * per CPU-second of that thread: a Jackson tree parse ({@code readTree}, the least any JSON
 * consumer does), and aimon's decoder alone (the job's first step, without Flink around it). The
 * better of two passes is taken, the first warming the JIT.
 */
final class LineRates {
  private LineRates() {}

  /** Lines per CPU-second of a tree parse of every line of {@code input} (.jsonl or .jsonl.gz). */
  static double treeParse(Path input) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    return rate(
        input,
        line -> {
          try {
            return mapper.readTree(line.payload()).size();
          } catch (IOException e) {
            return 0;
          }
        });
  }

  /** Lines per CPU-second of {@code decoder} turning every line into an event or a dead letter. */
  static double decode(Path input, EventDecoder decoder) throws IOException {
    return rate(input, line -> decoder.decodeInference(line).isOk() ? 1 : 0);
  }

  /** Lines per CPU-second that a paired format's decoder reads into halves, on one thread. */
  static double decodeHalves(Path input, FormatDecoder decoder) throws IOException {
    return rate(input, line -> decoder.half(line).isOk() ? 1 : 0);
  }

  /**
   * Lines per CPU-second that the decoder of a format logging whole inferences (SageMaker's
   * capture) reads into events, on one thread.
   */
  static double decodeRecords(Path input, FormatDecoder decoder) throws IOException {
    java.util.List<io.aimon.detectors.event.Decoded<io.aimon.detectors.event.InferenceEvent>> out =
        new java.util.ArrayList<>();
    return rate(
        input,
        line -> {
          out.clear();
          decoder.record(line, System.currentTimeMillis(), out);
          return out.size();
        });
  }

  private static double rate(Path input, ToLongFunction<RawRecord> work) throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double best = 0;
    for (int pass = 0; pass < 2; pass++) {
      long lines = 0;
      long used = 0;
      long cpu0 = threads.getCurrentThreadCpuTime();
      try (JsonLinesReader in = JsonLinesReader.open(input, Integer.MAX_VALUE)) {
        for (RawRecord line = in.next(); line != null; line = in.next()) {
          if (!line.payload().isBlank()) {
            used += work.applyAsLong(line); // used, so it is not optimised away
          }
          lines++;
        }
      }
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
      if (used >= 0 && cpuSeconds > 0) {
        best = Math.max(best, lines / cpuSeconds);
      }
    }
    return best;
  }
}
