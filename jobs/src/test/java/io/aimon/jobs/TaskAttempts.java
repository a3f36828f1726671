package io.aimon.jobs;

import io.aimon.detectors.event.RawRecord;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Test probe: passes records through and remembers the highest attempt number its task ran with, so
 * a test can tell whether a run it meant to be failure-free restarted. Static because the
 * MiniCluster runs in this JVM.
 */
public final class TaskAttempts extends RichMapFunction<RawRecord, RawRecord> {
  private static final long serialVersionUID = 1L;
  private static final AtomicInteger HIGHEST = new AtomicInteger();

  public static void reset() {
    HIGHEST.set(0);
  }

  /** The restarts of the probed task so far: 0 for a run that never failed. */
  public static int restarts() {
    return HIGHEST.get();
  }

  @Override
  public void open(OpenContext context) {
    HIGHEST.accumulateAndGet(getRuntimeContext().getTaskInfo().getAttemptNumber(), Math::max);
  }

  @Override
  public RawRecord map(RawRecord r) {
    return r;
  }
}
