package io.aimon.jobs;

import io.aimon.detectors.event.RawRecord;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Test fault: passes records through; from record {@code holdAt} on it slows down until a
 * checkpoint has completed, then throws once at or after record {@code failAt}, so the failure
 * falls after a checkpoint and before the end of the input. State is static because the MiniCluster
 * runs in this JVM.
 */
public final class FailOnceAfterCheckpoint
    implements MapFunction<RawRecord, RawRecord>, CheckpointListener {
  private static final long serialVersionUID = 1L;
  static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
  public static final AtomicBoolean FAILED = new AtomicBoolean();
  static final AtomicInteger SEEN = new AtomicInteger();

  private final int holdAt;
  private final int failAt;
  private final long holdSleepMillis;

  public FailOnceAfterCheckpoint(int holdAt, int failAt) {
    this(holdAt, failAt, 1);
  }

  /** As above, sleeping {@code holdSleepMillis} per record while it waits for the checkpoint. */
  public FailOnceAfterCheckpoint(int holdAt, int failAt, long holdSleepMillis) {
    this.holdAt = holdAt;
    this.failAt = failAt;
    this.holdSleepMillis = holdSleepMillis;
  }

  public static void reset() {
    CHECKPOINTED.set(false);
    FAILED.set(false);
    SEEN.set(0);
  }

  @Override
  public RawRecord map(RawRecord r) throws Exception {
    int n = SEEN.incrementAndGet();
    if (!FAILED.get() && n >= holdAt && !CHECKPOINTED.get()) {
      // slow down (never block: the task thread must stay free to take the checkpoint barrier)
      Thread.sleep(holdSleepMillis);
    }
    if (!FAILED.get() && n >= failAt && CHECKPOINTED.get()) {
      FAILED.set(true);
      throw new IllegalStateException("injected failure after a checkpoint, at record " + n);
    }
    return r;
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    if (SEEN.get() >= holdAt) {
      CHECKPOINTED.set(true);
    }
  }
}
