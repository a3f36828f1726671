package io.aimon.jobs.bench;

import io.aimon.config.AimonConfig;
import io.aimon.config.ConfigLoader;
import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.JsonLinesReader;
import io.aimon.detectors.event.RawRecord;
import io.aimon.jobs.monitor.MonitorJob;
import io.aimon.jobs.monitor.MonitorPlan;
import io.aimon.jobs.monitor.MonitorRunner;
import io.aimon.jobs.reference.ReferenceProfiles;
import io.aimon.jobs.state.CheckpointStore;
import io.aimon.jobs.state.JobIdentity;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Measures the replay path: wall-clock events/s at the job's parallelism ({@code job.parallelism},
 * default 1; each shard of the one model on its own subtask), events per CPU-second of the whole
 * process (Flink's own threads included) and the peak heap across the replay. With a second set of
 * job settings ({@link #versus}) it runs both, alternating, twice each, in one process and prints
 * their ratio: the way to compare two settings on a noisy machine.
 */
public final class Bench {

  private final Path dir;
  private final long events;
  private final int windows;
  private final boolean outcomes;
  private final String job;

  /**
   * @param outcomes also label every event inline and monitor fairness over two attributes
   * @param job YAML under {@code job:} (one {@code key: value} per line), or "" for the defaults
   */
  public Bench(Path dir, long events, int windows, boolean outcomes, String job) {
    this.dir = dir;
    this.events = events;
    this.windows = windows;
    this.outcomes = outcomes;
    this.job = job;
  }

  /**
   * One replay's figures.
   *
   * @param checkpoints the checkpoints completed during the replay, in order
   * @param models the models of the config
   * @param shards the shards per model ({@code job.shards_per_model})
   * @param waitingPredictionBytes what one prediction waiting for its label adds to a checkpoint,
   *     for the input's first event; -1 when that event is not a valid one
   */
  private record Run(
      double seconds,
      double cpuSeconds,
      long peakHeap,
      int parallelism,
      List<CheckpointSizes.Snapshot> checkpoints,
      int models,
      int shards,
      long waitingPredictionBytes,
      Map<String, Double> cpuByThread) {}

  /**
   * Replays a user's own input with their own config once, through the same production graph, and
   * reports; its outputs go to {@code dir/out}.
   */
  public static String file(Path dir, Path input, Path configFile) throws Exception {
    long events = 0;
    try (JsonLinesReader in = JsonLinesReader.open(input, Integer.MAX_VALUE)) {
      while (in.next() != null) {
        events++;
      }
    }
    Bench bench = new Bench(dir, events, 0, false, "");
    AimonConfig config = ConfigLoader.load(configFile);
    double parse = LineRates.treeParse(input);
    MonitorPlan plan = MonitorPlan.of(config, ReferenceProfiles.loadAll(config, false));
    // a paired format's lines are halves: its decoder reads each into one (pairing not included)
    double decode =
        plan.input().format().paired()
            ? LineRates.decodeHalves(input, plan.formatDecoder())
            : plan.input().format() == io.aimon.config.InputFormat.NATIVE
                ? LineRates.decode(input, plan.decoder())
                : LineRates.decodeRecords(input, plan.formatDecoder());
    Run run = bench.measure(input, config);
    double jit = run.cpuByThread().getOrDefault(ThreadCpu.JIT_COMPILER, 0.0);
    return String.format(
            "bench: %d lines of %s (%.1f MiB) with %s",
            events, input.getFileName(), Files.size(input) / 1048576.0, configFile.getFileName())
        + figures(events, run)
        + String.format(
            "%n  a Jackson tree parse of the same lines: %.0f lines per CPU-second (one thread);"
                + " the replay: %.3f of it per CPU-second, %.3f without the JIT compiler's"
                + " %.1f s (mostly paid once, while the code warms up)"
                + "%n  aimon's decoder alone on the same lines: %.0f lines per CPU-second (one"
                + " thread), %.3f of the tree parse",
            parse,
            events / run.cpuSeconds() / parse,
            events / (run.cpuSeconds() - jit) / parse,
            jit,
            decode,
            decode / parse);
  }

  /** Generates the events, replays them once and reports. */
  public String run() throws Exception {
    Path input = prepare();
    return report(job, measure(input, job));
  }

  /**
   * Generates the events, replays them with {@code baseline} and with this bench's settings
   * (baseline, settings, baseline, settings) and reports the better run of each and their ratio.
   */
  public String versus(String baseline) throws Exception {
    Path input = prepare();
    Run base = null;
    Run mine = null;
    for (int round = 0; round < 2; round++) {
      base = better(base, measure(input, baseline));
      mine = better(mine, measure(input, job));
    }
    return String.format(
        "%s%n%s%n  ratio (settings / baseline): %.3f events per CPU-second, %.3f events/s",
        report(baseline, base),
        report(job, mine),
        base.cpuSeconds() / mine.cpuSeconds(),
        base.seconds() / mine.seconds());
  }

  private static Run better(Run a, Run b) {
    return a == null || b.cpuSeconds() < a.cpuSeconds() ? b : a;
  }

  private Path prepare() throws Exception {
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
    return input;
  }

  private Run measure(Path input, String jobYaml) throws Exception {
    Path configFile = dir.resolve("bench.yaml");
    Files.writeString(
        configFile,
        BenchData.config(dir.resolve("bench-reference.jsonl.gz").getFileName().toString(), outcomes)
            + (jobYaml.isBlank() ? "" : "job:\n" + jobYaml.strip().indent(2)));
    return measure(input, ConfigLoader.load(configFile));
  }

  /** One replay of {@code input} through the production graph of {@code config}. */
  private Run measure(Path input, AimonConfig config) throws Exception {
    MonitorPlan plan = MonitorPlan.of(config, ReferenceProfiles.loadAll(config, false));
    Path out = dir.resolve("out");
    if (Files.exists(out)) {
      try (var files = Files.walk(out)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(Bench::delete);
      }
    }
    Files.createDirectories(out);

    // checkpoints go to files, so that their sizes can be read as Flink recorded them
    Path checkpoints = dir.resolve("checkpoints");
    deleteRecursively(checkpoints);
    CheckpointStore store =
        new CheckpointStore(
            checkpoints.toString(),
            new JobIdentity("bench", "none", "none", input.getFileName().toString(), "bench"));

    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    StreamExecutionEnvironment env =
        MonitorRunner.environment(
            plan.parallelism(),
            plan.checkpointInterval(),
            plan.stateBackend(),
            false,
            null,
            store,
            null);
    MonitorRunner.replayJob(plan, input, null, out).build(env);
    List<CheckpointSizes.Snapshot> snapshots;
    Map<String, Double> cpuByThread;
    try (ThreadCpu cpu = ThreadCpu.start();
        CheckpointSizes.Sampler sampler =
            CheckpointSizes.sample(Path.of(java.net.URI.create(store.checkpointsDir())))) {
      env.execute("aimon-bench");
      snapshots = sampler.snapshots();
      cpu.close();
      cpuByThread = cpu.secondsByGroup();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    return new Run(
        seconds,
        cpuSeconds,
        peakHeap,
        plan.parallelism(),
        snapshots,
        config.models().size(),
        config.job().shards(),
        waitingPredictionBytes(plan, input),
        cpuByThread);
  }

  /** {@link WaitingPredictionBytes} of the input's first event, -1 when it does not decode. */
  private static long waitingPredictionBytes(MonitorPlan plan, Path input)
      throws java.io.IOException {
    RawRecord first;
    try (JsonLinesReader in = JsonLinesReader.open(input, plan.maxRecordBytes())) {
      first = in.next();
    }
    if (first == null) {
      return -1;
    }
    Decoded<InferenceEvent> decoded = plan.decoder().decodeInference(first);
    if (!decoded.isOk()) {
      return -1;
    }
    long maxDelay = plan.specs().get(decoded.event().modelId()).labelMaxDelayMillis();
    return WaitingPredictionBytes.of(decoded.event(), maxDelay);
  }

  private static void deleteRecursively(Path root) throws java.io.IOException {
    if (Files.exists(root)) {
      try (var files = Files.walk(root)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(Bench::delete);
      }
    }
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String report(String jobYaml, Run run) throws java.io.IOException {
    long inputBytes = Files.size(dir.resolve("bench-events.jsonl"));
    return String.format(
            "bench: %d events (%d numeric + %d categorical features%s, %d windows, %.1f MiB JSON)%s",
            events,
            BenchData.NUMERIC,
            BenchData.CATEGORICAL,
            outcomes ? ", inline labels, fairness over 2 attributes" : "",
            windows,
            inputBytes / 1048576.0,
            jobYaml.isBlank() ? "" : ", job: {" + jobYaml.strip().replace("\n", ", ") + "}")
        + figures(events, run);
  }

  /** " in N s" and the figures' lines: rates, CPU, peak heap, checkpointed state. */
  private static String figures(long events, Run run) {
    return String.format(
            " in %.1f s%n"
                + "  %.0f events/s wall clock at parallelism %d (%d cores available)%n"
                + "  %.0f events per CPU-second (process CPU %.1f s, Flink runtime included)%n"
                + "  peak heap %.0f MiB (sum of heap pools' peaks; includes the MiniCluster)",
            run.seconds(),
            events / run.seconds(),
            run.parallelism(),
            Runtime.getRuntime().availableProcessors(),
            events / run.cpuSeconds(),
            run.cpuSeconds(),
            run.peakHeap() / 1048576.0)
        + cpu(run)
        + state(run);
  }

  /** The CPU seconds of the busiest threads, and what the JVM used beyond its Java threads. */
  private static String cpu(Run run) {
    StringBuilder out = new StringBuilder();
    double java = 0;
    int shown = 0;
    for (Map.Entry<String, Double> e : run.cpuByThread().entrySet()) {
      java += e.getValue();
      if (shown++ < 7) {
        out.append(String.format("%s%s %.1f", shown == 1 ? "" : ", ", e.getKey(), e.getValue()));
      }
    }
    return String.format(
        "%n  CPU seconds by thread: %s; other %.1f", out, Math.max(0, run.cpuSeconds() - java));
  }

  /**
   * The checkpointed state: the smallest and largest checkpoint of the run (bounded state stays
   * within the same range however many events came), and the largest checkpoint's open windows'
   * partial profiles per model and shard and its largest operators.
   */
  private static String state(Run run) {
    List<CheckpointSizes.Snapshot> all = run.checkpoints();
    if (all.isEmpty()) {
      return String.format("%n  checkpointed state: no checkpoint completed during the run");
    }
    CheckpointSizes.Snapshot smallest =
        all.stream().min(java.util.Comparator.comparingLong(CheckpointSizes.Snapshot::total)).get();
    CheckpointSizes.Snapshot largest =
        all.stream().max(java.util.Comparator.comparingLong(CheckpointSizes.Snapshot::total)).get();
    StringBuilder operators = new StringBuilder();
    largest.bytesByOperator().entrySet().stream()
        .limit(6)
        .forEach(
            e ->
                operators
                    .append(operators.length() == 0 ? "" : ", ")
                    .append(e.getKey())
                    .append(' ')
                    .append(e.getValue()));
    int partials = run.models() * run.shards();
    return String.format(
        "%n  checkpointed state: %d checkpoints, %d to %d bytes%n"
            + "    the largest: open windows' partial profiles %d bytes per model and shard (%d"
            + " model%s x %d shard%s); by operator: %s%s",
        all.size(),
        smallest.total(),
        largest.total(),
        largest.of(MonitorJob.UID_WINDOW) / partials,
        run.models(),
        run.models() == 1 ? "" : "s",
        run.shards(),
        run.shards() == 1 ? "" : "s",
        operators,
        run.waitingPredictionBytes() < 0
            ? ""
            : String.format(
                "%n    a prediction waiting for its label: %d bytes (its label-join state, key"
                    + " and expiry timer)",
                run.waitingPredictionBytes()));
  }
}
