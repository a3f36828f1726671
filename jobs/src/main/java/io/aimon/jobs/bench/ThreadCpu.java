package io.aimon.jobs.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a bench run's CPU time went, by Java thread: every 100 ms it reads each live thread's CPU
 * time, so a thread that ends (Flink's task threads end with the job) keeps its last reading.
 * Threads are grouped by name up to the subtask suffix, so "admit -> (window-profile, ...) (1/2)#0"
 * and its twin on subtask 2 add up. The JVM's own threads (garbage collection, the JIT compilers)
 * are not Java threads; on Linux their CPU time is read from {@code /proc/self/task}.
 */
final class ThreadCpu implements AutoCloseable {
  private static final long PERIOD_MILLIS = 100;

  /** The group of the JVM's JIT compiler threads. */
  static final String JIT_COMPILER = "JIT compiler";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> startNanos = new HashMap<>();
  private final Map<Long, Long> lastNanos = new HashMap<>();
  private final Map<Long, String> names = new HashMap<>();
  private final Map<String, Double> jvmAtStart = jvmThreads();
  private final Thread sampler;
  private volatile boolean stop;

  private ThreadCpu() {
    poll(true);
    sampler = new Thread(this::loop, "aimon-bench-thread-cpu");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts sampling; the threads' CPU before this call is not counted. */
  static ThreadCpu start() {
    return new ThreadCpu();
  }

  private void loop() {
    while (!stop) {
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      poll(false);
    }
  }

  private synchronized void poll(boolean first) {
    long[] ids = threads.getAllThreadIds();
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long cpu = threads.getThreadCpuTime(ids[i]);
      if (cpu < 0 || infos[i] == null) {
        continue; // ended since getAllThreadIds
      }
      if (first) {
        startNanos.put(ids[i], cpu);
      }
      lastNanos.put(ids[i], cpu);
      names.putIfAbsent(ids[i], group(infos[i].getThreadName()));
    }
  }

  /** Stops sampling. */
  @Override
  public void close() {
    stop = true;
    sampler.interrupt();
    try {
      sampler.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    poll(false);
  }

  /** CPU seconds by thread group, the largest first. */
  synchronized Map<String, Double> secondsByGroup() {
    Map<String, Double> sums = new HashMap<>();
    jvmThreads().forEach((g, sec) -> sums.put(g, sec - jvmAtStart.getOrDefault(g, 0.0)));
    lastNanos.forEach(
        (id, last) ->
            sums.merge(names.get(id), (last - startNanos.getOrDefault(id, 0L)) / 1e9, Double::sum));
    Map<String, Double> sorted = new LinkedHashMap<>();
    sums.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /**
   * CPU seconds so far of the JVM's own threads, by kind ("JIT compiler", "garbage collector",
   * "JVM"), from {@code /proc/self/task/N/stat} (utime + stime, in clock ticks of 1/100 s); empty
   * where there is no such file.
   */
  static Map<String, Double> jvmThreads() {
    Map<String, Double> out = new HashMap<>();
    java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
    if (!java.nio.file.Files.isDirectory(tasks)) {
      return out;
    }
    try (var dirs = java.nio.file.Files.list(tasks)) {
      for (java.nio.file.Path task : dirs.toList()) {
        try {
          String stat = java.nio.file.Files.readString(task.resolve("stat"));
          // pid (comm) state ... : comm may hold spaces, so fields are counted after its ')'
          String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String kind = jvmKind(comm);
          if (kind == null) {
            continue;
          }
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
          out.merge(kind, seconds, Double::sum);
        } catch (java.io.IOException | RuntimeException e) {
          // the thread ended while it was read
        }
      }
    } catch (java.io.IOException e) {
      return out;
    }
    return out;
  }

  /** The kind of a JVM thread by its (15-character) Linux name, null for others. */
  private static String jvmKind(String comm) {
    if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
      return JIT_COMPILER;
    }
    if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
      return "garbage collector";
    }
    if (comm.startsWith("VM Thread") || comm.startsWith("VM Periodic")) {
      return "JVM";
    }
    return null;
  }

  /** A thread's name without its subtask suffix ("(1/2)#0") or trailing number. */
  static String group(String name) {
    String g = name.replaceAll(" \\(\\d+/\\d+\\)(#\\d+)?$", "").replaceAll("-?\\d+$", "");
    int arrow = g.indexOf(" -> ");
    // a chain is named by its head: "Source: source -> decode -> (...)" is the source's chain
    return arrow < 0 ? g : g.substring(0, arrow) + " chain";
  }
}
