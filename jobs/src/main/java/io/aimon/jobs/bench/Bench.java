package io.aimon.jobs.bench;

import io.aimon.config.AimonConfig;
import io.aimon.config.ConfigLoader;
import io.aimon.jobs.monitor.MonitorPlan;
import io.aimon.jobs.monitor.MonitorRunner;
import io.aimon.jobs.reference.ReferenceProfiles;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Measures the replay path: wall-clock events/s at parallelism 1, events per CPU-second of the
 * whole process (Flink's own threads included) and the peak heap across the replay.
 */
public final class Bench {
  private final Path dir;
  private final long events;
  private final int windows;
  private final boolean outcomes;

  /**
   * @param outcomes also label every event inline and monitor fairness over two attributes
   */
  public Bench(Path dir, long events, int windows, boolean outcomes) {
    this.dir = dir;
    this.events = events;
    this.windows = windows;
    this.outcomes = outcomes;
  }

  public String run() throws Exception {
    Path reference = dir.resolve("bench-reference.jsonl.gz");
    Path input = dir.resolve("bench-events.jsonl");
    long start = Duration.ofDays(19_700).toMillis();
    BenchData.write(
        reference,
        20_000,
        start - Duration.ofDays(1).toMillis(),
        Duration.ofHours(1).toMillis(),
        0,
        1,
        outcomes);
    BenchData.write(input, events, start, Duration.ofHours(windows).toMillis(), 0.05, 2, outcomes);
    Path configFile = dir.resolve("bench.yaml");
    Files.writeString(configFile, BenchData.config(reference.getFileName().toString(), outcomes));
    AimonConfig config = ConfigLoader.load(configFile);
    MonitorPlan plan = MonitorPlan.of(config, ReferenceProfiles.loadAll(config, false));
    Path out = Files.createDirectories(dir.resolve("out"));

    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    StreamExecutionEnvironment env = MonitorRunner.environment(plan, false);
    env.setParallelism(1);
    MonitorRunner.replayJob(plan, input, null, out).build(env);
    env.execute("aimon-bench");
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    long inputBytes = Files.size(input);
    return String.format(
        "bench: %d events (%d numeric + %d categorical features%s, %d windows, %.1f MiB JSON) in %.1f s%n"
            + "  %.0f events/s wall clock at parallelism 1 (%d cores available)%n"
            + "  %.0f events per CPU-second (process CPU %.1f s, Flink runtime included)%n"
            + "  peak heap %.0f MiB (sum of heap pools' peaks; includes the MiniCluster)",
        events,
        BenchData.NUMERIC,
        BenchData.CATEGORICAL,
        outcomes ? ", inline labels, fairness over 2 attributes" : "",
        windows,
        inputBytes / 1048576.0,
        seconds,
        events / seconds,
        Runtime.getRuntime().availableProcessors(),
        events / cpuSeconds,
        cpuSeconds,
        peakHeap / 1048576.0);
  }
}
