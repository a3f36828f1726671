/**
 * Corrective action for incidents (ISO/IEC 42001 clause 10.2): the operator's actions on an
 * incident ({@link io.aimon.alerting.remediation.CorrectiveAction}), the per-incident state they
 * build up ({@link io.aimon.alerting.remediation.Remediation}), the pure step functions that also
 * verify an applied action's effectiveness on the following windows and grade the nonconformity
 * ({@link io.aimon.alerting.remediation.RemediationMachine}), the events that become {@code
 * corrective_action} evidence records ({@link io.aimon.alerting.remediation.RemediationEvent}) and
 * the versioned binary form of the state ({@link io.aimon.alerting.remediation.RemediationCodec}).
 * No Flink, no wall clock: every time is an input.
 */
package io.aimon.alerting.remediation;
