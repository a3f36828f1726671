/**
 * Durable job state: where the Kafka jobs keep their checkpoints and savepoints ({@link
 * io.aimon.jobs.state.CheckpointStore}), which job a directory belongs to ({@link
 * io.aimon.jobs.state.JobIdentity}), the checks that keep a job from silently starting over with
 * empty state ({@link io.aimon.jobs.state.StartGuard}) and the planned stop with a savepoint
 * ({@link io.aimon.jobs.state.GracefulStop}).
 */
package io.aimon.jobs.state;
