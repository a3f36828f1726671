package io.aimon.jobs.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.config.KafkaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which snapshot a run resumes from, and which jobs share a directory (none). */
class CheckpointStoreTest {
  private static final KafkaSettings KAFKA =
      KafkaSettings.builder()
          .bootstrapServers("broker:9092")
          .groupId("aimon")
          .properties(Map.of())
          .build();

  @TempDir Path dir;

  @Test
  void theLatestCompleteSnapshotWinsWhicheverRunWroteIt() throws Exception {
    CheckpointStore store = new CheckpointStore(dir.toString(), JobIdentity.monitor(KAFKA, "p"));
    assertEquals(Optional.empty(), store.latest(), "an empty store");

    Path job = Path.of(java.net.URI.create(store.location()));
    Path oldRun = complete(job.resolve("checkpoints/aaaa/chk-7"), 1_000_000);
    assertEquals(oldRun.toUri().toString(), uri(store.latest().orElseThrow().path()));
    // a directory a killed process left without _metadata is not a checkpoint
    Files.createDirectories(job.resolve("checkpoints/bbbb/chk-9"));
    // a newer run's checkpoint beats a higher number of an older run
    Path newRun = complete(job.resolve("checkpoints/bbbb/chk-2"), 2_000_000);
    CheckpointStore.Snapshot latest = store.latest().orElseThrow();
    assertEquals(newRun.toUri().toString(), uri(latest.path()));
    assertEquals(false, latest.savepoint());
    // and a savepoint taken later beats both
    Path savepoint = complete(job.resolve("savepoints/savepoint-1"), 3_000_000);
    latest = store.latest().orElseThrow();
    assertEquals(savepoint.toUri().toString(), uri(latest.path()));
    assertTrue(latest.savepoint());
  }

  @Test
  void ownCheckpointsAreClaimedAndSavepointsAreNot() throws Exception {
    CheckpointStore store = new CheckpointStore(dir.toString(), JobIdentity.monitor(KAFKA, "p"));
    Path job = Path.of(java.net.URI.create(store.location()));
    complete(job.resolve("checkpoints/aaaa/chk-3"), 1_000_000);
    Configuration conf = new Configuration();
    store.configure(conf, store.latest().orElseThrow());
    assertEquals(RecoveryClaimMode.CLAIM, conf.get(StateRecoveryOptions.RESTORE_MODE));
    assertEquals(
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION,
        conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION));
    assertEquals(store.checkpointsDir(), conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));

    Path given = complete(dir.resolve("elsewhere/savepoint-x"), 5_000);
    Configuration other = new Configuration();
    store.configure(other, CheckpointStore.given(given.toString()));
    assertEquals(RecoveryClaimMode.NO_CLAIM, other.get(StateRecoveryOptions.RESTORE_MODE));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CheckpointStore.given(dir.resolve("nothing-here").toString()));
    assertTrue(
        e.getMessage().endsWith("not a complete savepoint or checkpoint (no _metadata file)"));
  }

  @Test
  void jobsThatReadOrCommitDifferentlyNeverShareADirectory() {
    String a = JobIdentity.monitor(KAFKA, "aimon-monitor").directoryName();
    assertTrue(a.matches("monitor-aimon-monitor-[0-9a-f]{12}"), a);
    assertEquals(a, JobIdentity.monitor(KAFKA, "aimon-monitor").directoryName(), "stable");
    assertNotEquals(a, JobIdentity.monitor(KAFKA, "other").directoryName());
    assertNotEquals(
        a,
        JobIdentity.monitor(KAFKA.toBuilder().groupId("g2").build(), "aimon-monitor")
            .directoryName());
    assertNotEquals(
        a,
        JobIdentity.monitor(KAFKA.toBuilder().inferenceTopic("t2").build(), "aimon-monitor")
            .directoryName());
    assertNotEquals(
        a,
        JobIdentity.monitor(KAFKA.toBuilder().bootstrapServers("b2:9092").build(), "aimon-monitor")
            .directoryName());
    assertTrue(JobIdentity.alert(KAFKA, "aimon-monitor").directoryName().startsWith("alert-"));
  }

  @Test
  void aJobWithoutTracesStartsAndOneWithTracesIsRefusedNamingThem() {
    CheckpointStore store = new CheckpointStore(dir.toString(), JobIdentity.monitor(KAFKA, "p"));
    StartGuard.Traces none = new StartGuard.Traces(0, java.util.Set.of(), java.util.Set.of());
    assertEquals(Optional.empty(), none.refusal(store, KAFKA, "/data/evidence"));
    StartGuard.Traces offsets = new StartGuard.Traces(3, java.util.Set.of(), java.util.Set.of());
    String refusal = offsets.refusal(store, KAFKA, null).orElseThrow();
    assertEquals(
        "no checkpoint of this job under "
            + store.location()
            + ", but it ran before (consumer group aimon has committed offsets on"
            + " aimon.inference): starting with empty state would lose its open windows and"
            + " incidents and start a second evidence chain. Restore that directory, or start"
            + " from a savepoint with --from-savepoint PATH; to go on without the state, continue"
            + " the chains with --continue-chain (the break is recorded as evidence); to start"
            + " over on purpose, use a new kafka.group_id, evidence.dir and evidence topic.",
        refusal);
    StartGuard.Traces all =
        new StartGuard.Traces(1, java.util.Set.of("m2", "m1"), java.util.Set.of("m1"));
    assertTrue(
        all.refusal(store, KAFKA, "/data/evidence")
            .orElseThrow()
            .contains(
                "; /data/evidence holds the evidence chain of m1, m2; topic aimon.evidence holds"
                    + " the evidence chain of m1)"));
  }

  private static Path complete(Path snapshot, long mtime) throws Exception {
    Files.createDirectories(snapshot);
    Path metadata = Files.writeString(snapshot.resolve("_metadata"), "x");
    metadata.toFile().setLastModified(mtime);
    return snapshot;
  }

  /** Flink paths print {@code file:/x}; the URI form of java.nio prints {@code file:///x/}. */
  private static String uri(String flinkPath) {
    return Path.of(java.net.URI.create(flinkPath.replaceFirst("^file:/+", "file:///")))
        .toUri()
        .toString();
  }
}
