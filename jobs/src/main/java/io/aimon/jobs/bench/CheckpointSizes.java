package io.aimon.jobs.bench;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;

/**
 * The state bytes of completed checkpoints, by operator, as Flink recorded them in each
 * checkpoint's {@code _metadata} (the sizes of the state handles it wrote: keyed state of every key
 * and window, operator state, sink transactions).
 *
 * <p>A {@link Sampler} watches a checkpoint directory while a job runs and reads each new
 * checkpoint's {@code _metadata} as soon as it is complete, before Flink subsumes it.
 */
public final class CheckpointSizes {
  private CheckpointSizes() {}

  /**
   * One checkpoint's state.
   *
   * @param id the checkpoint id
   * @param bytesByOperator state bytes by operator uid (or name), largest first, zeros left out
   */
  public record Snapshot(long id, Map<String, Long> bytesByOperator) {
    /** All state bytes of the checkpoint. */
    public long total() {
      return bytesByOperator.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The state bytes of the operator with this uid, 0 when it holds none. */
    public long of(String uid) {
      return bytesByOperator.getOrDefault(uid, 0L);
    }
  }

  /** Reads a checkpoint's sizes from its {@code _metadata} bytes. */
  public static Snapshot read(byte[] metadata, String location) throws IOException {
    CheckpointMetadata m =
        Checkpoints.loadCheckpointMetadata(
            new DataInputStream(new ByteArrayInputStream(metadata)),
            CheckpointSizes.class.getClassLoader(),
            location);
    Map<String, Long> sizes = new TreeMap<>();
    for (OperatorState op : m.getOperatorStates()) {
      long bytes = op.getStateSize();
      if (bytes > 0) {
        String name =
            op.getOperatorUid()
                .filter(u -> !u.isEmpty())
                .or(op::getOperatorName)
                .orElse(op.getOperatorID().toString());
        sizes.merge(name, bytes, Long::sum);
      }
    }
    Map<String, Long> largestFirst = new LinkedHashMap<>();
    sizes.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> largestFirst.put(e.getKey(), e.getValue()));
    return new Snapshot(m.getCheckpointId(), Collections.unmodifiableMap(largestFirst));
  }

  /** Starts sampling the checkpoints Flink writes under {@code checkpointsDir}. */
  public static Sampler sample(Path checkpointsDir) {
    Sampler s = new Sampler(checkpointsDir);
    s.thread.start();
    return s;
  }

  /** Reads every checkpoint completed under a directory, every 50 ms, until closed. */
  public static final class Sampler implements AutoCloseable {
    private final Path dir;
    private final Map<Path, Snapshot> read = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean stop;

    private Sampler(Path dir) {
      this.dir = dir;
      this.thread = new Thread(this::loop, "aimon-bench-checkpoints");
      this.thread.setDaemon(true);
    }

    private void loop() {
      while (!stop) {
        poll();
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private synchronized void poll() {
      if (!Files.isDirectory(dir)) {
        return;
      }
      try (Stream<Path> files = Files.walk(dir, 3)) {
        for (Path metadata :
            files.filter(f -> f.getFileName().toString().equals("_metadata")).toList()) {
          if (!read.containsKey(metadata)) {
            read.put(
                metadata,
                CheckpointSizes.read(
                    Files.readAllBytes(metadata), metadata.getParent().toString()));
          }
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        // a checkpoint subsumed while it was read: the next ones are read in time
      }
    }

    /** The checkpoints read so far, in the order of their ids. */
    public synchronized List<Snapshot> snapshots() {
      List<Snapshot> out = new ArrayList<>(read.values());
      out.sort(java.util.Comparator.comparingLong(Snapshot::id));
      return out;
    }

    @Override
    public void close() throws InterruptedException {
      stop = true;
      thread.join();
    }
  }
}
