package io.aimon.jobs.state;

import java.io.PrintWriter;
import java.util.Optional;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where a job's main runs, and how its job is started there.
 *
 * <p>Started with {@code java -jar} (or {@code ./aimon}), the job runs on a local MiniCluster in
 * this process: SIGTERM and Ctrl-C stop it with a savepoint ({@link GracefulStop}) and the process
 * exits with the command's code. Inside Flink ({@code flink run}, a REST or Web UI submission,
 * application mode, the Kubernetes operator) the cluster owns the job: the main submits it and
 * returns (or waits, when the client is attached), never installs signal handlers or exits the JVM,
 * which there is the JobManager's or the client's, and a restore path the cluster was given ({@code
 * execution.state-recovery.path}, which the operator sets on an upgrade) wins over the latest
 * checkpoint in {@code job.checkpoint_dir}.
 */
public final class JobLauncher {
  private JobLauncher() {}

  /**
   * Whether Flink runs this main: it then provides the execution environment (a context
   * environment), where a plain JVM gets a local one.
   */
  public static boolean insideFlink() {
    return !(StreamExecutionEnvironment.getExecutionEnvironment()
        instanceof LocalStreamEnvironment);
  }

  /** The snapshot the Flink cluster was told to restore, if this main runs inside one. */
  public static Optional<String> clusterRestorePath() {
    if (!insideFlink()) {
      return Optional.empty();
    }
    return StreamExecutionEnvironment.getExecutionEnvironment()
        .getConfiguration()
        .getOptional(StateRecoveryOptions.SAVEPOINT_PATH);
  }

  /**
   * Runs {@code env}'s job: inside Flink, submits it (and waits for its end only when the client is
   * attached); in a plain JVM, until it ends or a signal stops it with a savepoint in {@code
   * store}.
   */
  public static void run(
      StreamExecutionEnvironment env, String jobName, CheckpointStore store, PrintWriter err)
      throws Exception {
    if (insideFlink()) {
      env.execute(jobName);
      return;
    }
    GracefulStop.run(env, jobName, store, err);
  }
}
