package io.aimon.jobs.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * One job's checkpoints and savepoints under {@code job.checkpoint_dir}:
 *
 * <pre>
 * DIR/&lt;identity&gt;/checkpoints/&lt;flink job id&gt;/chk-&lt;n&gt;/_metadata   (Flink writes these)
 * DIR/&lt;identity&gt;/savepoints/savepoint-&lt;...&gt;/_metadata       (planned stops)
 * </pre>
 *
 * <p>A snapshot is complete once its {@code _metadata} file exists: Flink writes it last, so a
 * directory a killed process left without one is ignored. {@link #latest()} is the complete
 * snapshot written last, whichever run of the job wrote it; {@code aimon run} restores it.
 *
 * <p>Checkpoints are kept when the job is cancelled or its process dies ({@link
 * ExternalizedCheckpointRetention#RETAIN_ON_CANCELLATION}), the last {@value #RETAINED} of each
 * run. A run that restores one of this store's checkpoints claims it ({@link
 * RecoveryClaimMode#CLAIM}): Flink deletes it once a newer one completes, so the store does not
 * grow with restarts. A savepoint given by the user is never claimed.
 */
public final class CheckpointStore {
  /** Completed checkpoints kept per run: more than one, in case the newest is damaged. */
  public static final int RETAINED = 3;

  static final String METADATA = "_metadata";

  private final Path root;

  /**
   * @param checkpointDir {@code job.checkpoint_dir}: an absolute path or a Flink filesystem URI
   */
  public CheckpointStore(String checkpointDir, JobIdentity identity) {
    this.root = new Path(qualified(checkpointDir), identity.directoryName());
  }

  /** This job's directory. */
  public String location() {
    return root.toString();
  }

  /** Where Flink writes this job's checkpoints. */
  public String checkpointsDir() {
    return new Path(root, "checkpoints").toString();
  }

  /** Where planned stops write their savepoints. */
  public String savepointsDir() {
    return new Path(root, "savepoints").toString();
  }

  /**
   * A complete snapshot.
   *
   * @param path the snapshot's directory, what {@code execution.state-recovery.path} takes
   * @param savepoint true for a savepoint of a planned stop, false for a checkpoint
   * @param writtenAt modification time of its {@code _metadata}, epoch ms
   */
  public record Snapshot(String path, boolean savepoint, long writtenAt) {}

  /** The complete snapshot written last, if any. */
  public Optional<Snapshot> latest() {
    List<Snapshot> all = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem();
      for (FileStatus run : list(fs, new Path(checkpointsDir()))) {
        for (FileStatus chk : list(fs, run.getPath())) {
          if (chk.getPath().getName().startsWith("chk-")) {
            complete(fs, chk.getPath(), false).ifPresent(all::add);
          }
        }
      }
      for (FileStatus sp : list(fs, new Path(savepointsDir()))) {
        complete(fs, sp.getPath(), true).ifPresent(all::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the checkpoints under " + root, e);
    }
    return all.stream()
        .max(Comparator.comparingLong(Snapshot::writtenAt).thenComparing(Snapshot::path));
  }

  /**
   * Sets checkpoint storage on this store, retention on cancellation and, when {@code restore} is
   * given, the snapshot to start from (claimed when it is one of this store's checkpoints).
   */
  public void configure(Configuration conf, Snapshot restore) {
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointsDir());
    conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, savepointsDir());
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, RETAINED);
    if (restore != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restore.path());
      conf.set(
          StateRecoveryOptions.RESTORE_MODE,
          restore.savepoint() || !restore.path().startsWith(checkpointsDir())
              ? RecoveryClaimMode.NO_CLAIM
              : RecoveryClaimMode.CLAIM);
    }
  }

  /** A snapshot the user names ({@code --from-savepoint}): it must be complete. */
  public static Snapshot given(String path) {
    try {
      Path dir = qualified(path);
      FileSystem fs = dir.getFileSystem();
      if (dir.getName().equals(METADATA)) {
        dir = dir.getParent();
      }
      return complete(fs, dir, true)
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      path
                          + ": not a complete savepoint or checkpoint (no "
                          + METADATA
                          + " file)"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static Optional<Snapshot> complete(FileSystem fs, Path dir, boolean savepoint)
      throws IOException {
    Path metadata = new Path(dir, METADATA);
    if (!fs.exists(metadata)) {
      return Optional.empty();
    }
    return Optional.of(
        new Snapshot(dir.toString(), savepoint, fs.getFileStatus(metadata).getModificationTime()));
  }

  private static List<FileStatus> list(FileSystem fs, Path dir) throws IOException {
    if (!fs.exists(dir)) {
      return List.of();
    }
    FileStatus[] statuses = fs.listStatus(dir);
    List<FileStatus> out = new ArrayList<>();
    if (statuses != null) {
      for (FileStatus s : statuses) {
        if (s.isDir()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /**
   * A location (a path, absolute or not, or a filesystem URI) as Flink names it: with its scheme
   * and, for a local path, absolute.
   */
  static Path qualified(String location) {
    Path p = new Path(location);
    try {
      return p.makeQualified(p.getFileSystem());
    } catch (IOException e) {
      throw new UncheckedIOException("no filesystem for " + location, e);
    }
  }
}
