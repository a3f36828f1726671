package io.aimon.jobs.state;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A planned stop of a job running in the {@code aimon} process: the first SIGTERM or SIGINT
 * (Ctrl-C) stops the job with a savepoint in the job's {@link CheckpointStore}, which the next
 * {@code aimon run} resumes from; the process then exits 0. A second signal while the savepoint is
 * being taken exits at once (130), leaving the latest checkpoint to resume from.
 *
 * <p>On a Flink cluster the same stop is {@code flink stop --savepointPath DIR JOB_ID}.
 */
public final class GracefulStop {
  private GracefulStop() {}

  /**
   * Starts {@code env}'s job, stops it with a savepoint in {@code store} on SIGTERM or SIGINT, and
   * returns when the job has ended.
   */
  public static void run(
      StreamExecutionEnvironment env, String jobName, CheckpointStore store, PrintWriter err)
      throws Exception {
    JobClient client = env.executeAsync(jobName);
    install(client, store.savepointsDir(), err);
    client.getJobExecutionResult().get();
  }

  /** Handles SIGTERM and SIGINT for {@code client}'s job from now on. */
  public static void install(JobClient client, String savepointDir, PrintWriter err) {
    AtomicBoolean stopping = new AtomicBoolean();
    SignalHandler handler =
        signal -> {
          if (!stopping.compareAndSet(false, true)) {
            err.println("aimon: second SIG" + signal.getName() + ": exiting without a savepoint");
            err.flush();
            Runtime.getRuntime().halt(130);
          }
          Thread t =
              new Thread(
                  () -> {
                    err.println(
                        "aimon: SIG"
                            + signal.getName()
                            + ": stopping with a savepoint under "
                            + savepointDir);
                    err.flush();
                    try {
                      String path =
                          client
                              .stopWithSavepoint(false, savepointDir, SavepointFormatType.CANONICAL)
                              .get();
                      err.println(
                          "aimon: stopped; savepoint " + path + " (aimon run resumes from it)");
                    } catch (Exception e) {
                      err.println(
                          "aimon: the stop with a savepoint failed ("
                              + e.getMessage()
                              + "); the latest checkpoint is kept to resume from");
                      client.cancel();
                    }
                    err.flush();
                  },
                  "aimon-graceful-stop");
          t.setDaemon(true);
          t.start();
        };
    Signal.handle(new Signal("TERM"), handler);
    Signal.handle(new Signal("INT"), handler);
  }
}
