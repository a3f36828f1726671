/**
 * The alert policy: a pure state machine per series ({@link
 * io.aimon.alerting.policy.AlertStateMachine}) that turns the check results of consecutive windows
 * into incident events under an {@link io.aimon.alerting.policy.AlertPolicy} (N-of-M opening,
 * escalation, resolution after consecutive ok windows, cooldown), with a versioned binary form of
 * its state ({@link io.aimon.alerting.policy.SeriesStateCodec}) for Flink checkpoints. No Flink.
 */
package io.aimon.alerting.policy;
